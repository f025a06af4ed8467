//! What the forms of Phụ lục III add to the generic one: the preamble of decisions and
//! resolutions, the lead lines of công điện and giấy mời, appendices and attached documents,
//! copies, the contact block.

use super::body::BodyBuilder;
use super::closing::closing;
use super::grid::{columns, rule_pt, widest_mm, Measured};
use super::{AppendixDoc, CopyDoc};
use crate::fonts::FontSet;
use crate::model::Document;
use crate::nd30::date::{date_line, DocDate};
use crate::nd30::appendix;
use crate::nd30::symbol::{number_line, reference};
use crate::nd30::text::{inline, parts, plain, upper, Span};
use crate::nd30::types::{by_slug, DocType, COPY_FORMS};
use crate::style::Style;

/// "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" before the articles of a decision or resolution.
fn decision_word(ty: &DocType) -> Option<&'static str> {
    match ty.slug {
        "quyet-dinh" => Some("QUYẾT ĐỊNH:"),
        "nghi-quyet" => Some("QUYẾT NGHỊ:"),
        _ => None,
    }
}

fn strip_end(s: &str) -> &str {
    let s = s.trim();
    s.strip_suffix([';', '.']).unwrap_or(s).trim_end()
}

fn italic(mut spans: Vec<Span>) -> Vec<Span> {
    for s in &mut spans {
        s.i = true;
    }
    spans
}

/// Authority heading, căn cứ (";" each, "." last), "Theo đề nghị của …", the decision word.
pub fn preamble(b: &mut BodyBuilder, d: &Document, ty: &DocType) {
    let size = b.style().sizes_pt.authority;
    if let Some(a) = d.authority.as_deref() {
        for line in parts(&upper(a)) {
            b.push_para("authority", vec![Span::bold(line)], false, "center", "$.authority", Some(size));
        }
    }
    let bases = d.bases.as_deref().unwrap_or(&[]);
    let proposal = d.proposal.as_deref().map(str::trim).filter(|p| !p.is_empty());
    for (k, base) in bases.iter().enumerate() {
        let last = k + 1 == bases.len() && proposal.is_none();
        let text = format!("{}{}", strip_end(base), if last { "." } else { ";" });
        b.push_para("basis", italic(inline(&text)), true, "justify", &format!("$.bases[{k}]"), Some(size));
    }
    if let Some(p) = proposal {
        b.push_para("basis", italic(inline(&format!("{}.", strip_end(p)))), true, "justify", "$.proposal", Some(size));
    }
    if let Some(w) = decision_word(ty) {
        b.push_para("decision", vec![Span::bold(w)], false, "center", "$.body", Some(size));
    }
}

/// The lead line of công điện ("<AGENCY OR TITLE> điện:") and giấy mời ("… trân trọng kính
/// mời:"): from `lead`, else from the issuer.
pub fn lead(d: &Document) -> Option<Vec<Span>> {
    let who = d.lead.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).unwrap_or_else(|| {
        d.issuer.name.split_whitespace().collect::<Vec<_>>().join(" ")
    });
    match d.doc_type.as_str() {
        "cong-dien" => Some(vec![Span::bold(format!("{} điện:", upper(&who)))]),
        "giay-moi" => Some(vec![Span::plain(format!("{who} trân trọng kính mời:"))]),
        _ => None,
    }
}

/// An appendix's title lines, bold; a plain appendix's in capitals (an attached document keeps
/// its title's case).
pub fn appendix_title(title: Option<&str>, attached: bool) -> Vec<Vec<Span>> {
    title
        .unwrap_or("")
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut spans = inline(l);
            for s in &mut spans {
                s.b = true;
                if !attached {
                    s.t = upper(&s.t);
                }
            }
            spans
        })
        .collect()
}

