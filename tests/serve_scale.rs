//! Scaling out with existing tools (VANBAN_EXTERNAL=1): the shipped nginx configuration in
//! front of two `vanban serve`, each stopped with SIGTERM and started again under load; the
//! Kubernetes manifests against the Kubernetes schemas.

mod common;

use common::http::{call, Service};
use common::*;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

fn external() -> bool {
    let on = std::env::var("VANBAN_EXTERNAL").is_ok_and(|v| v == "1");
    if !on {
        eprintln!("VANBAN_EXTERNAL is not 1: nginx and kubernetes-validate tests not run");
    }
    on
}

fn tool(name: &str) -> String {
    let out = Command::new("sh").arg("-c").arg(format!("command -v {name} || command -v /usr/sbin/{name}")).output().unwrap();
    assert!(out.status.success(), "VANBAN_EXTERNAL=1 but {name} is not installed");
    String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or_default().trim().to_string()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Nginx(Child);
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
fn nginx(dir: &std::path::Path, listen: u16, upstreams: &[&str]) -> Nginx {
    let shipped = std::fs::read_to_string(root().join("deploy/nginx/vanban.conf")).unwrap();
    let mut servers = upstreams.iter();
    let site: String = shipped
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("server 127.0.0.1:") {
                let rest = t.split_once(' ').unwrap().1.split_once(' ').map_or("", |r| r.1);
                format!("    server {} {rest}", servers.next().expect("as many upstream lines as instances"))
            } else if t.starts_with("listen ") {
                format!("    listen 127.0.0.1:{listen};")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(servers.next().is_none(), "the shipped upstream has two instances");
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

/// 1,000 requests through nginx while one instance is stopped with SIGTERM and started
/// again: every one answered 200 with the CLI's bytes.
#[test]
fn nginx_in_front_of_two_instances_loses_nothing_on_restarts() {
    if !external() {
        return;
    }
    let dir = tempdir("nginx");
    let docs: Vec<(Vec<u8>, Vec<u8>)> = ["bao-cao-612.json", "cong-van-xa.json", "giay-moi-hoi-nghi.json"]
        .iter()
        .map(|f| {
            let input = std::fs::read(fixture(f)).unwrap();
            let out = vanban(&dir, &["render", "-", "--to", "pdf", "-o", "-"], Some(&input));
            assert!(out.status.success());
            (input, out.stdout)
        })
        .collect();
    let instances = Mutex::new(vec![Service::start(&["--shutdown-timeout", "20"]), Service::start(&["--shutdown-timeout", "20"])]);
    let addrs: Vec<String> = instances.lock().unwrap().iter().map(|s| s.addr.clone()).collect();
    let port = free_port();
    let _nginx = nginx(&dir, port, &[&addrs[0], &addrs[1]]);
    let front = format!("127.0.0.1:{port}");

    const TOTAL: usize = 1000;
    let next = AtomicUsize::new(0);
    let answered = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::<String>::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= TOTAL {
                    break;
                }
                let (input, pdf) = &docs[k % docs.len()];
                let r = call(&front, "POST", "/v1/render", &[("Content-Type", "application/json")], input);
                if r.status != 200 || r.body != *pdf {
                    failures.lock().unwrap().push(format!("request {k}: {} {}", r.status, String::from_utf8_lossy(&r.body[..r.body.len().min(300)])));
                }
                answered.fetch_add(1, Ordering::SeqCst);
            });
        }
        // Restart instance 0 after a quarter of the requests. (Restarting the other one too
        // must wait for nginx's fail_timeout, as a rolling restart waits for readiness.)
        for (which, at) in [(0usize, TOTAL / 4)] {
            while answered.load(Ordering::SeqCst) < at {
                std::thread::sleep(Duration::from_millis(5));
            }
            let mut list = instances.lock().unwrap();
            list[which].terminate();
            let status = list[which].wait(Duration::from_secs(30)).expect("the instance exits after draining");
            assert!(status.success(), "instance {which} exit: {status:?}");
            let again = Service::start_on(&addrs[which], &["--shutdown-timeout", "20"]);
            assert_eq!(again.addr, addrs[which]);
            list[which] = again;
            let by_then = answered.load(Ordering::SeqCst);
            assert!(by_then < TOTAL, "the load must outlast the restart (it ended first; make TOTAL larger)");
            eprintln!("instance {which} stopped and started again after {at}..{by_then} answers");
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} of {TOTAL} failed, first: {:?}", failures.len(), &failures[..failures.len().min(5)]);
    assert_eq!(answered.load(Ordering::SeqCst), TOTAL);
    // Both restarted instances serve again.
    for s in instances.lock().unwrap().iter() {
        assert_eq!(s.post_json("/v1/render", &docs[0].0).body, docs[0].1);
    }
}

#[test]
fn kubernetes_manifests_match_the_schemas() {
    if !external() {
        return;
    }
    let file = root().join("deploy/kubernetes/vanban.yaml");
    let out = Command::new(tool("kubernetes-validate")).args(["--strict", file.to_str().unwrap()]).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{said}");
    for kind in ["deployment/vanban", "service/vanban", "horizontalpodautoscaler/vanban"] {
        assert!(said.contains(&format!("passed for resource {kind}")), "{kind} not checked: {said}");
    }
    // The probes are the service's routes.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("path: /readyz") && text.contains("path: /livez"));
}
