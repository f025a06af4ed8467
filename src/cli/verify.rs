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
        out.extend(certificates(p, "--trust")?);
    }
    Ok(out)
}

/// The certificates of a PEM file (one or more) or a DER file, `option` named in errors.
pub(super) fn certificates(p: &std::path::Path, option: &str) -> Result<Vec<Certificate>> {
    let bytes = std::fs::read(p).map_err(|e| Error::Io(format!("{option} {}: {e}", p.display())))?;
    let hint = "give certificates in PEM (-----BEGIN CERTIFICATE-----) or one in DER";
    if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        let certs = Certificate::load_pem_chain(&bytes).map_err(|e| sign::refuse(option, "bad-certificate", format!("{}: not a PEM certificate ({e})", p.display()), hint))?;
        if certs.is_empty() {
            return Err(sign::refuse(option, "bad-certificate", format!("{}: holds no certificate", p.display()), hint));
        }
        Ok(certs)
    } else {
        use der::Decode;
        Ok(vec![Certificate::from_der(&bytes).map_err(|e| sign::refuse(option, "bad-certificate", format!("{}: not a DER certificate ({e})", p.display()), hint))?])
    }
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
        if let Some(t) = &f.timestamp {
            s += &format!(
                "    timestamp: {} by {}; imprint matches: {}; intact: {}\n",
                t.time.as_deref().unwrap_or("?"),
                t.tsa.as_deref().unwrap_or("?"),
                yes(t.imprint_matches),
                yes(t.intact)
            );
            for p in &t.problems {
                s += &format!("    problem: {p}\n");
            }
        }
        for p in &f.problems {
            s += &format!("    problem: {p}\n");
        }
    }
    s
}
