//! The register of outgoing documents (Nghị định 30, Điều 15–16, Phụ lục IV): numbers given
//! in series, each once, and every issued document recorded. One small interface, [`Store`],
//! with SQLite (one machine) and PostgreSQL (several instances) under it.
//!
//! A number is taken, the document signed and the entry recorded in one transaction: a
//! failed signature rolls it back and consumes no number; a retried draft (the same SHA-256)
//! gets the entry it has, never a second number.

/// The entry table's columns between its id and its PDF, the same in every store (the id's
/// and the PDF's types are the dialect's).
macro_rules! entry_columns {
    () => {
        "series TEXT NOT NULL, issuer TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
  symbol TEXT NOT NULL, date TEXT NOT NULL, issuer_name TEXT NOT NULL, parent TEXT NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL,
  signer TEXT NOT NULL, recipients TEXT NOT NULL, archive TEXT NOT NULL, copies INTEGER,
  sha256 TEXT NOT NULL UNIQUE, issued_at TEXT NOT NULL, key TEXT NOT NULL,
  voided_at TEXT, void_reason TEXT,"
    };
}

/// The columns every store selects, in the order its row reader takes them.
const COLUMNS: &str = "id, series, issuer, year, number, symbol, date, type, subject, signer, recipients, archive, copies, sha256, issued_at, key, voided_at, void_reason, issuer_name, parent";

pub mod book;
pub mod entry;
pub mod postgres;
pub mod series;
pub mod sqlite;

pub use entry::{Entry, NewEntry, Voided};
pub use series::{Series, SeriesKey};

use crate::error::{Error, InputError, Result};

/// What the issuing step makes once it holds a number: the signed PDF and the entry's columns.
pub type Make<'a> = dyn FnMut(u32) -> Result<(Vec<u8>, NewEntry)> + 'a;

/// A register.
pub trait Store: Send + Sync {
    /// Issue one draft: in one transaction, if `sha256` (the signed draft's) is not recorded
    /// yet, take the next number of `series`, call `make` with it, record the entry, commit.
    /// The entry, whether it is new (false: the draft was issued before) and the issued PDF
    /// (for an old entry, the one recorded then).
    fn issue(&self, sha256: &str, series: &SeriesKey, make: &mut Make) -> Result<(Entry, bool, Vec<u8>)>;
    /// One entry by its id.
    fn get(&self, id: i64) -> Result<Option<Entry>>;
    /// An issuer's entries of a year, in number order within each series.
    fn list(&self, issuer: &str, year: i32) -> Result<Vec<Entry>>;
    /// Void an entry: recorded with its reason; the number is never given again.
    fn void(&self, id: i64, reason: &str) -> Result<Entry>;
}

/// Open the register a URL names: `sqlite:PATH` or `postgres://…` (`postgresql://…`). The
/// schema is made or brought up to date.
pub fn open(url: &str) -> Result<Box<dyn Store>> {
    if let Some(path) = url.strip_prefix("sqlite:") {
        return Ok(Box::new(sqlite::Sqlite::open(path)?));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Box::new(postgres::Postgres::open(url)?));
    }
    Err(refuse("--register", "bad-register", format!("\"{}\" is not a register URL", redact(url)), "give sqlite:PATH or postgres://USER@HOST/DB"))
}

/// A refusal about the register (exit 2, a 4xx answer).
pub(crate) fn refuse(place: &str, code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::Input(vec![InputError::at(place, message).code(code).hint(hint)])
}

/// A register failure (the database is down, the disk full): exit 1, a 503 answer.
pub(crate) fn unavailable(what: impl std::fmt::Display) -> Error {
    Error::Io(format!("the register: {what}"))
}

/// A URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            let user = cred.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..s + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(super::redact("postgres://vanban:secret@127.0.0.1/db"), "postgres://vanban:***@127.0.0.1/db");
        assert_eq!(super::redact("sqlite:/tmp/x.db"), "sqlite:/tmp/x.db");
    }
}
