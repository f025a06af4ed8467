//! Tests with external tools (LibreOffice, poppler, python-docx). They run when
//! VANBAN_EXTERNAL=1 (as `.ci/run` sets after installing the tools); then a missing tool is
//! a failure, never a skip.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn external() -> bool {
    let on = std::env::var("VANBAN_EXTERNAL").is_ok_and(|v| v == "1");
    if !on {
        eprintln!("VANBAN_EXTERNAL is not 1: LibreOffice, poppler and python-docx tests not run");
    }
    on
}

fn tool(name: &str) -> String {
    let out = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().unwrap();
    assert!(out.status.success(), "VANBAN_EXTERNAL=1 but {name} is not installed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Each page's words, page numbers (a line of digits alone) left out.
fn page_words(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new(tool("pdftotext")).args(["-layout", pdf.to_str().unwrap(), "-"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.lines()
                .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
                .flat_map(|l| words(l))
                .collect()
        })
        .collect()
}

fn soffice_pdf(docx: &Path, dir: &Path) -> std::path::PathBuf {
    let profile = dir.join("lo-profile");
    let out = Command::new(tool("soffice"))
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(dir.join("lo"))
        .arg(docx)
        .output()
        .unwrap();
    assert!(out.status.success(), "soffice: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.join("lo").join(docx.file_stem().unwrap()).with_extension("pdf");
    assert!(pdf.exists(), "LibreOffice wrote no PDF for {}", docx.display());
    pdf
}

/// Each fixture's DOCX, converted by LibreOffice, has the PDF's pages: the same count and the
/// same first and last words on every page. The PDF is the unsigned one: in the signable PDF an
/// electronic copy's ô 14 is a signature field, whose text appears when it is signed.
#[test]
fn libreoffice_renders_the_docx_like_the_pdf() {
    if !external() {
        return;
    }
    let dir = tempdir("lo-parity");
    let mut fixtures: Vec<String> = std::fs::read_dir(root().join("fixtures")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".json")).collect();
    fixtures.sort();
    for name in &fixtures {
        let out = vanban(&dir, &["render", fixture(name).to_str().unwrap(), "--no-signature-fields"], None);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let stem = name.trim_end_matches(".json");
        let ours = page_words(&dir.join(format!("{stem}.pdf")));
        let lo = page_words(&soffice_pdf(&dir.join(format!("{stem}.docx")), &dir));
        assert_eq!(ours.len(), lo.len(), "{name}: page count, PDF vs LibreOffice's DOCX");
        for (k, (a, b)) in ours.iter().zip(&lo).enumerate() {
            assert_eq!(a.first(), b.first(), "{name}: first word of page {}", k + 1);
            assert_eq!(a.last(), b.last(), "{name}: last word of page {}", k + 1);
        }
    }
}

#[test]
fn python_docx_opens_it() {
    if !external() {
        return;
    }
    let dir = tempdir("python-docx");
    let out = vanban(&dir, &["render", fixture("bao-cao-612.json").to_str().unwrap(), "-o", "x.docx"], None);
    assert!(out.status.success());
    let script = "import docx, sys\nd = docx.Document(sys.argv[1])\nprint(len(d.paragraphs), len(d.tables), d.core_properties.author)";
    let out = Command::new(tool("python3")).args(["-c", script, dir.join("x.docx").to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "python-docx: {}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Ủy ban nhân dân xã Hương Xuân"), "{said}");
}

/// Sign `signer`, then `agency`, each in its own incremental update with an appearance that
/// embeds its font and has no transparency; both signatures VALID, the page text unchanged,
/// each signature in its field, and the file still PDF/A after each step.
#[test]
fn signed_end_to_end_with_pyhanko() {
    if !external() {
        return;
    }
    let dir = tempdir("signing");
    let run = |cmd: &str, args: &[&str]| {
        let out = Command::new(tool(cmd)).args(args).current_dir(&dir).output().unwrap();
        assert!(out.status.success(), "{cmd} {args:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = vanban(&dir, &["render", fixture("bao-cao-612.json").to_str().unwrap(), "-o", "doc.pdf"], None);
    assert!(out.status.success());
    let listed = run("pyhanko", &["sign", "list", "doc.pdf"]);
    assert!(listed.contains("signer:EMPTY") && listed.contains("agency:EMPTY"), "{listed}");

    run("openssl", &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "30",
        "-subj", "/CN=Nguyen Thi Bich Ngoc", "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"]);
    run("openssl", &["pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "signer.p12", "-passout", "pass:secret"]);
    std::fs::write(dir.join("pass.txt"), "secret").unwrap();
    let font = root().join("fonts/LiberationSerif-Regular.ttf");
    std::fs::write(
        dir.join("pyhanko.yml"),
        format!("stamp-styles:\n  pdfa:\n    type: text\n    background: null\n    text-box-style:\n      font: {}\n      font-size: 9\n", font.display()),
    )
    .unwrap();
    let sign = |field: &str, input: &str, output: &str| {
        run("pyhanko", &["--config", "pyhanko.yml", "sign", "addsig", "--field", field, "--existing-only", "--style-name", "pdfa",
            "pkcs12", "--passfile", "pass.txt", input, output, "signer.p12"]);
    };
    let before = std::fs::read(dir.join("doc.pdf")).unwrap();
    sign("signer", "doc.pdf", "s1.pdf");
    let s1 = std::fs::read(dir.join("s1.pdf")).unwrap();
    assert!(s1.starts_with(&before), "the first signature is an incremental update");
    assert!(common::pdfa::problems(&s1, "2").is_empty(), "after the signer: {:?}", common::pdfa::problems(&s1, "2"));
    sign("agency", "s1.pdf", "s2.pdf");
    let s2 = std::fs::read(dir.join("s2.pdf")).unwrap();
    assert!(s2.starts_with(&s1), "the second signature is another incremental update");
    assert!(common::pdfa::problems(&s2, "2").is_empty(), "after the agency: {:?}", common::pdfa::problems(&s2, "2"));

    let report = run("pyhanko", &["sign", "validate", "--pretty-print", "--trust", "cert.pem", "--trust-replace", "--no-revocation-check", "s2.pdf"]);
    assert_eq!(report.matches("The signature is judged VALID").count(), 2, "{report}");
    assert!(report.contains("cryptographically sound"));
    assert!(!report.contains("INVALID") && !report.contains("tampered"), "{report}");
    // The pages' own content (not the signatures' appearances) is untouched.
    assert!(common::pdf::read(&before).text() == common::pdf::read(&s2).text(), "page text unchanged by signing");

    // Each signature sits in its field, on the closing page, where vanban put the field.
    let unsigned = lopdf::Document::load_mem(&before).unwrap();
    let signed = lopdf::Document::load_mem(&s2).unwrap();
    let rects = |d: &lopdf::Document| -> Vec<(String, Vec<f32>, bool, u32)> {
        let pages = d.get_pages();
        let acro = d.catalog().unwrap().get(b"AcroForm").unwrap();
        let acro = match acro {
            lopdf::Object::Reference(r) => d.get_dictionary(*r).unwrap().clone(),
            o => o.as_dict().unwrap().clone(),
        };
        acro.get(b"Fields").unwrap().as_array().unwrap().iter()
            .map(|f| d.get_dictionary(f.as_reference().unwrap()).unwrap())
            .filter(|w| w.get(b"FT").unwrap().as_name().unwrap() == b"Sig")
            .map(|w| {
            let p = w.get(b"P").unwrap().as_reference().unwrap();
            let page = *pages.iter().find(|(_, id)| **id == p).unwrap().0;
            (lopdf::decode_text_string(w.get(b"T").unwrap()).unwrap(),
             w.get(b"Rect").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect(),
             w.has(b"V"), page)
        }).collect()
    };
    let (a, b) = (rects(&unsigned), rects(&signed));
    assert_eq!(a.len(), 2);
    for ((n1, r1, v1, p1), (n2, r2, v2, p2)) in a.iter().zip(&b) {
        assert_eq!(n1, n2);
        assert!(!v1 && *v2, "{n1}: empty before, signed after");
        assert_eq!(p1, p2);
        assert_eq!(*p2 as usize, unsigned.get_pages().len(), "{n1} on the closing page");
        assert!(r1.iter().zip(r2).all(|(x, y)| (x - y).abs() < 0.01), "{n1}: the signature fills the field vanban placed");
    }
}

/// Headless Chromium loads the live preview, draws the page, and shows the new content
/// after the input is edited.
#[test]
fn chromium_shows_the_live_preview() {
    if !external() {
        return;
    }
    let browser = ["chromium", "chromium-browser"].iter().find(|b| Command::new("sh").arg("-c").arg(format!("command -v {b}")).output().is_ok_and(|o| o.status.success())).map(|b| tool(b));
    let browser = browser.unwrap_or_else(|| panic!("VANBAN_EXTERNAL=1 but chromium is not installed"));
    let dir = tempdir("chromium");
    let input = dir.join("doc.json");
    std::fs::copy(fixture("giay-moi-hoi-nghi.json"), &input).unwrap();
    let (_server, addr) = common::serve::start(&input);
    common::serve::wait_for(&addr, |v| v["version"].as_u64().unwrap_or(0) >= 1);
    let shot = |name: &str| -> tiny_skia::Pixmap {
        let profile = dir.join(format!("profile-{name}"));
        let png = dir.join(format!("{name}.png"));
        let out = Command::new(&browser)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=900,1300",
                   "--virtual-time-budget=5000"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("http://{addr}/"))
            .output()
            .unwrap();
        assert!(png.exists(), "chromium took no screenshot: {}", String::from_utf8_lossy(&out.stderr));
        tiny_skia::Pixmap::load_png(&png).unwrap()
    };
    let ink = |p: &tiny_skia::Pixmap| p.pixels().iter().filter(|c| c.red() < 100 && c.green() < 100 && c.blue() < 100).count();
    let before = shot("before");
    assert!(ink(&before) > 2000, "the page is drawn (dark pixels: {})", ink(&before));
    let changed = std::fs::read_to_string(&input).unwrap().replace("Hội nghị tập huấn", "HỘI NGHỊ TẬP HUẤN TOÀN TỈNH");
    std::fs::write(&input, changed).unwrap();
    common::serve::wait_for(&addr, |v| v["version"].as_u64().unwrap_or(0) >= 2);
    let after = shot("after");
    assert!(before.data() != after.data(), "the page changed after the edit");
}

/// Every fixture validates against the committed JSON Schema (python-jsonschema, draft 2020-12).
#[test]
fn fixtures_validate_against_the_schema() {
    if !external() {
        return;
    }
    assert!(validate_against_schema(&root().join("fixtures")) >= 10);
}

/// Every fixture's DOCX passes the OOXML validator (PyPI openxml-audit: the Open XML SDK's
/// schema and semantic rules) with 0 errors: Word opens it without "repairing" it. So does a
/// DOCX whose text holds Word's controls (line break, no-break hyphen) and a copy's closing.
#[test]
fn docx_passes_the_ooxml_validator() {
    if !external() {
        return;
    }
    let audit = tool("openxml-audit");
    let dir = tempdir("ooxml");
    let mut inputs: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("fixtures")).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    let mut word: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-612.json")).unwrap()).unwrap();
    word["body"][0] = "Dòng một\u{0B}dòng hai; Quyết\u{1E}định; chuyển\u{1F}đổi\u{200B}.".into();
    std::fs::write(dir.join("word-controls.json"), serde_json::to_vec(&word).unwrap()).unwrap();
    inputs.push(dir.join("word-controls.json"));
    for input in &inputs {
        let out = vanban(&dir, &["render", input.to_str().unwrap(), "--to", "docx", "--out-dir", "docx"], None);
        assert!(out.status.success(), "{}: {}", input.display(), String::from_utf8_lossy(&out.stderr));
        let docx = dir.join("docx").join(input.file_stem().unwrap()).with_extension("docx");
        let out = Command::new(&audit).args(["--output", "json", "--max-errors", "0"]).arg(&docx).output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        let v: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| panic!("{}: openxml-audit output is not JSON ({e}): {report}{}", docx.display(), String::from_utf8_lossy(&out.stderr)));
        // One report per file checked: [{"file", "valid", "error_count", "errors": [...]}].
        let r = &v[0];
        assert_eq!(r["error_count"].as_u64(), Some(0), "{}: {report}", docx.display());
        assert_eq!(r["valid"], true, "{}: {report}", docx.display());
        assert!(out.status.success(), "{}: openxml-audit exit {:?}: {report}", docx.display(), out.status.code());
    }
}
