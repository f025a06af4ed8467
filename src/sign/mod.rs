//! PAdES signing into the layout's empty fields, and verification; pure Rust, no OpenSSL.
//!
//! [`sign`] fills one existing signature field (`signer`, `agency`, `signer_2`, …) as an
//! incremental update: a PAdES baseline B-B signature (detached CMS, SHA-256,
//! `ETSI.CAdES.detached`, `/M` in Vietnam time) whose appearance is the signature or seal
//! image, or the certificate's name and the time. [`verify`] reports every signature field of
//! any PDF. Neither needs an [`crate::Engine`].

pub mod appearance;
pub mod cert;
pub mod cms;
pub mod crypto;
pub mod keys;
pub mod pdf;
pub mod phases;
pub mod pkcs11;
pub mod tsa;
pub mod verify;

pub use keys::{Algorithm, Signer};
pub use phases::{finish, prepare, Completion, Prepared, State};
pub use verify::{verify, FieldReport, Report};

use crate::error::{Error, InputError, Result};
use crate::fonts::FontSet;
use chrono::{DateTime, FixedOffset};
use lopdf::{dictionary, Document, IncrementalDocument, Object, StringFormat};
use serde::{Deserialize, Serialize};

/// Vietnam's offset, +07:00: the time a signature shows and records.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// A refusal: exit 2, the option or place named, a hint.
pub(crate) fn refuse(place: &str, code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::Input(vec![InputError::at(place, message).code(code).hint(hint)])
}

/// What to sign, and how it looks.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SignRequest {
    /// The field to fill: `signer`, `agency`, `signer_2`, `agency_2`, ….
    pub field: String,
    /// The signing time; the clock's (in +07:00) when absent.
    #[serde(default)]
    pub time: Option<DateTime<FixedOffset>>,
    /// The signature or seal image (PNG with transparency, or JPEG), fitted to the field.
    #[serde(skip)]
    pub image: Option<Vec<u8>>,
    /// The number given at issuance (an unregistered draft, with the agency's signature).
    #[serde(default)]
    pub number: Option<u32>,
    /// The issue date of an undated draft; the signing day (+07:00) when absent.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
    /// With the agency's signature: fill the top-right signing information (who signed, the
    /// agency, the time), as many offices' CA tools show it. Off by default: the decree
    /// prescribes no such text on the main document.
    #[serde(default)]
    pub info: bool,
    /// Sign a PDF that need not be vanban's (an attachment, a scan, a copy made elsewhere) in a
    /// new field at the top right of page 1, with the decree's 10 pt text and no image.
    #[serde(default)]
    pub corner: Option<Corner>,
    /// An RFC 3161 timestamp authority (http:// or https://): a PAdES B-T signature. The only
    /// network use of vanban.
    #[serde(default)]
    pub tsa: Option<String>,
}

/// What the top-right text of a separately signed file says (Phụ lục I: separate attachments
/// and electronic copies).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Corner {
    /// The number and symbol of the document it belongs to ("612/BC-UBND").
    #[serde(default)]
    pub of: Option<String>,
    /// A copy's form: `sao-y`, `sao-luc` or `trich-sao`.
    #[serde(default)]
    pub copy: Option<String>,
    /// The copying agency.
    #[serde(default)]
    pub copier: Option<String>,
}

