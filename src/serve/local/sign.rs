//! `POST /v1/edit/sign` (multipart): the leader signs `signer`, or the văn thư signs `agency`
//! with the number and date — typed, or from the register of `vanban edit --register`. The key
//! is a .p12 sent with its password, or a token of the module named by `--pkcs11` (never a
//! module the page names) with its PIN: held for this request only, never written, never
//! logged. The result, `<stem>.signed.pdf`, is verified and the report returned.

use super::files::{stem, write_atomic};
use crate::serve::app::App;
use crate::serve::issuing::{multipart_body, parts};
use crate::serve::problem::Problem;
use crate::sign::{self, SignRequest, Signer};
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

fn bad(m: impl Into<String>) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "bad-request", m)
}

fn text(p: &HashMap<String, Vec<u8>>, name: &str) -> Option<String> {
    p.get(name).map(|b| String::from_utf8_lossy(b).trim().to_string()).filter(|s| !s.is_empty())
}

const PARTS: &[&str] = &["stem", "field", "p12", "password", "pin", "token", "key", "number", "date", "image", "register"];

/// `POST /v1/edit/sign`.
pub async fn sign_route(State(app): State<Arc<App>>, m: Result<Multipart, MultipartRejection>) -> Result<Response, Problem> {
    let local = app.options.local.clone().ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "not-found", "signing in the page is vanban edit's"))?;
    let p = parts(multipart_body(m)?, PARTS).await?;
    let s = stem(&local, &text(&p, "stem").ok_or_else(|| bad("the part \"stem\" is missing"))?)?;
    let field = text(&p, "field").unwrap_or_else(|| "signer".into());
    if field != "signer" && field != "agency" {
        return Err(bad(format!("field \"{field}\": signer or agency")));
    }
    let number = text(&p, "number").map(|n| n.parse::<u32>().map_err(|_| bad(format!("number \"{n}\": a positive whole number")))).transpose()?;
    let date = text(&p, "date")
        .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| sign::refuse("date", "bad-date", format!("\"{d}\" is not a date"), "write it as 2026-03-09")))
        .transpose()
        .map_err(Problem::from_error)?;
    let use_register = text(&p, "register").is_some_and(|v| v == "1" || v == "true");
    if use_register && app.register.is_none() {
        return Err(bad("this editor has no register: start it with --register"));
    }
    let image = p.get("image").filter(|b| !b.is_empty()).cloned();
    let json_path = local.dir.join(format!("{s}.json"));
    let signed_path = local.dir.join(format!("{s}.signed.pdf"));
    let signed_out = signed_path.clone();
    let document = std::fs::read(&json_path).map_err(|e| Problem::new(StatusCode::NOT_FOUND, "not-found", format!("{s}: {e}; save the document first")))?;
    let module = local.pkcs11.clone();
    let app2 = app.clone();
    let series = local.series.clone();
    // The folder's documents name their pictures' files in it (`src`), as `vanban render` reads them.
    let dir = local.dir.clone();
    let ticket = app.pool.admit()?;
    let out = app
        .pool
        .run(&app.engine, "sign", Some(ticket), move |engine| -> crate::Result<(Vec<u8>, Option<(String, String)>)> {
            // The key, for this request only.
            let signer = match p.get("p12").filter(|b| !b.is_empty()) {
                Some(p12) => Signer::from_pkcs12(p12, &text(&p, "password").unwrap_or_default())?,
                None => {
                    let Some(module) = module else {
                        return Err(sign::refuse("p12", "key-required", "no key was given", "choose the .p12 file, or start vanban edit with --pkcs11 MODULE to use a token"));
                    };
                    sign::pkcs11::open(&sign::pkcs11::TokenRequest { module, token: text(&p, "token").unwrap_or_default(), key_label: text(&p, "key"), key_id: None, pin: text(&p, "pin").unwrap_or_default(), chain: None })?
                }
            };
            let fresh = || -> crate::Result<Vec<u8>> {
                let model = engine.parse_with_warnings_in(&document, Some(&dir))?.0;
                engine.pdf(&engine.prepare(&model, &document))
            };
            if field == "signer" {
                let request = SignRequest { field: "signer".into(), time: None, image, number: None, date: None, info: false, corner: None, tsa: None };
                return Ok((sign::sign(&fresh()?, &request, &signer, engine.fonts())?.pdf, None));
            }
            let draft = match std::fs::read(&signed_path) {
                Ok(b) => b,
                Err(_) => fresh()?,
            };
            if use_register {
                let store = app2.register.as_deref().expect("checked above");
                let key = crate::issue::AgencyKey { name: "vanban-edit", signer: &signer, image, tsa: None };
                let issued = crate::issue::issue(engine, store, &series, &key, &document, Some(&dir), &draft, date)?;
                return Ok((issued.pdf, Some((issued.entry.symbol.clone(), issued.entry.date.to_string()))));
            }
            let request = SignRequest { field: "agency".into(), time: None, image, number, date, info: false, corner: None, tsa: None };
            Ok((sign::sign(&draft, &request, &signer, engine.fonts())?.pdf, None))
        })
        .await?;
    let (pdf, issued) = out.map_err(Problem::from_error)?;
    write_atomic(&signed_out, &pdf).map_err(|e| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "io", e.to_string()))?;
    let mut report = sign::verify::verify(&pdf, &app.options.trust).map_err(Problem::from_error)?;
    report.localise(sign::verify::Lang::Vi);
    let mut answer = json!({ "stem": s, "download": format!("/v1/edit/files/{s}/signed"), "report": report });
    if let Some((symbol, date)) = issued {
        answer["issued"] = json!({ "symbol": symbol, "date": date });
    }
    Ok(axum::Json(answer).into_response())
}
