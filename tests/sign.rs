//! `vanban sign` and `vanban verify`: PAdES signatures in the layout's fields, judged by
//! vanban's own verifier, the PDF/A checks and, with VANBAN_EXTERNAL=1, by pyHanko, pdfsig,
//! qpdf and poppler's renderer. Keys come from `openssl` (tests/common/keys.rs).

mod common;

use common::keys::Alg;
use common::signing::*;
use common::*;
use serde_json::Value;
use std::process::Command;

/// The (page number → content bytes) of every page: what signing must never touch.
fn page_contents(bytes: &[u8]) -> Vec<Vec<u8>> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.get_pages().values().map(|id| doc.get_page_content(*id)).collect()
}

/// The seed signed by the leader (image) and then the agency (seal): every check.
#[test]
fn seed_signed_by_leader_then_agency() {
    let Some(s) = setup("sign-seed") else { return };
    let d = &s.dir;
    let pass = s.pki.pass_file();
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &pass, &["--image", "signature.png"]));
    ok(&sign(d, "s1.pdf", "s2.pdf", "agency", &s.agency, &pass, &["--image", "seal.png"]));
    let (doc, s1, s2) = (std::fs::read(d.join("doc.pdf")).unwrap(), std::fs::read(d.join("s1.pdf")).unwrap(), std::fs::read(d.join("s2.pdf")).unwrap());
    assert!(s1.starts_with(&doc) && s2.starts_with(&s1), "each signature is an incremental update");
    for (name, bytes) in [("after the signer", &s1), ("after the agency", &s2)] {
        let p = common::pdfa::problems(bytes, "2");
        assert!(p.is_empty(), "{name}: {p:?}");
        assert_eq!(page_contents(bytes), page_contents(&doc), "{name}: page content untouched (images live in the fields)");
    }

    // The signature dictionaries: PAdES, /M in Vietnam time.
    let raw = String::from_utf8_lossy(&s2);
    assert_eq!(raw.matches("/SubFilter /ETSI.CAdES.detached").count() + raw.matches("/SubFilter/ETSI.CAdES.detached").count(), 2, "two PAdES signatures");
    assert_eq!(raw.matches("(D:20260309100000+07'00')").count(), 2, "/M in +07:00");

    let (report, code) = verify(d, "s2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    let (l, a) = (field(&report, "signer"), field(&report, "agency"));
    assert_eq!(l["signer"], "Nguyễn Thị Bích Ngọc");
    assert_eq!(a["signer"], "Ủy ban nhân dân xã Hương Xuân");
    for f in [l, a] {
        assert_eq!(f["signed"], true);
        assert_eq!(f["intact"], true, "{f}");
        assert_eq!(f["trusted"], true, "{f}");
        assert_eq!(f["hash_algorithm"], "sha256");
        assert_eq!(f["sub_filter"], "ETSI.CAdES.detached");
        assert_eq!(f["claimed_time"], TIME);
        // No signing-time inside the CMS (PAdES B-B): the time shown is /M.
        assert_eq!(f["signing_time"], TIME);
        assert_eq!(f["page"], 3);
    }
    assert_eq!(l["signature_algorithm"], "rsa");
    assert_eq!(a["signature_algorithm"], "sha256-ecdsa");
    assert_eq!(l["whole_file"], false);
    assert_eq!(l["later_changes"], "form-filling");
    assert_eq!(a["whole_file"], true);

    // Same input, key and time: the same bytes.
    ok(&sign(d, "doc.pdf", "again.pdf", "signer", &s.leader, &pass, &["--image", "signature.png"]));
    assert!(std::fs::read(d.join("again.pdf")).unwrap() == s1, "signing is deterministic");

    // A changed byte inside the signed range: verify says so, exit 3.
    let mut bad = s2.clone();
    let at = s2.windows(10).position(|w| w == b"vanban 0.1").expect("the creator string");
    bad[at] = b'w';
    std::fs::write(d.join("tampered.pdf"), &bad).unwrap();
    let (report, code) = verify(d, "tampered.pdf", None);
    assert_eq!(code, 3, "{report}");
    assert_eq!(field(&report, "signer")["intact"], false);

    // The same CMS in BER (indefinite lengths, as CryptoAPI and older Java tools write it):
    // still read, still intact.
    let mut ber = s1.clone();
    let at = ber.windows(10).rposition(|w| w == b"/Contents<").unwrap() + 10;
    let end = at + ber[at..].iter().position(|&b| b == b'>').unwrap();
    let hex = std::str::from_utf8(&ber[at..end]).unwrap().to_string();
    let bytes: Vec<u8> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    let tlv = |b: &[u8]| -> (usize, usize) {
        if b[1] < 0x80 { (b[1] as usize, 2) } else { let n = (b[1] & 0x7f) as usize; (b[2..2 + n].iter().fold(0, |a, &x| (a << 8) | x as usize), 2 + n) }
    };
    let (ci_len, ci_h) = tlv(&bytes);
    let ci = &bytes[ci_h..ci_h + ci_len];
    let (oid_len, oid_h) = tlv(ci);
    let explicit = &ci[oid_h + oid_len..];
    let (_, ex_h) = tlv(explicit);
    let inner = &explicit[ex_h..];
    let mut indefinite = vec![0x30, 0x80];
    indefinite.extend_from_slice(&ci[..oid_h + oid_len]);
    indefinite.extend_from_slice(&[0xa0, 0x80]);
    indefinite.extend_from_slice(inner);
    indefinite.extend_from_slice(&[0, 0, 0, 0]);
    let new_hex: String = indefinite.iter().map(|b| format!("{b:02X}")).collect();
    assert!(new_hex.len() <= hex.len());
    ber[at..at + new_hex.len()].copy_from_slice(new_hex.as_bytes());
    ber[at + new_hex.len()..end].fill(b'0');
    std::fs::write(d.join("ber.pdf"), &ber).unwrap();
    let (report, code) = verify(d, "ber.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["intact"], true, "{report}");

    if !external() {
        return;
    }
    let (good, text) = (|| {
        let out = Command::new(tool("pdfsig")).arg("ber.pdf").current_dir(d).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
    })();
    assert!(good && text.contains("Signature is Valid."), "pdfsig agrees on the BER signature: {text}");
    let run = |cmd: &str, args: &[&str]| {
        let out = Command::new(tool(cmd)).args(args).current_dir(d).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let (good, text) = run("pdfsig", &["s2.pdf"]);
    assert!(good, "{text}");
    assert_eq!(text.matches("Signature is Valid.").count(), 2, "{text}");
    assert!(text.contains("Signer Certificate Common Name: Nguyễn Thị Bích Ngọc") && text.contains("Signer Certificate Common Name: Ủy ban nhân dân xã Hương Xuân"), "{text}");
    let (good, text) = run("qpdf", &["--check", "s2.pdf"]);
    assert!(good && text.contains("No syntax or stream encoding errors"), "{text}");
    let script = root().join("tests/data/pyhanko_judge.py");
    let root_pem = s.pki.root();
    let (good, text) = run("python3", &[script.to_str().unwrap(), root_pem.to_str().unwrap(), "s2.pdf"]);
    assert!(good, "{text}");
    let lines: Vec<Value> = text.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    for v in &lines {
        assert_eq!(v["intact"], true, "{v}");
        assert_eq!(v["valid"], true, "{v}");
        assert_eq!(v["trusted"], true, "{v}");
    }
    assert_eq!(lines[0]["field"], "signer");
    assert_eq!(lines[0]["modification_level"], "FORM_FILLING", "the change after the leader's signature is form filling");
    assert_eq!(lines[1]["coverage"], "ENTIRE_FILE");

    // The picture: the seal's red pixels overlap the left third of the signature's blue ones.
    let (good, text) = run("pdftoppm", &["-png", "-r", "100", "-f", "3", "-l", "3", "-singlefile", "s2.pdf", "page"]);
    assert!(good, "{text}");
    let pm = tiny_skia::Pixmap::load_png(d.join("page.png")).unwrap();
    let bbox = |pred: &dyn Fn(u8, u8, u8) -> bool| {
        let (mut x0, mut x1) = (u32::MAX, 0);
        for y in 0..pm.height() {
            for x in 0..pm.width() {
                let p = pm.pixel(x, y).unwrap();
                if pred(p.red(), p.green(), p.blue()) {
                    x0 = x0.min(x);
                    x1 = x1.max(x);
                }
            }
        }
        (x0, x1)
    };
    let blue = bbox(&|r, g, b| b > 150 && r < 100 && g < 120);
    let red = bbox(&|r, g, b| r > 170 && g < 90 && b < 90);
    assert!(blue.0 < blue.1 && red.0 < red.1, "both images drawn: blue {blue:?}, red {red:?}");
    let third = blue.0 + (blue.1 - blue.0) / 3;
    assert!(red.1 > blue.0 && red.1 <= third + 12, "the seal covers the left third of the signature: blue {blue:?}, red {red:?}");
    assert!(red.0 < blue.0, "the seal starts left of the signature");
}

/// Without an image, each field shows the certificate's name and the time, in the bundled
/// font, embedded.
#[test]
fn text_appearance_without_an_image() {
    let Some(s) = setup("sign-text") else { return };
    let d = &s.dir;
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &s.pki.pass_file(), &[]));
    let bytes = std::fs::read(d.join("s1.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let acro = doc.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap().clone();
    assert_eq!(acro.get(b"SigFlags").unwrap().as_i64().unwrap(), 3);
    let w = acro.get(b"Fields").unwrap().as_array().unwrap().iter()
        .map(|f| doc.get_dictionary(f.as_reference().unwrap()).unwrap())
        .find(|w| lopdf::decode_text_string(w.get(b"T").unwrap()).unwrap() == "signer")
        .unwrap();
    let ap = doc.get_object(w.get(b"AP").unwrap().as_dict().unwrap().get(b"N").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    let fonts = ap.dict.get(b"Resources").and_then(|r| match r {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id),
        o => o.as_dict(),
    }).unwrap().get(b"Font").expect("the appearance has fonts");
    let fonts = match fonts { lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(), o => o.as_dict().unwrap() };
    assert!(!fonts.is_empty());
    assert!(common::pdfa::problems(&bytes, "2").is_empty(), "{:?}", common::pdfa::problems(&bytes, "2"));
    let (report, code) = verify(d, "s1.pdf", None);
    assert_eq!(code, 0);
    assert_eq!(field(&report, "signer")["intact"], true);
    assert_eq!(field(&report, "agency")["signed"], false);
    if external() {
        let out = Command::new(tool("pdftoppm")).args(["-png", "-r", "100", "-f", "3", "-l", "3", "-singlefile", "s1.pdf", "t"]).current_dir(d).output().unwrap();
        assert!(out.status.success());
        let out = Command::new(tool("pdftoppm")).args(["-png", "-r", "100", "-f", "3", "-l", "3", "-singlefile", "doc.pdf", "u"]).current_dir(d).output().unwrap();
        assert!(out.status.success());
        let (t, u) = (tiny_skia::Pixmap::load_png(d.join("t.png")).unwrap(), tiny_skia::Pixmap::load_png(d.join("u.png")).unwrap());
        let dark = |p: &tiny_skia::Pixmap| p.pixels().iter().filter(|c| c.red() < 100 && c.green() < 100 && c.blue() < 100).count();
        assert!(dark(&t) > dark(&u) + 200, "the text appearance is drawn");
    }
}

/// What `sign` refuses, each with exit 2, its code and no file.
#[test]
fn refusals() {
    let Some(s) = setup("sign-refuse") else { return };
    let d = &s.dir;
    let pass = s.pki.pass_file();
    refused(&sign(d, "doc.pdf", "x.pdf", "agency", &s.agency, &pass, &[]), "signer-first", d, "x.pdf");
    refused(&sign(d, "doc.pdf", "x.pdf", "chu_ky", &s.leader, &pass, &[]), "no-such-field", d, "x.pdf");
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &pass, &[]));
    refused(&sign(d, "s1.pdf", "x.pdf", "signer", &s.leader, &pass, &[]), "already-signed", d, "x.pdf");
    std::fs::write(d.join("wrong.txt"), "not the password\n").unwrap();
    refused(&sign(d, "s1.pdf", "x.pdf", "agency", &s.agency, &d.join("wrong.txt"), &[]), "wrong-password", d, "x.pdf");
    let expired = s.pki.leaf("expired", "Trần Văn Cũ", Alg::Rsa(2048), FROM, "20251231000000Z", "leaf", false);
    refused(&sign(d, "doc.pdf", "x.pdf", "signer", &expired, &pass, &[]), "certificate-expired", d, "x.pdf");
    let encipher = s.pki.leaf("encipher", "Lê Thị Mã Hóa", Alg::Rsa(2048), FROM, UNTIL, "encipher", false);
    refused(&sign(d, "doc.pdf", "x.pdf", "signer", &encipher, &pass, &[]), "key-usage", d, "x.pdf");
    let weak = s.pki.leaf("weak", "Khóa Yếu", Alg::Rsa(1024), FROM, UNTIL, "leaf", false);
    refused(&sign(d, "doc.pdf", "x.pdf", "signer", &weak, &pass, &[]), "bad-key", d, "x.pdf");
    refused(&sign(d, fixture("bao-cao-612.json").to_str().unwrap(), "x.pdf", "signer", &s.leader, &pass, &[]), "not-pdf", d, "x.pdf");
    std::fs::write(d.join("cut.pdf"), &std::fs::read(d.join("doc.pdf")).unwrap()[..2000]).unwrap();
    refused(&sign(d, "cut.pdf", "x.pdf", "signer", &s.leader, &pass, &[]), "bad-pdf", d, "x.pdf");
    refused(&vanban(d, &["sign", "doc.pdf", "-o", "x.pdf", "--field", "signer", "--p12", s.leader.to_str().unwrap(), "--pass-file", pass.to_str().unwrap(), "--time", "9 March"], None), "bad-time", d, "x.pdf");
    refused(&sign(d, "doc.pdf", "x.pdf", "signer", &d.join("seal.png"), &pass, &[]), "bad-key", d, "x.pdf");
    if external() {
        let out = Command::new(tool("qpdf")).args(["--encrypt", "u", "o", "256", "--", "doc.pdf", "enc.pdf"]).current_dir(d).output().unwrap();
        assert!(out.status.success());
        refused(&sign(d, "enc.pdf", "x.pdf", "signer", &s.leader, &pass, &[]), "encrypted", d, "x.pdf");
    }
}

