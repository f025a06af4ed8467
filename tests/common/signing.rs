//! Shared by the signing tests: the seed rendered with a test PKI and images, and the
//! commands and reports of sign and verify.

use super::keys::{have_openssl, Alg, Pki};
use super::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TIME: &str = "2026-03-09T10:00:00+07:00";
pub const FROM: &str = "20250101000000Z";
pub const UNTIL: &str = "20300101000000Z";

pub fn external() -> bool {
    std::env::var("VANBAN_EXTERNAL").is_ok_and(|v| v == "1")
}

pub fn tool(name: &str) -> String {
    let out = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().unwrap();
    assert!(out.status.success(), "VANBAN_EXTERNAL=1 but {name} is not installed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A PNG: a blue stroke on transparency (a signature), or a red ring (a seal).
pub fn png(seal: bool) -> Vec<u8> {
    let (w, h) = if seal { (300, 300) } else { (420, 140) };
    let mut pm = tiny_skia::Pixmap::new(w, h).unwrap();
    let mut paint = tiny_skia::Paint::default();
    let mut pb = tiny_skia::PathBuilder::new();
    if seal {
        paint.set_color_rgba8(220, 20, 30, 255);
        pb.push_circle(150.0, 150.0, 138.0);
        pb.push_circle(150.0, 150.0, 98.0);
    } else {
        paint.set_color_rgba8(20, 40, 200, 255);
        pb.move_to(10.0, 70.0);
        for i in 1..40 {
            let x = 10.0 + i as f32 * 10.0;
            pb.line_to(x, 70.0 + 40.0 * (x / 25.0).sin());
        }
    }
    let stroke = tiny_skia::Stroke { width: if seal { 12.0 } else { 7.0 }, ..Default::default() };
    pm.stroke_path(&pb.finish().unwrap(), &paint, &stroke, tiny_skia::Transform::identity(), None);
    pm.encode_png().unwrap()
}

pub struct Setup {
    pub dir: PathBuf,
    pub pki: Pki,
    pub leader: PathBuf,
    pub agency: PathBuf,
}

/// The seed rendered, a PKI, the leader's 3072-bit RSA key in a legacy .p12 and the agency's
/// P-256 key in an AES .p12, and the two images.
pub fn setup(tag: &str) -> Option<Setup> {
    if !have_openssl() {
        return None;
    }
    let dir = tempdir(tag);
    let out = vanban(&dir, &["render", fixture("bao-cao-612.json").to_str().unwrap(), "--to", "pdf", "-o", "doc.pdf"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pki = Pki::new(&dir.join("pki"));
    let leader = pki.leaf("leader", "Nguyễn Thị Bích Ngọc", Alg::Rsa(3072), FROM, UNTIL, "leaf", true);
    let agency = pki.leaf("agency", "Ủy ban nhân dân xã Hương Xuân", Alg::P256, FROM, UNTIL, "leaf", false);
    std::fs::write(dir.join("signature.png"), png(false)).unwrap();
    std::fs::write(dir.join("seal.png"), png(true)).unwrap();
    Some(Setup { dir, pki, leader, agency })
}

pub fn sign(dir: &Path, input: &str, output: &str, field: &str, p12: &Path, pass: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["sign", input, "-o", output, "--field", field, "--p12", p12.to_str().unwrap(), "--pass-file", pass.to_str().unwrap(), "--time", TIME];
    args.extend_from_slice(extra);
    vanban(dir, &args, None)
}

pub fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
}

/// `vanban verify --message-format json`: the report and the exit code.
pub fn verify(dir: &Path, file: &str, trust: Option<&Path>) -> (Value, i32) {
    let mut args = vec!["verify", file, "--message-format", "json"];
    let t;
    if let Some(p) = trust {
        t = p.to_str().unwrap().to_string();
        args.extend(["--trust", t.as_str()]);
    }
    let out = vanban(dir, &args, None);
    let code = out.status.code().unwrap();
    (serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("JSON report: {}", String::from_utf8_lossy(&out.stderr))), code)
}

pub fn field<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["fields"].as_array().unwrap().iter().find(|f| f["field"] == name).unwrap_or_else(|| panic!("no field {name}: {report}"))
}


/// Run an external tool (it must be installed) in `dir`: success, stdout then stderr.
pub fn run(dir: &Path, cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool(cmd)).args(args).current_dir(dir).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// pyHanko's judgement of every signature of `file`, one JSON object each
/// (tests/data/pyhanko_judge.py).
pub fn pyhanko(dir: &Path, file: &str, root_pem: &Path) -> Vec<Value> {
    let script = root().join("tests/data/pyhanko_judge.py");
    let (good, text) = run(dir, "python3", &[script.to_str().unwrap(), root_pem.to_str().unwrap(), file]);
    assert!(good, "{text}");
    text.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// pdfsig's report of `file`, which must say every signature is valid.
pub fn pdfsig_valid(dir: &Path, file: &str, count: usize) -> String {
    let (good, text) = run(dir, "pdfsig", &[file]);
    assert!(good, "{text}");
    assert_eq!(text.matches("Signature is Valid.").count(), count, "{text}");
    text
}

/// A refusal: exit 2, the error code in the message, no file written.
pub fn refused(out: &std::process::Output, code: &str, dir: &Path, file: &str) {
    refused_with(out, 2, code, dir, file)
}

/// A refusal with another exit code.
pub fn refused_with(out: &std::process::Output, exit: i32, code: &str, dir: &Path, file: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(exit), "{code}: {err}");
    assert!(err.contains(&format!("error[{code}]")), "{code}: {err}");
    assert!(!dir.join(file).exists(), "{code}: no output written");
}


/// A text field's value and rectangle.
pub fn text_field(bytes: &[u8], name: &str) -> (Option<String>, [f64; 4]) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let acro = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap().clone();
    for f in acro.get(b"Fields").unwrap().as_array().unwrap() {
        let d = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
        if lopdf::decode_text_string(d.get(b"T").unwrap()).unwrap() != name {
            continue;
        }
        assert_eq!(d.get(b"FT").unwrap().as_name().unwrap(), b"Tx");
        let v = d.get(b"V").ok().map(|v| lopdf::decode_text_string(v).unwrap());
        let r: Vec<f64> = d.get(b"Rect").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap() as f64).collect();
        return (v, [r[0], r[1], r[2], r[3]]);
    }
    panic!("no text field {name}");
}