impl Corner {
    /// The field's name and its first line, checked.
    fn first_line(&self) -> Result<(&'static str, String)> {
        let clean = |place: &str, s: &str| -> Result<String> {
            use unicode_normalization::UnicodeNormalization;
            let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ").nfc().collect();
            if t.is_empty() || t.chars().any(|c| c.is_control()) {
                return Err(refuse(place, "invalid-char", format!("\"{s}\" is empty or holds control characters"), "give plain text"));
            }
            Ok(t)
        };
        match (&self.of, &self.copy, &self.copier) {
            (Some(of), None, None) => Ok(("attachment", clean("--of", of)?)),
            (None, Some(form), Some(copier)) => {
                let (_, name, _) = crate::nd30::types::COPY_FORMS.iter().find(|f| f.0 == form).ok_or_else(|| {
                    refuse("--copy", "bad-copy-form", format!("\"{form}\" is not a copy form"), "use sao-y, sao-luc or trich-sao")
                })?;
                Ok(("copy", format!("{name}, {}", clean("--copier", copier)?)))
            }
            (None, Some(_), None) => Err(refuse("--copier", "copier-required", "a copy names its copying agency", "add --copier \"Văn phòng UBND tỉnh …\"")),
            _ => Err(refuse("--corner", "corner-text", "--corner needs either --of \"NUMBER/SYMBOL\" (an attachment) or --copy FORM with --copier AGENCY (a copy)", "e.g. --corner --of \"612/BC-UBND\"")),
        }
    }
}

/// The top-right field of a separately signed file: 90 × 12 mm, 10 mm from the right edge and
/// 5 mm from the top of page 1 (in the top margin of any office document).
fn corner_rect(doc: &Document) -> Result<(lopdf::ObjectId, [f64; 4])> {
    let bad = || refuse("INPUT", "bad-pdf", "the PDF's first page cannot be read", "check that the file is whole");
    let page = *doc.get_pages().get(&1).ok_or_else(bad)?;
    let mb = doc.get_dictionary(page).ok().and_then(|p| p.get(b"MediaBox").ok()).and_then(|m| m.as_array().ok()).filter(|a| a.len() == 4).ok_or_else(bad)?;
    let n = |o: &Object| o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap_or(0.0);
    let (x1, y1) = (n(&mb[2]) - 10.0 * MM, n(&mb[3]) - 5.0 * MM);
    Ok((page, [x1 - 90.0 * MM, y1 - 12.0 * MM, x1, y1]))
}

/// A PNG's physical width in mm, from its pHYs chunk (pixels per metre), when it says.
fn png_width_mm(png: &[u8]) -> Option<f64> {
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let width = be(png.get(16..20)?) as f64;
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = be(&png[at..at + 4]) as usize;
        let kind = &png[at + 4..at + 8];
        if kind == b"pHYs" {
            let d = png.get(at + 8..at + 17)?;
            let ppm = be(&d[0..4]) as f64;
            return (d[8] == 1 && ppm > 0.0).then(|| width / ppm * 1000.0);
        }
        if kind == b"IDAT" || kind == b"IEND" {
            return None;
        }
        at += 12 + len;
    }
    None
}

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;

/// Add the corner field to page 1 and the form, in the update.
fn add_corner_field(inc: &mut IncrementalDocument, page: lopdf::ObjectId, rect: [f64; 4], name: &str) -> lopdf::Result<lopdf::ObjectId> {
    let id = inc.new_document.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
        "T" => Object::string_literal(name),
        "TU" => lopdf::text_string(if name == "copy" { "Chữ ký số của cơ quan, tổ chức sao văn bản" } else { "Chữ ký số của cơ quan, tổ chức" }),
        "Rect" => rect.iter().map(|v| Object::Real(*v as f32)).collect::<Vec<_>>(),
        "F" => 4, "P" => page,
    });
    // The page's annotations (an array, or a reference to one).
    inc.opt_clone_object_to_new_document(page)?;
    let annots = inc.new_document.get_dictionary(page)?.get(b"Annots").cloned().ok();
    match annots {
        Some(Object::Reference(r)) => {
            inc.opt_clone_object_to_new_document(r)?;
            if let Ok(Object::Array(a)) = inc.new_document.get_object_mut(r) {
                a.push(id.into());
            }
        }
        Some(Object::Array(mut a)) => {
            a.push(id.into());
            inc.new_document.get_dictionary_mut(page)?.set("Annots", a);
        }
        _ => inc.new_document.get_dictionary_mut(page)?.set("Annots", vec![Object::from(id)]),
    }
    // The form's fields, made when the file has none.
    let root = inc.get_prev_documents().trailer.get(b"Root")?.as_reference()?;
    inc.opt_clone_object_to_new_document(root)?;
    let acro = inc.new_document.get_dictionary(root)?.get(b"AcroForm").cloned().ok();
    let push = |d: &mut lopdf::Dictionary| {
        let mut fields = d.get(b"Fields").and_then(Object::as_array).cloned().unwrap_or_default();
        fields.push(id.into());
        d.set("Fields", fields);
        d.set("SigFlags", 3);
    };
    match acro {
        Some(Object::Reference(r)) => {
            inc.opt_clone_object_to_new_document(r)?;
            push(inc.new_document.get_dictionary_mut(r)?);
        }
        Some(Object::Dictionary(mut d)) => {
            push(&mut d);
            inc.new_document.get_dictionary_mut(root)?.set("AcroForm", d);
        }
        _ => {
            let mut d = lopdf::Dictionary::new();
            push(&mut d);
            inc.new_document.get_dictionary_mut(root)?.set("AcroForm", d);
        }
    }
    Ok(id)
}

