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
/// same first and last words on every page.
#[test]
fn libreoffice_renders_the_docx_like_the_pdf() {
    if !external() {
        return;
    }
    let dir = tempdir("lo-parity");
    let mut fixtures: Vec<String> = std::fs::read_dir(root().join("fixtures")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".json")).collect();
    fixtures.sort();
    for name in &fixtures {
        let out = vanban(&dir, &["render", fixture(name).to_str().unwrap()], None);
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
