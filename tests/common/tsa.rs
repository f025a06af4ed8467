//! A timestamp authority on 127.0.0.1 for tests: a small HTTP handler that hands each
//! request to `openssl ts -reply` (the TSA of the test PKI), and servers that misbehave.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

/// What the server does with a request.
#[derive(Clone, Copy)]
pub enum Behaviour {
    /// Answer with `openssl ts -reply`.
    Openssl,
    /// Answer HTTP 500.
    Error,
    /// Read the request and never answer.
    Silent,
}

/// Start a TSA in a thread; its URL.
pub fn start(pki_dir: PathBuf, behaviour: Behaviour) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut n = 0;
        let mut held = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let Some(body) = read_request(&mut s) else { continue };
            n += 1;
            match behaviour {
                Behaviour::Silent => held.push(s), // keep the connection open, say nothing
                Behaviour::Error => {
                    let _ = s.write_all(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\nerror");
                }
                Behaviour::Openssl => {
                    let q = pki_dir.join(format!("req{n}.tsq"));
                    let r = pki_dir.join(format!("resp{n}.tsr"));
                    std::fs::write(&q, &body).unwrap();
                    let out = Command::new("openssl")
                        .current_dir(&pki_dir)
                        .args(["ts", "-reply", "-config", "ts.cnf", "-queryfile", q.to_str().unwrap(), "-out", r.to_str().unwrap()])
                        .output()
                        .unwrap();
                    let reply = if out.status.success() { std::fs::read(&r).unwrap() } else { Vec::new() };
                    let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", reply.len());
                    let _ = s.write_all(head.as_bytes());
                    let _ = s.write_all(&reply);
                }
            }
        }
    });
    format!("http://127.0.0.1:{port}/tsa")
}

/// The body of one HTTP/1.1 POST (Content-Length).
fn read_request(s: &mut std::net::TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = s.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse().ok()).unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(buf[end + 4..end + 4 + len].to_vec());
        }
    }
}
