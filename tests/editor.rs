//! The editor's server side, called over HTTP on 127.0.0.1: `vanban edit`'s guards and folder,
//! the editor's files in `vanban serve`, `/v1/preview`, `/v1/body`, `/v1/body/text`,
//! `/v1/import`. The browser tests (Debian's chromium driven by playwright-core) are in
//! `tests/editor/*.test.mjs`, started from here under VANBAN_EXTERNAL=1.

mod common;

use common::http::{call, multipart, Response, Service};
use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running `vanban edit DIR --no-open --port 0`, killed when dropped.
struct Edit {
    child: Child,
    addr: String,
    token: String,
}

impl Drop for Edit {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Edit {
    fn start(dir: &std::path::Path, extra: &[&str]) -> Edit {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban")).arg("edit").arg(dir).args(["--no-open", "--port", "0"]).args(extra).stderr(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        err.read_line(&mut line).unwrap();
        std::thread::spawn(move || {
            let mut l = String::new();
            while err.read_line(&mut l).is_ok_and(|n| n > 0) {
                l.clear();
            }
        });
        let url = line.trim().strip_prefix("vanban edit: http://").unwrap_or_else(|| panic!("first line: {line:?}"));
        let (addr, token) = url.split_once("/?token=").unwrap();
        Edit { child, addr: addr.to_string(), token: token.to_string() }
    }

    fn cookie(&self) -> String {
        format!("vanban_edit_{}={}", self.addr.rsplit(':').next().unwrap(), self.token)
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A request as the editor's own page sends it: the cookie, and Origin on changes.
    fn call(&self, method: &str, path: &str, ctype: Option<&str>, body: &[u8]) -> Response {
        let cookie = self.cookie();
        let origin = self.origin();
        let mut h: Vec<(&str, &str)> = vec![("Cookie", &cookie)];
        if method != "GET" {
            h.push(("Origin", &origin));
        }
        if let Some(c) = ctype {
            h.push(("Content-Type", c));
        }
        call(&self.addr, method, path, &h, body)
    }
}

fn json_of(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.body)))
}

