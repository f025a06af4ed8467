//! `vanban import` on Word files typed by other hands (tests/data/typed, made by its make.py
//! with python-docx and raw OOXML, a third of them re-saved by LibreOffice): each file's parts
//! against its NAME.expect.json, every part of every file right (the share per part is
//! printed; README, "Import"); under VANBAN_EXTERNAL=1 every file is also imported after a
//! LibreOffice round trip, and every imported document that has its parts renders and passes
//! nd30check.

mod common;

use common::{root, tempdir, vanban};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = root().join("tests/data/typed");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "docx")).collect();
    v.sort();
    v
}

fn expect_of(docx: &Path) -> Value {
    let name = docx.file_stem().unwrap().to_string_lossy().to_string();
    serde_json::from_slice(&std::fs::read(docx.with_file_name(format!("{name}.expect.json"))).unwrap()).unwrap()
}

/// Import a file: the document and the diagnostics.
fn import(dir: &Path, docx: &Path) -> (Value, Vec<Value>) {
    let out = vanban(dir, &["import", docx.to_str().unwrap(), "-o", "out.json", "--message-format", "json"], None);
    assert!(out.status.success(), "{}: {}", docx.display(), String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("out.json")).unwrap()).unwrap();
    // With -o FILE the diagnostics are standard output's.
    let diags: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (doc, diags["diagnostics"].as_array().cloned().unwrap_or_default())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lower_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ").to_lowercase().trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// A top-level block's kind and its first words.
fn block(b: &Value) -> (String, String) {
    let text = |v: &Value| v.as_str().unwrap_or("").replace('*', "");
    match b {
        Value::String(s) => ("paragraph".into(), text(&Value::String(s.clone()))),
        Value::Object(o) => {
            for k in ["section", "article", "chapter", "part", "division"] {
                if let Some(t) = o.get(k) {
                    // An article without a title runs on into its first paragraph.
                    let t = if t.as_str() == Some("") { o["body"].get(0).map(|x| text(x.get("paragraph").unwrap_or(x))).unwrap_or_default() } else { text(t) };
                    return (k.into(), t);
                }
            }
            if let Some(l) = o.get("list") {
                let first = l.get(0).map(|i| text(i.get("text").unwrap_or(i))).unwrap_or_default();
                return ("list".into(), first);
            }
            if let Some(t) = o.get("table") {
                let first = t["columns"].get(0).map(|c| text(c.get("title").unwrap_or(c))).unwrap_or_default();
                return ("table".into(), first);
            }
            if o.contains_key("image") {
                return ("image".into(), String::new());
            }
            if let Some(p) = o.get("paragraph") {
                return ("paragraph".into(), text(p));
            }
            (o.keys().next().cloned().unwrap_or_default(), String::new())
        }
        _ => (String::new(), String::new()),
    }
}

fn signer_names(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["signer"]["name"].as_str().map(|s| vec![s.to_string()]).unwrap_or_default();
    for s in doc["signers"].as_array().into_iter().flatten() {
        v.extend(s["name"].as_str().map(str::to_string));
    }
    v
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(|x| one_line(x.as_str().unwrap_or(""))).collect()).unwrap_or_default()
}

