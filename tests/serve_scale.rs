//! Scaling out with existing tools (VANBAN_EXTERNAL=1): the shipped nginx configuration in
//! front of two `vanban serve`, each stopped with SIGTERM and started again under load; the
//! Kubernetes manifests against the Kubernetes schemas.

mod common;

use common::http::{call, Service};
use common::nginx::{free_port, nginx, tool};
use common::*;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

fn external() -> bool {
    let on = std::env::var("VANBAN_EXTERNAL").is_ok_and(|v| v == "1");
    if !on {
        eprintln!("VANBAN_EXTERNAL is not 1: nginx and kubernetes-validate tests not run");
    }
    on
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
