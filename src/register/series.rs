//! Numbering series (Điều 15): numbers run per agency and per period, from 01; secret
//! documents have their own series; an agency's head may rule a series per type. Configured,
//! not hard-coded. The period of Nghị định 30 is the calendar year; the Party's (a term from a
//! configured date) can be another period of the same key.

use serde::{Deserialize, Serialize};

/// A configured series: `{"issuer": "UBND", "types": null, "secret": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The issuer's code (`issuer.code` of the documents).
    pub issuer: String,
    /// The types (slugs) numbered in this series; none: every type not in a series of its own.
    #[serde(default)]
    pub types: Option<Vec<String>>,
    /// Whether it numbers secret documents (those with `secrecy`).
    #[serde(default)]
    pub secret: bool,
    /// A Party body's term ("2025-10-15": the close of its congress): its Party documents are
    /// numbered from 01 per type within the term (Hướng dẫn 05-HD/VPTW 3.1.1), secret ones in
    /// the same series. Several entries give several terms; the latest not after the date wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_from: Option<String>,
}

/// The numbering series of a `--series` file (JSON: `[{"issuer": "UBND", "types": null,
/// "secret": false}]`), or why not; read by `vanban issue` and `vanban edit`.
pub fn load(path: &std::path::Path) -> crate::Result<Vec<Series>> {
    let text = std::fs::read(path).map_err(|e| crate::Error::Io(format!("--series {}: {e}", path.display())))?;
    serde_json::from_slice(&text).map_err(|e| crate::sign::refuse("--series", "bad-series", format!("{}: {e}", path.display()), "write [{\"issuer\": \"UBND\", \"types\": null, \"secret\": false}]"))
}

/// The series a number is taken from: its text names the issuer, the period, the types and
/// whether it is secret (`UBND/2026/*` or `UBND/2026/quyet-dinh/mat`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SeriesKey(pub String);

impl SeriesKey {
    /// The key of a document of `doc_type` by `issuer` in `period`.
    pub fn of(series: &[Series], issuer: &str, period: &str, doc_type: &str, secret: bool) -> Option<SeriesKey> {
        let key = |types: Option<&Vec<String>>| {
            let t = types.map_or("*".to_string(), |t| t.join("+"));
            SeriesKey(format!("{issuer}/{period}/{t}{}", if secret { "/mat" } else { "" }))
        };
        if series.is_empty() {
            // Unconfigured: one series per issuer, and its secret one.
            return Some(key(None));
        }
        let mine = series.iter().filter(|s| s.issuer == issuer && s.secret == secret);
        let own = mine.clone().find(|s| s.types.as_ref().is_some_and(|t| t.iter().any(|x| x == doc_type)));
        own.or_else(|| mine.clone().find(|s| s.types.is_none())).map(|s| key(s.types.as_ref()))
    }
}

impl SeriesKey {
    /// The series of a Party document of `doc_type` by `issuer` dated `date`: per type within
    /// the body's term; an error saying what to configure when no term holds the date.
    pub fn party(series: &[Series], issuer: &str, date: chrono::NaiveDate, doc_type: &str) -> Result<SeriesKey, String> {
        let term = series
            .iter()
            .filter(|s| s.issuer == issuer)
            .filter_map(|s| s.term_from.as_deref())
            .filter_map(|t| chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok())
            .filter(|t| *t <= date)
            .max()
            .ok_or_else(|| format!("no term of \"{issuer}\" holds {date}: a Party body numbers each type from 01 within its term"))?;
        Ok(SeriesKey(format!("{issuer}/term-{term}/{doc_type}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_by_type_and_secrecy() {
        let cfg: Vec<Series> = serde_json::from_str(r#"[{"issuer": "UBND"}, {"issuer": "UBND", "types": ["quyet-dinh"]}, {"issuer": "UBND", "secret": true}]"#).unwrap();
        assert_eq!(SeriesKey::of(&cfg, "UBND", "2026", "cong-van", false).unwrap().0, "UBND/2026/*");
        assert_eq!(SeriesKey::of(&cfg, "UBND", "2026", "quyet-dinh", false).unwrap().0, "UBND/2026/quyet-dinh");
        assert_eq!(SeriesKey::of(&cfg, "UBND", "2026", "quyet-dinh", true).unwrap().0, "UBND/2026/*/mat");
        assert!(SeriesKey::of(&cfg, "VP", "2026", "cong-van", false).is_none());
        assert_eq!(SeriesKey::of(&[], "VP", "2027", "cong-van", true).unwrap().0, "VP/2027/*/mat");
    }

    #[test]
    fn party_series_per_type_within_the_term() {
        let cfg: Vec<Series> = serde_json::from_str(r#"[{"issuer": "ĐU", "term_from": "2020-10-20"}, {"issuer": "ĐU", "term_from": "2025-10-15"}]"#).unwrap();
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(SeriesKey::party(&cfg, "ĐU", d("2026-12-03"), "nghi-quyet").unwrap().0, "ĐU/term-2025-10-15/nghi-quyet");
        assert_eq!(SeriesKey::party(&cfg, "ĐU", d("2027-01-05"), "nghi-quyet").unwrap().0, "ĐU/term-2025-10-15/nghi-quyet", "no reset at the new year");
        assert_eq!(SeriesKey::party(&cfg, "ĐU", d("2024-05-01"), "ke-hoach").unwrap().0, "ĐU/term-2020-10-20/ke-hoach");
        assert!(SeriesKey::party(&cfg, "ĐU", d("2019-01-01"), "ke-hoach").is_err());
        assert!(SeriesKey::party(&cfg, "CB", d("2026-01-01"), "ke-hoach").is_err());
    }
}