#[test]
fn the_local_editor_lets_no_other_page_in() {
    let d = tempdir("edit-guards");
    let e = Edit::start(&d, &[]);
    let port = e.addr.rsplit(':').next().unwrap().to_string();
    // The printed link: the cookie (HttpOnly, SameSite=Strict), then the page without the token.
    let r = call(&e.addr, "GET", &format!("/?token={}", e.token), &[], b"");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location").as_deref(), Some("/"));
    let set = r.header("set-cookie").unwrap();
    assert!(set.starts_with(&format!("vanban_edit_{port}={}", e.token)) && set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    // Without it: 401, everywhere.
    for path in ["/", "/assets/main.js", "/v1/edit/files", "/v1/types"] {
        assert_eq!(call(&e.addr, "GET", path, &[], b"").status, 401, "{path}");
    }
    assert_eq!(call(&e.addr, "GET", "/?token=0000", &[], b"").status, 401);
    // With it: the page, with its CSP.
    let page = e.call("GET", "/", None, b"");
    assert_eq!(page.status, 200);
    assert!(page.header("content-security-policy").unwrap().contains("default-src 'self'"));
    // A foreign Host (DNS rebinding) gets 421 before anything else, even with the cookie.
    let cookie = e.cookie();
    let r = call(&e.addr, "GET", "/", &[("Host", "evil.example:80"), ("Cookie", &cookie)], b"");
    assert_eq!(r.status, 421);
    let r = call(&e.addr, "GET", "/", &[("Host", &format!("localhost:{port}")), ("Cookie", &cookie)], b"");
    assert_eq!(r.status, 200, "localhost:PORT is this editor too");
    // A change from another origin, or with no Origin, gets 403.
    let body = std::fs::read(fixture("cong-van-xa.json")).unwrap();
    for origin in [Some("http://evil.example"), Some("null"), None] {
        let mut h = vec![("Cookie", cookie.as_str()), ("Content-Type", "application/json")];
        if let Some(o) = origin {
            h.push(("Origin", o));
        }
        let r = call(&e.addr, "PUT", "/v1/edit/files/x", &h, &body);
        assert_eq!(r.status, 403, "{origin:?}");
    }
    assert!(!d.join("x.json").exists());
    // Paths out of the folder: 403.
    for stem in ["..%2Fx", "%2E%2E", "%2Fetc%2Fpasswd", "a%2Fb"] {
        let r = e.call("PUT", &format!("/v1/edit/files/{stem}"), Some("application/json"), &body);
        assert_eq!(r.status, 403, "{stem}: {}", String::from_utf8_lossy(&r.body));
        assert_eq!(e.call("GET", &format!("/v1/edit/files/{stem}"), None, b"").status, 403, "{stem}");
    }
    let outside = tempdir("edit-outside");
    std::fs::write(outside.join("secret.json"), b"{\"secret\": 1}").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.json"), d.join("link.json")).unwrap();
    assert_eq!(e.call("GET", "/v1/edit/files/link", None, b"").status, 403, "a symlink leading out");
    assert_eq!(e.call("PUT", "/v1/edit/files/link", Some("application/json"), b"{}").status, 403);
    assert_eq!(std::fs::read(outside.join("secret.json")).unwrap(), b"{\"secret\": 1}");
    // vanban's own files are not documents.
    assert_eq!(e.call("PUT", "/v1/edit/files/vanban-profiles", Some("application/json"), b"{}").status, 400);
}

#[test]
fn the_local_editor_keeps_documents_in_its_folder() {
    let d = tempdir("edit-folder");
    let e = Edit::start(&d, &[]);
    let src = std::fs::read(fixture("cong-van-xa.json")).unwrap();
    let r = e.call("PUT", "/v1/edit/files/C%C3%B4ng%20v%C4%83n%201", Some("application/json"), &src);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(std::fs::read(d.join("Công văn 1.json")).unwrap(), src, "saved as sent");
    assert!(std::fs::read_dir(&d).unwrap().flatten().all(|f| !f.file_name().to_string_lossy().contains("tmp")), "no temporary file left");
    assert_eq!(e.call("GET", "/v1/edit/files/C%C3%B4ng%20v%C4%83n%201", None, b"").body, src);
    assert_eq!(e.call("PUT", "/v1/edit/files/bad", Some("application/json"), b"{not json").status, 400);
    // The PDF and DOCX of the document as saved: the bytes vanban render makes, written beside.
    let pdf = e.call("GET", "/v1/edit/files/C%C3%B4ng%20v%C4%83n%201/pdf", None, b"");
    assert_eq!(pdf.status, 200);
    assert!(pdf.header("content-disposition").unwrap().starts_with("attachment"));
    std::fs::write(d.join("copy.json"), &src).unwrap();
    let o = vanban(&d, &["render", "copy.json", "--to", "pdf,docx"], None);
    assert!(o.status.success());
    assert_eq!(pdf.body, std::fs::read(d.join("copy.pdf")).unwrap(), "the download is vanban render's PDF");
    assert_eq!(std::fs::read(d.join("Công văn 1.pdf")).unwrap(), pdf.body, "written beside the JSON");
    let docx = e.call("GET", "/v1/edit/files/C%C3%B4ng%20v%C4%83n%201/docx", None, b"");
    assert_eq!(docx.body, std::fs::read(d.join("copy.docx")).unwrap());
    // List, duplicate, delete into .trash.
    let list = json_of(&e.call("GET", "/v1/edit/files", None, b""));
    let stems: Vec<&str> = list["files"].as_array().unwrap().iter().map(|f| f["stem"].as_str().unwrap()).collect();
    assert!(stems.contains(&"Công văn 1") && stems.contains(&"copy"), "{stems:?}");
    let dup = json_of(&e.call("POST", "/v1/edit/files/C%C3%B4ng%20v%C4%83n%201/duplicate", None, b""));
    assert_eq!(dup["stem"], "Công văn 1 (2)");
    assert_eq!(std::fs::read(d.join("Công văn 1 (2).json")).unwrap(), src);
    assert_eq!(e.call("DELETE", "/v1/edit/files/C%C3%B4ng%20v%C4%83n%201", None, b"").status, 200);
    assert!(!d.join("Công văn 1.json").exists() && !d.join("Công văn 1.pdf").exists());
    assert_eq!(std::fs::read(d.join(".trash/Công văn 1.json")).unwrap(), src, "moved, not lost");
    // Profiles: the folder's file and an organisation's (read only).
    let org = tempdir("edit-org").join("org.json");
    std::fs::write(&org, r#"{"profiles": [{"name": "UBND xã Hương Xuân", "issuer": {"name": "Ủy ban nhân dân xã Hương Xuân", "code": "UBND"}}]}"#).unwrap();
    drop(e);
    let e = Edit::start(&d, &["--profiles", org.to_str().unwrap()]);
    let p = json!({"profiles": [{"name": "Văn phòng", "issuer": {"name": "Văn phòng HĐND và UBND xã", "code": "VP"}, "place": "Hương Xuân", "signers": [{"for": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Hồ Văn Tuấn"}], "distribution": ["Lưu: VT, VP."], "contact": {}, "images": {}}]});
    assert_eq!(e.call("PUT", "/v1/edit/profiles", Some("application/json"), p.to_string().as_bytes()).status, 200);
    let got = json_of(&e.call("GET", "/v1/edit/profiles", None, b""));
    assert_eq!(got["profiles"], p["profiles"]);
    assert_eq!(got["curated"][0]["name"], "UBND xã Hương Xuân");
    assert!(d.join("vanban-profiles.json").exists());
    let stems: Vec<String> = json_of(&e.call("GET", "/v1/edit/files", None, b""))["files"].as_array().unwrap().iter().map(|f| f["stem"].as_str().unwrap().to_string()).collect();
    assert!(!stems.iter().any(|s| s.starts_with("vanban-") || s == "org"), "vanban's files are not listed as documents… {stems:?}");
}

#[test]
fn the_command_line_of_edit() {
    let d = tempdir("edit-cli");
    let o = vanban(&d, &["edit", "no-such-folder", "--no-open"], None);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let o = vanban(&d, &["edit", ".", "--no-open", "--port", "x"], None);
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(d.join("p.json"), "[]").unwrap();
    let o = vanban(&d, &["edit", ".", "--no-open", "--profiles", "p.json"], None);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_editors_routes_are_in_the_openapi_document() {
    let s = Service::start(&[]);
    let doc = json_of(&s.get("/openapi.json"));
    for (path, method) in [("/", "get"), ("/assets/{file}", "get"), ("/v1/preview", "post"), ("/v1/body", "post"), ("/v1/body/text", "post"), ("/v1/import", "post")] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} in /openapi.json");
    }
    let types = json_of(&s.get("/v1/types"));
    assert!(types.as_array().unwrap().iter().all(|t| t["purpose"].as_str().is_some_and(|p| !p.is_empty())), "each type says what it is for");
}

#[test]
fn the_service_serves_the_editor_with_a_strict_policy() {
    let s = Service::start(&[]);
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    let html = String::from_utf8_lossy(&page.body).into_owned();
    assert!(html.contains("lang=\"vi\"") && !html.contains("<script>") && !html.contains("onclick="), "no inline script");
    let tag = page.header("etag").unwrap();
    assert_eq!(s.call("GET", "/", &[("If-None-Match", &tag)], b"").status, 304);
    // Every file: its type, and nothing from anywhere but the page's own origin.
    for a in vanban::editor::ASSETS {
        let r = s.get(&format!("/assets/{}", a.name));
        assert_eq!(r.status, 200, "{}", a.name);
        assert_eq!(r.header("content-type").unwrap(), a.media_type);
        let text = String::from_utf8_lossy(&r.body);
        for bad in ["src=\"http", "href=\"http", "from 'http", "from \"http", "import('http", "url(http", "fetch('http", "//cdn", "googleapis"] {
            assert!(!text.contains(bad), "{} loads from elsewhere: {bad}", a.name);
        }
    }
    assert_eq!(s.get("/assets/nope.js").status, 404);
    let off = Service::start(&["--no-editor"]);
    assert_eq!(off.get("/").status, 404);
    assert_eq!(off.get("/assets/main.js").status, 404);
    assert_eq!(off.post_json("/v1/check", &std::fs::read(fixture("cong-van-xa.json")).unwrap()).status, 200, "the API stays");
}

#[test]
fn the_preview_sends_only_the_pages_the_caller_lacks() {
    let s = Service::start(&[]);
    let doc: Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-612.json")).unwrap()).unwrap();
    let r = s.post_json("/v1/preview", json!({"rev": 1, "document": doc}).to_string().as_bytes());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let a = json_of(&r);
    assert_eq!((a["rev"].as_u64(), a["ok"].as_bool()), (Some(1), Some(true)));
    let pages = a["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 3);
    for p in pages {
        assert!(p["svg"].as_str().unwrap().starts_with("<svg"));
        assert_eq!((p["w"].as_f64(), p["h"].as_f64()), (Some(210.0), Some(297.0)));
    }
    assert!(a["elements"].as_array().unwrap().iter().any(|e| e["element"] == "body" && e["path"] == "$.body[1]"), "body blocks carry their paths");
    // The same document again, the caller having pages 1 and 2: only page 3's SVG comes.
    let have: Vec<Value> = pages[..2].iter().map(|p| p["hash"].clone()).collect();
    let b = json_of(&s.post_json("/v1/preview", json!({"rev": 2, "have": have, "document": doc}).to_string().as_bytes()));
    let hashes = |v: &Value| v["pages"].as_array().unwrap().iter().map(|p| p["hash"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(hashes(&a), hashes(&b), "same document, same pages (no state on the server)");
    let with_svg: Vec<bool> = b["pages"].as_array().unwrap().iter().map(|p| p.get("svg").is_some()).collect();
    assert_eq!(with_svg, [false, false, true]);
    // An edit on the last page changes only that page's hash.
    let mut edited = doc.clone();
    let last = edited["body"].as_array().unwrap().len() - 1;
    edited["body"][last] = json!(format!("{} Thêm một câu.", edited["body"][last].as_str().unwrap_or("")));
    let c = json_of(&s.post_json("/v1/preview", json!({"rev": 3, "document": edited}).to_string().as_bytes()));
    let (h1, h3) = (hashes(&a), hashes(&c));
    assert_eq!(h1[..2], h3[..2]);
    assert_ne!(h1[2], h3[2]);
    // An error: no pages, the diagnostics with their paths, in Vietnamese when asked.
    let mut bad = doc.clone();
    bad["date"] = json!("2026-02-31");
    let e = json_of(&s.post_json("/v1/preview?lang=vi", json!({"rev": 4, "document": bad}).to_string().as_bytes()));
    assert_eq!(e["ok"], false);
    assert!(e.get("pages").is_none());
    let d = e["diagnostics"].as_array().unwrap().iter().find(|d| d["path"] == "$.date").unwrap_or_else(|| panic!("{e}"));
    assert!(d["message"].as_str().unwrap().starts_with("Ngày tháng không hợp lệ"), "{d}");
    // The check route speaks Vietnamese too.
    let c = s.post_json("/v1/check?lang=vi", bad.to_string().as_bytes());
    assert_eq!(c.status, 422);
    assert!(String::from_utf8_lossy(&c.body).contains("Ngày tháng không hợp lệ"));
    assert_eq!(s.post_json("/v1/preview?lang=fr", b"{}").status, 400);
    assert_eq!(s.post_json("/v1/preview", b"{\"doc\": {}}").status, 400);
}

/// The body's lines of the seed report, as a person pastes them.
fn seed_body(seed: &str) -> String {
    let lines: Vec<&str> = seed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let from = lines.iter().position(|l| l.starts_with("Thực hiện Công văn")).unwrap();
    let to = lines.iter().position(|l| l.starts_with("Nơi nhận")).unwrap();
    lines[from..to].join("\n").replace(['<', '>'], "")
}

#[test]
fn the_body_pasted_is_read_as_the_same_lines_typed_in_word() {
    let Some((seed, docx)) = common::word::seed_report() else {
        eprintln!("../shared/seeds is not here: test not run");
        return;
    };
    let d = tempdir("edit-body");
    std::fs::write(d.join("612.docx"), &docx).unwrap();
    let o = vanban(&d, &["import", "612.docx", "-o", "612.json"], None);
    assert!(o.status.success());
    let imported: Value = serde_json::from_slice(&std::fs::read(d.join("612.json")).unwrap()).unwrap();
    let s = Service::start(&[]);
    let r = json_of(&s.post_json("/v1/body", json!({"text": seed_body(&seed)}).to_string().as_bytes()));
    assert_eq!(r["body"], imported["body"], "the same blocks from the same lines");
    assert_eq!(r["body"].as_array().unwrap().iter().filter(|b| b.get("section").is_some()).count(), 5);
    // A table pasted as tab-separated text.
    let t = json_of(&s.post_json("/v1/body", json!({"text": "Kết quả:\nSTT\tChỉ tiêu\tKết quả\n1\tMáy tính\t48\n2\tMạng LAN\t100%"}).to_string().as_bytes()));
    assert_eq!(t["body"][1]["table"]["columns"], json!([{"title": "STT"}, {"title": "Chỉ tiêu"}, {"title": "Kết quả"}]), "{t}");
    assert_eq!(t["body"][1]["table"]["rows"], json!([["1", "Máy tính", "48"], ["2", "Mạng LAN", "100%"]]));
    // A typed label out of sequence: kept, said where.
    let n = json_of(&s.post_json("/v1/body?lang=vi", json!({"text": "I. MỘT\nNội dung.\nIII. BA\nNội dung."}).to_string().as_bytes()));
    assert_eq!(n["body"][1]["number"], "III.");
    assert_eq!(n["diagnostics"][0]["code"], "import-numbering");
    assert_eq!(n["diagnostics"][0]["path"], "$.body[1]");
}


#[test]
fn the_local_editor_signs_and_issues_from_its_register() {
    let Some(s) = common::signing::setup("edit-issue") else { return };
    let d = tempdir("edit-issue-dir");
    let mut doc: Value = serde_json::from_slice(&std::fs::read(fixture("cong-van-xa.json")).unwrap()).unwrap();
    doc.as_object_mut().unwrap().remove("number");
    doc["date"] = json!("2026");
    std::fs::write(d.join("cv.json"), serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let db = d.join("so-di.db");
    let register = format!("sqlite:{}", db.display());
    let e = Edit::start(&d, &["--register", &register, "--trust", s.pki.root().to_str().unwrap()]);
    let info = json_of(&e.call("GET", "/v1/edit", None, b""));
    assert_eq!((info["mode"].as_str(), info["register"].as_bool(), info["pkcs11"].as_bool()), (Some("local"), Some(true), Some(false)));
    let leader = std::fs::read(&s.leader).unwrap();
    let pass = common::keys::PASSWORD.as_bytes();
    // A wrong password: refused, nothing written.
    let (ct, body) = multipart(&[("stem", b"cv"), ("field", b"signer"), ("p12", &leader), ("password", b"sai")]);
    let r = e.call("POST", "/v1/edit/sign", Some(&ct), &body);
    assert!(r.status == 422 || r.status == 400, "{} {}", r.status, r.text());
    assert!(!d.join("cv.signed.pdf").exists());
    // The leader, then the agency with the register's number and today's date.
    let (ct, body) = multipart(&[("stem", b"cv"), ("field", b"signer"), ("p12", &leader), ("password", pass)]);
    let r = e.call("POST", "/v1/edit/sign", Some(&ct), &body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(json_of(&r)["report"]["verdict"], "valid");
    let agency = std::fs::read(&s.agency).unwrap();
    let (ct, body) = multipart(&[("stem", b"cv"), ("field", b"agency"), ("p12", &agency), ("password", pass), ("register", b"1")]);
    let r = e.call("POST", "/v1/edit/sign", Some(&ct), &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = json_of(&r);
    assert_eq!(v["report"]["verdict"], "valid", "{v}");
    assert_eq!(v["report"]["signatures"], 2);
    assert_eq!(v["issued"]["symbol"], "01/UBND-VP", "{v}");
    let signed = e.call("GET", "/v1/edit/files/cv/signed", None, b"");
    assert_eq!(signed.body, std::fs::read(d.join("cv.signed.pdf")).unwrap());
    assert_eq!(common::signing::text_field(&signed.body, "number").0.as_deref(), Some("01"), "the number is in the draft's blank");
    let o = vanban(&d, &["register", "list", "--register", &register, "--issuer", "UBND", "--year", &v["issued"]["date"].as_str().unwrap()[..4]], None);
    assert!(String::from_utf8_lossy(&o.stdout).contains("01/UBND-VP"), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    // A page may not name a module: only --pkcs11's.
    let (ct, body) = multipart(&[("stem", b"cv"), ("field", b"signer"), ("token", b"t"), ("pin", b"1")]);
    let r = e.call("POST", "/v1/edit/sign", Some(&ct), &body);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("--pkcs11"), "{}", r.text());
    let (ct, body) = multipart(&[("stem", b"cv"), ("module", b"/usr/lib/evil.so")]);
    assert_eq!(e.call("POST", "/v1/edit/sign", Some(&ct), &body).status, 400, "no such part");
}

/// Page text, line by line.
fn page_text(pdf: &[u8]) -> Vec<String> {
    common::pdf::read(pdf).pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.clone())).collect()
}

#[test]
fn every_fixtures_body_goes_to_text_and_back() {
    // The text says what the page shows: read back, each fixture's body prints the same lines.
    // (The blocks may differ where text cannot say them apart: a paragraph after a section's
    // list belongs to that section when read, and prints the same.)
    let s = Service::start(&[]);
    let mut exact = 0;
    let mut all = 0;
    for f in std::fs::read_dir(root().join("fixtures")).unwrap().flatten() {
        all += 1;
        let v: Value = serde_json::from_slice(&std::fs::read(f.path()).unwrap()).unwrap();
        let body = v["body"].clone();
        let t = json_of(&s.post_json("/v1/body/text", json!({"body": body}).to_string().as_bytes()));
        let profile = v.get("profile").cloned().unwrap_or(json!("nd30"));
        let back = json_of(&s.post_json("/v1/body", json!({"text": t["text"], "kept": t["kept"], "profile": profile}).to_string().as_bytes()));
        if back["body"] == body {
            exact += 1;
            continue;
        }
        let mut w = v.clone();
        w["body"] = back["body"].clone();
        let (a, b) = (s.post_json("/v1/render", v.to_string().as_bytes()), s.post_json("/v1/render", w.to_string().as_bytes()));
        assert_eq!(b.status, 200, "{}: {}", f.path().display(), b.text());
        assert_eq!(page_text(&a.body), page_text(&b.body), "{}: the text was\n{}", f.path().display(), t["text"].as_str().unwrap());
    }
    assert!(exact * 4 >= all * 3, "only {exact} of {all} bodies came back as the same blocks");
}

#[test]
fn a_word_file_is_imported_over_http() {
    let s = Service::start(&[]);
    let docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let d = tempdir("edit-import");
    std::fs::copy(fixture("cong-van-xa.json"), d.join("cv.json")).unwrap();
    assert!(vanban(&d, &["render", "cv.json", "--to", "docx"], None).status.success());
    let bytes = std::fs::read(d.join("cv.docx")).unwrap();
    let r = s.call("POST", "/v1/import?lang=vi", &[("Content-Type", docx_type)], &bytes);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = json_of(&r);
    let cli = vanban(&d, &["import", "cv.docx"], None);
    let expected: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(v["document"], expected, "the document vanban import writes");
    assert!(v["diagnostics"].is_array());
    assert_eq!(s.call("POST", "/v1/import", &[("Content-Type", "application/json")], &bytes).status, 415);
    let r = s.call("POST", "/v1/import", &[("Content-Type", docx_type)], b"not a zip at all");
    assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
    assert!(json_of(&r)["diagnostics"][0]["code"].is_string());
}

/// The browser tests: `node --test tests/editor/` against this build (VANBAN_EXTERNAL=1).
#[test]
fn the_editor_in_chromium() {
    if !common::signing::external() {
        eprintln!("VANBAN_EXTERNAL is not 1: the browser tests are not run");
        return;
    }
    let dir = root().join("tests/editor");
    assert!(dir.join("node_modules/playwright-core").exists(), "VANBAN_EXTERNAL=1 but tests/editor has no node_modules: run npm ci --ignore-scripts --prefix tests/editor");
    let chromium = ["chromium", "chromium-browser"].iter().find_map(|b| {
        let o = Command::new("sh").arg("-c").arg(format!("command -v {b}")).output().ok()?;
        o.status.success().then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
    });
    let chromium = chromium.unwrap_or_else(|| panic!("VANBAN_EXTERNAL=1 but chromium is not installed"));
    let files: Vec<String> = std::fs::read_dir(&dir).unwrap().flatten().map(|f| f.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".test.mjs")).collect();
    // VANBAN_EDITOR_TESTS=sign,typing runs those files only (while working on them).
    let only = std::env::var("VANBAN_EDITOR_TESTS").unwrap_or_default();
    let files: Vec<String> = files.into_iter().filter(|f| only.is_empty() || only.split(',').any(|o| f.starts_with(&format!("{o}.")))).collect();
    let mut files = files;
    files.sort();
    assert!(!files.is_empty());
    let keys = signing_materials();
    // One file at a time (node's runner would run files side by side on a 2-core machine, and
    // the latency measured would be another test's).
    let mut failed = Vec::new();
    for f in &files {
        let out = Command::new("node")
            .envs(keys.clone())
            .arg("--test")
            .arg(f)
            .current_dir(&dir)
            .env("VANBAN_BIN", env!("CARGO_BIN_EXE_vanban"))
            .env("VANBAN_ROOT", root())
            .env("CHROMIUM", &chromium)
            .output()
            .expect("node");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        eprintln!("{text}");
        if !out.status.success() {
            failed.push(format!("{f}:\n{text}"));
        }
    }
    assert!(failed.is_empty(), "the browser tests failed:\n{}", failed.join("\n"));
}

/// Keys for the signing test: the leader's .p12 (RSA, legacy) and the agency's P-256 key and
/// certificate on a SoftHSM2 token; what the browser test needs, as environment variables.
fn signing_materials() -> Vec<(String, String)> {
    let s = common::signing::setup("editor-keys").expect("VANBAN_EXTERNAL=1 but openssl is not installed");
    let module = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("VANBAN_EXTERNAL=1 but SoftHSM2 (libsofthsm2.so) is not installed");
    let d = &s.dir;
    std::fs::create_dir_all(d.join("tokens")).unwrap();
    let conf = d.join("softhsm2.conf");
    std::fs::write(&conf, format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", d.join("tokens").display())).unwrap();
    let run = |cmd: &str, args: &[&str]| {
        let out = Command::new(cmd).args(args).env("SOFTHSM2_CONF", &conf).current_dir(d).output().unwrap_or_else(|e| panic!("VANBAN_EXTERNAL=1 but {cmd}: {e}"));
        assert!(out.status.success(), "{cmd} {}: {}{}", args.join(" "), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    };
    let label = "Van thu UBND xa";
    run("softhsm2-util", &["--init-token", "--free", "--label", label, "--pin", "123456", "--so-pin", "654321"]);
    let pki = &s.pki.dir;
    run("softhsm2-util", &["--import", pki.join("agency.key").to_str().unwrap(), "--token", label, "--label", "agency", "--id", "a1b2", "--pin", "123456"]);
    for (name, id) in [("agency", "a1b2"), ("int", "99")] {
        run("openssl", &["x509", "-in", pki.join(format!("{name}.pem")).to_str().unwrap(), "-outform", "DER", "-out", &format!("{name}.der")]);
        run("pkcs11-tool", &["--module", module, "--token-label", label, "--login", "--pin", "123456", "--write-object", &format!("{name}.der"), "--type", "cert", "--id", id, "--label", name]);
    }
    let p = |x: &std::path::Path| x.to_string_lossy().into_owned();
    vec![
        ("VANBAN_TEST_P12".into(), p(&s.leader)),
        ("VANBAN_TEST_P12_PASS".into(), common::keys::PASSWORD.into()),
        ("VANBAN_TEST_PKCS11".into(), module.into()),
        ("SOFTHSM2_CONF".into(), p(&conf)),
        ("VANBAN_TEST_TOKEN".into(), label.into()),
        ("VANBAN_TEST_KEY".into(), "agency".into()),
        ("VANBAN_TEST_PIN".into(), "123456".into()),
        ("VANBAN_TEST_ROOT_CA".into(), p(&s.pki.root())),
        ("VANBAN_TEST_SIGNATURE_PNG".into(), p(&d.join("signature.png"))),
        ("VANBAN_TEST_SEAL_PNG".into(), p(&d.join("seal.png"))),
    ]
}
