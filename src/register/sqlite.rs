//! The register in SQLite: one file, for one instance or several processes on one machine
//! (WAL, a busy timeout, and `BEGIN IMMEDIATE` so two issues never read the same counter).
//! Not on a network file system: SQLite's locks do not hold there.

use super::{unavailable, Entry, Make, NewEntry, SeriesKey, Store, Voided};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::sync::Mutex;

/// The schema; `user_version` says which of its versions a file has.
const SCHEMA: &str = concat!(
    "
CREATE TABLE IF NOT EXISTS counters (series TEXT PRIMARY KEY, next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ",
    entry_columns!(),
    " pdf BLOB NOT NULL,
  UNIQUE (series, number));
CREATE INDEX IF NOT EXISTS entries_issuer_year ON entries (issuer, year);
PRAGMA user_version = 1;
"
);

use super::COLUMNS;

/// A register in one SQLite file.
pub struct Sqlite {
    conn: Mutex<Connection>,
}

fn err(e: rusqlite::Error) -> crate::Error {
    unavailable(e)
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
    let voided_at: Option<String> = r.get(16)?;
    let reason: Option<String> = r.get(17)?;
    Ok(Entry {
        id: r.get(0)?,
        series: r.get(1)?,
        number: r.get(4)?,
        columns: NewEntry {
            issuer: r.get(2)?,
            issuer_name: (r.get(18)?, r.get(19)?),
            year: r.get(3)?,
            symbol: r.get(5)?,
            date: r.get(6)?,
            doc_type: r.get(7)?,
            subject: r.get(8)?,
            signer: r.get(9)?,
            recipients: list(r.get(10)?),
            archive: list(r.get(11)?),
            copies: r.get(12)?,
            issued_at: r.get(14)?,
            key: r.get(15)?,
        },
        sha256: r.get(13)?,
        voided: voided_at.map(|at| Voided { at, reason: reason.unwrap_or_default() }),
    })
}

impl Sqlite {
    /// Open (or make) the file and bring its schema up to date.
    pub fn open(path: &str) -> Result<Sqlite> {
        if path.is_empty() {
            return Err(super::refuse("--register", "bad-register", "sqlite: needs a file", "give sqlite:/var/lib/vanban/register.db"));
        }
        let conn = Connection::open(path).map_err(|e| unavailable(format!("{path}: {e}")))?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        Ok(Sqlite { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn by_sha(c: &Connection, sha: &str) -> rusqlite::Result<Option<(Entry, Vec<u8>)>> {
    c.query_row(&format!("SELECT {COLUMNS}, pdf FROM entries WHERE sha256 = ?1"), params![sha], |r| Ok((row(r)?, r.get::<_, Vec<u8>>(20)?))).optional()
}

impl Store for Sqlite {
    fn issue(&self, sha256: &str, series: &SeriesKey, make: &mut Make) -> Result<(Entry, bool, Vec<u8>)> {
        let mut c = self.conn();
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        if let Some((e, pdf)) = by_sha(&tx, sha256).map_err(err)? {
            return Ok((e, false, pdf));
        }
        let next: u32 = tx.query_row("SELECT next FROM counters WHERE series = ?1", params![series.0], |r| r.get(0)).optional().map_err(err)?.unwrap_or(1);
        // Dropping the transaction on an error rolls it back: the number stays free.
        let (pdf, n): (Vec<u8>, NewEntry) = make(next)?;
        tx.execute("INSERT INTO counters (series, next) VALUES (?1, ?2) ON CONFLICT (series) DO UPDATE SET next = excluded.next", params![series.0, next + 1]).map_err(err)?;
        tx.execute(
            "INSERT INTO entries (series, issuer, year, number, symbol, date, type, subject, signer, recipients, archive, copies, sha256, issued_at, key, issuer_name, parent, pdf) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                series.0,
                n.issuer,
                n.year,
                next,
                n.symbol,
                n.date,
                n.doc_type,
                n.subject,
                n.signer,
                serde_json::to_string(&n.recipients).unwrap_or_default(),
                serde_json::to_string(&n.archive).unwrap_or_default(),
                n.copies,
                sha256,
                n.issued_at,
                n.key,
                n.issuer_name.0,
                n.issuer_name.1,
                pdf
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        let e = tx.query_row(&format!("SELECT {COLUMNS} FROM entries WHERE id = ?1"), params![id], row).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok((e, true, pdf))
    }

    fn get(&self, id: i64) -> Result<Option<Entry>> {
        self.conn().query_row(&format!("SELECT {COLUMNS} FROM entries WHERE id = ?1"), params![id], row).optional().map_err(err)
    }

    fn list(&self, issuer: &str, year: i32) -> Result<Vec<Entry>> {
        let c = self.conn();
        let mut st = c.prepare(&format!("SELECT {COLUMNS} FROM entries WHERE issuer = ?1 AND year = ?2 ORDER BY series, number")).map_err(err)?;
        let rows = st.query_map(params![issuer, year], row).map_err(err)?;
        rows.collect::<rusqlite::Result<Vec<Entry>>>().map_err(err)
    }

    fn void(&self, id: i64, reason: &str) -> Result<Entry> {
        let at = crate::sign::now().to_rfc3339();
        let c = self.conn();
        let n = c.execute("UPDATE entries SET voided_at = ?1, void_reason = ?2 WHERE id = ?3 AND voided_at IS NULL", params![at, reason, id]).map_err(err)?;
        drop(c);
        let e = self.get(id)?.ok_or_else(|| super::refuse("id", "no-such-entry", format!("the register has no entry {id}"), "list the entries with GET /v1/register"))?;
        if n == 0 && e.voided.is_none() {
            return Err(unavailable("the entry could not be voided"));
        }
        Ok(e)
    }
}
