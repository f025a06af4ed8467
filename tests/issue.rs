//! Issuing over HTTP and on the command line: tokens and keys, `/v1/issue` taking the next
//! number of the document's series with the agency's signature, all or nothing, idempotent per
//! draft; the register in SQLite (one file, two processes) and, with VANBAN_EXTERNAL=1, in a
//! PostgreSQL cluster of its own shared by instances that are killed while they issue.

mod common;

use common::http::{call, multipart, Service};
use common::signing::*;
use common::*;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// The token the e-office system holds, and one that may only render.
const TOKEN: &str = "tok-eoffice-7f3a9c";
const RENDER_TOKEN: &str = "tok-render-only-11";
/// A token that may issue and sign, but only with another key.
const OTHER_KEY_TOKEN: &str = "tok-leader-key-only-5";

fn sha_hex(s: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Drafts made in the test process: the kế hoạch dự thảo (no number, dated "YEAR") with its
/// own subject, rendered and signed by the leader.
struct Drafts {
    engine: vanban::Engine,
    leader: vanban::sign::Signer,
    template: Value,
}

impl Drafts {
    fn new(s: &Setup) -> Drafts {
        let engine = vanban::Engine::new(vanban::Options::default()).unwrap();
        let leader = vanban::sign::Signer::from_pkcs12(&std::fs::read(&s.leader).unwrap(), common::keys::PASSWORD).unwrap();
        let template: Value = serde_json::from_slice(&std::fs::read(fixture("ke-hoach-du-thao.json")).unwrap()).unwrap();
        Drafts { engine, leader, template }
    }

    /// (document JSON, the leader-signed draft).
    fn make(&self, subject: &str, year: i32, secret: bool) -> (Vec<u8>, Vec<u8>) {
        let mut v = self.template.clone();
        v["subject"] = subject.into();
        v["date"] = year.to_string().into();
        if secret {
            v["secrecy"] = "mat".into();
        }
        let json = serde_json::to_vec_pretty(&v).unwrap();
        let model = self.engine.parse(&json).unwrap_or_else(|e| panic!("{e:?}"));
        let pdf = self.engine.pdf(&self.engine.prepare(&model, &json)).unwrap();
        let time = chrono::DateTime::parse_from_rfc3339(&format!("{year}-03-09T09:00:00+07:00")).unwrap();
        let req = vanban::sign::SignRequest { field: "signer".into(), time: Some(time), ..Default::default() };
        let signed = vanban::sign::sign(&pdf, &req, &self.leader, self.engine.fonts()).unwrap();
        (json, signed.pdf)
    }
}


/// The keys file (the agency's .p12 and seal, and an expired key) and the tokens file.
fn service_files(s: &Setup) -> (PathBuf, PathBuf) {
    let d = &s.dir;
    let expired = s.pki.leaf("expired", "Văn thư (hết hạn)", common::keys::Alg::P256, "20250101000000Z", "20250601000000Z", "leaf", false);
    let keys = serde_json::json!({
        "keys": {
            "van-thu": {"p12": s.agency, "pass_file": s.pki.pass_file(), "image": d.join("seal.png")},
            "het-han": {"p12": expired, "pass_file": s.pki.pass_file()},
        },
        "series": [{"issuer": "UBND"}, {"issuer": "UBND", "secret": true}],
    });
    std::fs::write(d.join("keys.json"), serde_json::to_vec_pretty(&keys).unwrap()).unwrap();
    let tokens = format!(
        "# the e-office system\neoffice {} van-thu,het-han render,issue,register,sign,verify\nrender-only {} * render\nleader-only {} lanh-dao issue,sign\n",
        sha_hex(TOKEN),
        sha_hex(RENDER_TOKEN),
        sha_hex(OTHER_KEY_TOKEN)
    );
    std::fs::write(d.join("tokens.txt"), tokens).unwrap();
    (d.join("keys.json"), d.join("tokens.txt"))
}

fn auth(token: &str) -> String {
    format!("Bearer {token}")
}

/// Issue one draft: the answer.
fn issue(addr: &str, token: &str, query: &str, json: &[u8], pdf: &[u8]) -> common::http::Response {
    let (ct, body) = multipart(&[("document", json), ("pdf", pdf)]);
    let a = auth(token);
    call(addr, "POST", &format!("/v1/issue?{query}"), &[("Content-Type", &ct), ("Authorization", &a)], &body)
}

/// One instance on SQLite: tokens, keys, numbers per series, idempotent retries, a failed
/// signature that consumes no number, a void, the book.
#[test]
fn issue_over_http_with_sqlite() {
    let Some(s) = setup("issue-sqlite") else { return };
    let d = &s.dir;
    let (keys, tokens) = service_files(&s);
    let db = d.join("register.db");
    let svc = Service::start(&["--keys", keys.to_str().unwrap(), "--tokens", tokens.to_str().unwrap(), "--register", &format!("sqlite:{}", db.display())]);
    let drafts = Drafts::new(&s);
    let (j1, p1) = drafts.make("Chuyển đổi số năm 2026", 2026, false);

    // Tokens: none 401, unknown 401, a route not allowed 403, a key not allowed… and a foreign Origin 403.
    let (ct, body) = multipart(&[("document", &j1), ("pdf", &p1)]);
    let r = call(&svc.addr, "POST", "/v1/issue?key=van-thu&date=2026-03-09", &[("Content-Type", &ct)], &body);
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.header("www-authenticate").is_some_and(|v| v.starts_with("Bearer")));
    assert_eq!(issue(&svc.addr, "wrong", "key=van-thu", &j1, &p1).status, 401);
    assert_eq!(issue(&svc.addr, RENDER_TOKEN, "key=van-thu", &j1, &p1).status, 403, "a render-only token cannot issue");
    let r = issue(&svc.addr, OTHER_KEY_TOKEN, "key=van-thu", &j1, &p1);
    assert_eq!(r.status, 403, "a key the token may not use: {}", r.text());
    let pdf_h = [("Content-Type", "application/pdf"), ("Authorization", &auth(RENDER_TOKEN) as &str)];
    assert_eq!(call(&svc.addr, "POST", "/v1/sign?field=signer&key=van-thu", &pdf_h, &p1).status, 403, "a render-only token cannot sign");
    let a = auth(TOKEN);
    let r = call(&svc.addr, "POST", "/v1/issue?key=van-thu", &[("Content-Type", &ct), ("Authorization", &a), ("Origin", "https://evil.example")], &body);
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(call(&svc.addr, "GET", "/livez", &[], b"").status, 200, "probes need no token");

    // The first issue: number 1 of UBND's 2026 series.
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2026-03-09", &j1, &p1);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("x-vanban-number"), Some("1"));
    assert_eq!(r.header("x-vanban-symbol"), Some("01/KH-UBND"));
    let location = r.header("location").unwrap().to_string();
    let first = r.body.clone();
    std::fs::write(d.join("issued1.pdf"), &first).unwrap();
    let (report, code) = verify(d, "issued1.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    // The same signed draft again (a retry after a lost answer): the same entry and PDF.
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2026-03-09", &j1, &p1);
    assert_eq!((r.status, r.header("x-vanban-number")), (200, Some("1")));
    assert!(r.body == first, "the retry gets the same PDF");
    // A draft that is not what its document renders to.
    let (j2, p2) = drafts.make("Kế hoạch thứ hai", 2026, false);
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2026-03-10", &j1, &p2);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("document-mismatch"));
    // A key whose certificate expired: 503, and no number used.
    let r = issue(&svc.addr, TOKEN, "key=het-han&date=2026-03-10", &j2, &p2);
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("key-unavailable"));
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2026-03-10", &j2, &p2);
    assert_eq!(r.header("x-vanban-number"), Some("2"), "the failed signature consumed no number: {}", r.text());
    // A date outside the draft's year.
    let (j3, p3) = drafts.make("Kế hoạch thứ ba", 2026, false);
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2027-01-02", &j3, &p3);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("date-year"));
    // A secret document: its own series.
    let (js, ps) = drafts.make("Kế hoạch mật", 2026, true);
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2026-03-11", &js, &ps);
    assert_eq!(r.header("x-vanban-number"), Some("1"), "{}", r.text());
    // The first document of a new year: 01 again.
    let (jy, py) = drafts.make("Kế hoạch năm 2027", 2027, false);
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2027-01-04", &jy, &py);
    assert_eq!(r.header("x-vanban-number"), Some("1"), "{}", r.text());

    // The register: entries with their columns; a void keeps its number out of use.
    let get = |path: &str| call(&svc.addr, "GET", path, &[("Authorization", &a)], b"");
    let list = get("/v1/register?issuer=UBND&year=2026").json();
    let entries = list.as_array().unwrap();
    assert_eq!(entries.len(), 3, "{list:#}");
    let e1 = &entries[0];
    assert_eq!((e1["number"].as_u64(), e1["symbol"].as_str(), e1["date"].as_str()), (Some(1), Some("01/KH-UBND"), Some("2026-03-09")));
    assert_eq!(e1["type"], "Kế hoạch");
    assert_eq!(e1["subject"], "Chuyển đổi số năm 2026");
    assert_eq!(e1["key"], "van-thu");
    assert!(e1["voided"].is_null());
    assert_eq!(get(&location).json()["id"], e1["id"]);
    let id2 = entries.iter().find(|e| e["number"] == 2 && e["series"] == "UBND/2026/*").unwrap()["id"].as_i64().unwrap();
    let r = call(&svc.addr, "POST", &format!("/v1/register/{id2}/void"), &[("Content-Type", "application/json"), ("Authorization", &a)], r#"{"reason": "Sai trích yếu"}"#.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["voided"]["reason"], "Sai trích yếu");
    let r = call(&svc.addr, "POST", &format!("/v1/register/{id2}/void"), &[("Content-Type", "application/json"), ("Authorization", &a)], br#"{"reason": " "}"#);
    assert_eq!(r.status, 422);
    let r = issue(&svc.addr, TOKEN, "key=van-thu&date=2026-03-12", &j3, &p3);
    assert_eq!(r.header("x-vanban-number"), Some("3"), "a voided number is never given again");
    let book = get("/v1/register/book?issuer=UBND&year=2026&format=csv");
    assert_eq!(book.status, 200);
    let text = book.text();
    assert!(text.starts_with("\u{feff}\"(1) Số, ký hiệu văn bản\",(2) Ngày tháng văn bản"), "{text}");
    assert!(text.contains("(10) Ghi chú") && text.contains("Đã hủy: Sai trích yếu") && text.contains("09/03/2026"), "{text}");
    assert_eq!(text.lines().count(), 1 + 4, "{text}");

    // The book as vanban lays it out (landscape PDF) and as a workbook: the same rows.
    let pdf_book = get("/v1/register/book?issuer=UBND&year=2026");
    assert_eq!((pdf_book.status, pdf_book.header("content-type")), (200, Some("application/pdf")));
    std::fs::write(d.join("book.pdf"), &pdf_book.body).unwrap();
    let xlsx = get("/v1/register/book?issuer=UBND&year=2026&format=xlsx");
    assert_eq!(xlsx.status, 200);
    std::fs::write(d.join("book.xlsx"), &xlsx.body).unwrap();
    // Envelopes: a page an addressee.
    let r = call(&svc.addr, "POST", "/v1/envelope", &[("Content-Type", "application/json"), ("Authorization", &a)], &std::fs::read(fixture("cong-van-xa.json")).unwrap());
    assert_eq!(r.status, 200, "{}", r.text());
    std::fs::write(d.join("envelopes.pdf"), &r.body).unwrap();
    if external() {
        let (ok_, text) = run(d, "pdftotext", &["-layout", "book.pdf", "-"]);
        assert!(ok_, "{text}");
        for want in ["SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm: 2026", "Từ ngày 09/03/2026 đến ngày 12/03/2026", "Từ số 01 đến số 03", "Quyển số: 01", "ỦY BAN NHÂN DÂN XÃ HƯƠNG XUÂN", "Tên loại và trích yếu", "(10)", "01/KH-", "Đã hủy: Sai"] {
            assert!(text.contains(want), "book.pdf: {want}: {text}");
        }
        // One row an entry, in the register's order.
        let at = |w: &str| text.find(w).unwrap_or_else(|| panic!("{w} in {text}"));
        assert!(at("thứ hai") < at("thứ ba") && at("thứ ba") < at("mật"), "rows in order: {text}");
        let (ok_, pages) = run(d, "pdfinfo", &["book.pdf"]);
        assert!(ok_ && pages.contains("841.89 x 595.276 pts (A4)"), "landscape A4: {pages}");
        let out = std::process::Command::new(tool("soffice"))
            .args(["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir"])
            .arg(d.join("lo"))
            .arg(d.join("book.xlsx"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let lo = std::fs::read_to_string(d.join("lo/book.csv")).unwrap();
        let ours = String::from_utf8(book.body.clone()).unwrap();
        let norm = |t: &str| t.trim_start_matches('\u{feff}').lines().skip(1).map(|l| l.replace('"', "")).filter(|l| !l.starts_with("(1)")).collect::<Vec<_>>();
        assert_eq!(norm(&lo), norm(&ours), "LibreOffice reads the workbook's rows as the CSV has them");
        let (ok_, env) = run(d, "pdftotext", &["envelopes.pdf", "-"]);
        assert!(ok_);
        let pages: Vec<&str> = env.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert_eq!(pages.len(), 2, "{env}");
        for (p, who) in pages.iter().zip(["Trưởng các thôn", "Các phòng chuyên môn"]) {
            assert!(p.contains("XÃ NAM ĐÔNG") && p.contains("Số/ký hiệu văn bản: 1284/UBND-VP") && p.contains("Kính gửi:") && p.contains(who), "{p}");
        }
    }

    // Refusals are counted.
    let metrics = call(&svc.addr, "GET", "/metrics", &[], b"").text();
    assert!(metrics.contains("reason=\"unauthorized\"") && metrics.contains("reason=\"forbidden\""), "{metrics}");

    // No secret in any answer or log line.
    let log = svc.log();
    assert!(!log.contains(common::keys::PASSWORD) && !log.contains(TOKEN), "{log}");
    assert!(log.contains("audit") && log.contains("eoffice"), "an audit line per number given: {log}");
    if external() {
        let lines = pyhanko(d, "issued1.pdf", &s.pki.root());
        assert!(lines.iter().all(|v| v["intact"] == true && v["valid"] == true), "{lines:?}");
    }
}

/// `/v1/sign` with a key the server holds, and remote signing through prepare and finish.
#[test]
fn sign_routes() {
    let Some(s) = setup("issue-sign") else { return };
    let d = &s.dir;
    let (keys, tokens) = service_files(&s);
    let svc = Service::start(&["--keys", keys.to_str().unwrap(), "--tokens", tokens.to_str().unwrap()]);
    let a = auth(TOKEN);
    let doc = std::fs::read(d.join("doc.pdf")).unwrap();
    let pdf = [("Content-Type", "application/pdf"), ("Authorization", a.as_str())];
    // The agency before the leader: 409 signer-first.
    let r = call(&svc.addr, "POST", "/v1/sign?field=agency&key=van-thu", &pdf, &doc);
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(r.text().contains("signer-first"));
    assert_eq!(call(&svc.addr, "POST", "/v1/sign?field=signer&key=khong-co", &pdf, &doc).status, 404);
    // The leader through prepare/finish, openssl pkeyutl standing in for the remote service.
    let chain = std::fs::read(s.pki.chain("leader")).unwrap();
    // A multipart body over axum's own 2 MiB default is read within --max-body.
    let big = [&doc[..], &vec![b' '; 3 << 20][..]].concat();
    let (ct, body) = multipart(&[("pdf", &big), ("cert", &chain)]);
    let r = call(&svc.addr, "POST", "/v1/sign/prepare?field=signer", &[("Content-Type", &ct), ("Authorization", &a)], &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let (ct, body) = multipart(&[("pdf", &doc), ("cert", &chain)]);
    let r = call(&svc.addr, "POST", "/v1/sign/prepare?field=signer", &[("Content-Type", &ct), ("Authorization", &a)], &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let digest = b64.decode(j["digest"].as_str().unwrap()).unwrap();
    std::fs::write(d.join("digest.bin"), &digest).unwrap();
    let out = std::process::Command::new("openssl")
        .args(["pkeyutl", "-sign", "-pkeyopt", "digest:sha256", "-in", "digest.bin", "-out", "sig.bin", "-inkey"])
        .arg(s.pki.dir.join("leader.key"))
        .current_dir(d)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sig = b64.encode(std::fs::read(d.join("sig.bin")).unwrap());
    let state = serde_json::to_vec(&j["state"]).unwrap();
    let (ct, body) = multipart(&[("prepared", j["prepared"].as_str().unwrap().as_bytes()), ("state", &state), ("signature", sig.as_bytes())]);
    let r = call(&svc.addr, "POST", "/v1/sign/finish", &[("Content-Type", &ct), ("Authorization", &a)], &body);
    assert_eq!(r.status, 200, "{}", r.text());
    // Then the agency with the key the server holds.
    let r = call(&svc.addr, "POST", "/v1/sign?field=agency&key=van-thu", &pdf, &r.body);
    assert_eq!(r.status, 200, "{}", r.text());
    std::fs::write(d.join("both.pdf"), &r.body).unwrap();
    let (report, code) = verify(d, "both.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["signer"], "Nguyễn Thị Bích Ngọc");
    // No register: its routes answer 404 no-register.
    let r = call(&svc.addr, "GET", "/v1/register?issuer=UBND&year=2026", &[("Authorization", &a)], b"");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("no-register"));
    if external() {
        let lines = pyhanko(d, "both.pdf", &s.pki.root());
        assert!(lines.iter().all(|v| v["intact"] == true && v["valid"] == true), "{lines:?}");
    }
}

/// Numbers handed out by several instances at once: 1…N for the series, no gap, no duplicate,
/// each draft once, every PDF printing its own number.
fn concurrent(addrs: &[String], drafts: &Arc<Vec<(Vec<u8>, Vec<u8>)>>, clients: usize, kill: Option<&dyn Fn(usize)>) -> Vec<(usize, u32, Vec<u8>)> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let results = Arc::new(std::sync::Mutex::new(Vec::new()));
    std::thread::scope(|scope| {
        for c in 0..clients {
            let (next, results, drafts) = (next.clone(), results.clone(), drafts.clone());
            let addrs = addrs.to_vec();
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= drafts.len() {
                    break;
                }
                let (json, pdf) = &drafts[i];
                // A client whose instance is down, or whose answer is lost, tries again elsewhere.
                for attempt in 0..40 {
                    let addr = &addrs[(c + i + attempt) % addrs.len()];
                    let r = std::panic::catch_unwind(|| issue(addr, TOKEN, "key=van-thu&date=2026-03-09", json, pdf));
                    match r {
                        Ok(r) if r.status == 200 => {
                            let n: u32 = r.header("x-vanban-number").unwrap().parse().unwrap();
                            results.lock().unwrap().push((i, n, r.body));
                            break;
                        }
                        _ => std::thread::sleep(std::time::Duration::from_millis(100)),
                    }
                }
            });
        }
        if let Some(kill) = kill {
            kill(0);
        }
    });
    let mut out = Arc::try_unwrap(results).unwrap().into_inner().unwrap();
    out.sort_by_key(|r| r.1);
    out
}

fn check_numbers(results: &[(usize, u32, Vec<u8>)], n: usize) {
    assert_eq!(results.len(), n, "every draft issued");
    let numbers: Vec<u32> = results.iter().map(|r| r.1).collect();
    assert_eq!(numbers, (1..=n as u32).collect::<Vec<_>>(), "1…N, no gap, no duplicate");
    let mut drafts: Vec<usize> = results.iter().map(|r| r.0).collect();
    drafts.sort();
    drafts.dedup();
    assert_eq!(drafts.len(), n, "each draft once");
    for (_, number, pdf) in results {
        let (value, _) = text_field(pdf, "number");
        assert_eq!(value, Some(format!("{number:02}")), "the PDF prints its own number");
    }
}

/// Two processes on one SQLite file: 8 clients, 200 drafts, one process killed and started
/// again while they issue.
#[test]
fn two_processes_share_one_sqlite_file() {
    let Some(s) = setup("issue-sqlite-two") else { return };
    let d = &s.dir;
    let (keys, tokens) = service_files(&s);
    let reg = format!("sqlite:{}", d.join("shared.db").display());
    let args = ["--keys", keys.to_str().unwrap(), "--tokens", tokens.to_str().unwrap(), "--register", &reg, "--workers", "2"];
    let addrs: Vec<String> = (0..2).map(|_| format!("127.0.0.1:{}", common::nginx::free_port())).collect();
    let instances = std::sync::Mutex::new(addrs.iter().map(|a| Service::start_on(a, &args)).collect::<Vec<_>>());
    let drafts = Drafts::new(&s);
    const N: usize = 200;
    let all: Arc<Vec<_>> = Arc::new((0..N).map(|i| drafts.make(&format!("Kế hoạch số {i}"), 2026, false)).collect());
    // One process killed with SIGKILL mid-way (its write lock, if it held one, dies with it)
    // and started again.
    let kill = |_: usize| {
        std::thread::sleep(std::time::Duration::from_secs(2));
        let mut v = instances.lock().unwrap();
        drop(std::mem::replace(&mut v[0], Service::start_on("127.0.0.1:0", &args)));
        drop(std::mem::replace(&mut v[0], Service::start_on(&addrs[0], &args)));
    };
    let results = concurrent(&addrs, &all, 8, Some(&kill));
    check_numbers(&results, N);
}

/// Three instances behind the shipped nginx configuration, sharing one PostgreSQL: 16 clients
/// issue 1,000 drafts while one instance is killed with SIGKILL and started again; clients
/// whose connection broke retry. The numbers are exactly 1…1000, each draft is registered
/// once, each PDF prints its own number, and pyHanko validates them.
#[test]
fn three_instances_behind_nginx_share_postgresql() {
    if !external() {
        return;
    }
    let Some(s) = setup("issue-pg") else { return };
    let d = &s.dir;
    let cluster = common::postgres::Cluster::start(&d.join("pg"));
    let (keys, tokens) = service_files(&s);
    let url = cluster.url();
    let args = ["--keys", keys.to_str().unwrap(), "--tokens", tokens.to_str().unwrap(), "--register", url.as_str(), "--workers", "2"];
    let addrs: Vec<String> = (0..3).map(|_| format!("127.0.0.1:{}", common::nginx::free_port())).collect();
    let instances = std::sync::Mutex::new(addrs.iter().map(|a| Service::start_on(a, &args)).collect::<Vec<_>>());
    let front_port = common::nginx::free_port();
    let upstreams: Vec<&str> = addrs.iter().map(String::as_str).collect();
    let _nginx = common::nginx::nginx(&d.join("nginx"), front_port, &upstreams);
    let front = format!("127.0.0.1:{front_port}");
    let drafts = Drafts::new(&s);
    const N: usize = 1000;
    let all: Arc<Vec<_>> = Arc::new((0..N).map(|i| drafts.make(&format!("Kế hoạch số {i} về chuyển đổi số"), 2026, false)).collect());
    let kill = |_: usize| {
        std::thread::sleep(std::time::Duration::from_secs(4));
        let mut v = instances.lock().unwrap();
        // Dropping a Service kills it with SIGKILL, mid-issue.
        let old = std::mem::replace(&mut v[1], Service::start_on("127.0.0.1:0", &args));
        drop(old);
        drop(std::mem::replace(&mut v[1], Service::start_on(&addrs[1], &args)));
    };
    let results = concurrent(&[front.clone()], &all, 16, Some(&kill));
    check_numbers(&results, N);
    let a = auth(TOKEN);
    let list = call(&front, "GET", "/v1/register?issuer=UBND&year=2026", &[("Authorization", &a)], b"").json();
    let entries = list.as_array().unwrap();
    assert_eq!(entries.len(), N, "the register holds each draft once");
    let mut shas: Vec<&str> = entries.iter().map(|e| e["sha256"].as_str().unwrap()).collect();
    shas.sort();
    shas.dedup();
    assert_eq!(shas.len(), N);
    // pyHanko, one process for all of them.
    let files: Vec<String> = results.iter().map(|(_, n, pdf)| {
        let name = format!("issued-{n}.pdf");
        std::fs::write(d.join(&name), pdf).unwrap();
        name
    }).collect();
    let script = common::root().join("tests/data/pyhanko_judge.py");
    let out = std::process::Command::new(tool("python3")).arg(&script).arg(s.pki.root()).args(&files).current_dir(d).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2 * N, "two signatures a PDF");
    assert!(lines.iter().all(|v| v["intact"] == true && v["valid"] == true), "{}", lines.iter().find(|v| v["valid"] != true).unwrap());
}

/// The Java (JDK only) and PHP (php-cli with curl) clients of `examples/` against a live
/// service: render, the leader through prepare/finish, issue, verify.
#[test]
fn java_and_php_clients() {
    if !external() {
        return;
    }
    let Some(s) = setup("issue-clients") else { return };
    let d = &s.dir;
    let (keys, tokens) = service_files(&s);
    let db = format!("sqlite:{}", d.join("register.db").display());
    let root_pem = s.pki.root();
    let svc = Service::start(&["--keys", keys.to_str().unwrap(), "--tokens", tokens.to_str().unwrap(), "--register", &db, "--trust", root_pem.to_str().unwrap()]);
    let base = format!("http://{}", svc.addr);
    let chain = s.pki.chain("leader");
    let key = s.pki.dir.join("leader.key");
    let mut v: Value = serde_json::from_slice(&std::fs::read(fixture("ke-hoach-du-thao.json")).unwrap()).unwrap();
    for (i, (program, args)) in [
        (tool("java"), vec![common::root().join("examples/java/VanbanClient.java").to_string_lossy().into_owned()]),
        (tool("php"), vec![common::root().join("examples/php/vanban-client.php").to_string_lossy().into_owned()]),
    ]
    .into_iter()
    .enumerate()
    {
        v["subject"] = format!("Kế hoạch gửi từ chương trình {i}").into();
        let doc = d.join(format!("doc{i}.json"));
        std::fs::write(&doc, serde_json::to_vec(&v).unwrap()).unwrap();
        let out = std::process::Command::new(&program)
            .args(&args)
            .args([base.as_str(), TOKEN, doc.to_str().unwrap(), chain.to_str().unwrap(), key.to_str().unwrap(), "van-thu"])
            .arg(d.join(format!("out{i}")))
            .output()
            .unwrap();
        assert!(out.status.success(), "{program}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("{:02}/KH-UBND valid", i + 1), "{program}");
        let lines = pyhanko(&d.join(format!("out{i}")), "issued.pdf", &root_pem);
        assert!(lines.len() == 2 && lines.iter().all(|l| l["valid"] == true), "{lines:?}");
    }
}

/// `vanban issue` and `vanban register` on the command line, on SQLite.
#[test]
fn issue_on_the_command_line() {
    let Some(s) = setup("issue-cli") else { return };
    let d = &s.dir;
    let drafts = Drafts::new(&s);
    let (json, pdf) = drafts.make("Chuyển đổi số", 2026, false);
    std::fs::write(d.join("doc.json"), &json).unwrap();
    std::fs::write(d.join("draft.pdf"), &pdf).unwrap();
    let reg = format!("sqlite:{}", d.join("r.db").display());
    let pass = s.pki.pass_file();
    let args = ["issue", "draft.pdf", "--document", "doc.json", "--register", &reg, "--p12", s.agency.to_str().unwrap(), "--pass-file", pass.to_str().unwrap(), "--date", "2026-03-09", "-o", "issued.pdf"];
    let out = vanban(d, &args, None);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("01/KH-UBND 2026-03-09"), "{}", String::from_utf8_lossy(&out.stderr));
    let (report, code) = verify(d, "issued.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    let again = vanban(d, &args, None);
    assert!(String::from_utf8_lossy(&again.stderr).contains("issued before"), "{}", String::from_utf8_lossy(&again.stderr));
    let list = vanban(d, &["register", "list", "--register", &reg, "--issuer", "UBND", "--year", "2026"], None);
    ok(&list);
    let v: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let void = vanban(d, &["register", "void", "1", "--reason", "Nhầm số", "--register", &reg], None);
    ok(&void);
    let book = vanban(d, &["register", "book", "--register", &reg, "--issuer", "UBND", "--year", "2026", "--format", "csv"], None);
    assert!(String::from_utf8_lossy(&book.stdout).contains("Đã hủy: Nhầm số"));
    // A bad register URL: exit 2, named.
    let out = vanban(d, &["register", "list", "--register", "mysql://x", "--issuer", "UBND", "--year", "2026"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad-register"));
}

/// Malformed requests to the issuing routes: a clear 4xx, never a 5xx or a dead service.
#[test]
fn malformed_requests_are_refused() {
    let Some(s) = setup("issue-hostile") else { return };
    let d = &s.dir;
    let (keys, tokens) = service_files(&s);
    let db = format!("sqlite:{}", d.join("r.db").display());
    let svc = Service::start(&["--keys", keys.to_str().unwrap(), "--tokens", tokens.to_str().unwrap(), "--register", &db]);
    let a = auth(TOKEN);
    let doc = std::fs::read(d.join("doc.pdf")).unwrap();
    let (ct, good_parts) = multipart(&[("document", b"{}"), ("pdf", &doc)]);
    let json = std::fs::read(fixture("ke-hoach-du-thao.json")).unwrap();
    let (ct2, wrong_part) = multipart(&[("hello", b"x")]);
    let (ct3, only_doc) = multipart(&[("document", &json)]);
    let cases: Vec<(&str, &str, String, Vec<u8>)> = vec![
        ("POST", "/v1/issue?key=van-thu", ct.clone(), good_parts.clone()),
        ("POST", "/v1/issue?key=van-thu&date=2026-02-30", ct.clone(), good_parts.clone()),
        ("POST", "/v1/issue?key=van-thu&extra=1", ct.clone(), good_parts.clone()),
        ("POST", "/v1/issue?key=van-thu", ct2.clone(), wrong_part.clone()),
        ("POST", "/v1/issue?key=van-thu", ct3.clone(), only_doc.clone()),
        ("POST", "/v1/issue?key=van-thu", "multipart/form-data; boundary=x".into(), b"garbage".to_vec()),
        ("POST", "/v1/issue?key=van-thu", "application/json".into(), json.clone()),
        ("POST", "/v1/sign?field=agency&key=van-thu&number=0", "application/pdf".into(), doc.clone()),
        ("POST", "/v1/sign?field=agency&key=van-thu&number=99999999999", "application/pdf".into(), doc.clone()),
        ("POST", "/v1/sign?field=nothing&key=van-thu", "application/pdf".into(), doc.clone()),
        ("POST", "/v1/sign?field=signer&key=van-thu", "application/pdf".into(), b"%PDF-1.7 cut".to_vec()),
        ("POST", "/v1/sign?field=signer&key=van-thu&info=maybe", "application/pdf".into(), doc.clone()),
        ("POST", "/v1/sign/prepare?field=signer", ct2.clone(), wrong_part.clone()),
        ("POST", "/v1/sign/finish", ct3.clone(), only_doc.clone()),
        ("GET", "/v1/register?issuer=UBND&year=abc", String::new(), Vec::new()),
        ("GET", "/v1/register/book?issuer=UBND&year=2026&format=docx", String::new(), Vec::new()),
        ("GET", "/v1/register/999999", String::new(), Vec::new()),
        ("GET", "/v1/register/abc", String::new(), Vec::new()),
        ("POST", "/v1/register/abc/void", "application/json".into(), br#"{"reason": "x"}"#.to_vec()),
        ("POST", "/v1/register/999999/void", "application/json".into(), br#"{"reason": "x"}"#.to_vec()),
        ("POST", "/v1/register/1/void", "application/json".into(), b"not json".to_vec()),
        ("POST", "/v1/envelope", "application/json".into(), b"{\"type\": 1}".to_vec()),
        ("POST", "/v1/envelope", "application/json".into(), json.clone()),
    ];
    for (method, path, ctype, body) in &cases {
        let mut headers = vec![("Authorization", a.as_str())];
        if !ctype.is_empty() {
            headers.push(("Content-Type", ctype.as_str()));
        }
        let r = call(&svc.addr, method, path, &headers, body);
        assert!((400..500).contains(&r.status) || (r.status == 200 && path.starts_with("/v1/envelope")), "{method} {path}: {} {}", r.status, r.text());
        if r.status >= 400 {
            assert_eq!(r.header("content-type"), Some("application/problem+json"), "{method} {path}: {}", r.text());
        }
    }
    assert_eq!(call(&svc.addr, "GET", "/livez", &[], b"").status, 200, "the service lives on");
    assert!(!svc.log().contains("panicked"), "{}", svc.log());
}
