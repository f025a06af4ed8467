//! `vanban sign IN.pdf -o OUT.pdf --field NAME (--p12 FILE [--pass-file F] | --pkcs11 MODULE
//! --token LABEL (--key LABEL | --key-id HEX) --pin-file F [--cert CHAIN.pem]) …`, and the two
//! phases `vanban sign prepare` / `vanban sign finish` for remote signing services.

use super::args::{FinishArgs, KeyArgs, LookArgs, PrepareArgs, SignArgs, SignPhase};
use super::diagnostics::{self, MessageFormat};
use super::output::write_all;
use super::report;
use crate::error::{Error, InputError, Result};
use crate::fonts::FontSet;
use crate::pdf::layout::Layout;
use crate::sign::{self, Completion, SignRequest, Signer, State};
use base64::Engine as _;

/// Largest PDF read, 512 MiB (scans and long attachments are large, but not without limit).
const MAX_PDF: usize = 512 << 20;

/// Run the command; the exit code.
pub fn sign(args: SignArgs) -> i32 {
    match args.phase {
        Some(SignPhase::Prepare(p)) => {
            let r = prepare(&p);
            done(&p.input, p.report.message_format, p.report.lang, false, r)
        }
        Some(SignPhase::Finish(f)) => {
            let r = finish(&f).map(|()| Vec::new());
            done(&f.input, f.report.message_format, f.report.lang, f.output == "-", r)
        }
        None => {
            let input = args.input.clone().unwrap_or_default();
            let to_stdout = args.output.as_deref() == Some("-");
            let r = one_step(&args);
            done(&input, args.report.message_format, args.report.lang, to_stdout, r)
        }
    }
}

/// Print warnings or the error; the exit code.
fn done(input: &str, format: MessageFormat, lang: diagnostics::Lang, to_stdout: bool, r: Result<Vec<InputError>>) -> i32 {
    match r {
        Ok(warnings) => {
            if !warnings.is_empty() {
                diagnostics::print(input, &warnings, format, lang, to_stdout);
            }
            0
        }
        Err(e) if format == MessageFormat::Json => {
            diagnostics::print(input, &diagnostics::of(&e), MessageFormat::Json, lang, to_stdout);
            e.exit_code()
        }
        Err(e) => report(Some(input), &e),
    }
}

fn read(path: &std::path::Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Io(format!("{what} {}: {e}", path.display())))
}

/// The first line of a password or PIN file (its line end is not part of it).
fn secret(path: &std::path::Path, option: &str) -> Result<String> {
    let raw = read(path, option)?;
    let text = String::from_utf8(raw).map_err(|_| sign::refuse(option, "not-utf8", "the file is not UTF-8 text", "save it as UTF-8"))?;
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// The request and the fonts, from the options shared by one step and prepare.
fn request(look: &LookArgs) -> Result<(SignRequest, FontSet)> {
    let time = match &look.time {
        Some(t) => Some(chrono::DateTime::parse_from_rfc3339(t).map_err(|e| {
            sign::refuse("--time", "bad-time", format!("\"{t}\" is not an RFC 3339 time ({e})"), "write it as 2026-03-09T10:00:00+07:00")
        })?),
        None => None,
    };
    let date = match &look.date {
        Some(d) => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| sign::refuse("--date", "bad-date", format!("\"{d}\" is not a date"), "write it as 2026-03-09"))?),
        None => None,
    };
    if let Some(url) = &look.tsa {
        sign::tsa::check_url(url)?;
    }
    let image = look.image.as_ref().map(|p| read(p, "--image")).transpose()?;
    let corner = look.corner.then(|| sign::Corner { of: look.of.clone(), copy: look.copy.clone(), copier: look.copier.clone() });
    let style = Layout::embedded().style;
    let fonts = FontSet::load(&look.font_dirs, &style.font.family, &style.font.preferred)?;
    let request = SignRequest { field: look.field.clone().unwrap_or_default(), time, image, number: look.number, date, info: look.info, corner, tsa: look.tsa.clone() };
    Ok((request, fonts))
}