/// Appendices: "Phụ lục I" (a lone one "Phụ lục") / TITLE / "(Kèm theo …)"; an attached
/// document (with `type`): "QUY CHẾ" / Title / "(Ban hành kèm theo …)".
pub fn appendices(d: &Document, ty: &DocType, date: &DocDate, sym: &str, style: &Style, fonts: &FontSet) -> Vec<AppendixDoc> {
    let apps = d.appendices.as_deref().unwrap_or(&[]);
    let plain_count = apps.iter().filter(|a| a.doc_type.is_none()).count();
    let parent_name = ty.name;
    let issuer = d.issuer.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut n_plain = 0;
    let mut out = Vec::new();
    for (k, a) in apps.iter().enumerate() {
        let typed = a.doc_type.as_deref().and_then(by_slug);
        if typed.is_none() {
            n_plain += 1;
        }
        let label = match (&a.label, typed) {
            (Some(l), _) => Some(l.trim().to_string()).filter(|l| !l.is_empty()),
            (None, Some(t)) => Some(upper(t.name)),
            (None, None) => Some(appendix::label(plain_count, n_plain as usize)),
        };
        let title: Vec<Vec<Span>> = appendix_title(a.title.as_deref(), typed.is_some());
        let caption = match a.caption.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => c.to_string(),
            None => appendix::caption(typed.is_some(), parent_name, &reference(d.number, sym), &date.words(), &issuer),
        };
        let mut measured: Vec<Measured> = vec![(caption.as_str(), style.sizes_pt.appendix_caption, false, true)];
        let titles: Vec<String> = title.iter().map(|l| plain(l)).collect();
        measured.extend(titles.iter().map(|t| (t.as_str(), style.sizes_pt.appendix_title, true, false)));
        let mut b = BodyBuilder::new(style, fonts);
        b.blocks(&a.body, &format!("$.appendices[{k}].body"));
        // An appendix that opens with a wide table is set on landscape pages, title block included.
        let body = b.finish();
        let landscape = body.first().and_then(|p| p.table.as_ref()).is_some_and(|t| t.landscape);
        out.push(AppendixDoc {
            landscape,
            label,
            rule_pt: rule_pt(fonts, &measured, style.header.subject_rule_ratio, style.text_width_mm()),
            hyphens: None,
            title,
            caption,
            body,
        });
    }
    out
}

/// The copy block (paper, Mẫu 3.1), or the signing information of an electronic copy
/// (Mẫu 3.2, ô 14): form, copying agency, signing time.
pub fn copy(d: &Document, style: &Style, fonts: &FontSet) -> (Option<CopyDoc>, Vec<String>) {
    let Some(c) = &d.copy else { return (None, Vec::new()) };
    let slug = c.form.as_deref().unwrap_or("sao-y");
    let (_, form, code) = COPY_FORMS.iter().find(|f| f.0 == slug).copied().unwrap_or(COPY_FORMS[0]);
    let date = c.date.as_deref().and_then(DocDate::parse).or_else(|| DocDate::parse(&d.date)).expect("validated date");
    if c.electronic == Some(true) {
        let when = c.signed_at.clone().unwrap_or_else(|| {
            let t = date.timestamp_date();
            format!("{}T00:00:00+07:00", t.format("%Y-%m-%d"))
        });
        let agency = c.issuer.name.split_whitespace().collect::<Vec<_>>().join(" ");
        // Two lines, so that the first-page header of the DOCX fits in the top margin.
        return (None, vec![format!("{form}, {agency}"), when]);
    }
    let sz = &style.sizes_pt;
    let issuer = parts(&upper(&c.issuer.name));
    let number = number_line(c.number, &format!("{code}-{}", c.issuer.code.trim()));
    let place_date = date_line(c.place.as_deref().unwrap_or(&d.place), &date);
    let mut left: Vec<Measured> = issuer.iter().map(|l| (l.as_str(), sz.issuer, true, false)).collect();
    left.push((number.as_str(), sz.number, false, false));
    let right: Vec<Measured> = vec![(form, sz.type_, true, false), (place_date.as_str(), sz.place_date, false, true)];
    let (left_mm, right_mm, gutter_mm) = columns(style, style.header.left_mm, widest_mm(fonts, &left), widest_mm(fonts, &right));
    let mut closing = closing(c.signer.as_ref(), None, c.distribution.as_deref(), None, false, style, fonts);
    // A copy is signed by the copying agency alone.
    if let Some(b) = closing.signers.first_mut() {
        b.fields = vec!["agency".into()];
    }
    let copy = CopyDoc {
        left_mm,
        right_mm,
        gutter_mm,
        issuer,
        number,
        form: form.to_string(),
        place_date,
        closing,
    };
    (Some(copy), Vec::new())
}

/// The address block at the foot of page 1 (ô 13).
pub fn contact(d: &Document) -> Vec<String> {
    let Some(c) = &d.contact else { return Vec::new() };
    let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let mut out = Vec::new();
    if let Some(a) = clean(&c.address) {
        out.push(format!("Địa chỉ: {a}"));
    }
    let rest: Vec<String> = [("Điện thoại", clean(&c.phone)), ("E-mail", clean(&c.email)), ("Website", clean(&c.website))]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
        .collect();
    if !rest.is_empty() {
        out.push(rest.join("; "));
    }
    out
}
