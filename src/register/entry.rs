//! An entry of the register: the columns of Phụ lục IV's book, filled from the document.

use crate::model::Document;
use serde::Serialize;

/// A voided entry's mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voided {
    /// When, RFC 3339 in +07:00.
    pub at: String,
    /// Why.
    pub reason: String,
}

/// One issued document: its place in the register, and the book's columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The register's id.
    pub id: i64,
    /// The series its number came from.
    pub series: String,
    /// Its number.
    pub number: u32,
    /// The columns read from the document.
    #[serde(flatten)]
    pub columns: NewEntry,
    /// SHA-256 of the signed draft it was issued from, hex.
    pub sha256: String,
    /// Voided, with when and why.
    pub voided: Option<Voided>,
}

impl std::ops::Deref for Entry {
    type Target = NewEntry;
    fn deref(&self) -> &NewEntry {
        &self.columns
    }
}

/// What the issuing step records besides the number (the register adds the id, the series and
/// the number): the columns of Phụ lục IV's book, read from the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NewEntry {
    /// The issuer's code.
    pub issuer: String,
    /// The issuer's name and parent (the book's cover).
    #[serde(skip)]
    pub issuer_name: (String, String),
    /// The year of its date.
    pub year: i32,
    /// Number and symbol, as printed ("05/BC-UBND").
    pub symbol: String,
    /// Its date, YYYY-MM-DD.
    pub date: String,
    /// Its type's name ("Báo cáo").
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Its summary (trích yếu), when it has one.
    pub subject: String,
    /// Who signed (the signer's name).
    pub signer: String,
    /// Where it goes: Nơi nhận without its "Lưu" item.
    pub recipients: Vec<String>,
    /// The units that keep a copy: the "Lưu" item's units.
    pub archive: Vec<String>,
    /// How many copies (`drafter.copies`).
    pub copies: Option<u32>,
    /// When it was issued, RFC 3339 in +07:00.
    pub issued_at: String,
    /// The key that signed it for the agency.
    pub key: String,
}

impl NewEntry {
    /// The columns read from the document: type name, subject, signer, Nơi nhận, copies.
    pub fn from_document(doc: &Document, symbol: String, date: chrono::NaiveDate, issued_at: String, key: &str) -> NewEntry {
        let ty = crate::profile::Profile::of(doc).type_info(&doc.doc_type).map(|t| t.name.to_string()).unwrap_or_else(|| doc.doc_type.clone());
        let signer = doc.signer.as_ref().or_else(|| doc.signers.as_ref().and_then(|s| s.first())).and_then(|s| s.name.clone()).unwrap_or_default();
        let (recipients, archive) = crate::nd30::distribution::split(doc.distribution.as_deref().unwrap_or(&[]));
        use chrono::Datelike;
        NewEntry {
            issuer: doc.issuer.code.clone(),
            issuer_name: (doc.issuer.name.clone(), doc.issuer.parent.clone().unwrap_or_default()),
            year: date.year(),
            symbol,
            date: date.format("%Y-%m-%d").to_string(),
            doc_type: ty,
            subject: doc.subject.clone().unwrap_or_default(),
            signer,
            recipients,
            archive,
            copies: doc.drafter.as_ref().and_then(|d| d.copies),
            issued_at,
            key: key.to_string(),
        }
    }
}