/// Standard input and output, as in render.
#[test]
fn pipes() {
    let Some(s) = setup("sign-pipe") else { return };
    let d = &s.dir;
    let doc = std::fs::read(d.join("doc.pdf")).unwrap();
    let pass = s.pki.pass_file();
    let out = vanban(d, &["sign", "-", "-o", "-", "--field", "signer", "--p12", s.leader.to_str().unwrap(), "--pass-file", pass.to_str().unwrap(), "--time", TIME], Some(&doc));
    ok(&out);
    assert!(out.stdout.starts_with(&doc) && out.stdout.len() > doc.len());
    let out2 = vanban(d, &["verify", "-"], Some(&out.stdout));
    assert_eq!(out2.status.code(), Some(0), "{}", String::from_utf8_lossy(&out2.stdout));
    assert!(String::from_utf8_lossy(&out2.stdout).contains("signer (page 3): VALID — signed by Nguyễn Thị Bích Ngọc, 2026-03-09T10:00:00+07:00"));
}

/// `verify` on an unsigned render (exit 3, `unsigned`: no longer 0) and on what is not a PDF
/// (needs no key).
#[test]
fn verify_unsigned_and_not_pdf() {
    let dir = tempdir("verify-plain");
    std::fs::write(dir.join("doc.pdf"), render_fixture("bao-cao-612.json")).unwrap();
    let (report, code) = verify(&dir, "doc.pdf", None);
    assert_eq!(code, 3);
    assert_eq!(report["verdict"], "unsigned");
    let names: Vec<&str> = report["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(names, ["signer", "agency"]);
    assert!(report["fields"].as_array().unwrap().iter().all(|f| f["signed"] == false));
    let out = vanban(&dir, &["verify", fixture("bao-cao-612.json").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[not-pdf]"));
}

/// Signatures made by another tool (pyHanko: PAdES SHA-256, and adbe.pkcs7.detached with
/// SHA-1 as older tools make them): verify agrees with pdfsig; and vanban's agency signature
/// after pyHanko's leader keeps both valid.
#[test]
fn verify_signatures_of_other_tools() {
    if !external() {
        return;
    }
    let Some(s) = setup("verify-others") else { return };
    let d = &s.dir;
    let script = root().join("tests/data/pyhanko_sign.py");
    for (md, sub, name) in [("sha256", "pades", "ph256.pdf"), ("sha1", "pkcs7", "ph1.pdf")] {
        let out = Command::new(tool("python3"))
            .args([script.to_str().unwrap(), "doc.pdf", name, "signer", s.leader.to_str().unwrap(), common::keys::PASSWORD, md, sub])
            .current_dir(d)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let (report, code) = verify(d, name, Some(&s.pki.root()));
        assert_eq!(code, 0, "{report}");
        let f = field(&report, "signer");
        assert_eq!(f["intact"], true, "{f}");
        assert_eq!(f["trusted"], true, "{f}");
        assert_eq!(f["whole_file"], true);
        assert_eq!(f["hash_algorithm"], md);
        assert_eq!(f["signer"], "Nguyễn Thị Bích Ngọc");
        assert_eq!(f["sub_filter"], if sub == "pades" { "ETSI.CAdES.detached" } else { "adbe.pkcs7.detached" });
        let pdfsig = Command::new(tool("pdfsig")).arg(name).current_dir(d).output().unwrap();
        let text = String::from_utf8_lossy(&pdfsig.stdout);
        assert!(text.contains("Signature is Valid."), "{text}");
        assert!(text.contains(&format!("Signing Hash Algorithm: {}", md.to_uppercase().replace("SHA", "SHA-").replace("SHA-1", "SHA1"))), "{text}");
    }
    ok(&sign(d, "ph256.pdf", "both.pdf", "agency", &s.agency, &s.pki.pass_file(), &["--image", "seal.png"]));
    let pdfsig = Command::new(tool("pdfsig")).arg("both.pdf").current_dir(d).output().unwrap();
    let text = String::from_utf8_lossy(&pdfsig.stdout);
    assert_eq!(text.matches("Signature is Valid.").count(), 2, "{text}");
    let (report, code) = verify(d, "both.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["later_changes"], "form-filling");
}

/// The text field `name` of a PDF: its value and its rectangle (PDF space).
/// An unregistered, undated draft: signed by the leader, then issued with its number and date
/// in the agency's signature; the fields hold "15", "09" and "3", both signatures stay valid.
#[test]
fn draft_signed_then_issued_with_number_and_date() {
    let Some(s) = setup("sign-issue") else { return };
    let d = &s.dir;
    let pass = s.pki.pass_file();
    let out = vanban(d, &["render", fixture("ke-hoach-du-thao.json").to_str().unwrap(), "--to", "pdf", "-o", "draft.pdf"], None);
    ok(&out);
    let draft = std::fs::read(d.join("draft.pdf")).unwrap();
    for name in ["number", "day", "month"] {
        assert_eq!(text_field(&draft, name).0, None, "{name} empty at render");
    }
    // The registered seed has none of them.
    let seed = std::fs::read(d.join("doc.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&seed);
    assert!(["(number)", "(day)", "(month)"].iter().all(|t| !raw.contains(t)), "no issuance fields on a registered document");

    refused(&sign(d, "draft.pdf", "x.pdf", "signer", &s.leader, &pass, &["--number", "15"]), "issue-with-agency", d, "x.pdf");
    ok(&sign(d, "draft.pdf", "d1.pdf", "signer", &s.leader, &pass, &["--image", "signature.png"]));
    refused(&sign(d, "d1.pdf", "x.pdf", "agency", &s.agency, &pass, &[]), "number-required", d, "x.pdf");
    refused(&sign(d, "d1.pdf", "x.pdf", "agency", &s.agency, &pass, &["--number", "15", "--date", "2027-01-05"]), "date-year", d, "x.pdf");
    ok(&sign(d, "d1.pdf", "d2.pdf", "agency", &s.agency, &pass, &["--image", "seal.png", "--number", "15", "--date", "2026-03-09"]));
    let d2 = std::fs::read(d.join("d2.pdf")).unwrap();
    assert!(d2.starts_with(&std::fs::read(d.join("d1.pdf")).unwrap()));
    assert_eq!(text_field(&d2, "number").0.as_deref(), Some("15"));
    assert_eq!(text_field(&d2, "day").0.as_deref(), Some("09"));
    assert_eq!(text_field(&d2, "month").0.as_deref(), Some("3"));
    assert!(common::pdfa::problems(&d2, "2").is_empty(), "{:?}", common::pdfa::problems(&d2, "2"));
    let (report, code) = verify(d, "d2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["later_changes"], "form-filling", "the number and date are form filling");
    assert_eq!(field(&report, "agency")["whole_file"], true);
    // A registered document (the seed) refuses a number.
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &pass, &[]));
    refused(&sign(d, "s1.pdf", "x.pdf", "agency", &s.agency, &pass, &["--number", "16"]), "already-numbered", d, "x.pdf");

    if !external() {
        return;
    }
    let script = root().join("tests/data/pyhanko_judge.py");
    let out = Command::new(tool("python3")).args([script.to_str().unwrap(), s.pki.root().to_str().unwrap(), "d2.pdf"]).current_dir(d).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().all(|v| v["intact"] == true && v["trusted"] == true), "{text}");
    assert_eq!(lines[0]["modification_level"], "FORM_FILLING", "{text}");
    let pdfsig = Command::new(tool("pdfsig")).arg("d2.pdf").current_dir(d).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&pdfsig.stdout).matches("Signature is Valid.").count(), 2);
    // Poppler draws the fields' appearances: each blank has ink after issuance, none before.
    for (file, png) in [("d1.pdf", "before"), ("d2.pdf", "after")] {
        let out = Command::new(tool("pdftoppm")).args(["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", file, png]).current_dir(d).output().unwrap();
        assert!(out.status.success());
    }
    let (before, after) = (tiny_skia::Pixmap::load_png(d.join("before.png")).unwrap(), tiny_skia::Pixmap::load_png(d.join("after.png")).unwrap());
    let page_h = 841.89;
    let ink = |pm: &tiny_skia::Pixmap, r: [f64; 4]| {
        let k = 100.0 / 72.0;
        let (x0, x1) = ((r[0] * k) as u32, (r[2] * k) as u32);
        let (y0, y1) = (((page_h - r[3]) * k) as u32, ((page_h - r[1]) * k) as u32);
        (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).filter(|&(x, y)| pm.pixel(x, y).is_some_and(|p| p.red() < 110 && p.green() < 110 && p.blue() < 110)).count()
    };
    for name in ["number", "day", "month"] {
        let r = text_field(&d2, name).1;
        assert_eq!(ink(&before, r), 0, "{name}: blank before issuance");
        assert!(ink(&after, r) > 15, "{name}: its value drawn on the line");
    }
}

/// `--info` fills the top-right signing information with the agency's signature; a seal PNG
/// whose resolution says another size is drawn at the field's size, with a warning.
#[test]
fn signing_information_and_seal_size() {
    let Some(s) = setup("sign-info") else { return };
    let d = &s.dir;
    let pass = s.pki.pass_file();
    let doc = std::fs::read(d.join("doc.pdf")).unwrap();
    let (v, r) = text_field(&doc, "signing_info");
    assert_eq!(v, None, "empty at render");
    assert!(r[3] > 841.89 - 20.0 * 72.0 / 25.4 && (r[2] - (210.0 - 15.0) * 72.0 / 25.4).abs() < 1.0, "in the top margin, at the right of the text area: {r:?}");
    refused(&sign(d, "doc.pdf", "x.pdf", "signer", &s.leader, &pass, &["--info"]), "info-with-agency", d, "x.pdf");
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &pass, &[]));
    // 300 px at 5906 px/m = 50.8 mm, against a 36 mm field.
    std::fs::write(d.join("big-seal.png"), common::png::with_phys(&png(true), 5906)).unwrap();
    let out = sign(d, "s1.pdf", "s2.pdf", "agency", &s.agency, &pass, &["--info", "--image", "big-seal.png"]);
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning[seal-size]") && err.contains("51 mm") && err.contains("36 mm"), "{err}");
    let s2 = std::fs::read(d.join("s2.pdf")).unwrap();
    let info = text_field(&s2, "signing_info").0.unwrap();
    assert_eq!(info, format!("Người ký: Ủy ban nhân dân xã Hương Xuân\nCơ quan: UBND tỉnh Thái Nguyên\nThời gian ký: {TIME}"));
    assert!(common::pdfa::problems(&s2, "2").is_empty(), "{:?}", common::pdfa::problems(&s2, "2"));
    let (report, code) = verify(d, "s2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["later_changes"], "form-filling");
    // A seal PNG at its true size (36 mm): no warning.
    std::fs::write(d.join("true-seal.png"), common::png::with_phys(&png(true), 8333)).unwrap();
    let out = sign(d, "s1.pdf", "s3.pdf", "agency", &s.agency, &pass, &["--image", "true-seal.png"]);
    ok(&out);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("seal-size"));
}

