//! The ND30 lint of `vanban check`: what a văn thư would query in a valid document, and the
//! characters the loaded fonts cannot draw (an error: they would print as empty boxes).

use crate::error::InputError;
use crate::fonts::FontSet;
use crate::model::Document;
use crate::nd30::date::DocDate;
use crate::nd30::ranges::PT_PER_MM;
use crate::nd30::symbol::symbol;
use crate::nd30::types::by_slug;
use crate::style::Style;
use serde_json::Value;

/// Academic titles the decree keeps out of the signer's name (ô 7b).
const ACADEMIC: [&str; 10] = ["TS.", "ThS.", "PGS.", "GS.", "KS.", "BS.", "Tiến sĩ", "Thạc sĩ", "Giáo sư", "Phó Giáo sư"];

/// Today's date from the clock (the lint alone reads it; layout never does).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(days)
}

/// Every string of the input with its JSON path (`meta` and `$schema` left out).
fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| strings(x, format!("{path}[{i}]"), out)),
        Value::Object(o) => {
            for (k, x) in o {
                if path == "$" && (k == "meta" || k == "$schema") {
                    continue;
                }
                strings(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Characters the fonts cannot draw, one error per character and place.
pub fn glyphs(value: &Value, fonts: &FontSet) -> Vec<InputError> {
    let mut all = Vec::new();
    strings(value, "$".into(), &mut all);
    let mut out = Vec::new();
    for (path, s) in all {
        let mut seen = Vec::new();
        for c in s.chars() {
            if c.is_whitespace() || c.is_control() || seen.contains(&c) || fonts.covers(c) {
                continue;
            }
            seen.push(c);
            out.push(
                InputError::at(path.clone(), format!("the fonts cannot draw '{c}' (U+{:04X})", c as u32))
                    .code("missing-glyph")
                    .hint("use another character, or add a font that has it with --font-dir"),
            );
        }
    }
    out
}

/// Warnings on a valid document.
pub fn warnings(d: &Document, style: &Style, fonts: &FontSet) -> Vec<InputError> {
    let mut out = Vec::new();
    let ty = by_slug(&d.doc_type);
    if let (Some(ty), Some(given)) = (ty, d.symbol.as_deref()) {
        let derived = symbol(ty, &d.issuer.code, d.unit.as_deref(), None);
        if given.trim() != derived {
            out.push(
                InputError::at("$.symbol", format!("\"{given}\" does not match the type and issuer (\"{derived}\")"))
                    .code("symbol-mismatch")
                    .hint("the override is allowed; leave `symbol` out to use the derived one")
                    .warning(),
            );
        }
    }
    if let Some(DocDate::Full(date)) = DocDate::parse(&d.date) {
        if date > today() {
            out.push(InputError::at("$.date", format!("{date} is in the future")).code("future-date").warning());
        }
    }
    let dist = d.distribution.as_deref().unwrap_or(&[]);
    let has = |prefix: &str| dist.iter().any(|x| x.trim().to_lowercase().starts_with(&prefix.to_lowercase()));
    let recipients = d.recipients.as_deref().is_some_and(|r| !r.is_empty());
    let lead_form = matches!(d.doc_type.as_str(), "cong-dien" | "giay-moi");
    if recipients && !lead_form && !has("Như trên") {
        out.push(
            InputError::at("$.distribution", "Kính gửi names recipients but Nơi nhận has no \"Như trên\"")
                .code("no-nhu-tren")
                .hint("add \"Như trên\" as the first item")
                .warning(),
        );
    }
    if !has("Lưu") {
        out.push(
            InputError::at("$.distribution", "Nơi nhận has no \"Lưu: VT\"").code("no-luu-vt").hint("add \"Lưu: VT\" (and the drafting unit) as the last item").warning(),
        );
    }
    let signers: Vec<(String, &crate::model::Signer)> = match (&d.signer, &d.signers) {
        (Some(s), _) => vec![("$.signer".into(), s)],
        (None, Some(v)) => v.iter().enumerate().map(|(i, s)| (format!("$.signers[{i}]"), s)).collect(),
        _ => vec![],
    };
    for (path, s) in signers {
        let name = s.name.as_deref().unwrap_or("");
        if let Some(t) = ACADEMIC.iter().find(|t| name.contains(*t)) {
            out.push(
                InputError::at(format!("{path}.name"), format!("\"{t}\" in the signer's name: the decree prints no academic titles"))
                    .code("academic-title")
                    .warning(),
            );
        }
    }
    if let Some(subject) = d.subject.as_deref() {
        let width = style.text_width_mm() * PT_PER_MM;
        let lines: usize = subject
            .split('\n')
            .map(|l| crate::doc::wrapped_widths(fonts, l.trim(), style.sizes_pt.subject, true, false, width).len().max(1))
            .sum();
        if lines > 2 {
            out.push(
                InputError::at("$.subject", format!("the trích yếu takes {lines} lines at the layout's width"))
                    .code("long-subject")
                    .hint("a trích yếu should say it in one or two lines")
                    .warning(),
            );
        }
    }
    out
}
