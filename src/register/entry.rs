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

/// Nơi nhận split into recipients and the units of its "Lưu" item ("Lưu: VT, VP." gives VT
/// and VP); items lose their leading dash and trailing ";" or ".".
pub fn distribution(items: &[String]) -> (Vec<String>, Vec<String>) {
    let clean = |s: &str| s.trim().trim_start_matches(['-', '–', '+']).trim().trim_end_matches([';', '.', ',']).trim().to_string();
    let mut to = Vec::new();
    let mut archive = Vec::new();
    for item in items {
        let c = clean(item);
        let lower = c.to_lowercase();
        if let Some(rest) = lower.strip_prefix("lưu").filter(|r| r.trim_start().starts_with(':') || r.trim().is_empty()) {
            let start = c.len() - rest.len();
            let units = c[start..].trim_start().trim_start_matches(':');
            archive.extend(units.split(',').map(|u| u.trim().trim_end_matches('.').to_string()).filter(|u| !u.is_empty()));
        } else if !c.is_empty() {
            to.push(c);
        }
    }
    (to, archive)
}

impl NewEntry {
    /// The columns read from the document: type name, subject, signer, Nơi nhận, copies.
    pub fn from_document(doc: &Document, symbol: String, date: chrono::NaiveDate, issued_at: String, key: &str) -> NewEntry {
        let ty = crate::nd30::types::by_slug(&doc.doc_type).map(|t| t.name.to_string()).unwrap_or_else(|| doc.doc_type.clone());
        let signer = doc.signer.as_ref().or_else(|| doc.signers.as_ref().and_then(|s| s.first())).and_then(|s| s.name.clone()).unwrap_or_default();
        let (recipients, archive) = distribution(doc.distribution.as_deref().unwrap_or(&[]));
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

#[cfg(test)]
mod tests {
    #[test]
    fn luu_gives_the_archive() {
        let items: Vec<String> = ["Như trên;", "- Sở Nội vụ tỉnh Quảng Trị;", "- Lưu: VT, VP."].iter().map(|s| s.to_string()).collect();
        let (to, archive) = super::distribution(&items);
        assert_eq!(to, ["Như trên", "Sở Nội vụ tỉnh Quảng Trị"]);
        assert_eq!(archive, ["VT", "VP"]);
        let (_, a) = super::distribution(&["- Lưu VT.".to_string()]);
        assert!(a.is_empty(), "'Lưu VT' without a colon is kept as a recipient: {a:?}");
    }
}