/// Each part of the expectation: right or wrong (with what came instead).
fn judge(expect: &Value, doc: &Value, diags: &[Value]) -> BTreeMap<&'static str, Result<(), String>> {
    let mut r: BTreeMap<&'static str, Result<(), String>> = BTreeMap::new();
    let mut check = |part: &'static str, ok: bool, got: String| {
        r.insert(part, if ok { Ok(()) } else { Err(got) });
    };
    let e = |k: &str| expect.get(k);
    check("issuer", one_line(doc["issuer"]["name"].as_str().unwrap_or("")) == one_line(e("issuer").and_then(Value::as_str).unwrap_or("")), doc["issuer"].to_string());
    if let Some(p) = e("parent") {
        check("parent", doc["issuer"]["parent"].as_str().map(one_line).as_deref() == p.as_str(), doc["issuer"].to_string());
    }
    if let Some(n) = e("number") {
        check("number", doc["number"] == *n && doc["issuer"]["code"] == e("code").cloned().unwrap_or(Value::Null), format!("{} {}", doc["number"], doc["issuer"]["code"]));
    }
    if let Some(d) = e("date") {
        check("date", doc["date"] == *d && doc["place"] == e("place").cloned().unwrap_or_default(), format!("{} {}", doc["place"], doc["date"]));
    }
    if let Some(t) = e("type") {
        check("type", doc["type"] == *t, doc["type"].to_string());
    }
    if let Some(s) = e("subject") {
        check("subject", doc["subject"].as_str().map(one_line).as_deref() == s.as_str(), doc["subject"].to_string());
    }
    if let Some(rs) = e("recipients") {
        check("recipients", strings(&doc["recipients"]) == strings(rs), doc["recipients"].to_string());
    }
    check("signer", signer_names(doc) == strings(&expect["signers"]), format!("{:?}", signer_names(doc)));
    check("distribution", strings(&doc["distribution"]) == strings(&expect["distribution"]), doc["distribution"].to_string());
    let got: Vec<(String, String)> = doc["body"].as_array().map(|a| a.iter().map(block).collect()).unwrap_or_default();
    let want: Vec<(String, String)> = expect["body"].as_array().unwrap().iter().map(|b| (b["kind"].as_str().unwrap().to_string(), b["starts"].as_str().unwrap_or("").to_string())).collect();
    let same = got.len() == want.len() && got.iter().zip(&want).all(|(g, w)| g.0 == w.0 && (w.1.is_empty() || lower_words(&g.1, 3) == lower_words(&w.1, 3)));
    check("body", same, format!("{got:?}"));
    if let Some(a) = e("appendix") {
        let first = &doc["appendices"][0];
        let rows = first["body"].as_array().and_then(|b| b.iter().find_map(|x| x.get("table"))).and_then(|t| t["rows"].as_array()).map(Vec::len);
        check("appendix", rows == a["table_rows"].as_u64().map(|n| n as usize), first.to_string().chars().take(300).collect());
    }
    let pictures = doc.to_string().matches("\"image\"").count() as u64;
    check("pictures", pictures == expect["pictures"].as_u64().unwrap_or(0), pictures.to_string());
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    let missing: Vec<&str> = expect["warnings"].as_array().unwrap().iter().filter_map(Value::as_str).filter(|c| !codes.contains(c)).collect();
    check("warnings", missing.is_empty(), format!("missing {missing:?}"));
    r
}

#[test]
fn word_files_typed_by_others_import_into_their_parts() {
    let files = corpus();
    assert!(files.len() >= 40, "{} files", files.len());
    assert!(files.iter().filter(|f| f.to_string_lossy().contains("-libreoffice")).count() >= 10);
    let dir = tempdir("typed");
    let mut right: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong: Vec<String> = Vec::new();
    for f in &files {
        let (doc, diags) = import(&dir, f);
        // Every diagnostic that names a place in the file has it as a source.
        for d in &diags {
            assert!(d["path"].as_str().is_none_or(|p| p.starts_with('$')), "{}: {d}", f.display());
        }
        // How each part was found: said in meta.import.found, with its place in the file.
        let found = doc["meta"]["import"]["found"].as_array().cloned().unwrap_or_default();
        // (A biên bản's date comes from its body, read after the body was built: no place.)
        let placeless = |path: &str| path == "$.date" && doc["type"] == "bien-ban";
        let at = |path: &str| found.iter().find(|x| x["path"] == path).is_some_and(|x| (x["source"].is_object() || placeless(path)) && x["how"].as_str().is_some_and(|h| !h.is_empty()));
        let mut needed = vec!["$.body", "$.date"];
        needed.push(if doc["signers"].is_array() { "$.signers" } else { "$.signer" });
        if doc["issuer"]["name"] != "…" {
            needed.push("$.issuer.name");
        }
        if !doc["distribution"].as_array().is_none_or(Vec::is_empty) {
            needed.push("$.distribution");
        }
        for p in needed.iter().filter(|p| !at(p)) {
            wrong.push(format!("{}: meta.import.found says nothing of {p}: {found:?}", f.file_name().unwrap().to_string_lossy()));
        }
        for (part, verdict) in judge(&expect_of(f), &doc, &diags) {
            let e = right.entry(part).or_default();
            e.1 += 1;
            match verdict {
                Ok(()) => e.0 += 1,
                Err(got) => wrong.push(format!("{} {part}: {got}", f.file_name().unwrap().to_string_lossy())),
            }
        }
    }
    let mut report = String::from("part | right\n");
    for (part, (ok, all)) in &right {
        report.push_str(&format!("{part} | {ok}/{all}\n"));
    }
    eprintln!("{report}");
    // Every part of every file in its place (the README's table says so).
    assert!(wrong.is_empty(), "{report}\n{}", wrong.join("\n"));
}

