//! `vanban verify` against forged, broken and unsigned files: the published attacks on PDF
//! signatures (Universal Signature Forgery, Incremental Saving Attack, Signature Wrapping,
//! the shadow attacks), truncation, appended bytes, a rewritten file, and the files signing
//! tools really make (a later signature updating /Info and XMP). Each verdict, reason and
//! exit code is asserted; with VANBAN_EXTERNAL=1, pdfsig and pyHanko judge the same files.

mod common;

use common::forge::*;
use common::signing::*;
use common::*;
use lopdf::Object;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// `verify --message-format json` with extra arguments: the report (or null) and the exit code.
fn judge(dir: &Path, file: &str, extra: &[&str]) -> (Value, i32, String) {
    let mut args = vec!["verify", file, "--message-format", "json"];
    args.extend_from_slice(extra);
    let out = vanban(dir, &args, None);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (report, out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every reason code of every signature, and the file's problems.
fn codes(report: &Value) -> Vec<String> {
    let mut v: Vec<String> =
        report["fields"].as_array().into_iter().flatten().flat_map(|f| f["reasons"].as_array().cloned().unwrap_or_default()).map(|r| r["code"].as_str().unwrap().to_string()).collect();
    v.extend(report["problems"].as_array().into_iter().flatten().map(|r| r["code"].as_str().unwrap().to_string()));
    v
}

/// The seed signed by the leader (s1.pdf) and then the agency (s2.pdf).
fn signed(tag: &str) -> Option<Setup> {
    let s = setup(tag)?;
    let pass = s.pki.pass_file();
    ok(&sign(&s.dir, "doc.pdf", "s1.pdf", "signer", &s.leader, &pass, &["--image", "signature.png"]));
    ok(&sign(&s.dir, "s1.pdf", "s2.pdf", "agency", &s.agency, &pass, &["--image", "seal.png"]));
    Some(s)
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

/// A content stream that draws text over the page.
fn overlay_content() -> Vec<u8> {
    stream("", b"BT /F1 24 Tf 72 700 Td (PAID IN FULL) Tj ET")
}

/// The signature wrapping attack: the signed bytes kept, the second part moved further on,
/// and the gap widened over inserted objects; the signature dictionary redefined with the new
/// ByteRange inside the gap (`inside`) or after the moved part.
fn wrapped(s1: &[u8], inside: bool) -> Vec<u8> {
    let (n, a, b) = last_signature(s1);
    let (p1, gap, p2) = (&s1[..a], &s1[a..b], &s1[b..]);
    let (doc, _, _) = load(s1);
    let m = doc.get_dictionary((n, 0)).unwrap().get(b"M").unwrap().clone();
    let sig = |b2: usize| -> Vec<u8> {
        let m = String::from_utf8_lossy(&ser(&m)).into_owned();
        let mut v = format!("\n{n} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange[0 {a} {b2:<10} {:<10}]/Contents", p2.len()).into_bytes();
        v.extend_from_slice(gap);
        v.extend_from_slice(format!("/M{m}>>\nendobj\n").as_bytes());
        v
    };
    let junk = b"\n% inserted by the forger\n9999 0 obj\n(PAID IN FULL)\nendobj\n".to_vec();
    let mut out = p1.to_vec();
    out.extend_from_slice(gap);
    let sig_at;
    if inside {
        // The widened gap holds the redefined dictionary: its ByteRange needs its own length.
        let probe = sig(0).len();
        let b2 = out.len() + junk.len() + probe;
        out.extend_from_slice(&junk);
        sig_at = out.len() + 1;
        out.extend_from_slice(&sig(b2));
        assert_eq!(out.len(), b2);
        out.extend_from_slice(p2);
    } else {
        out.extend_from_slice(&junk);
        let b2 = out.len();
        out.extend_from_slice(p2);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        sig_at = out.len() + 1;
        out.extend_from_slice(&sig(b2));
    }
    // The old table moved by what was inserted before it.
    let shift = if inside { out.len() - s1.len() } else { junk.len() };
    let prev = startxref(s1) + shift;
    let (_, root, size) = load(s1);
    let at = out.len();
    out.extend_from_slice(
        format!("xref\n0 1\n0000000000 65535 f \n{n} 1\n{sig_at:010} 00000 n \ntrailer\n<< /Size {size} /Root {} {} R /Prev {prev} >>\nstartxref\n{at}\n%%EOF\n", root.0, root.1).as_bytes(),
    );
    out
}

/// The signer's signature dictionary (in s1) redefined by a later update with `f` applied to
/// its text.
fn redefined_signature(s1: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
    let (n, _, _) = last_signature(s1);
    let start = s1.windows(format!("\n{n} 0 obj").len()).rposition(|w| w == format!("\n{n} 0 obj").as_bytes()).unwrap() + 1;
    let open = start + s1[start..].windows(2).position(|w| w == b"<<").unwrap();
    let end = open + s1[open..].windows(6).position(|w| w == b"endobj").unwrap();
    let text = String::from_utf8_lossy(&s1[open..end]).trim_end().to_string();
    update(s1, &[(n, f(&text).into_bytes())], true)
}

/// Tampered files: each attack class caught and named; none exits 0.
#[test]
fn forged_files_never_pass() {
    let Some(s) = signed("verify-forged") else {
        return;
    };
    let d = &s.dir;
    let (s1, s2) = (read(d, "s1.pdf"), read(d, "s2.pdf"));
    let (doc1, root1, _) = load(&s1);
    let (page, content) = page_one(&doc1);
    let (sig_n, gap_a, gap_b) = last_signature(&s1);
    let next = doc1.max_id.max(load(&s2).0.max_id) + 1;
    let mut cases: Vec<(&str, Vec<u8>, &str, Vec<&str>)> = Vec::new();

    // /AcroForm gone, the file saved again in one piece (the widgets stay on their page).
    let mut d2 = lopdf::Document::load_mem(&s2).unwrap();
    d2.catalog_mut().unwrap().remove(b"AcroForm");
    let mut no_form = Vec::new();
    d2.save_to(&mut no_form).unwrap();
    cases.push(("acroform-removed", no_form, "invalid", vec!["rewritten"]));
    // Neither the form nor the page lists the signature: its dictionary is still found.
    let mut d3 = lopdf::Document::load_mem(&s1).unwrap();
    d3.catalog_mut().unwrap().remove(b"AcroForm");
    for (_, pid) in d3.get_pages() {
        d3.get_dictionary_mut(pid).unwrap().remove(b"Annots");
    }
    let mut orphan = Vec::new();
    d3.save_to(&mut orphan).unwrap();
    cases.push(("by-reference", orphan, "invalid", vec!["rewritten"]));
    // The one key renamed in place.
    let mut renamed = s2.clone();
    let at = renamed.windows(9).rposition(|w| w == b"/AcroForm").unwrap();
    renamed[at + 6] = b'a';
    cases.push(("acroform-renamed", renamed, "invalid", vec!["digest"]));
    // Saved again in one piece with text drawn over the first page.
    let mut d1 = lopdf::Document::load_mem(&s1).unwrap();
    let extra = d1.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), b"BT /F1 24 Tf 72 700 Td (PAID) Tj ET".to_vec()));
    let pid = *d1.get_pages().get(&1).unwrap();
    let old = d1.get_dictionary(pid).unwrap().get(b"Contents").unwrap().clone();
    let list = match old {
        Object::Array(mut a) => {
            a.push(Object::Reference(extra));
            a
        }
        o => vec![o, Object::Reference(extra)],
    };
    d1.get_dictionary_mut(pid).unwrap().set("Contents", Object::Array(list));
    let mut rewritten = Vec::new();
    d1.save_to(&mut rewritten).unwrap();
    cases.push(("rewritten-overlay", rewritten, "invalid", vec!["rewritten"]));
    // Bytes after the last %%EOF.
    cases.push(("appended-text", [&s2[..], b"\n% note\nhello, world\n"].concat(), "modified", vec!["trailing-data"]));
    cases.push(("appended-binary", [&s2[..], &[0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f][..]].concat(), "modified", vec!["trailing-data"]));
    // ISA: the page's content replaced in an update, with and without its own table.
    cases.push(("isa-content", update(&s1, &[(content.0, overlay_content())], true), "modified", vec!["modified-page"]));
    cases.push(("isa-content-no-xref", update(&s1, &[(content.0, overlay_content())], false), "modified", vec!["modified-object"]));
    cases.push(("isa-after-both", update(&s2, &[(content.0, overlay_content())], true), "modified", vec!["modified-page"]));
    // An annotation drawn over the page after signing.
    let ap = next + 1;
    let annot = format!("<< /Type /Annot /Subtype /FreeText /Rect [50 600 400 700] /Contents (PAID) /DA (/Helv 24 Tf 0 g) /AP << /N {ap} 0 R >> /F 4 >>").into_bytes();
    let page_with = changed(&doc1, page, |p| {
        let mut a = p.get(b"Annots").ok().and_then(|a| a.as_array().ok()).cloned().unwrap_or_default();
        a.push(Object::Reference((next, 0)));
        p.set("Annots", Object::Array(a));
    });
    cases.push((
        "overlay-annotation",
        update(&s1, &[(page.0, page_with), (next, annot), (ap, stream("/Type /XObject /Subtype /Form /BBox [0 0 350 100]", b"0 0 1 rg 0 0 350 100 re f"))], true),
        "modified",
        vec!["overlay"],
    ));
    // A page added.
    let pages = doc1.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
    let new_page = changed(&doc1, page, |p| {
        p.set("Contents", Object::Reference((next + 1, 0)));
        p.remove(b"Annots");
    });
    let tree = changed(&doc1, pages, |t| {
        let mut kids = t.get(b"Kids").unwrap().as_array().unwrap().clone();
        kids.push(Object::Reference((next, 0)));
        let count = t.get(b"Count").unwrap().as_i64().unwrap();
        t.set("Kids", Object::Array(kids));
        t.set("Count", count + 1);
    });
    cases.push(("pages-added", update(&s1, &[(pages.0, tree), (next, new_page), (next + 1, overlay_content())], true), "modified", vec!["modified-page"]));
    // An action run on opening.
    let js = changed(&doc1, root1, |c| {
        c.set("OpenAction", lopdf::dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert('x')") });
    });
    cases.push(("open-action", update(&s1, &[(root1.0, js)], true), "modified", vec!["open-action"]));
    // USF: the signature dictionary redefined without a usable ByteRange or Contents.
    cases.push(("usf-no-byterange", redefined_signature(&s1, |t| t.replacen("/ByteRange", "/ByteRangeX", 1)), "invalid", vec!["byte-range"]));
    let zero_range = redefined_signature(&s1, |t| {
        let a = t.find("/ByteRange").unwrap();
        let b = a + t[a..].find(']').unwrap() + 1;
        format!("{}/ByteRange[0 0 0 0]{}", &t[..a], &t[b..])
    });
    cases.push(("usf-zero-range", zero_range, "invalid", vec!["byte-range"]));
    cases.push((
        "usf-empty-contents",
        redefined_signature(&s1, |t| {
            let a = t.find("/Contents<").unwrap() + 9;
            let b = a + t[a..].find('>').unwrap() + 1;
            format!("{}<>{}", &t[..a], &t[b..])
        }),
        "invalid",
        vec!["byte-range"],
    ));
    // A ByteRange not starting at 0, and one whose gap takes in signed bytes.
    let shifted = |r: [usize; 4]| {
        redefined_signature(&s1, move |t| {
            let a = t.find("/ByteRange").unwrap();
            let b = a + t[a..].find(']').unwrap() + 1;
            format!("{}/ByteRange[{} {} {} {}]{}", &t[..a], r[0], r[1], r[2], r[3], &t[b..])
        })
    };
    cases.push(("range-not-at-zero", shifted([1, gap_a - 1, gap_b, s1.len() - gap_b]), "invalid", vec!["byte-range"]));
    cases.push(("range-wider-gap", shifted([0, gap_a - 12, gap_b, s1.len() - gap_b]), "invalid", vec!["byte-range"]));
    // Two /Contents in the dictionary a reader uses.
    cases.push(("two-contents", redefined_signature(&s1, |t| format!("{}/Contents<00>>>", t.trim_end().trim_end_matches(">>"))), "invalid", vec!["revision"]));
    // The signer's name changed in the CMS's certificate (the bag is not signed; ESS binds it).
    let mut renamed_signer = s1.clone();
    let hex_at = renamed_signer[gap_a..gap_b].windows(8).position(|w| w == b"4E677579").expect("the CN in the CMS") + gap_a;
    renamed_signer[hex_at + 1] = b'D';
    cases.push(("signer-renamed", renamed_signer, "invalid", vec!["signature"]));
    // SWA: the signed bytes moved, the gap widened over inserted objects.
    cases.push(("swa-inside-gap", wrapped(&s1, true), "invalid", vec!["byte-range"]));
    cases.push(("swa-after-gap", wrapped(&s1, false), "invalid", vec!["byte-range"]));
    let _ = sig_n;

    let mut files = Vec::new();
    for (name, bytes, verdict, want) in &cases {
        let file = format!("{name}.pdf");
        std::fs::write(d.join(&file), bytes).unwrap();
        let (report, code, err) = judge(d, &file, &[]);
        assert_eq!(code, 3, "{name}: exit 3: {report} {err}");
        assert_eq!(report["verdict"], *verdict, "{name}: {report:#}");
        let got = codes(&report);
        for w in want {
            assert!(got.iter().any(|c| c == w), "{name}: reason {w} in {got:?}: {report:#}");
        }
        files.push(file);
    }
    // The first signature's widget found on its page though the form is gone.
    let (report, _, _) = judge(d, "acroform-removed.pdf", &[]);
    assert!(report["fields"].as_array().unwrap().iter().all(|f| f["found"] == "page-annotation"), "{report:#}");
    let (report, _, _) = judge(d, "by-reference.pdf", &[]);
    assert_eq!(report["fields"][0]["found"], "reference", "{report:#}");
    let (report, _, _) = judge(d, "rewritten-overlay.pdf", &[]);
    assert_eq!(field(&report, "signer")["later_changes"], "rewritten");
    let (report, _, _) = judge(d, "isa-content.pdf", &[]);
    let f = field(&report, "signer");
    assert_eq!(f["later_changes"], "other", "{f}");
    assert!(f["reasons"].as_array().unwrap().iter().any(|r| r["page"] == 1), "the page is named: {f}");
    let (report, _, _) = judge(d, "overlay-annotation.pdf", &[]);
    assert_eq!(field(&report, "signer")["later_changes"], "annotations");
    let (report, _, _) = judge(d, "appended-text.pdf", &[]);
    assert_eq!(field(&report, "agency")["later_changes"], "trailing-data");
    // The wrapped files keep the signed bytes: the digest alone would not tell.
    let (report, _, _) = judge(d, "swa-inside-gap.pdf", &[]);
    assert_eq!(field(&report, "signer")["intact"], true, "{report:#}");

    if external() {
        // pdfsig sees the broken digests; pyHanko's difference analysis the later changes.
        for name in ["acroform-removed", "acroform-renamed", "rewritten-overlay"] {
            let out = Command::new(tool("pdfsig")).arg(format!("{name}.pdf")).current_dir(d).output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("Signature Field Name: signer") && !text.contains("Signature is Valid."), "{name}: pdfsig: {text}");
        }
        let judged = pyhanko_judge(d, &["isa-content", "overlay-annotation", "pages-added", "isa-after-both"], &s.pki.root());
        for (name, lines) in judged {
            let signer = lines.iter().find(|l| l["field"] == "signer").unwrap_or_else(|| panic!("{name}: {lines:?}"));
            assert!(matches!(signer["modification_level"].as_str(), Some("OTHER" | "ANNOTATIONS")) || signer["docmdp_ok"] == false, "{name}: pyHanko: {signer}");
        }
    }
}

