//! Issuing (the văn thư's step, Điều 15–16): a draft the leader signed gets the next number of
//! its series and the date, the agency's signature over them, and its entry in the register —
//! all or nothing. Shared by `vanban issue`, `POST /v1/issue` and the editor.

use crate::error::Result;
use crate::register::{Entry, NewEntry, Series, SeriesKey, Store};
use crate::sign::{self, SignRequest, Signer};
use crate::Engine;
use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

/// The agency's key and how it signs.
pub struct AgencyKey<'a> {
    /// Its name (recorded in the entry and the audit line).
    pub name: &'a str,
    /// The key.
    pub signer: &'a Signer,
    /// The seal image.
    pub image: Option<Vec<u8>>,
    /// A timestamp authority.
    pub tsa: Option<String>,
}

/// An issued document.
pub struct Issued {
    /// Its register entry.
    pub entry: Entry,
    /// The signed PDF.
    pub pdf: Vec<u8>,
    /// False when the same signed draft had been issued before: its entry and PDF are the ones
    /// recorded then.
    pub fresh: bool,
}

/// SHA-256 of bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Issue `draft` (the PDF rendered from `document` and signed by the leader) on `date`
/// (today, +07:00, when none): check that the draft is that document, take the number of its
/// series, sign `agency` with the number and date, record the entry.
/// `base`: the folder the document was read from, where its pictures' `src` are.
#[allow(clippy::too_many_arguments)]
pub fn issue(engine: &Engine, store: &dyn Store, series: &[Series], key: &AgencyKey, document: &[u8], base: Option<&std::path::Path>, draft: &[u8], date: Option<NaiveDate>) -> Result<Issued> {
    let model = engine.parse_with_warnings_in(document, base)?.0;
    let doc = engine.prepare(&model, document);
    let rendered = engine.pdf(&doc)?;
    if !draft.starts_with(&rendered) {
        return Err(crate::register::refuse(
            "pdf",
            "document-mismatch",
            "the PDF's first revision is not what this document renders to",
            "send the JSON the draft was rendered from, and the draft as the leader signed it",
        ));
    }
    let now = sign::now();
    let date = date.unwrap_or_else(|| now.date_naive());
    let profile = crate::profile::Profile::of(&model);
    // The series and the number's symbol; the line is the profile's ("05/BC-UBND", "05-KH/ĐU").
    let (key_of, symbol) = match profile {
        crate::profile::Profile::Nd30 => {
            let ty = crate::nd30::types::by_slug(&model.doc_type).ok_or_else(|| crate::register::refuse("$.type", "unknown-value", "unknown type", "see /v1/types"))?;
            let secret = model.secrecy.is_some();
            let key = SeriesKey::of(series, &model.issuer.code, &date.year().to_string(), ty.slug, secret).ok_or_else(|| {
                crate::register::refuse(
                    "$.issuer.code",
                    "no-series",
                    format!("no numbering series is configured for issuer \"{}\"{}", model.issuer.code, if secret { " (secret documents)" } else { "" }),
                    "add it to \"series\" in the keys file",
                )
            })?;
            let symbol = crate::nd30::symbol::symbol(ty, &model.issuer.code, model.unit.as_deref(), model.symbol.as_deref());
            (key, symbol)
        }
        crate::profile::Profile::Dang => {
            // A Party body numbers each type from 01 within its cấp uỷ's term, secret documents
            // in the same series (Hướng dẫn 05-HD/VPTW 3.1.1).
            let ty = crate::dang::types::by_slug(&model.doc_type).ok_or_else(|| crate::register::refuse("$.type", "unknown-value", "unknown type", "see /v1/types?profile=dang"))?;
            let key = SeriesKey::party(series, &model.issuer.code, date, ty.slug)
                .map_err(|m| crate::register::refuse("$.issuer.code", "no-series", m, format!("add {{\"issuer\": \"{}\", \"term_from\": \"YYYY-MM-DD\"}} (the close of its congress) to the series", model.issuer.code)))?;
            (key, crate::dang::symbol::of_document(ty, &model.issuer.code, model.symbol.as_deref()))
        }
    };
    let sha = sha256_hex(draft);
    let fonts = engine.fonts();
    let mut make = |number: u32| -> Result<(Vec<u8>, NewEntry)> {
        let request = SignRequest { field: "agency".into(), time: Some(now), image: key.image.clone(), number: Some(number), date: Some(date), info: false, corner: None, tsa: key.tsa.clone() };
        let signed = sign::sign(draft, &request, key.signer, fonts)?;
        let line = match profile {
            crate::profile::Profile::Nd30 => crate::nd30::symbol::reference(Some(number), &symbol),
            crate::profile::Profile::Dang => crate::dang::symbol::reference(Some(number), &symbol),
        };
        Ok((signed.pdf, NewEntry::from_document(&model, line, date, now.to_rfc3339(), key.name)))
    };
    let (entry, fresh, pdf) = store.issue(&sha, &key_of, &mut make)?;
    Ok(Issued { entry, pdf, fresh })
}