/// `--corner`: any PDF without a signature signed in a new field at the top right of page 1,
/// with the number and symbol it belongs to (an attachment) or the copy form and copying agency.
#[test]
fn corner_signatures_for_attachments_and_copies() {
    let Some(s) = setup("sign-corner") else { return };
    let d = &s.dir;
    let pass = s.pki.pass_file();
    let out = vanban(d, &["render", fixture("bao-cao-612.json").to_str().unwrap(), "--to", "pdf", "--no-signature-fields", "-o", "plain.pdf"], None);
    ok(&out);
    let corner = |input: &str, output: &str, extra: &[&str]| {
        let mut args = vec!["sign", input, "-o", output, "--corner", "--p12", s.agency.to_str().unwrap(), "--pass-file", pass.to_str().unwrap(), "--time", TIME];
        args.extend_from_slice(extra);
        vanban(d, &args, None)
    };
    refused(&corner("plain.pdf", "x.pdf", &[]), "corner-text", d, "x.pdf");
    refused(&corner("plain.pdf", "x.pdf", &["--copy", "sao-y"]), "copier-required", d, "x.pdf");
    refused(&corner("plain.pdf", "x.pdf", &["--copy", "photo", "--copier", "Văn phòng"]), "bad-copy-form", d, "x.pdf");
    refused(&corner("plain.pdf", "x.pdf", &["--of", "612/BC-UBND", "--image", "seal.png"]), "corner-image", d, "x.pdf");
    ok(&corner("plain.pdf", "att.pdf", &["--of", "612/BC-UBND"]));
    refused(&corner("att.pdf", "x.pdf", &["--of", "612/BC-UBND"]), "already-signed", d, "x.pdf");
    ok(&corner("plain.pdf", "copy.pdf", &["--copy", "sao-y", "--copier", "Văn phòng UBND tỉnh Thái Nguyên"]));
    let plain = std::fs::read(d.join("plain.pdf")).unwrap();
    for (file, name) in [("att.pdf", "attachment"), ("copy.pdf", "copy")] {
        let bytes = std::fs::read(d.join(file)).unwrap();
        assert!(bytes.starts_with(&plain));
        assert!(common::pdfa::problems(&bytes, "2").is_empty(), "{file}: {:?}", common::pdfa::problems(&bytes, "2"));
        let (report, code) = verify(d, file, Some(&s.pki.root()));
        assert_eq!(code, 0, "{report}");
        let f = field(&report, name);
        assert_eq!((f["intact"].clone(), f["whole_file"].clone(), f["page"].clone()), (Value::Bool(true), Value::Bool(true), Value::from(1)), "{f}");
    }
    if external() {
        for file in ["att.pdf", "copy.pdf"] {
            let out = Command::new(tool("pdfsig")).arg(file).current_dir(d).output().unwrap();
            assert!(String::from_utf8_lossy(&out.stdout).contains("Signature is Valid."), "{file}");
            let out = Command::new(tool("pdftotext")).args(["-f", "1", "-l", "1", file, "-"]).current_dir(d).output().unwrap();
            assert!(out.status.success());
        }
        // The text is drawn at the top right (poppler draws the widget's appearance).
        let out = Command::new(tool("pdftoppm")).args(["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "copy.pdf", "c"]).current_dir(d).output().unwrap();
        assert!(out.status.success());
        let pm = tiny_skia::Pixmap::load_png(d.join("c.png")).unwrap();
        let top = (0..(17.0 / 25.4 * 100.0) as u32).flat_map(|y| (pm.width() / 2..pm.width()).map(move |x| (x, y)));
        let ink = top.filter(|&(x, y)| pm.pixel(x, y).is_some_and(|p| p.red() < 100)).count();
        assert!(ink > 100, "the corner text is drawn");
    }
}

/// A vanban electronic copy: ô 14 is the empty `agency` field; signed, it shows the copy form,
/// the copying agency and the signature's own time, at the top right of page 1.
#[test]
fn electronic_copy_signed_in_its_corner() {
    let Some(s) = setup("sign-ecopy") else { return };
    let d = &s.dir;
    let pass = s.pki.pass_file();
    ok(&vanban(d, &["render", fixture("thong-bao-ban-sao-dien-tu.json").to_str().unwrap(), "--to", "pdf", "-o", "ecopy.pdf"], None));
    let (report, _) = verify(d, "ecopy.pdf", None);
    let names: Vec<&str> = report["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(names, ["agency"], "the copying agency alone signs");
    assert_eq!(field(&report, "agency")["page"], 1);
    refused(&sign(d, "ecopy.pdf", "x.pdf", "agency", &s.agency, &pass, &["--image", "seal.png"]), "corner-image", d, "x.pdf");
    ok(&sign(d, "ecopy.pdf", "signed.pdf", "agency", &s.agency, &pass, &[]));
    let bytes = std::fs::read(d.join("signed.pdf")).unwrap();
    assert!(common::pdfa::problems(&bytes, "2").is_empty(), "{:?}", common::pdfa::problems(&bytes, "2"));
    let (report, code) = verify(d, "signed.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "agency")["intact"], true);
    // The appearance holds the copy line and the signing time (its text, in the font's codes,
    // is not searchable; poppler draws it).
    if external() {
        let out = Command::new(tool("pdftoppm")).args(["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "signed.pdf", "e"]).current_dir(d).output().unwrap();
        assert!(out.status.success());
        let out = Command::new(tool("pdftoppm")).args(["-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", "ecopy.pdf", "u"]).current_dir(d).output().unwrap();
        assert!(out.status.success());
        let count = |f: &str| {
            let pm = tiny_skia::Pixmap::load_png(d.join(f)).unwrap();
            let h = (19.0 / 25.4 * 100.0) as u32;
            (0..h).flat_map(|y| (pm.width() / 2..pm.width()).map(move |x| (x, y))).filter(|&(x, y)| pm.pixel(x, y).is_some_and(|p| p.red() < 100)).count()
        };
        assert_eq!(count("u.png"), 0, "nothing at the top right before signing");
        assert!(count("e.png") > 100, "the copy line and time drawn after signing");
    }
}

/// `style.seal`: an office whose seal is not 36 mm gets an `agency` field of its size; outside
/// 20–60 mm is refused at its path.
#[test]
fn seal_size_from_the_style() {
    let seed: Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-612.json")).unwrap()).unwrap();
    let mut doc = seed.clone();
    doc["style"] = serde_json::json!({ "seal": "40mm" });
    let bytes = render_json("seal-40", &doc.to_string());
    let dir = tempdir("seal-40");
    std::fs::write(dir.join("d.pdf"), &bytes).unwrap();
    let lo = lopdf::Document::load_mem(&bytes).unwrap();
    let acro = lo.catalog().unwrap().get(b"AcroForm").unwrap().as_dict().unwrap().clone();
    let agency = acro.get(b"Fields").unwrap().as_array().unwrap().iter()
        .map(|f| lo.get_dictionary(f.as_reference().unwrap()).unwrap())
        .find(|w| lopdf::decode_text_string(w.get(b"T").unwrap()).unwrap() == "agency")
        .unwrap();
    let r: Vec<f64> = agency.get(b"Rect").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap() as f64).collect();
    let mm = 72.0 / 25.4;
    assert!(((r[2] - r[0]) / mm - 40.0).abs() < 0.1 && ((r[3] - r[1]) / mm - 40.0).abs() < 0.1, "{r:?}");
    doc["style"] = serde_json::json!({ "seal": "80mm" });
    std::fs::write(dir.join("bad.json"), doc.to_string()).unwrap();
    let out = vanban(&dir, &["render", "bad.json", "-o", "bad.pdf"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("$.style.seal"));
    assert!(!dir.join("bad.pdf").exists());
}

/// A CMS made by `openssl cms` (with its signing-time and capabilities attributes) over the
/// ByteRange of a prepared signature: verify reads it, intact, with OpenSSL's signing time.
#[test]
fn verify_a_cms_made_by_openssl() {
    let Some(s) = setup("verify-openssl") else { return };
    let d = &s.dir;
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &s.pki.pass_file(), &[]));
    let mut pdf = std::fs::read(d.join("s1.pdf")).unwrap();
    let at = pdf.windows(10).rposition(|w| w == b"/Contents<").unwrap() + 10;
    let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
    // The signed bytes: everything but the hex string with its brackets.
    let signed = [&pdf[..at - 1], &pdf[end + 1..]].concat();
    std::fs::write(d.join("ranges.bin"), &signed).unwrap();
    let pki = &s.pki.dir;
    let out = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256", "-in", "ranges.bin", "-out", "sig.der"])
        .arg("-signer").arg(pki.join("leader.pem"))
        .arg("-inkey").arg(pki.join("leader.key"))
        .arg("-certfile").arg(pki.join("int.pem"))
        .current_dir(d)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cms = std::fs::read(d.join("sig.der")).unwrap();
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    assert!(hex.len() <= end - at, "room for OpenSSL's CMS");
    pdf[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    pdf[at + hex.len()..end].fill(b'0');
    std::fs::write(d.join("openssl.pdf"), &pdf).unwrap();
    let (report, code) = verify(d, "openssl.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    let f = field(&report, "signer");
    assert_eq!(f["intact"], true, "{f}");
    assert_eq!(f["trusted"], true, "{f}");
    assert_eq!(f["signer"], "Nguyễn Thị Bích Ngọc");
    assert_ne!(f["signing_time"], f["claimed_time"], "OpenSSL's own signing-time attribute is reported: {f}");
    // One byte of the signed ranges changed: no longer intact.
    let mut bad = pdf.clone();
    let k = bad.windows(10).position(|w| w == b"vanban 0.1").unwrap();
    bad[k] = b'w';
    std::fs::write(d.join("openssl-bad.pdf"), &bad).unwrap();
    let (report, code) = verify(d, "openssl-bad.pdf", None);
    assert_eq!(code, 3, "{report}");
    if external() {
        let out = Command::new(tool("pdfsig")).arg("openssl.pdf").current_dir(d).output().unwrap();
        assert!(String::from_utf8_lossy(&out.stdout).contains("Signature is Valid."), "{}", String::from_utf8_lossy(&out.stdout));
    }
}