/// pyHanko's judgement of several files in one process: (file, one JSON object a signature).
fn pyhanko_judge(dir: &Path, names: &[&str], root: &Path) -> Vec<(String, Vec<Value>)> {
    let script = common::root().join("tests/data/pyhanko_judge.py");
    let mut args = vec![script.to_str().unwrap().to_string(), root.to_str().unwrap().to_string()];
    args.extend(names.iter().map(|n| format!("{n}.pdf")));
    let out = Command::new(tool("python3")).args(&args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    names
        .iter()
        .map(|n| {
            let lines: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()).filter(|v| v["file"] == format!("{n}.pdf")).collect();
            (n.to_string(), lines)
        })
        .collect()
}

/// A shadow attack: an object hidden in the update the leader signed, shown afterwards by an
/// update that is only a cross-reference section.
#[test]
fn shadow_hide_by_cross_reference_only() {
    let Some(s) = setup("verify-shadow") else {
        return;
    };
    let d = &s.dir;
    let doc = read(d, "doc.pdf");
    let (dd, _, _) = load(&doc);
    let (_, content) = page_one(&dd);
    // The hidden object: the page's content number, defined again, listed by no table.
    let mut prepared = update(&doc, &[], true);
    let cut = prepared.windows(6).rposition(|w| w == b"\nxref\n").unwrap() + 1;
    let hidden_at = cut;
    let hidden = [format!("{} 0 obj\n", content.0).into_bytes(), overlay_content(), b"\nendobj\n".to_vec()].concat();
    prepared.splice(cut..cut, hidden.iter().copied());
    // Mend the new table's offset (it moved by the hidden object).
    let xref_at = cut + hidden.len();
    let tail = String::from_utf8_lossy(&prepared[xref_at..]).into_owned();
    let old = tail.rsplit("startxref\n").next().unwrap().lines().next().unwrap().to_string();
    let fixed = tail.replacen(&format!("startxref\n{old}"), &format!("startxref\n{xref_at}"), 1);
    prepared.truncate(xref_at);
    prepared.extend_from_slice(fixed.as_bytes());
    std::fs::write(d.join("prepared.pdf"), &prepared).unwrap();
    ok(&sign(d, "prepared.pdf", "sh1.pdf", "signer", &s.leader, &s.pki.pass_file(), &[]));
    let (report, code, _) = judge(d, "sh1.pdf", &[]);
    assert_eq!((code, report["verdict"].as_str()), (0, Some("valid")), "signed as it is shown: {report:#}");
    let shown = xref_only(&read(d, "sh1.pdf"), &[(content.0, hidden_at)]);
    std::fs::write(d.join("shadow.pdf"), &shown).unwrap();
    let (report, code, _) = judge(d, "shadow.pdf", &[]);
    assert_eq!(code, 3, "{report:#}");
    assert_eq!(report["verdict"], "modified", "{report:#}");
    assert!(codes(&report).contains(&"modified-page".to_string()), "{report:#}");
}

