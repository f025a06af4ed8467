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

/// Whether the fonts draw `c`: they have it, or the shaper draws it with another glyph of the
/// same font, as HarfBuzz does (spaces of other widths as a space of that width; U+2011, the
/// non-breaking hyphen of Word's U+001E, as U+2010, which Liberation Serif has).
fn drawable(c: char, fonts: &FontSet) -> bool {
    fonts.covers(c)
        || match c {
            '\u{2011}' => fonts.covers('\u{2010}'),
            '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => fonts.covers(' '),
            _ => false,
        }
}

/// Characters the fonts cannot draw, one error per character and place.
pub fn glyphs(value: &Value, fonts: &FontSet) -> Vec<InputError> {
    let mut all = Vec::new();
    strings(value, "$".into(), &mut all);
    let mut out = Vec::new();
    for (path, s) in all {
        // Printable ASCII every font draws (a picture's base64 runs to megabytes).
        if s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n') {
            continue;
        }
        let mut seen = Vec::new();
        for c in s.chars() {
            if c == ' ' || c == '\n' || crate::model::chars::is_refused(c) || seen.contains(&c) || drawable(c, fonts) {
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
    let party = crate::profile::Profile::of(d) == crate::profile::Profile::Dang;
    if party {
        out.extend(crate::dang::lint::warnings(d));
    }
    let ty = by_slug(&d.doc_type).filter(|_| !party);
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
    if !party && recipients && !lead_form && !has("Như trên") {
        out.push(
            InputError::at("$.distribution", "Kính gửi names recipients but Nơi nhận has no \"Như trên\"")
                .code("no-nhu-tren")
                .hint("add \"Như trên\" as the first item")
                .warning(),
        );
    }
    if !party && !has("Lưu") {
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
                InputError::at(format!("{path}.name"), format!("\"{t}\" in the signer's name: {} prints no academic titles", crate::profile::Profile::of(d).rules()))
                    .code("academic-title")
                    .warning(),
            );
        }
    }
    district_level(d, &mut out);
    empty_sections("$.body", &d.body, &mut out);
    for (i, a) in d.appendices.iter().flatten().enumerate() {
        empty_sections(&format!("$.appendices[{i}].body"), &a.body, &mut out);
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

/// `district-level`: a document dated in the two-level local government that names a
/// district-level body as its issuer, parent or a recipient.
fn district_level(d: &Document, out: &mut Vec<InputError>) {
    use crate::nd30::levels::{district_word, two_levels_since};
    let since = two_levels_since();
    let after = match DocDate::parse(&d.date) {
        Some(DocDate::Full(date)) => date >= since,
        // A draft dated by its year alone: only when every day of that year is after.
        Some(DocDate::Year(y)) => chrono::NaiveDate::from_ymd_opt(y, 1, 1).is_some_and(|first| first >= since),
        None => false,
    };
    if !after {
        return;
    }
    let mut names: Vec<(String, &str)> = vec![("$.issuer.name".into(), d.issuer.name.as_str())];
    names.extend(d.issuer.parent.as_deref().map(|p| ("$.issuer.parent".to_string(), p)));
    for (i, r) in d.recipients.iter().flatten().enumerate() {
        names.push((format!("$.recipients[{i}]"), r));
    }
    for (path, name) in names {
        if let Some(word) = district_word(name) {
            out.push(
                InputError::at(path, format!("\"{}\" names a district-level body ({word})", name.replace('\n', " ")))
                    .code("district-level")
                    .hint("district-level government (huyện, quận, thị xã) was abolished on 1 July 2025 by the Law on the Organisation of Local Government (72/2025/QH15): a document dated since then goes to the province or the commune (xã, phường)")
                    .warning(),
            );
        }
    }
}

/// `empty-section`: a section, article, chapter, part or division with no body prints as a
/// bare heading.
fn empty_sections(path: &str, blocks: &[crate::model::Block], out: &mut Vec<InputError>) {
    use crate::model::{Block, DivisionKind};
    for (i, b) in blocks.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let (kind, body) = match b {
            Block::Section(s) => ("section", &s.body),
            Block::Article(a) => ("article", &a.body),
            Block::Division(dv) => (
                match dv.kind {
                    DivisionKind::Part => "part",
                    DivisionKind::Chapter => "chapter",
                    DivisionKind::Division => "division",
                },
                &dv.body,
            ),
            _ => continue,
        };
        if body.is_empty() {
            out.push(
                InputError::at(p.clone(), format!("this {kind} has no body: it prints as a bare heading"))
                    .code("empty-section")
                    .hint("give it a `body`, or make the heading a paragraph")
                    .warning(),
            );
        }
        empty_sections(&format!("{p}.body"), body, out);
    }
}
