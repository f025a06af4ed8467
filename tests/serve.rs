//! `vanban serve` called over HTTP on 127.0.0.1, as an e-office system calls it: the CLI's
//! bytes, the statuses of broken requests, backpressure, time-outs, draining, batch.

mod common;

use common::http::{call, Service};
use common::*;
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn seed() -> Vec<u8> {
    std::fs::read(fixture("bao-cao-612.json")).unwrap()
}

/// The seed with `n` more paragraphs: a document that takes a worker a while.
fn heavy(n: usize) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(&seed()).unwrap();
    let body = v["body"].as_array_mut().unwrap();
    for i in 0..n {
        body.push(format!("Đoạn {i}: nội dung báo cáo dài vừa một dòng rưỡi trên trang giấy khổ A4, trình bày theo đúng thể thức của Nghị định.").into());
    }
    serde_json::to_vec(&v).unwrap()
}

fn cli_render(input: &[u8], to: &str) -> Vec<u8> {
    let dir = tempdir("serve-cli");
    let out = vanban(&dir, &["render", "-", "--to", to, "-o", "-"], Some(input));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

use common::docx::unzip;

fn problem(r: &common::http::Response, status: u16) -> serde_json::Value {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/problem+json"), "{:?}", r.headers);
    let v = r.json();
    assert_eq!(v["status"], status);
    assert!(v["type"].as_str().is_some_and(|t| t.starts_with("urn:vanban:problem:")), "{v}");
    assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()), "{v}");
    v
}

#[test]
fn render_gives_the_cli_bytes_named_and_tagged() {
    let s = Service::start(&[]);
    let input = seed();
    let pdf = s.call("POST", "/v1/render", &[("Content-Type", "application/json"), ("X-Request-Id", "ho-so-42")], &input);
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(pdf.header("x-request-id"), Some("ho-so-42"));
    assert_eq!(pdf.header("content-disposition"), Some("attachment; filename=\"612-BC-UBND.pdf\"; filename*=UTF-8''612-BC-UBND.pdf"));
    assert!(pdf.body == cli_render(&input, "pdf"), "the PDF differs from `vanban render`'s");
    let tag = pdf.header("etag").unwrap().to_string();
    assert!(tag.starts_with('"') && tag.len() == 34, "{tag}");
    assert_eq!(s.post_json("/v1/render?format=pdf", &input).header("etag"), Some(tag.as_str()), "same input, same tag");

    let docx = s.post_json("/v1/render?format=docx", &input);
    assert_eq!(docx.status, 200);
    assert_eq!(docx.header("content-type"), Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    assert!(docx.body == cli_render(&input, "docx"), "the DOCX differs from `vanban render`'s");
    assert_ne!(docx.header("etag"), Some(tag.as_str()), "another format, another tag");
    assert!(s.post_json("/v1/render", &heavy(1)).header("etag") != Some(tag.as_str()), "another input, another tag");

    let zip = s.post_json("/v1/render?format=zip", &input);
    assert_eq!(zip.status, 200);
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    let files = unzip(&zip.body);
    assert_eq!(files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["612-BC-UBND.pdf", "612-BC-UBND.docx"]);
    assert!(files[0].1 == pdf.body && files[1].1 == docx.body);
    assert!(s.post_json("/v1/render?format=zip", &input).body == zip.body, "the ZIP is the same bytes each time");

    let png = s.post_json("/v1/render?format=png&page=2&ppi=30", &input);
    assert_eq!(png.status, 200, "{}", png.text());
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert!(png.body.starts_with(b"\x89PNG\r\n\x1a\n"));
    // 210 mm at 30 ppi: 248 pixels wide.
    assert_eq!(u32::from_be_bytes(png.body[16..20].try_into().unwrap()), 248);
    let v = problem(&s.post_json("/v1/render?format=png&page=9", &input), 400);
    assert!(v["detail"].as_str().unwrap().contains("3 pages"), "{v}");
    problem(&s.post_json("/v1/render?format=odt", &input), 400);
    problem(&s.post_json("/v1/render?page=2", &input), 400);
    problem(&s.post_json("/v1/render?colour=red", &input), 400);
}

#[test]
fn a_meta_output_names_the_file_in_utf8_and_ascii() {
    let s = Service::start(&[]);
    let mut v: serde_json::Value = serde_json::from_slice(&seed()).unwrap();
    v["meta"] = serde_json::json!({ "output": "Báo cáo Đắk Lắk" });
    let r = s.post_json("/v1/render", &serde_json::to_vec(&v).unwrap());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=\"Bao cao Dak Lak.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%90%E1%BA%AFk%20L%E1%BA%AFk.pdf")
    );
}