/// A file cut short is not a readable PDF (exit 2), wherever it is cut; cut right after a
/// %%EOF it is its earlier revision.
#[test]
fn truncated_files_are_unreadable() {
    let Some(s) = signed("verify-cut") else {
        return;
    };
    let d = &s.dir;
    let (s1, s2) = (read(d, "s1.pdf"), read(d, "s2.pdf"));
    let ends: Vec<usize> = s2.windows(5).enumerate().filter(|(_, w)| *w == b"%%EOF").map(|(i, _)| i + 5).collect();
    let mut offsets = vec![1000, s2.len() / 2];
    offsets.extend((1..=18).map(|k| s2.len() * k / 19 + 7));
    let offsets: Vec<usize> = offsets.into_iter().filter(|&o| !ends.iter().any(|&e| o >= e && o <= e + 2)).collect();
    assert!(offsets.len() >= 20, "{offsets:?}");
    for (i, o) in offsets.iter().enumerate() {
        let file = format!("cut{i}.pdf");
        std::fs::write(d.join(&file), &s2[..*o]).unwrap();
        let (report, code, err) = judge(d, &file, &[]);
        assert_eq!(code, 2, "cut at {o}: {report} {err}");
        assert!(err.contains("error[truncated]") || err.contains("error[not-pdf]") || err.contains("error[bad-pdf]"), "cut at {o}: {err}");
        assert!(report.is_null(), "no report for an unreadable file");
    }
    // Cut right after the leader's %%EOF: the leader's revision, valid.
    std::fs::write(d.join("earlier.pdf"), &s2[..s1.len()]).unwrap();
    let (report, code, _) = judge(d, "earlier.pdf", &[]);
    assert_eq!((code, report["verdict"].as_str()), (0, Some("valid")), "{report:#}");
    // Cut after the first %%EOF: the unsigned render.
    std::fs::write(d.join("first.pdf"), &s2[..ends[0]]).unwrap();
    let (report, code, _) = judge(d, "first.pdf", &[]);
    assert_eq!((code, report["verdict"].as_str()), (3, Some("unsigned")), "{report:#}");
}