/// Under VANBAN_EXTERNAL=1: each file after a LibreOffice round trip (`soffice --convert-to
/// docx`) imports into the same parts; each imported document that has its parts renders and
/// passes ../shared/tools/nd30check.
#[test]
fn typed_files_after_libreoffice_and_through_nd30check() {
    if !common::signing::external() {
        return;
    }
    let files = corpus();
    let dir = tempdir("typed-lo");
    let lo = dir.join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    let out = std::process::Command::new(common::signing::tool("soffice"))
        .args(["--headless", &format!("-env:UserInstallation=file://{}/profile", dir.display()), "--convert-to", "docx:MS Word 2007 XML", "--outdir", lo.to_str().unwrap()])
        .args(files.iter().map(|f| f.to_str().unwrap()))
        .output()
        .unwrap();
    assert!(out.status.success(), "soffice: {}", String::from_utf8_lossy(&out.stderr));
    let checker = root().join("../shared/tools/nd30check/nd30check.py");
    assert!(checker.exists(), "nd30check is not beside the repository");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in &files {
        let again = lo.join(f.file_name().unwrap());
        let (doc, diags) = import(&dir, &again);
        for (part, verdict) in judge(&expect_of(f), &doc, &diags) {
            // LibreOffice rewrites embedded objects and documents (an altChunk's text becomes
            // its own paragraphs): what is said of them may change.
            if part == "warnings" {
                continue;
            }
            // LibreOffice keeps an EMF and drops the PNG fallback Word keeps beside it: that
            // picture is then said (import-picture) instead of kept.
            if (part == "pictures" || part == "body") && expect_of(f)["libreoffice_drops_fallback_pictures"] == true {
                continue;
            }
            if let Err(got) = verdict {
                wrong.push(format!("{} after LibreOffice, {part}: {got}", f.file_name().unwrap().to_string_lossy()));
            }
        }
        // A document with all its parts renders and follows the decree.
        let (doc, diags) = import(&dir, f);
        if diags.iter().any(|d| d["code"] == "import-missing" || d["code"] == "import-placeholder") {
            continue;
        }
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let r = {
            std::fs::write(dir.join(format!("{stem}.full.json")), serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
            vanban(&dir, &["render", &format!("{stem}.full.json"), "--to", "pdf"], None)
        };
        assert!(r.status.success(), "{stem}: {}", String::from_utf8_lossy(&r.stderr));
        // nd30check predates pictures in the contract ("unknown block ['image']"): it judges
        // the document without them; tests/pictures.rs judges the pictures.
        let mut plain = doc.clone();
        strip_images(&mut plain);
        std::fs::write(dir.join(format!("{stem}.json")), serde_json::to_vec_pretty(&plain).unwrap()).unwrap();
        assert!(vanban(&dir, &["render", &format!("{stem}.json"), "--to", "pdf"], None).status.success());
        let c = std::process::Command::new(common::signing::tool("python3")).arg(&checker).args(["pdf", &format!("{stem}.json"), &format!("{stem}.pdf"), "--json"]).current_dir(&dir).output().unwrap();
        let report: Value = serde_json::from_slice(&c.stdout).unwrap_or_else(|_| panic!("{stem}: nd30check: {}{}", String::from_utf8_lossy(&c.stdout), String::from_utf8_lossy(&c.stderr)));
        let pdf = common::pdf::read(&std::fs::read(dir.join(format!("{stem}.pdf"))).unwrap());
        for r in report["results"].as_array().unwrap().iter().filter(|r| r["status"] == "FAIL") {
            // nd30check takes an appendix table's cell text (its inset) for the left margin
            // and reads a 10 mm indent as 8.9 mm: a checker bug (see the README); the indent
            // is measured here instead.
            if r["rule"] == "body.indent" && plain["appendices"].is_array() && first_indent_mm(&pdf, &plain).is_some_and(|mm| (mm - 10.0).abs() < 0.2) {
                continue;
            }
            wrong.push(format!("{stem}: nd30check {} {}", r["rule"], r["reason"]));
        }
        checked += 1;
    }
    assert!(checked >= 30, "{checked} documents checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn strip_images(v: &mut Value) {
    match v {
        Value::Array(a) => {
            a.retain(|b| b.get("image").is_none());
            a.iter_mut().for_each(strip_images);
        }
        Value::Object(o) => o.values_mut().for_each(strip_images),
        _ => {}
    }
}

/// The first-line indent of the body's first plain paragraph, mm from the left margin.
fn first_indent_mm(pdf: &common::pdf::Pdf, doc: &Value) -> Option<f64> {
    fn first_para(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.iter().find_map(first_para),
            Value::Object(o) => o.get("body").and_then(first_para),
            _ => None,
        }
    }
    let text = first_para(&doc["body"])?;
    let start: String = text.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let line = pdf.pages.iter().flat_map(|p| p.lines.iter()).find(|l| l.text.starts_with(&start))?;
    let margin_mm = 30.0;
    Some(line.x0 * 25.4 / 72.0 - margin_mm)
}