#[test]
fn broken_requests_get_their_statuses_and_paths() {
    let s = Service::start(&["--max-body", "200000", "--read-timeout", "1"]);
    // Malformed JSON: 400, with line and column.
    let v = problem(&s.post_json("/v1/render", b"{\n  \"type\": \"bao-cao\",\n  \"issuer\": {\n"), 400);
    assert_eq!(v["diagnostics"][0]["code"], "syntax", "{v}");
    assert!(v["diagnostics"][0]["line"].as_u64().is_some() && v["diagnostics"][0]["column"].as_u64().is_some(), "{v}");
    let v = problem(&s.post_json("/v1/render", b"{\"type\": \"bao-cao\", \"type\": \"to-trinh\"}"), 400);
    assert_eq!(v["diagnostics"][0]["code"], "duplicate-key", "{v}");
    let v = problem(&s.post_json("/v1/render", b"\xff\xfe{}"), 400);
    assert_eq!(v["diagnostics"][0]["code"], "not-utf8", "{v}");
    // A document with errors: 422 naming the path, the CLI's diagnostic objects exactly.
    let mut doc: serde_json::Value = serde_json::from_slice(&seed()).unwrap();
    doc["body"].as_array_mut().unwrap().insert(1, serde_json::json!(5));
    let bad = serde_json::to_vec(&doc).unwrap();
    let v = problem(&s.post_json("/v1/render", &bad), 422);
    assert!(v["diagnostics"].as_array().unwrap().iter().any(|d| d["path"] == "$.body[1]"), "{v}");
    let dir = tempdir("serve-cli-diag");
    let out = vanban(&dir, &["check", "-", "--message-format", "json"], Some(&bad));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"], cli["diagnostics"], "the service's diagnostics are the CLI's");
    // Content types.
    let v = problem(&s.call("POST", "/v1/render", &[("Content-Type", "text/plain")], &seed()), 415);
    assert!(v["detail"].as_str().unwrap().contains("application/json"), "{v}");
    problem(&s.call("POST", "/v1/render", &[], &seed()), 415);
    assert_eq!(s.call("POST", "/v1/render", &[("Content-Type", "application/json; charset=utf-8")], &seed()).status, 200);
    // Over --max-body: 413, by Content-Length and by a chunked upload.
    let mut c = TcpStream::connect(&s.addr).unwrap();
    write!(c, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 450000\r\nConnection: close\r\n\r\n").unwrap();
    let v = problem(&common::http::read_response(&mut c), 413);
    assert_eq!(v["diagnostics"][0]["code"], "too-large");
    assert_eq!(v["diagnostics"][0]["path"], "$");
    let mut c = TcpStream::connect(&s.addr).unwrap();
    write!(c, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").unwrap();
    // 21 chunks of 10 kB cross the limit of 200 kB in the last one; no more is sent, so the
    // server has read all there is when it answers.
    for _ in 0..21 {
        let chunk = vec![b' '; 10_000];
        write!(c, "{:x}\r\n", chunk.len()).and_then(|_| c.write_all(&chunk)).and_then(|_| c.write_all(b"\r\n")).unwrap();
    }
    problem(&common::http::read_response(&mut c), 413);
    // A slow upload: 408 after the read timeout, and it holds no worker meanwhile.
    let mut slow = TcpStream::connect(&s.addr).unwrap();
    write!(slow, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{{\"type\"").unwrap();
    let t = Instant::now();
    let v = problem(&common::http::read_response(&mut slow), 408);
    assert!(t.elapsed() >= Duration::from_millis(900) && t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(v["type"], "urn:vanban:problem:read-timeout");
    // Unknown routes and methods.
    problem(&s.get("/v2/render"), 404);
    problem(&s.get("/v1/render"), 405);
    let m = s.get("/metrics").text();
    assert!(m.contains("vanban_rejections_total{reason=\"read-timeout\"} 1"), "{m}");
    assert!(m.contains("vanban_rejections_total{reason=\"too-large\"} 2"), "{m}");
    assert!(m.contains("vanban_http_requests_total{route=\"/v1/render\",status=\"422\"} 1"), "{m}");
}

#[test]
fn a_slow_client_holds_no_worker() {
    let s = Service::start(&["--workers", "1", "--queue", "0", "--read-timeout", "5"]);
    let mut slow = TcpStream::connect(&s.addr).unwrap();
    write!(slow, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{{").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..3 {
        let r = s.post_json("/v1/render", &seed());
        assert_eq!(r.status, 200, "the only worker is free while a body trickles in: {}", r.text());
    }
    drop(slow);
}

#[test]
fn check_layout_and_the_contract() {
    let s = Service::start(&[]);
    let r = s.post_json("/v1/check", &seed());
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), serde_json::json!({ "ok": true, "diagnostics": [] }));
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("cong-van-xa.json")).unwrap()).unwrap();
    doc["distribution"] = serde_json::json!(["Như trên"]);
    let r = s.post_json("/v1/check", &serde_json::to_vec(&doc).unwrap());
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["ok"], true);
    assert!(v["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == "no-luu-vt" && d["severity"] == "warning"), "{v}");
    let rendered = s.post_json("/v1/render", &serde_json::to_vec(&doc).unwrap());
    assert_eq!(rendered.header("x-vanban-warnings"), Some("no-luu-vt"));
    doc["date"] = "2026-02-30".into();
    let v = problem(&s.post_json("/v1/check", &serde_json::to_vec(&doc).unwrap()), 422);
    assert!(v["diagnostics"].as_array().unwrap().iter().any(|d| d["path"] == "$.date" && d["code"] == "invalid-date"), "{v}");

    let l = s.post_json("/v1/layout", &seed());
    assert_eq!(l.status, 200);
    let dir = tempdir("serve-layout");
    std::fs::write(dir.join("in.json"), seed()).unwrap();
    let out = vanban(&dir, &["layout", "in.json"], None);
    assert_eq!(l.json(), serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(), "the layout report is the CLI's");

    let schema = s.get("/v1/schema");
    assert_eq!(schema.header("content-type"), Some("application/schema+json"));
    let out = vanban(&dir, &["schema"], None);
    assert_eq!(schema.json(), serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap());
    let types = s.get("/v1/types").json();
    assert_eq!(types.as_array().unwrap().len(), 29);
    assert!(types.as_array().unwrap().iter().any(|t| t["slug"] == "to-trinh" && t["abbreviation"] == "TTr"));
    let starter = s.get("/v1/types/cong-van/starter");
    assert_eq!(starter.status, 200);
    assert_eq!(starter.body, vanban(&dir, &["new", "cong-van"], None).stdout.strip_suffix(b"\n").unwrap());
    problem(&s.get("/v1/types/cong-van-huyen/starter"), 404);
}

#[test]
fn probes_version_metrics_openapi() {
    let s = Service::start(&[]);
    assert_eq!(s.get("/livez").status, 200);
    assert_eq!(s.get("/readyz").status, 200);
    let v = s.get("/version").json();
    assert_eq!(v["vanban"], env!("CARGO_PKG_VERSION"));
    let api = s.get("/openapi.json").json();
    assert!(api["openapi"].as_str().unwrap().starts_with("3.1"), "{}", api["openapi"]);
    assert_eq!(api["paths"]["/v1/render"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Document");
    s.post_json("/v1/render", &seed());
    let m = s.get("/metrics");
    assert!(m.header("content-type").unwrap().starts_with("text/plain; version=0.0.4"));
    let m = m.text();
    for needle in [
        "vanban_http_requests_total{route=\"/v1/render\",status=\"200\"} 1",
        "vanban_render_duration_seconds_count{kind=\"pdf\"} 1",
        "vanban_queue_wait_seconds_count 1",
        "vanban_renders_in_flight 0",
        "vanban_http_request_duration_seconds_bucket{route=\"/v1/render\",le=\"+Inf\"} 1",
    ] {
        assert!(m.contains(needle), "{needle} not in\n{m}");
    }
    // One structured line per request on stderr, with its id.
    std::thread::sleep(Duration::from_millis(100));
    let log = s.log();
    assert!(log.lines().any(|l| l.contains("path=/v1/render") && l.contains("status=200") && l.contains("request_id=")), "{log}");
    // CORS only when asked for.
    assert!(s.post_json("/v1/check", &seed()).header("access-control-allow-origin").is_none());
    let c = Service::start(&["--cors", "https://vanphong.example.gov.vn"]);
    let pre = c.call("OPTIONS", "/v1/render", &[("Origin", "https://vanphong.example.gov.vn"), ("Access-Control-Request-Method", "POST")], b"");
    assert_eq!(pre.status, 204);
    assert_eq!(pre.header("access-control-allow-origin"), Some("https://vanphong.example.gov.vn"));
}

/// Beyond the workers and the queue, 503 at once with Retry-After; nothing but 200 and 503.
#[test]
fn a_full_queue_answers_503_at_once() {
    let s = Service::start(&["--workers", "1", "--queue", "1"]);
    let body = heavy(3000);
    let statuses: Vec<(u16, Option<String>, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    let t = Instant::now();
                    let r = s.post_json("/v1/render", &body);
                    (r.status, r.header("retry-after").map(str::to_string), t.elapsed())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(statuses.iter().all(|(st, _, _)| *st == 200 || *st == 503), "{statuses:?}");
    let ok = statuses.iter().filter(|s| s.0 == 200).count();
    let refused: Vec<_> = statuses.iter().filter(|s| s.0 == 503).collect();
    assert!(ok >= 2 && !refused.is_empty(), "{statuses:?}");
    assert!(refused.iter().all(|r| r.1.as_deref() == Some("1")), "Retry-After: {statuses:?}");
    let slowest_ok = statuses.iter().filter(|s| s.0 == 200).map(|s| s.2).max().unwrap();
    assert!(refused.iter().all(|r| r.2 < slowest_ok), "a refusal comes at once, not after a wait: {statuses:?}");
    let m = s.get("/metrics").text();
    assert!(m.contains(&format!("vanban_rejections_total{{reason=\"queue-full\"}} {}", refused.len())), "{m}");
}

#[test]
fn a_render_past_its_timeout_is_504_and_the_service_goes_on() {
    let s = Service::start(&["--workers", "1", "--render-timeout", "0.05"]);
    let v = problem(&s.post_json("/v1/render", &heavy(3000)), 504);
    assert_eq!(v["type"], "urn:vanban:problem:render-timeout");
    // The worker finishes the render in the background, then takes the next one.
    let t = Instant::now();
    loop {
        let m = s.get("/metrics").text();
        if m.contains("vanban_renders_in_flight 0") {
            assert!(m.contains("vanban_rejections_total{reason=\"render-timeout\"} 1"), "{m}");
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(30), "the timed-out render never ended: {m}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let s2 = Service::start(&["--workers", "1", "--render-timeout", "20"]);
    assert_eq!(s2.post_json("/v1/render", &seed()).status, 200);
}

#[test]
fn sigterm_finishes_what_is_in_flight_then_exits() {
    let mut s = Service::start(&["--shutdown-timeout", "20"]);
    let addr = s.addr.clone();
    let body = heavy(3000);
    let pending = std::thread::spawn(move || call(&addr, "POST", "/v1/render", &[("Content-Type", "application/json")], &body));
    std::thread::sleep(Duration::from_millis(150));
    s.terminate();
    let r = pending.join().unwrap();
    assert_eq!(r.status, 200, "the request in flight is answered: {}", r.text());
    assert!(r.body.starts_with(b"%PDF-"));
    let status = s.wait(Duration::from_secs(20)).expect("it exits after draining");
    assert!(status.success(), "{status:?}");
    assert!(TcpStream::connect(&s.addr).is_err(), "nothing listens after the exit");
    assert!(s.log().contains("draining"), "{}", s.log());
}

#[test]
fn batch_streams_a_zip_with_the_cli_results() {
    let s = Service::start(&[]);
    let mut ndjson = Vec::new();
    for f in ["bao-cao-612.json", "cong-van-xa.json", "to-trinh-so-tttt.json"] {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture(f)).unwrap()).unwrap();
        ndjson.extend(serde_json::to_vec(&v).unwrap());
        ndjson.push(b'\n');
    }
    ndjson.extend(b"\n{\"type\": \"bao-cao\"}\n{\"type\":\n");
    let r = s.call("POST", "/v1/batch", &[("Content-Type", "application/x-ndjson")], &ndjson);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("transfer-encoding"), Some("chunked"), "streamed");
    let files = unzip(&r.body);
    let dir = tempdir("serve-batch");
    let out = vanban(&dir, &["batch", "--ndjson", "-", "--message-format", "json"], Some(&ndjson));
    assert_eq!(out.status.code(), Some(2));
    let mut cli: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    cli.sort();
    let (results, docs): (Vec<_>, Vec<_>) = files.iter().partition(|f| f.0 == "results.ndjson");
    assert_eq!(files.last().unwrap().0, "results.ndjson", "results come last");
    let mut ours: Vec<String> = String::from_utf8(results[0].1.clone()).unwrap().lines().map(str::to_string).collect();
    assert_eq!(ours.len(), 5, "one line per document line: {ours:?}");
    assert!(ours[0].contains("\"input\":\"-:1\"") && ours[4].contains("\"input\":\"-:6\""), "in input order: {ours:?}");
    ours.sort();
    assert_eq!(ours, cli, "results.ndjson is what `vanban batch --message-format json` prints");
    assert_eq!(docs.len(), 6);
    for (name, bytes) in docs {
        assert!(std::fs::read(dir.join(name)).unwrap() == *bytes, "{name} differs from the CLI's");
    }
    let pdfs = s.call("POST", "/v1/batch?to=pdf", &[("Content-Type", "application/x-ndjson")], &ndjson);
    assert_eq!(unzip(&pdfs.body).iter().filter(|f| f.0.ends_with(".pdf")).count(), 3);
    assert_eq!(unzip(&pdfs.body).len(), 4);
    problem(&s.call("POST", "/v1/batch", &[("Content-Type", "application/json")], &ndjson), 415);
}
