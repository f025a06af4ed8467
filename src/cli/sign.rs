//! `vanban sign IN.pdf -o OUT.pdf --field NAME --p12 FILE [--pass-file F] [--image PNG] [--time T]`.

use super::args::SignArgs;
use super::diagnostics::{self, MessageFormat};
use super::output::write_all;
use super::report;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::pdf::layout::Layout;
use crate::sign::{self, SignRequest, Signer};

/// Largest PDF read, 512 MiB (scans and long attachments are large, but not without limit).
const MAX_PDF: usize = 512 << 20;

/// Run the command; the exit code.
pub fn sign(args: SignArgs) -> i32 {
    match run(&args) {
        Ok(warnings) => {
            if !warnings.is_empty() {
                diagnostics::print(&args.input, &warnings, args.report.message_format, args.report.lang, args.output == "-");
            }
            0
        }
        Err(e) => {
            if args.report.message_format == MessageFormat::Json {
                diagnostics::print(&args.input, &diagnostics::of(&e), MessageFormat::Json, args.report.lang, args.output == "-");
                e.exit_code()
            } else {
                report(Some(&args.input), &e)
            }
        }
    }
}

fn read(path: &std::path::Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Io(format!("{what} {}: {e}", path.display())))
}

fn run(args: &SignArgs) -> Result<Vec<crate::error::InputError>> {
    let time = match &args.time {
        Some(t) => Some(chrono::DateTime::parse_from_rfc3339(t).map_err(|e| {
            sign::refuse("--time", "bad-time", format!("\"{t}\" is not an RFC 3339 time ({e})"), "write it as 2026-03-09T10:00:00+07:00")
        })?),
        None => None,
    };
    let pdf = super::read_input(&args.input, MAX_PDF)?;
    let p12 = read(&args.p12, "--p12")?;
    let password = match &args.pass_file {
        Some(p) => {
            let raw = read(p, "--pass-file")?;
            let text = String::from_utf8(raw).map_err(|_| sign::refuse("--pass-file", "not-utf8", "the password file is not UTF-8 text", "save it as UTF-8"))?;
            text.lines().next().unwrap_or("").to_string()
        }
        None => String::new(),
    };
    let image = args.image.as_ref().map(|p| read(p, "--image")).transpose()?;
    let signer = Signer::from_pkcs12(&p12, &password)?;
    let style = Layout::embedded().style;
    let fonts = FontSet::load(&args.font_dirs, &style.font.family, &style.font.preferred)?;
    let date = match &args.date {
        Some(d) => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            sign::refuse("--date", "bad-date", format!("\"{d}\" is not a date"), "write it as 2026-03-09")
        })?),
        None => None,
    };
    let corner = args.corner.then(|| sign::Corner { of: args.of.clone(), copy: args.copy.clone(), copier: args.copier.clone() });
    let request = SignRequest { field: args.field.clone().unwrap_or_default(), time, image, number: args.number, date, info: args.info, corner };
    let signed = sign::sign(&pdf, &request, &signer, &fonts)?;
    write_all(&[(args.output.clone(), signed.pdf)])?;
    Ok(signed.warnings)
}
