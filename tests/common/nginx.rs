//! nginx in front of test instances: the shipped `deploy/nginx/vanban.conf` with the test's
//! ports, inside a minimal nginx.conf, run from a temporary folder.

use super::root;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn tool(name: &str) -> String {
    let out = Command::new("sh").arg("-c").arg(format!("command -v {name} || command -v /usr/sbin/{name}")).output().unwrap();
    assert!(out.status.success(), "VANBAN_EXTERNAL=1 but {name} is not installed");
    String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or_default().trim().to_string()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub struct Nginx(Child);
impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM, not SIGKILL: the master then stops its workers too.
        // SAFETY: signalling our own child process.
        unsafe {
            libc::kill(self.0.id() as i32, libc::SIGTERM);
        }
        let _ = self.0.wait();
    }
}

/// deploy/nginx/vanban.conf with the test's ports, inside a minimal nginx.conf.
pub fn nginx(dir: &std::path::Path, listen: u16, upstreams: &[&str]) -> Nginx {
    let shipped = std::fs::read_to_string(root().join("deploy/nginx/vanban.conf")).unwrap();
    // The shipped upstream's server lines become one line per instance of the test.
    let mut done = false;
    let mut lines = Vec::new();
    for l in shipped.lines() {
        let t = l.trim_start();
        if t.starts_with("server 127.0.0.1:") {
            if !done {
                let rest = t.split_once(' ').unwrap().1.split_once(' ').map_or("", |r| r.1).to_string();
                lines.extend(upstreams.iter().map(|u| format!("    server {u} {rest}")));
                done = true;
            }
        } else if t.starts_with("listen ") {
            lines.push(format!("    listen 127.0.0.1:{listen};"));
        } else {
            lines.push(l.to_string());
        }
    }
    assert!(done, "the shipped configuration has an upstream");
    let site = lines.join("\n");
    for sub in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).unwrap();
        // nginx's workers run as nobody when the test runs as root.
        let _ = Command::new("chmod").args(["777", p.to_str().unwrap()]).status();
    }
    let d = dir.display();
    let conf = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\nevents {{ worker_connections 1024; }}\nhttp {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n{site}\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    let test = Command::new(tool("nginx")).args(["-t", "-p"]).arg(dir).arg("-c").arg(dir.join("nginx.conf")).output().unwrap();
    assert!(test.status.success(), "nginx -t: {}", String::from_utf8_lossy(&test.stderr));
    let child = Command::new(tool("nginx")).arg("-p").arg(dir).arg("-c").arg(dir.join("nginx.conf")).stderr(Stdio::null()).spawn().unwrap();
    let t = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", listen)).is_err() {
        assert!(t.elapsed() < Duration::from_secs(10), "nginx did not start: {}", std::fs::read_to_string(dir.join("error.log")).unwrap_or_default());
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx(child)
}