/// A document the leader and then the agency signed, where the agency's tool also updated
/// the document information and the XMP metadata: valid, exit 0, as pyHanko judges it.
#[test]
fn later_signature_with_metadata_updates_is_valid() {
    let Some(s) = setup("verify-metadata") else {
        return;
    };
    let d = &s.dir;
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--image", "signature.png"]));
    let s1 = read(d, "s1.pdf");
    let (doc, root, _) = load(&s1);
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info_text = changed(&doc, info, |i| {
        i.set("ModDate", Object::string_literal("D:20260309110000+07'00'"));
        i.set("Producer", Object::string_literal("VNPT-CA Plugin 2.0"));
    });
    let xmp = doc.get_dictionary(root).unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    let meta = stream("/Type /Metadata /Subtype /XML", b"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/><?xpacket end=\"w\"?>");
    let updated = update(&s1, &[(info.0, info_text), (xmp.0, meta)], true);
    std::fs::write(d.join("s1m.pdf"), &updated).unwrap();
    ok(&sign(d, "s1m.pdf", "s2m.pdf", "agency", &s.agency, &s.pki.pass_file(), &["--image", "seal.png"]));
    let (report, code, _) = judge(d, "s2m.pdf", &["--trust", s.pki.root().to_str().unwrap()]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["verdict"], "valid");
    assert_eq!(report["trust_checked"], true);
    assert_eq!(field(&report, "signer")["later_changes"], "form-filling");
    if external() {
        let judged = pyhanko_judge(d, &["s2m"], &s.pki.root());
        for v in &judged[0].1 {
            assert_eq!((v["intact"].as_bool(), v["valid"].as_bool()), (Some(true), Some(true)), "{v}");
            assert!(matches!(v["modification_level"].as_str(), Some("NONE" | "LTA_UPDATES" | "FORM_FILLING")), "{v}");
        }
        pdfsig_valid(d, "s2m.pdf", 2);
    }
}

