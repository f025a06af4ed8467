//! Model → prepared document: the decree's strings from `nd30`, widths from `grid`.

use super::body::BodyBuilder;
use super::closing::closing;
use super::forms;
use super::grid::{columns, rule_pt, widest_mm, Measured};
use super::{Doc, Header, Line, Mark, Meta, Recipients, Title};
use crate::fonts::FontSet;
use crate::model::Document;
use crate::nd30::date::{date_line, date_line_parts, DocDate};
use crate::nd30::ranges::PT_PER_MM;
use crate::nd30::symbol::{number_line, number_line_parts, reference, symbol};
use crate::nd30::text::{dash_items, inline, parts, plain, upper, Span};
use crate::nd30::types::{by_slug, SECRECY, URGENCY};
use crate::nd30::{KINH_GUI, QUOC_HIEU, TIEU_NGU};
use crate::style::{Style, StyleFile};

/// Longest metadata string (title, subject, author), in characters: PDF/A (ISO 19005) allows
/// 32,767 bytes in a string, and the PDF writes these in UTF-16, up to 4 bytes a character.
pub const META_MAX_CHARS: usize = 8_000;

/// Prepare a validated document for layout with its profile's style file. `ident`
/// identifies the input (a hash).
pub fn prepare(d: &Document, file: &StyleFile, fonts: &FontSet, ident: &str) -> Doc {
    let mut doc = if crate::profile::Profile::of(d) == crate::profile::Profile::Dang { super::party::prepare(d, file, fonts, ident) } else { prepare_nd30(d, file, fonts, ident) };
    doc.number_pictures();
    doc
}

fn prepare_nd30(d: &Document, file: &StyleFile, fonts: &FontSet, ident: &str) -> Doc {
    let style = Style::resolve(file, d.style.as_ref(), &fonts.family, fonts.metrics());
    let ty = by_slug(&d.doc_type).expect("validated type");
    let date = DocDate::parse(&d.date).expect("validated date");
    let sym = symbol(ty, &d.issuer.code, d.unit.as_deref(), d.symbol.as_deref());
    let sz = &style.sizes_pt;

    // Header strings.
    let parent: Vec<String> = d.issuer.parent.as_deref().map(|p| parts(&upper(p))).unwrap_or_default();
    let issuer = parts(&upper(&d.issuer.name));
    let number = number_line(d.number, &sym);
    let place_date = (ty.slug != "bien-ban").then(|| date_line(&d.place, &date));
    let subject_text = d.subject.as_deref().unwrap_or("").trim();
    let subject_lines: Vec<Vec<Span>> = subject_text.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(inline).collect();
    let vv: Vec<Vec<Span>> = if ty.is_cong_van() {
        subject_lines
            .iter()
            .enumerate()
            .map(|(k, l)| {
                let mut v = if k == 0 { vec![Span::plain("V/v ")] } else { vec![] };
                v.extend(l.iter().cloned());
                v
            })
            .collect()
    } else {
        Vec::new()
    };

    // Header columns: the Quốc hiệu never wraps; a long place-date line widens the right column.
    let mut left_lines: Vec<Measured> = Vec::new();
    left_lines.extend(parent.iter().map(|l| (l.as_str(), sz.parent, false, false)));
    left_lines.extend(issuer.iter().map(|l| (l.as_str(), sz.issuer, true, false)));
    left_lines.push((number.as_str(), sz.number, false, false));
    let mut right_lines: Vec<Measured> = vec![(QUOC_HIEU, sz.quoc_hieu, true, false), (TIEU_NGU, sz.tieu_ngu, true, false)];
    if let Some(pd) = &place_date {
        right_lines.push((pd.as_str(), sz.place_date, false, true));
    }
    let (left_mm, right_mm, gutter_mm) = columns(&style, style.header.left_mm, widest_mm(fonts, &left_lines), widest_mm(fonts, &right_lines));
    let issuer_measured: Vec<Measured> = issuer.iter().map(|l| (l.as_str(), sz.issuer, true, false)).collect();
    let mut marks = Vec::new();
    if let Some((_, m)) = d.urgency.as_deref().and_then(|u| URGENCY.iter().find(|(k, _)| *k == u)) {
        marks.push(mark(m, true, &style, fonts));
    }
    if let Some((_, m)) = d.secrecy.as_deref().and_then(|u| SECRECY.iter().find(|(k, _)| *k == u)) {
        marks.push(mark(m, false, &style, fonts));
    }
    let header = Header {
        left_mm,
        right_mm,
        issuer_rule_pt: rule_pt(fonts, &issuer_measured, style.header.issuer_rule_ratio, left_mm - gutter_mm),
        gutter_mm,
        parent,
        issuer,
        number,
        vv,
        star: None,
        right: vec![
            Line { element: "quoc_hieu", text: QUOC_HIEU.into(), size: sz.quoc_hieu, bold: true, italic: false },
            Line { element: "tieu_ngu", text: TIEU_NGU.into(), size: sz.tieu_ngu, bold: true, italic: false },
        ],
        right_rule: ("tieu_ngu_rule", fonts.width_pt(TIEU_NGU, sz.tieu_ngu, true, false)),
        date_under_title: false,
        below_number: Vec::new(),
        number_parts: number_line_parts(d.number, &sym),
        date_parts: place_date.as_ref().and_then(|_| date_line_parts(&d.place, &date)),
        place_date,
        marks,
    };

    // Type line and trích yếu (công văn has neither: its subject is the V/v).
    let type_line = ty.has_type_line().then(|| upper(ty.name));
    let subject = if ty.is_cong_van() { Vec::new() } else { subject_lines.clone() };
    let subject_plain: Vec<String> = subject.iter().map(|l| plain(l)).collect();
    let mut title_measured: Vec<Measured> = subject_plain.iter().map(|l| (l.as_str(), sz.subject, true, false)).collect();
    if subject.is_empty() {
        if let Some(t) = &type_line {
            title_measured.push((t.as_str(), sz.type_, true, false));
        }
    }
    let title = Title {
        rule_pt: if type_line.is_some() || !subject.is_empty() {
            rule_pt(fonts, &title_measured, style.header.subject_rule_ratio, style.text_width_mm())
        } else {
            0.0
        },
        hyphens: None,
        type_line,
        subject,
        circulation: d.circulation.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(|c| mark(&upper(c), false, &style, fonts)),
    };

    let recipients = recipients(d, &style, fonts);

    let mut builder = BodyBuilder::new(&style, fonts);
    forms::preamble(&mut builder, d, ty);
    builder.blocks(&d.body, "$.body");
    let body = builder.finish();

    let has_copy = d.copy.is_some();
    let closing = closing(d.signer.as_ref(), d.signers.as_deref(), d.distribution.as_deref(), d.drafter.as_ref(), !has_copy, &style, fonts);
    let appendices = forms::appendices(d, ty, &date, &sym, &style, fonts);
    let (copy, info) = forms::copy(d, &style, fonts);

    let subject_one_line = subject_text.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
    let subject_one_line = plain(&inline(&subject_one_line));
    let title_meta = if ty.is_cong_van() {
        format!("Công văn {}: V/v {}", reference(d.number, &sym), subject_one_line)
    } else {
        format!("{} {}: {}", ty.name, reference(d.number, &sym), subject_one_line)
    };
    let mut doc = Doc {
        meta: Meta::new(&title_meta, &d.issuer.name, &subject_one_line, &date, ident),
        contact: forms::contact(d),
        contact_at: "first-page",
        top_notice: None,
        foot_notice: None,
        info,
        signable: true,
        copy_fields: Vec::new(),
        appendices,
        copy,
        style,
        header,
        title,
        recipients,
        body,
        closing,
    };
    super::breaks::apply(&mut doc, fonts);
    doc
}