/// A signed file and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The whole file: the input's bytes, then the update.
    pub pdf: Vec<u8>,
    /// Warnings (not errors) about the input.
    pub warnings: Vec<InputError>,
}

/// Sign `pdf` in the field the request names, in one step: [`prepare`], the key's
/// signature, [`finish`] (with the timestamp, when the request names a TSA).
pub fn sign(pdf: &[u8], request: &SignRequest, signer: &Signer, fonts: &FontSet) -> Result<Signed> {
    let prepared = phases::prepare(pdf, request, &signer.chain, fonts)?;
    let digest = prepared.state.digest_bytes()?;
    let raw = signer.sign_digest(&digest)?;
    // A token's key and a --cert given beside it must belong together.
    prepared.state.algorithm.check(signer.certificate(), &digest, &raw).map_err(|_| {
        refuse("--cert", "key-mismatch", "the key did not sign as the certificate's key would: they do not belong together", "give the certificate of this key (or leave out --cert to read it from the token)")
    })?;
    let pdf = phases::finish(&prepared.pdf, &prepared.state, &Completion::Signature(raw))?;
    Ok(Signed { pdf, warnings: prepared.warnings })
}

/// The issuance fields to fill with this signature, and their values. The number and the
/// day and month of an unregistered draft are given with the agency's signature (Điều 15:
/// when the document is issued); the day and month default to the signing day, whose year
/// must be the draft's.
fn issuance(doc: &Document, field: &pdf::SigField, request: &SignRequest, cert: &x509_cert::Certificate, time: DateTime<FixedOffset>) -> Result<Vec<(pdf::SigField, String)>> {
    let texts = pdf::text_fields(doc);
    let empty = |name: &str| texts.iter().find(|f| f.name == name && f.text.is_none()).cloned();
    let agency = field.name.starts_with("agency");
    let (number, day, month) = (empty("number"), empty("day"), empty("month"));
    let mut out = Vec::new();
    if request.info {
        if !agency {
            return Err(refuse("--info", "info-with-agency", "the signing information is filled with the agency's signature (--field agency)", "sign the leader's field without --info"));
        }
        let f = empty("signing_info").ok_or_else(|| {
            refuse("--info", "no-info-field", "the PDF has no empty signing information field at the top right of page 1", "render the document again with this vanban (the field is added at render)")
        })?;
        let tbs = &cert.tbs_certificate;
        let name = cert::common_name(&tbs.subject);
        let mut lines = vec![format!("Người ký: {name}")];
        if let Some(o) = cert::organization(&tbs.subject).filter(|o| *o != name) {
            lines.push(format!("Cơ quan: {o}"));
        }
        lines.push(format!("Thời gian ký: {}", time.to_rfc3339()));
        out.push((f, lines.join("\n")));
    }
    if !agency {
        if request.number.is_some() || request.date.is_some() {
            return Err(refuse("--number", "issue-with-agency", "the number and date are given with the agency's signature (--field agency), after the leader signs", "sign the leader's field without --number and --date"));
        }
        return Ok(out);
    }
    match (number, request.number) {
        (Some(f), Some(n)) => {
            if n == 0 {
                return Err(refuse("--number", "bad-number", "the number must be 1 or more", "numbers start at 01 each year (Điều 15)"));
            }
            out.push((f, crate::nd30::symbol::number(Some(n))));
        }
        (Some(_), None) => {
            return Err(refuse("--number", "number-required", "the document is an unregistered draft: give its number with the agency's signature", "add --number N (and --date if it is not issued today)"));
        }
        (None, Some(_)) => {
            return Err(refuse("--number", "already-numbered", "the document already has its number", "sign without --number"));
        }
        (None, None) => {}
    }
    match (day, month) {
        (Some(d), Some(m)) => {
            let date = request.date.unwrap_or_else(|| time.date_naive());
            let year: String = d.description.chars().filter(char::is_ascii_digit).collect();
            if !year.is_empty() && year != date.format("%Y").to_string() {
                return Err(refuse("--date", "date-year", format!("the draft is dated {year}; the issue date {date} is in another year"), format!("give a date in {year} with --date, or render the draft again for this year")));
            }
            let (dd, mm) = crate::nd30::date::day_month(date);
            out.push((d, dd));
            out.push((m, mm));
        }
        _ if request.date.is_some() => {
            return Err(refuse("--date", "already-dated", "the document already has its date", "sign without --date"));
        }
        _ => {}
    }
    Ok(out)
}