/// An unsigned file is `unsigned`, exit 3: a script taking exit 0 as "validly signed" must
/// not accept it.
#[test]
fn unsigned_file_is_not_valid() {
    let dir = tempdir("verify-unsigned");
    std::fs::write(dir.join("doc.pdf"), render_fixture("cong-van-xa.json")).unwrap();
    let (report, code, _) = judge(&dir, "doc.pdf", &[]);
    assert_eq!(code, 3);
    assert_eq!(report["verdict"], "unsigned");
    assert_eq!(report["signatures"], 0);
    let out = vanban(&dir, &["verify", "doc.pdf", "--lang", "vi"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("CHƯA KÝ"), "{}", String::from_utf8_lossy(&out.stdout));
    std::fs::write(dir.join("x.pdf"), b"hello").unwrap();
    let (_, code, err) = judge(&dir, "x.pdf", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("error[not-pdf]"), "{err}");
}

/// Signing time written as local time labelled UTC (seven hours after /M): a warning that
/// says so, the verdict unchanged.
#[test]
fn seven_hour_signing_time_is_explained() {
    let Some(s) = setup("verify-times") else {
        return;
    };
    let d = &s.dir;
    // /M seven hours before the clock; openssl writes the clock as the CMS signing-time.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let m = chrono::DateTime::from_timestamp(now - 7 * 3600, 0).unwrap().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
    let m = m.format("%Y-%m-%dT%H:%M:%S+07:00").to_string();
    let out = vanban(d, &["sign", "doc.pdf", "-o", "s1.pdf", "--field", "signer", "--p12", s.leader.to_str().unwrap(), "--pass-file", s.pki.pass_file().to_str().unwrap(), "--time", &m], None);
    ok(&out);
    let mut pdf = read(d, "s1.pdf");
    let at = pdf.windows(10).rposition(|w| w == b"/Contents<").unwrap() + 10;
    let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
    std::fs::write(d.join("ranges.bin"), [&pdf[..at - 1], &pdf[end + 1..]].concat()).unwrap();
    let pki = &s.pki.dir;
    let o = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256", "-in", "ranges.bin", "-out", "sig.der"])
        .arg("-signer")
        .arg(pki.join("leader.pem"))
        .arg("-inkey")
        .arg(pki.join("leader.key"))
        .arg("-certfile")
        .arg(pki.join("int.pem"))
        .current_dir(d)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let hex: String = read(d, "sig.der").iter().map(|b| format!("{b:02X}")).collect();
    pdf[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    pdf[at + hex.len()..end].fill(b'0');
    std::fs::write(d.join("local.pdf"), &pdf).unwrap();
    let (report, code, _) = judge(d, "local.pdf", &[]);
    assert_eq!(code, 0, "{report:#}");
    let f = field(&report, "signer");
    assert_eq!(f["validity_time_source"], "signing-time");
    assert!(f["cms_signing_time"].is_string() && f["claimed_time"] == m.as_str(), "{f}");
    let w = f["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "time-mismatch").unwrap_or_else(|| panic!("{f}"));
    assert!(w["message"].as_str().unwrap().contains("local time (+07:00) as UTC"), "{w}");
    let (report, _, _) = judge(d, "local.pdf", &["--lang", "vi"]);
    let w = field(&report, "signer")["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "time-mismatch").cloned().unwrap();
    assert!(w["message"].as_str().unwrap().contains("bảy giờ"), "{w}");
}

/// Trust anchors from a folder: the chain named up to the root; another root: untrusted; a
/// file in the folder that is not a certificate: exit 2 naming it.
#[test]
fn trust_dir() {
    let Some(s) = signed("verify-trust") else {
        return;
    };
    let d = &s.dir;
    let roots = d.join("roots");
    std::fs::create_dir_all(&roots).unwrap();
    std::fs::copy(s.pki.root(), roots.join("root.crt")).unwrap();
    let (report, code, _) = judge(d, "s2.pdf", &["--trust-dir", roots.to_str().unwrap()]);
    assert_eq!(code, 0, "{report:#}");
    let chain: Vec<&str> = field(&report, "signer")["chain"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(chain, ["Nguyễn Thị Bích Ngọc", "Test Intermediate CA", "Test Root CA"]);
    // Another root only.
    let other = d.join("other");
    let pki2 = common::keys::Pki::new(&d.join("pki2"));
    std::fs::create_dir_all(&other).unwrap();
    std::fs::copy(pki2.root(), other.join("other.pem")).unwrap();
    let (report, code, _) = judge(d, "s2.pdf", &["--trust-dir", other.to_str().unwrap()]);
    assert_eq!((code, report["verdict"].as_str()), (3, Some("untrusted")), "{report:#}");
    assert!(codes(&report).contains(&"chain".to_string()));
    assert_eq!(field(&report, "agency")["trusted"], false);
    std::fs::write(other.join("broken.cer"), b"not a certificate").unwrap();
    let (_, code, err) = judge(d, "s2.pdf", &["--trust-dir", other.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.cer") && err.contains("bad-certificate"), "{err}");
}

/// The index line of a certificate set to revoked at `when` (YYMMDDhhmmssZ).
fn revoke(pki: &Path, pem: &str, when: &str, index: &str) {
    let serial = Command::new("openssl").args(["x509", "-noout", "-serial", "-in", pem]).current_dir(pki).output().unwrap();
    let serial = String::from_utf8_lossy(&serial.stdout).trim().trim_start_matches("serial=").to_string();
    let text = std::fs::read_to_string(pki.join("index.txt")).unwrap();
    let out: String = text
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 6 && f[3].eq_ignore_ascii_case(&serial) { format!("R\t{}\t{when}\t{}\t{}\t{}\n", f[1], f[3], f[4], f[5]) } else { format!("{l}\n") }
        })
        .collect();
    std::fs::write(pki.join(index), out).unwrap();
}

fn openssl(dir: &Path, args: &[&str]) {
    let o = Command::new("openssl").args(args).current_dir(dir).output().unwrap();
    assert!(o.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// A CRL of the intermediate over `index`, current `from`–`until` (YYYYMMDDhhmmssZ).
fn crl(pki: &Path, index: &str, out: &str, ca: &str, from: &str, until: &str) -> Vec<u8> {
    let cnf = std::fs::read_to_string(pki.join("ca.cnf")).unwrap().replace("database = index.txt", &format!("database = {index}")) + "crlnumber = crlnumber\n";
    std::fs::write(pki.join(format!("{out}.cnf")), cnf.replace("[ any ]\n", "[ any ]\ncrlnumber = crlnumber\n")).unwrap();
    std::fs::write(pki.join("crlnumber"), "01\n").unwrap();
    openssl(
        pki,
        &[
            "ca",
            "-gencrl",
            "-config",
            &format!("{out}.cnf"),
            "-cert",
            &format!("{ca}.pem"),
            "-keyfile",
            &format!("{ca}.key"),
            "-out",
            &format!("{out}.pem"),
            "-crl_lastupdate",
            from,
            "-crl_nextupdate",
            until,
        ],
    );
    openssl(pki, &["crl", "-in", &format!("{out}.pem"), "-outform", "DER", "-out", &format!("{out}.der")]);
    std::fs::read(pki.join(format!("{out}.der"))).unwrap()
}

/// An OCSP response about `cert` from `index`, signed by `signer` (its .pem and .key).
fn ocsp(pki: &Path, index: &str, cert: &str, signer: &str, out: &str) -> Vec<u8> {
    openssl(pki, &["ocsp", "-issuer", "int.pem", "-cert", cert, "-reqout", &format!("{out}.req"), "-no_nonce"]);
    openssl(
        pki,
        &[
            "ocsp",
            "-index",
            index,
            "-rsigner",
            &format!("{signer}.pem"),
            "-rkey",
            &format!("{signer}.key"),
            "-CA",
            "int.pem",
            "-reqin",
            &format!("{out}.req"),
            "-respout",
            &format!("{out}.der"),
            "-ndays",
            "30",
        ],
    );
    std::fs::read(pki.join(format!("{out}.der"))).unwrap()
}

/// `pdf` with a DSS holding these OCSP responses and CRLs.
fn with_dss(pdf: &[u8], ocsps: &[Vec<u8>], crls: &[Vec<u8>]) -> Vec<u8> {
    let (doc, root, _) = load(pdf);
    let mut n = doc.max_id + 1;
    let mut objs = Vec::new();
    let mut refs = |items: &[Vec<u8>], objs: &mut Vec<(u32, Vec<u8>)>| -> String {
        let mut r = String::new();
        for b in items {
            objs.push((n, stream("", b)));
            r += &format!("{n} 0 R ");
            n += 1;
        }
        r
    };
    let o = refs(ocsps, &mut objs);
    let c = refs(crls, &mut objs);
    let dss = n;
    objs.push((dss, format!("<< /OCSPs [{o}] /CRLs [{c}] >>").into_bytes()));
    objs.push((root.0, changed(&doc, root, |c| c.set("DSS", Object::Reference((dss, 0))))));
    update(pdf, &objs, true)
}

/// Revocation data carried in the DSS, judged offline: revoked before and after the validity
/// time, not revoked, and responses that must not count (forged, another serial, another CA).
#[test]
fn revocation_data_in_the_file() {
    let Some(s) = setup("verify-revocation") else {
        return;
    };
    let d = &s.dir;
    let pki = s.pki.dir.clone();
    ok(&sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &s.pki.pass_file(), &[]));
    let s1 = read(d, "s1.pdf");
    std::fs::copy(pki.join("index.txt"), pki.join("idx-good.txt")).unwrap();
    revoke(&pki, "leader.pem", "260301000000Z", "idx-early.txt");
    revoke(&pki, "leader.pem", "261201000000Z", "idx-late.txt");
    let root_arg = s.pki.root();
    let trust = ["--trust", root_arg.to_str().unwrap()];
    let run = |name: &str, pdf: Vec<u8>| -> (Value, i32) {
        std::fs::write(d.join(format!("{name}.pdf")), pdf).unwrap();
        let (r, c, e) = judge(d, &format!("{name}.pdf"), &trust);
        assert!(c != 2, "{name}: {e}");
        (r, c)
    };
    // No data: reported, exit unchanged.
    let (r, c) = run("none", s1.clone());
    assert_eq!(c, 0, "{r:#}");
    assert_eq!(field(&r, "signer")["revocation"]["source"], "none");

    // A CRL: not revoked.
    let good_crl = crl(&pki, "idx-good.txt", "good", "int", "20260305000000Z", "20260405000000Z");
    let (r, c) = run("crl-good", with_dss(&s1, &[], &[good_crl.clone()]));
    assert_eq!(c, 0, "{r:#}");
    let f = field(&r, "signer");
    let leaf = &f["revocation"]["certificates"][0];
    assert_eq!((leaf["status"].as_str(), leaf["by"].as_str(), leaf["source"].as_str()), (Some("good"), Some("crl"), Some("dss")), "{f}");
    assert_eq!(f["later_changes"], "dss", "{f}");

    // Revoked before the validity time (/M, 2026-03-09): invalid.
    let early = crl(&pki, "idx-early.txt", "early", "int", "20260305000000Z", "20260405000000Z");
    let (r, c) = run("crl-revoked", with_dss(&s1, &[], &[early]));
    assert_eq!((c, r["verdict"].as_str()), (3, Some("invalid")), "{r:#}");
    assert!(codes(&r).contains(&"revoked".to_string()));

    // OCSP: good; revoked after the validity time with no timestamp: invalid.
    let good = ocsp(&pki, "idx-good.txt", "leader.pem", "int", "ocsp-good");
    let (r, c) = run("ocsp-good", with_dss(&s1, &[good], &[]));
    assert_eq!(c, 0, "{r:#}");
    assert_eq!(field(&r, "signer")["revocation"]["certificates"][0]["by"], "ocsp");
    let late = ocsp(&pki, "idx-late.txt", "leader.pem", "int", "ocsp-late");
    let (r, c) = run("ocsp-late", with_dss(&s1, &[late], &[]));
    assert_eq!((c, r["verdict"].as_str()), (3, Some("invalid")), "{r:#}");
    assert!(codes(&r).contains(&"revoked".to_string()));

    // Responses that must not count: signed by a key the CA never delegated, about another
    // certificate, a CRL of another CA.
    let forged = ocsp(&pki, "idx-early.txt", "leader.pem", "agency", "ocsp-forged");
    let other_serial = ocsp(&pki, "idx-early.txt", "agency.pem", "int", "ocsp-other");
    let pki2 = common::keys::Pki::new(&d.join("pki2"));
    let foreign_crl = crl(&pki2.dir, "index.txt", "foreign", "int", "20260305000000Z", "20260405000000Z");
    let (r, c) = run("not-counted", with_dss(&s1, &[forged, other_serial], &[foreign_crl]));
    assert_eq!(c, 0, "none of them counts: {r:#}");
    let f = field(&r, "signer");
    assert_eq!(f["revocation"]["certificates"][0]["status"], "none", "{f}");
    let ignored: Vec<&str> = f["revocation"]["ignored"].as_array().unwrap().iter().map(|n| n["message"].as_str().unwrap()).collect();
    assert!(ignored.iter().any(|m| m.contains("not signed by its CA")), "{ignored:?}");
    assert!(ignored.iter().any(|m| m.contains("another certificate")), "{ignored:?}");
    assert!(ignored.iter().any(|m| m.contains("another CA") || m.contains("CRL is not signed by the CA")), "{ignored:?}");
}

/// A signature timestamp, revocation data for both chains in the DSS: PAdES B-LT; the
/// signer revoked after the timestamp: the signature stands, with a warning.
#[test]
fn timestamp_and_long_term_validation() {
    let Some(s) = setup("verify-lt") else { return };
    let d = &s.dir;
    let pki = s.pki.dir.clone();
    s.pki.tsa();
    let url = common::tsa::start(pki.clone(), common::tsa::Behaviour::Openssl);
    ok(&sign(d, "doc.pdf", "t1.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--tsa", &url]));
    let t1 = read(d, "t1.pdf");
    revoke(&pki, "leader.pem", "271201000000Z", "idx-future.txt");
    let int_crl = crl(&pki, "idx-future.txt", "intcrl", "int", "20261101000000Z", "20280101000000Z");
    std::fs::copy(pki.join("index.txt"), pki.join("idx-all.txt")).unwrap();
    let root_crl = crl(&pki, "idx-all.txt", "rootcrl2", "root", "20261101000000Z", "20280101000000Z");
    let lt = with_dss(&t1, &[], &[int_crl, root_crl]);
    std::fs::write(d.join("lt.pdf"), &lt).unwrap();
    let (r, c, e) = judge(d, "lt.pdf", &["--trust", s.pki.root().to_str().unwrap()]);
    assert_eq!(c, 0, "{r:#} {e}");
    let f = field(&r, "signer");
    assert_eq!(f["validity_time_source"], "timestamp", "{f}");
    assert_eq!(f["level"], "B-LT", "{f}");
    assert!(f["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "revoked-later"), "{f}");
    let (r, _, _) = judge(d, "t1.pdf", &[]);
    assert_eq!(field(&r, "signer")["level"], "B-T");
}

/// `POST /v1/verify` answers what the CLI prints, for any verdict; 400 for what is not a PDF.
#[test]
fn verify_over_http() {
    let Some(s) = signed("verify-http") else {
        return;
    };
    let d = &s.dir;
    let root_pem = s.pki.root();
    let svc = common::http::Service::start(&["--trust", root_pem.to_str().unwrap()]);
    let pdf = [("Content-Type", "application/pdf")];
    for file in ["s2.pdf", "doc.pdf"] {
        let body = read(d, file);
        let res = svc.call("POST", "/v1/verify", &pdf, &body);
        assert_eq!(res.status, 200, "{file}: {}", res.text());
        let (cli, _, _) = judge(d, file, &["--trust", root_pem.to_str().unwrap()]);
        assert_eq!(res.json(), cli, "{file}: the service answers what the CLI prints");
    }
    let mut bad = read(d, "s2.pdf");
    let at = bad.windows(10).position(|w| w == b"vanban 0.1").unwrap();
    bad[at] = b'w';
    let res = svc.call("POST", "/v1/verify?lang=vi", &pdf, &bad);
    assert_eq!(res.status, 200);
    let j = res.json();
    assert_eq!(j["verdict"], "invalid");
    assert!(j.to_string().contains("giá trị băm"), "{j}");
    let res = svc.call("POST", "/v1/verify", &pdf, b"hello");
    assert_eq!(res.status, 400, "{}", res.text());
    assert!(res.text().contains("not-pdf"), "{}", res.text());
    let res = svc.call("POST", "/v1/verify", &[("Content-Type", "application/json")], b"{}");
    assert_eq!(res.status, 415);
    let res = svc.call("POST", "/v1/verify", &pdf, &read(d, "s2.pdf")[..5000]);
    assert_eq!(res.status, 400, "{}", res.text());
    let api = svc.get("/openapi.json").json();
    assert!(api["paths"]["/v1/verify"]["post"].is_object());
}

/// `YYYYMMDDhhmmssZ` this many days from now.
fn days_from_now(days: i64) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    chrono::DateTime::from_timestamp(now + days * 86_400, 0).unwrap().format("%Y%m%d%H%M%SZ").to_string()
}

/// Files pyHanko signs with revocation data: in Adobe's adbe-revocationInfoArchival
/// attribute (reported as such, not B-LT), and PAdES B-LTA (a signature timestamp, the DSS, a
/// document timestamp): verify reads both as pyHanko does.
#[test]
fn long_term_files_made_by_pyhanko() {
    if !external() {
        return;
    }
    let Some(s) = setup("verify-pyhanko-lt") else {
        return;
    };
    let d = &s.dir;
    let pki = s.pki.dir.clone();
    s.pki.tsa();
    let url = common::tsa::start(pki.clone(), common::tsa::Behaviour::Openssl);
    std::fs::copy(pki.join("index.txt"), pki.join("idx-now.txt")).unwrap();
    crl(&pki, "idx-now.txt", "int-now", "int", &days_from_now(-1), &days_from_now(30));
    crl(&pki, "idx-now.txt", "root-now", "root", &days_from_now(-1), &days_from_now(30));
    let script = common::root().join("tests/data/pyhanko_ltv.py");
    for (mode, out) in [("adbe", "adbe.pdf"), ("lta", "lta.pdf")] {
        let o = Command::new(tool("python3"))
            .arg(&script)
            .args(["doc.pdf", out, "signer", s.leader.to_str().unwrap(), common::keys::PASSWORD, s.pki.root().to_str().unwrap(), mode, &url])
            .arg(pki.join("int-now.der"))
            .arg(pki.join("root-now.der"))
            .current_dir(d)
            .output()
            .unwrap();
        assert!(o.status.success(), "{mode}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let root_pem = s.pki.root();
    let (r, c, e) = judge(d, "adbe.pdf", &["--trust", root_pem.to_str().unwrap()]);
    assert_eq!(c, 0, "{r:#} {e}");
    let f = field(&r, "signer");
    assert_eq!(f["revocation"]["source"], "cms", "{f}");
    assert_eq!(f["revocation"]["certificates"][0]["status"], "good", "{f}");
    assert_eq!(f["revocation"]["certificates"][0]["source"], "cms", "{f}");
    assert_eq!(f["level"], "B-B", "Adobe's older form is not B-LT: {f}");
    let (r, c, e) = judge(d, "lta.pdf", &["--trust", root_pem.to_str().unwrap()]);
    assert_eq!(c, 0, "{r:#} {e}");
    let f = field(&r, "signer");
    assert_eq!(f["level"], "B-LTA", "{f}");
    assert_eq!(f["later_changes"], "dss", "{f}");
    let stamp = r["fields"].as_array().unwrap().iter().find(|f| f["kind"] == "document-timestamp").unwrap_or_else(|| panic!("{r:#}"));
    assert_eq!(stamp["verdict"], "valid", "{stamp}");
    let judged = pyhanko_judge(d, &["adbe", "lta"], &root_pem);
    for (name, lines) in judged {
        let v = lines.iter().find(|l| l["field"] == "signer").unwrap_or_else(|| panic!("{name}: {lines:?}"));
        assert_eq!((v["intact"].as_bool(), v["valid"].as_bool()), (Some(true), Some(true)), "{name}: {v}");
    }
}

/// Any change to a signed file — a byte changed, removed or added anywhere, a cut — gives a
/// verdict other than `valid` or a refusal, and never a panic (in-process, 600 variants,
/// judged with the root as anchor: a certificate of the CMS's unsigned bag counts too).
#[test]
fn no_changed_file_is_valid() {
    let Some(s) = signed("verify-mutations") else {
        return;
    };
    let s2 = read(&s.dir, "s2.pdf");
    // With the root as anchor, so that a changed certificate in the CMS's (unsigned) bag shows.
    let root = x509_cert::Certificate::load_pem_chain(&std::fs::read(s.pki.root()).unwrap()).unwrap();
    assert_eq!(vanban::sign::verify::verify(&s2, &root).unwrap().verdict, vanban::sign::verify::Verdict::Valid);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut refused, mut judged) = (0, 0);
    for i in 0..600 {
        let mut b = s2.clone();
        let at = (next() % b.len() as u64) as usize;
        match i % 3 {
            0 => {
                let old = b[at];
                b[at] = old.wrapping_add(1 + (next() % 255) as u8);
            }
            1 => {
                b.remove(at);
            }
            _ => b.insert(at, b"0aZ \n%<"[(next() % 7) as usize]),
        }
        // White space added after the final %%EOF changes nothing a reader sees.
        let trim = |x: &[u8]| x.len() - x.iter().rev().take_while(|c| c.is_ascii_whitespace()).count();
        if b[..trim(&b)] == s2[..trim(&s2)] {
            continue;
        }
        let r = std::panic::catch_unwind(|| vanban::sign::verify::verify(&b, &root));
        let r = r.unwrap_or_else(|_| panic!("variant {i} (byte {at}) panicked"));
        match r {
            Ok(report) => {
                judged += 1;
                assert_ne!(report.verdict, vanban::sign::verify::Verdict::Valid, "variant {i}: a change at byte {at} passed");
            }
            Err(_) => refused += 1,
        }
    }
    // Whether a random change makes the file unreadable (refused) depends on where the bytes
    // fall in this file; what must hold is that the judged ones are many and none is valid.
    assert!(judged > 100 && judged + refused > 500, "judged {judged}, refused {refused}");
}

/// A document with an owner password only (restrictions on editing, as some offices set them),
/// signed by pyHanko: read with the empty user password, valid as pdfsig says; the same signed
/// file encrypted again by qpdf (saved in one piece) is not.
#[test]
fn owner_password_files() {
    if !external() {
        return;
    }
    let Some(s) = signed("verify-encrypted") else { return };
    let d = &s.dir;
    let (good, text) = run(d, "qpdf", &["--encrypt", "", "chu-so-huu", "256", "--", "doc.pdf", "enc.pdf"]);
    assert!(good, "{text}");
    let script = common::root().join("tests/data/pyhanko_sign.py");
    let out = Command::new(tool("python3"))
        .args([script.to_str().unwrap(), "enc.pdf", "enc-signed.pdf", "signer", s.leader.to_str().unwrap(), common::keys::PASSWORD, "sha256", "pades", "encrypted"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (report, code, err) = judge(d, "enc-signed.pdf", &["--trust", s.pki.root().to_str().unwrap()]);
    assert_eq!(code, 0, "{report:#} {err}");
    assert_eq!(field(&report, "signer")["signer"], "Nguyễn Thị Bích Ngọc");
    pdfsig_valid(d, "enc-signed.pdf", 1);
    let (good, text) = run(d, "qpdf", &["--encrypt", "", "chu-so-huu", "256", "--", "s1.pdf", "s1-enc.pdf"]);
    assert!(good, "{text}");
    let (report, code, _) = judge(d, "s1-enc.pdf", &[]);
    assert_eq!((code, report["verdict"].as_str()), (3, Some("invalid")), "{report:#}");
}