/// The key: a PKCS#12 file, or a token.
pub(super) fn signer(k: &KeyArgs) -> Result<Signer> {
    if let Some(module) = &k.pkcs11 {
        let key_id = match &k.key_id {
            Some(h) => Some(parse_hex(h).ok_or_else(|| sign::refuse("--key-id", "bad-key-id", format!("\"{h}\" is not hex"), "write the CKA_ID as hex digits, e.g. 01 or a1b2"))?),
            None => None,
        };
        if key_id.is_none() && k.key.is_none() {
            return Err(sign::refuse("--key", "key-required", "name the key on the token", "add --key LABEL or --key-id HEX"));
        }
        let chain = k.cert.as_ref().map(|p| crate::sign::verify::trust::certificates(p, "--cert")).transpose()?;
        let pin = secret(k.pin_file.as_deref().unwrap_or(std::path::Path::new("")), "--pin-file")?;
        return sign::pkcs11::open(&sign::pkcs11::TokenRequest {
            module: module.clone(),
            token: k.token.clone().unwrap_or_default(),
            key_label: k.key.clone(),
            key_id,
            pin,
            chain,
        });
    }
    let Some(p12) = &k.p12 else {
        return Err(sign::refuse("--p12", "key-required", "no key was given", "give --p12 FILE, or --pkcs11 MODULE with --token"));
    };
    let password = k.pass_file.as_ref().map(|p| secret(p, "--pass-file")).transpose()?.unwrap_or_default();
    Signer::from_pkcs12(&read(p12, "--p12")?, &password)
}

fn parse_hex(s: &str) -> Option<Vec<u8>> {
    let s: String = s.chars().filter(|c| *c != ':' && !c.is_whitespace()).collect();
    if s.is_empty() || s.len() % 2 == 1 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

fn one_step(args: &SignArgs) -> Result<Vec<InputError>> {
    let (request, fonts) = request(&args.look)?;
    let pdf = super::read_input(args.input.as_deref().unwrap_or("-"), MAX_PDF)?;
    let signer = signer(&args.key)?;
    let signed = sign::sign(&pdf, &request, &signer, &fonts)?;
    write_all(&[(args.output.clone().unwrap_or_else(|| "-".into()), signed.pdf)])?;
    Ok(signed.warnings)
}

fn prepare(args: &PrepareArgs) -> Result<Vec<InputError>> {
    if args.output == "-" {
        return Err(sign::refuse("-o", "prepared-to-stdout", "prepare prints the digest on standard output: write the prepared PDF to a file", "give -o PREPARED.pdf"));
    }
    let (request, fonts) = request(&args.look)?;
    let chain = crate::sign::verify::trust::certificates(&args.cert, "--cert")?;
    let pdf = super::read_input(&args.input, MAX_PDF)?;
    let prepared = sign::prepare(&pdf, &request, &chain, &fonts)?;
    let mut state = serde_json::to_vec_pretty(&prepared.state).map_err(|e| Error::Internal(e.to_string()))?;
    state.push(b'\n');
    write_all(&[(args.output.clone(), prepared.pdf), (args.state.to_string_lossy().into_owned(), state)])?;
    println!("{}", prepared.state.digest);
    Ok(prepared.warnings)
}

fn finish(args: &FinishArgs) -> Result<()> {
    let pdf = super::read_input(&args.input, MAX_PDF)?;
    let raw = read(&args.state, "--state")?;
    let state: State = serde_json::from_slice(&raw).map_err(|e| {
        sign::refuse("--state", "bad-state", format!("the state is not vanban's: {e} (line {}, column {})", e.line(), e.column()), "give the STATE.json that vanban sign prepare wrote")
    })?;
    let completion = match (&args.signature, &args.cms) {
        (Some(p), _) => {
            let text = read(p, "--signature")?;
            let clean: Vec<u8> = text.into_iter().filter(|b| !b.is_ascii_whitespace()).collect();
            let sig = base64::engine::general_purpose::STANDARD.decode(&clean).map_err(|e| {
                sign::refuse("--signature", "bad-signature", format!("the signature is not base64: {e}"), "give the raw signature, base64-encoded (openssl base64 -A)")
            })?;
            Completion::Signature(sig)
        }
        (None, Some(p)) => {
            let bytes = read(p, "--cms")?;
            // DER as given, or base64 text of it.
            let der = if bytes.first() == Some(&0x30) {
                bytes
            } else {
                let clean: Vec<u8> = bytes.into_iter().filter(|b| !b.is_ascii_whitespace()).collect();
                base64::engine::general_purpose::STANDARD
                    .decode(&clean)
                    .map_err(|_| sign::refuse("--cms", "bad-cms", "the CMS is neither DER nor base64", "give the SignedData the service returned"))?
            };
            Completion::Cms(der)
        }
        (None, None) => return Err(sign::refuse("--signature", "signature-required", "no signature was given", "give --signature SIG.b64 or --cms FILE.der")),
    };
    let signed = sign::finish(&pdf, &state, &completion)?;
    write_all(&[(args.output.clone(), signed)])
}
