//! The register in PostgreSQL, shared by several instances. A number is a counter row per
//! series, incremented (`UPDATE … RETURNING`, which locks the row) in the transaction that
//! inserts the entry, committed only after the signature is made — not a SEQUENCE, whose
//! values are never given back. The schema is made and migrated at start under an advisory
//! lock, so instances starting together do not race.

use super::{unavailable, Entry, Make, NewEntry, SeriesKey, Store, Voided};
use crate::error::Result;
use postgres::{Client, NoTls, Row};
use std::sync::Mutex;

const SCHEMA: &str = concat!(
    "
CREATE TABLE IF NOT EXISTS vanban_counters (series TEXT PRIMARY KEY, next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS vanban_entries (
  id BIGSERIAL PRIMARY KEY,
  ",
    entry_columns!(),
    " pdf BYTEA NOT NULL,
  UNIQUE (series, number));
CREATE INDEX IF NOT EXISTS vanban_entries_issuer_year ON vanban_entries (issuer, year);
"
);

/// The advisory lock key of the migration ("vanban" as a number).
const MIGRATION_LOCK: i64 = 0x7661_6e62_616e;

use super::COLUMNS;

/// A register in PostgreSQL: a few connections, each used by one request at a time.
pub struct Postgres {
    url: String,
    idle: Mutex<Vec<Client>>,
}

fn err(e: postgres::Error) -> crate::Error {
    unavailable(e)
}

fn row(r: &Row) -> Entry {
    let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
    let voided_at: Option<String> = r.get(16);
    let reason: Option<String> = r.get(17);
    Entry {
        id: r.get(0),
        series: r.get(1),
        number: r.get::<_, i32>(4) as u32,
        columns: NewEntry {
            issuer: r.get(2),
            issuer_name: (r.get(18), r.get(19)),
            year: r.get(3),
            symbol: r.get(5),
            date: r.get(6),
            doc_type: r.get(7),
            subject: r.get(8),
            signer: r.get(9),
            recipients: list(r.get(10)),
            archive: list(r.get(11)),
            copies: r.get::<_, Option<i32>>(12).map(|c| c as u32),
            issued_at: r.get(14),
            key: r.get(15),
        },
        sha256: r.get(13),
        voided: voided_at.map(|at| Voided { at, reason: reason.unwrap_or_default() }),
    }
}

impl Postgres {
    /// Connect and make or migrate the schema.
    pub fn open(url: &str) -> Result<Postgres> {
        let pg = Postgres { url: url.to_string(), idle: Mutex::new(Vec::new()) };
        let mut c = pg.connect()?;
        c.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).map_err(err)?;
        let made = c.batch_execute(SCHEMA).map_err(err);
        c.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).map_err(err)?;
        made?;
        pg.put(c);
        Ok(pg)
    }

    fn connect(&self) -> Result<Client> {
        Client::connect(&self.url, NoTls).map_err(|e| unavailable(format!("{}: {e}", super::redact(&self.url))))
    }

    /// An idle connection, or a new one.
    fn take(&self) -> Result<Client> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match idle {
            Some(c) if !c.is_closed() => Ok(c),
            _ => self.connect(),
        }
    }

    fn put(&self, c: Client) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < 16 && !c.is_closed() {
            idle.push(c);
        }
    }

    /// Run `f` on a connection; a connection that failed is dropped, not reused.
    fn with<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let mut c = self.take()?;
        let r = f(&mut c);
        if r.is_ok() {
            self.put(c);
        }
        r
    }
}

impl Store for Postgres {
    fn issue(&self, sha256: &str, series: &SeriesKey, make: &mut Make) -> Result<(Entry, bool, Vec<u8>)> {
        self.with(|c| {
            let mut tx = c.transaction().map_err(err)?;
            tx.execute("INSERT INTO vanban_counters (series, next) VALUES ($1, 1) ON CONFLICT (series) DO NOTHING", &[&series.0]).map_err(err)?;
            // The row lock serialises issues of one series until this transaction ends; a
            // retry of the same draft then sees the entry its first attempt committed.
            let next: i32 = tx.query_one("UPDATE vanban_counters SET next = next + 1 WHERE series = $1 RETURNING next - 1", &[&series.0]).map_err(err)?.get(0);
            if let Some(r) = tx.query_opt(&format!("SELECT {COLUMNS}, pdf FROM vanban_entries WHERE sha256 = $1"), &[&sha256]).map_err(err)? {
                let e = row(&r);
                let pdf: Vec<u8> = r.get(20);
                tx.rollback().map_err(err)?;
                return Ok((e, false, pdf));
            }
            // Dropping the transaction on an error rolls it back: the number stays free.
            let (pdf, n): (Vec<u8>, NewEntry) = make(next as u32)?;
            let copies = n.copies.map(|c| c as i32);
            let recipients = serde_json::to_string(&n.recipients).unwrap_or_default();
            let archive = serde_json::to_string(&n.archive).unwrap_or_default();
            let r = tx
                .query_one(
                    &format!(
                        "INSERT INTO vanban_entries (series, issuer, year, number, symbol, date, type, subject, signer, recipients, archive, copies, sha256, issued_at, key, issuer_name, parent, pdf) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING {COLUMNS}"
                    ),
                    &[&series.0, &n.issuer, &n.year, &next, &n.symbol, &n.date, &n.doc_type, &n.subject, &n.signer, &recipients, &archive, &copies, &sha256, &n.issued_at, &n.key, &n.issuer_name.0, &n.issuer_name.1, &pdf],
                )
                .map_err(err)?;
            let e = row(&r);
            tx.commit().map_err(err)?;
            Ok((e, true, pdf))
        })
    }

    fn get(&self, id: i64) -> Result<Option<Entry>> {
        self.with(|c| Ok(c.query_opt(&format!("SELECT {COLUMNS} FROM vanban_entries WHERE id = $1"), &[&id]).map_err(err)?.map(|r| row(&r))))
    }

    fn list(&self, issuer: &str, year: i32) -> Result<Vec<Entry>> {
        self.with(|c| Ok(c.query(&format!("SELECT {COLUMNS} FROM vanban_entries WHERE issuer = $1 AND year = $2 ORDER BY series, number"), &[&issuer, &year]).map_err(err)?.iter().map(row).collect()))
    }

    fn void(&self, id: i64, reason: &str) -> Result<Entry> {
        let at = crate::sign::now().to_rfc3339();
        self.with(|c| {
            c.execute("UPDATE vanban_entries SET voided_at = $1, void_reason = $2 WHERE id = $3 AND voided_at IS NULL", &[&at, &reason, &id]).map_err(err)?;
            Ok(())
        })?;
        self.get(id)?.ok_or_else(|| super::refuse("id", "no-such-entry", format!("the register has no entry {id}"), "list the entries with GET /v1/register"))
    }
}