/// Size and style of a text field's value, from its `/DA` (`/VanbanItalic 14 Tf 0 g`).
fn text_style(da: &str) -> (f64, bool) {
    let size = da.split_whitespace().collect::<Vec<_>>().windows(2).find(|w| w[1] == "Tf").and_then(|w| w[0].parse().ok()).unwrap_or(13.0);
    (size, da.contains("Italic"))
}

/// The clock's time in +07:00, to the second (only when no time is given).
/// The clock, in Vietnam time (whole seconds).
pub fn now() -> DateTime<FixedOffset> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    DateTime::from_timestamp(secs, 0).unwrap_or_default().with_timezone(&vietnam())
}

/// The span of a field (pt from its left) that no other field on its page covers: text
/// there stays readable when the seal's field lies over the signature's. The whole field
/// when what is left would be under half of it (the seal's field, drawn over the signature's:
/// the signature's text already keeps out of the overlap).
fn text_span(field: &pdf::SigField, all: &[pdf::SigField]) -> (f64, f64) {
    let [x0, y0, x1, y1] = field.rect;
    let (mut a, mut b) = (x0, x1);
    for o in all.iter().filter(|o| o.name != field.name && o.page == field.page) {
        let [ox0, oy0, ox1, oy1] = o.rect;
        if ox1 <= a || ox0 >= b || oy1 <= y0 || oy0 >= y1 {
            continue;
        }
        if ox0 <= a && ox1 < b {
            a = ox1; // covered on the left
        } else if ox1 >= b && ox0 > a {
            b = ox0; // covered on the right
        }
    }
    if b - a < (x1 - x0) / 2.0 { (0.0, x1 - x0) } else { (a - x0, b - x0) }
}

/// Text size of a text appearance: 10 pt, smaller in a low field.
fn text_size(height: f64) -> f64 {
    (height / 3.2).clamp(5.0, 10.0)
}

/// A PDF vanban may sign or read: readable and not encrypted.
pub(crate) fn load(pdf: &[u8], place: &str) -> Result<Document> {
    let doc = load_readable(pdf, place)?;
    if doc.encryption_state.is_some() {
        return Err(refuse(place, "encrypted", "the PDF is encrypted", "sign the unencrypted original: an encrypted file cannot be signed in place"));
    }
    Ok(doc)
}