/// A boxed mark: urgency marks have the decree's box sizes (KHẨN 20, HỎA TỐC 30,
/// THƯỢNG KHẨN 40 × 8 mm); others fit their text.
pub fn mark(text: &str, red: bool, style: &Style, fonts: &FontSet) -> Mark {
    let text_mm = fonts.width_pt(text, style.sizes_pt.mark, true, false) / PT_PER_MM;
    let (decree, h_mm) = crate::nd30::types::mark_box_mm(text);
    let m = &style.metrics;
    let line = (m.ascent + m.descent + m.gap) * style.sizes_pt.mark;
    let pad_pt = ((h_mm * PT_PER_MM - line) / 2.0).round().max(0.0);
    // A box never narrower than its text with the style's room on each side.
    let fit = text_mm + 2.0 * style.header.mark_side_padding_mm;
    Mark { text: text.to_string(), red, w_mm: decree.unwrap_or(0.0).max(fit), h_mm, pad_pt, boxed: true }
}

/// Kính gửi: one recipient on the label's line; several as "- X;" lines whose dashes align
/// just after the label, the block centred on the text width. Công điện and giấy mời print
/// their own lead line instead, then the recipients as a dash list.
pub(super) fn recipients_list(items: Vec<String>, label: &str, style: &Style, fonts: &FontSet) -> Recipients {
    let size = style.sizes_pt.kinh_gui;
    let f = &style.faces.kinh_gui_label;
    let label_pt = fonts.width_pt(&format!("{label} "), size, f.bold, f.italic);
    let widest = items.iter().map(|i| fonts.width_pt(i, size, false, false)).fold(0.0, f64::max);
    let text_pt = style.text_width_mm() * PT_PER_MM;
    let indent_pt = ((text_pt - label_pt - widest) / 2.0).max(0.0);
    let mode = if items.is_empty() { "none" } else { "list" };
    Recipients { mode, lead: vec![], label: label.into(), items, indent_pt, label_pt }
}

fn recipients(d: &Document, style: &Style, fonts: &FontSet) -> Recipients {
    let list = d.recipients.as_deref().unwrap_or(&[]);
    let size = style.sizes_pt.kinh_gui;
    let label_pt = fonts.width_pt(&format!("{KINH_GUI} "), size, false, false);
    let none = Recipients { mode: "none", lead: vec![], label: KINH_GUI.into(), items: vec![], indent_pt: 0.0, label_pt };
    if list.is_empty() {
        return none;
    }
    if let Some(lead) = forms::lead(d) {
        return Recipients { mode: "lead", lead, items: dash_items(list), ..none };
    }
    if list.len() == 1 {
        let item = list[0].trim();
        let item = item.strip_suffix('.').unwrap_or(item);
        return Recipients { mode: "single", items: vec![format!("{item}.")], ..none };
    }
    recipients_list(dash_items(list), KINH_GUI, style, fonts)
}
