//! A PostgreSQL cluster of the test's own: `initdb` in a temporary folder (as the `postgres`
//! user when the test runs as root, as CI does), a server on a free loopback port, stopped when
//! dropped. Real PostgreSQL, never a mock.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster.
pub struct Cluster {
    data: PathBuf,
    bin: PathBuf,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql").into_iter().flatten().flatten().map(|e| e.path().join("bin")).filter(|p| p.join("initdb").exists()).collect();
    found.sort();
    if let Some(b) = found.pop() {
        return b;
    }
    let out = Command::new("sh").args(["-c", "command -v initdb"]).output().unwrap();
    assert!(out.status.success(), "VANBAN_EXTERNAL=1 but PostgreSQL (initdb) is not installed");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).parent().unwrap().to_path_buf()
}

fn root_user() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Run a PostgreSQL program, as `postgres` when we are root.
fn pg(bin: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let exe = bin.join(program);
    let mut c = if root_user() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    c.args(args).output().unwrap()
}

impl Cluster {
    /// Make and start a cluster in `dir`.
    pub fn start(dir: &Path) -> Cluster {
        let bin = bin_dir();
        let data = dir.join("pgdata");
        std::fs::create_dir_all(&data).unwrap();
        if root_user() {
            let ok = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir).status().unwrap();
            assert!(ok.success());
        }
        let out = pg(&bin, "initdb", &["-D", data.to_str().unwrap(), "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"]);
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let opts = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", data.display());
        let log = data.join("server.log");
        let out = pg(&bin, "pg_ctl", &["-D", data.to_str().unwrap(), "-o", &opts, "-l", log.to_str().unwrap(), "-w", "start"]);
        assert!(out.status.success(), "pg_ctl start: {} {}", String::from_utf8_lossy(&out.stderr), std::fs::read_to_string(&log).unwrap_or_default());
        Cluster { data, bin, port }
    }

    /// The URL of its `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = pg(&self.bin, "pg_ctl", &["-D", self.data.to_str().unwrap(), "-m", "immediate", "stop"]);
    }
}
