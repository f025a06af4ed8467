//! `?lang=vi` on the routes that answer with diagnostics or a report: the `--lang vi` texts.

use super::problem::Problem;
use crate::error::InputError;
use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::StatusCode;

/// `?lang=vi` (or `en`, the default); 400 for anything else.
pub fn vietnamese(query: Result<Query<Vec<(String, String)>>, QueryRejection>) -> Result<bool, Problem> {
    let bad = |m: String| Problem::new(StatusCode::BAD_REQUEST, "bad-request", m);
    let Query(pairs) = query.map_err(|e| bad(format!("the query string: {e}")))?;
    let mut vi = false;
    for (k, v) in pairs {
        match (k.as_str(), v.as_str()) {
            ("lang", "vi") => vi = true,
            ("lang", "en") => vi = false,
            ("lang", other) => return Err(bad(format!("lang={other}: en or vi"))),
            _ => return Err(bad(format!("unknown parameter \"{k}\"; known: lang"))),
        }
    }
    Ok(vi)
}

/// Diagnostics in the asked language.
pub fn in_lang(d: Vec<InputError>, vi: bool) -> Vec<InputError> {
    if vi { crate::messages::localise(d) } else { d }
}

