//! `vanban verify FILE.pdf [--trust CA.pem]... [--message-format json]`: exit 0 when every
//! signature is intact (and trusted, with `--trust`), 3 when one is not, 2 for a file that
//! is not a readable PDF.

use super::args::VerifyArgs;
use super::diagnostics::MessageFormat;
use super::report;
use crate::error::{Error, Result};
use crate::sign::{self, Report};
use x509_cert::Certificate;

/// Largest PDF read.
const MAX_PDF: usize = 512 << 20;

/// Run the command; the exit code.
pub fn verify(args: VerifyArgs) -> i32 {
    let result = (|| -> Result<Report> {
        let trust = anchors(&args.trust)?;
        let pdf = super::read_input(&args.input, MAX_PDF)?;
        sign::verify(&pdf, &trust)
    })();
    let report_ = match result {
        Ok(r) => r,
        Err(e) => return report(Some(&args.input), &e),
    };
    match args.message_format {
        MessageFormat::Json => println!("{}", serde_json::to_string_pretty(&report_).expect("JSON")),
        MessageFormat::Human => print!("{}", human(&args.input, &report_)),
    }
    if report_.fields.iter().all(|f| f.ok()) { 0 } else { 3 }
}

/// The trust anchors: PEM (one or more certificates) or DER files.
fn anchors(paths: &[std::path::PathBuf]) -> Result<Vec<Certificate>> {
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(p).map_err(|e| Error::Io(format!("--trust {}: {e}", p.display())))?;
        let certs = if bytes.starts_with(b"-----") || bytes.windows(11).any(|w| w == b"-----BEGIN ") {
            Certificate::load_pem_chain(&bytes).map_err(|e| sign::refuse("--trust", "bad-certificate", format!("{}: not a PEM certificate ({e})", p.display()), "give the CA's certificate, PEM or DER"))?
        } else {
            use der::Decode;
            vec![Certificate::from_der(&bytes).map_err(|e| sign::refuse("--trust", "bad-certificate", format!("{}: not a DER certificate ({e})", p.display()), "give the CA's certificate, PEM or DER"))?]
        };
        out.extend(certs);
    }
    Ok(out)
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "NO" }
}

/// The report for people.
fn human(input: &str, r: &Report) -> String {
    let mut s = format!("{input}: {} signature field{}\n", r.fields.len(), if r.fields.len() == 1 { "" } else { "s" });
    for f in &r.fields {
        let page = f.page.map(|p| format!(" (page {p})")).unwrap_or_default();
        if !f.signed {
            s += &format!("  {}{page}: empty\n", f.field);
            continue;
        }
        s += &format!(
            "  {}{page}: signed by {}, {}\n",
            f.field,
            f.signer.as_deref().unwrap_or("?"),
            f.signing_time.as_deref().unwrap_or("no time")
        );
        if let Some(sub) = &f.subject {
            s += &format!("    subject: {sub}\n    issuer:  {}\n", f.issuer.as_deref().unwrap_or("?"));
        }
        s += &format!(
            "    {} / {} / {}\n",
            f.hash_algorithm.as_deref().unwrap_or("?"),
            f.signature_algorithm.as_deref().unwrap_or("?"),
            f.sub_filter.as_deref().unwrap_or("?")
        );
        let coverage = match (f.whole_file, f.later_changes.as_deref()) {
            (Some(true), _) => "covers the whole file".to_string(),
            (Some(false), Some("form-filling")) => "later revisions: form filling and annotations only".to_string(),
            (Some(false), Some(c)) => format!("later revisions: {c} changes"),
            _ => "coverage unknown".to_string(),
        };
        s += &format!("    intact: {}; {coverage}\n", yes(f.intact == Some(true)));
        if let Some(t) = f.trusted {
            s += &format!("    trusted: {}\n", yes(t));
        }
        for p in &f.problems {
            s += &format!("    problem: {p}\n");
        }
    }
    s
}