/// A PDF that can be read: not encrypted, or encrypted with an owner password only (read
/// with the empty user password; signature values are never encrypted). Verifying needs no
/// more; signing in place does.
pub(crate) fn load_readable(pdf: &[u8], place: &str) -> Result<Document> {
    if !pdf.starts_with(b"%PDF-") && !pdf.get(..1024).is_some_and(|h| h.windows(5).any(|w| w == b"%PDF-")) {
        return Err(refuse(place, "not-pdf", "not a PDF file", "give a PDF, e.g. one vanban render wrote"));
    }
    let encrypted = || refuse(place, "encrypted", "the PDF is encrypted with a password needed to open it", "give the file as it was before it was encrypted");
    let doc = Document::load_mem(pdf).map_err(|e| {
        // lopdf cannot open a file encrypted with a user password: say what it is.
        if pdf.windows(8).any(|w| w == b"/Encrypt") { encrypted() } else { refuse(place, "bad-pdf", format!("the PDF cannot be read: {e}"), "check that the file is whole") }
    })?;
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(encrypted());
    }
    Ok(doc)
}

/// The field to fill, with the decree's order: the leader (`signer_k`) before the agency
/// (`agency_k`).
fn choose<'a>(all: &'a [pdf::SigField], name: &str) -> Result<&'a pdf::SigField> {
    let names = || all.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
    let field = all.iter().find(|f| f.name == name).ok_or_else(|| {
        if all.is_empty() {
            refuse("--field", "no-such-field", format!("the PDF has no signature field (asked for \"{name}\")"), "render the document with vanban, without --no-signature-fields")
        } else {
            refuse("--field", "no-such-field", format!("the PDF has no signature field \"{name}\""), format!("its fields: {}", names()))
        }
    })?;
    if field.value.is_some() {
        return Err(refuse("--field", "already-signed", format!("the field \"{name}\" is already signed"), "each field is signed once; a new signature would need another field"));
    }
    if let Some(suffix) = name.strip_prefix("agency") {
        let leader = format!("signer{suffix}");
        if let Some(l) = all.iter().find(|f| f.name == leader) {
            if l.value.is_none() {
                return Err(refuse("--field", "signer-first", format!("the field \"{leader}\" is not signed yet: the agency signs after the person with authority"), format!("sign --field {leader} first")));
            }
        }
    }
    Ok(field)
}

/// `/SigFlags 3` (signatures exist, append only) on the AcroForm, unless already there.
fn set_sig_flags(inc: &mut IncrementalDocument) -> lopdf::Result<()> {
    let root = inc.get_prev_documents().trailer.get(b"Root")?.as_reference()?;
    // The catalog as this update leaves it (a corner field may have changed it already).
    let current = |inc: &IncrementalDocument, id| -> lopdf::Result<lopdf::Dictionary> {
        if inc.new_document.has_object(id) { inc.new_document.get_dictionary(id).cloned() } else { inc.get_prev_documents().get_dictionary(id).cloned() }
    };
    let flags = |d: &lopdf::Dictionary| d.get(b"SigFlags").and_then(Object::as_i64).unwrap_or(0);
    let Ok(acro) = current(inc, root)?.get(b"AcroForm").cloned() else { return Ok(()) };
    match acro {
        Object::Reference(id) => {
            if flags(&current(inc, id)?) != 3 {
                inc.opt_clone_object_to_new_document(id)?;
                inc.new_document.get_dictionary_mut(id)?.set("SigFlags", 3);
            }
        }
        Object::Dictionary(mut d) => {
            if flags(&d) != 3 {
                inc.opt_clone_object_to_new_document(root)?;
                d.set("SigFlags", 3);
                inc.new_document.get_dictionary_mut(root)?.set("AcroForm", d);
            }
        }
        _ => {}
    }
    Ok(())
}
