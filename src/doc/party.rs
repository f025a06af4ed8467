//! Model → prepared document for a Party document (`"profile": "dang"`): the strings from
//! `crate::dang`, the sizes and faces from the Party style file, the body and the widths
//! built as for the decree. The writers draw the result as they draw any other.

use super::body::BodyBuilder;
use super::build::{mark, recipients_list};
use super::closing::{closing_columns, field_names};
use super::grid::{columns, widest_mm, Measured};
use super::{AppendixDoc, Closing, CopyDoc, Doc, Header, Line, Meta, Recipients, SignBlock, Title};
use crate::dang::{self, appendix, signing, symbol, text as punct, types::PartyType};
use crate::fonts::FontSet;
use crate::model::Document;
use crate::nd30::date::{date_line, date_line_parts, DocDate};
use crate::nd30::text::{inline, parts, plain, upper, Span};
use crate::nd30::types::{SECRECY, URGENCY};
use crate::style::{Style, StyleFile};

/// Prepare a validated Party document for layout.
pub fn prepare(d: &Document, file: &StyleFile, fonts: &FontSet, ident: &str) -> Doc {
    let style = Style::resolve(file, d.style.as_ref(), &fonts.family, fonts.metrics());
    let ty = dang::types::by_slug(&d.doc_type).expect("validated type");
    let date = DocDate::parse(&d.date).expect("validated date");
    let sym = symbol::of_document(ty, &d.issuer.code, d.symbol.as_deref());
    let sz = &style.sizes_pt;
    let faces = &style.faces;

    // ô 1–4: the issuing body (its superior line regular, its own name bold) with the star,
    // Số; on the right the title, its rule, the place and date.
    let parent: Vec<String> = d.issuer.parent.as_deref().map(|p| parts(&upper(p))).unwrap_or_default();
    let issuer = parts(&upper(&d.issuer.name));
    let number = symbol::number_line(d.number, &sym);
    // Every Party document has its place and date under the title, biên bản included.
    let place_date = Some(date_line(&d.place, &date));
    let subject_text = d.subject.as_deref().unwrap_or("").trim();
    let subject_lines: Vec<Vec<Span>> = subject_text.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(inline).collect();
    let cong_van = !ty.prints_name();
    let vv: Vec<Vec<Span>> = if cong_van && !subject_text.is_empty() {
        let joined = subject_text.split('\n').map(str::trim).collect::<Vec<_>>().join("\n");
        dang::ve_viec(&joined).split('\n').map(str::trim).filter(|l| !l.is_empty()).map(inline).collect()
    } else {
        Vec::new()
    };
    let mut left_lines: Vec<Measured> = Vec::new();
    left_lines.extend(parent.iter().map(|l| (l.as_str(), sz.parent, false, false)));
    left_lines.extend(issuer.iter().map(|l| (l.as_str(), sz.issuer, true, false)));
    left_lines.push((number.as_str(), sz.number, false, false));
    let mut right_lines: Vec<Measured> = vec![(dang::TITLE, sz.party_title, true, false)];
    if let Some(pd) = &place_date {
        right_lines.push((pd.as_str(), sz.place_date, false, true));
    }
    let (left_mm, right_mm, gutter_mm) = columns(&style, style.header.left_mm, widest_mm(fonts, &left_lines), widest_mm(fonts, &right_lines));
    let mut marks = Vec::new();
    if let Some((_, m)) = d.urgency.as_deref().and_then(|u| URGENCY.iter().find(|(k, _)| *k == u)) {
        let mut mk = mark(m, true, &style, fonts);
        mk.boxed = faces.urgency_boxed;
        marks.push(mk);
    }
    if let Some((_, m)) = d.secrecy.as_deref().and_then(|u| SECRECY.iter().find(|(k, _)| *k == u)) {
        marks.push(mark(m, false, &style, fonts));
    }
    let below_number: Vec<Line> = d
        .draft
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Line { element: "draft", text: t.to_string(), size: sz.number, bold: false, italic: true })
        .into_iter()
        .collect();
    let header = Header {
        left_mm,
        right_mm,
        gutter_mm,
        parent,
        issuer,
        issuer_rule_pt: 0.0,
        star: Some(dang::STAR.to_string()),
        number_parts: symbol::number_line_parts(d.number, &sym),
        number,
        vv,
        right: vec![Line { element: "dang_title", text: dang::TITLE.into(), size: sz.party_title, bold: true, italic: false }],
        right_rule: ("dang_title_rule", fonts.width_pt(dang::TITLE, sz.party_title, true, false)),
        date_parts: place_date.as_ref().and_then(|_| date_line_parts(&d.place, &date)),
        place_date,
        date_under_title: true,
        below_number,
        marks,
    };

    // ô 5a: tên loại, trích yếu, "-----" (a công văn has its trích yếu under Số instead).
    let title = Title {
        type_line: ty.prints_name().then(|| upper(ty.name)),
        subject: if cong_van { Vec::new() } else { subject_lines.clone() },
        rule_pt: 0.0,
        hyphens: ty.prints_name().then(|| dang::HYPHENS.to_string()),
        circulation: None,
    };
    let (top_notice, foot_notice) = match d.circulation.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => {
            let line = Line { element: "circulation", text: upper(c), size: sz.circulation, bold: true, italic: false };
            if dang::foot_notice(c) { (None, Some(line)) } else { (Some(line), None) }
        }
        None => (None, None),
    };

    // Kính gửi (công văn) or Kính trình (tờ trình): "- X;" lines.
    let recipients = match (ty.addressee_label(), d.recipients.as_deref()) {
        (Some(label), Some(list)) if !list.is_empty() => {
            let items = punct::addressees(list).into_iter().map(|s| if s.starts_with('-') { s } else { format!("- {s}") }).collect();
            recipients_list(items, &format!("{label}:"), &style, fonts)
        }
        _ => Recipients { mode: "none", lead: vec![], label: String::new(), items: vec![], indent_pt: 0.0, label_pt: 0.0 },
    };

    // The body: căn cứ ("- …;" and the last "."), the proposal among them, then the
    // authority's line ("BAN THƯỜNG VỤ ĐẢNG UỶ QUYẾT ĐỊNH:") as given.
    let mut b = BodyBuilder::new(&style, fonts);
    preamble(&mut b, d, &style);
    b.blocks(&d.body, "$.body");
    let body = b.finish();

    // A copy: the copied document's own places are not signed again; the copying body signs
    // its block (paper) or the fields at the top right of page 1 (electronic).
    let closing = closing(d, d.copy.is_none(), &style, fonts);
    let (copy, info, copy_fields) = copy(d, &style, fonts);
    let appendices = appendices(d, ty, &date, &sym, &style, fonts);

    let subject_one_line = plain(&inline(&subject_text.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")));
    let reference = symbol::reference(d.number, &sym);
    let title_meta = format!("{} số {reference}: {subject_one_line}", ty.name);
    let mut doc = Doc {
        meta: Meta::new(&title_meta, &d.issuer.name, &subject_one_line, &date, ident),
        contact: super::forms::contact(d),
        contact_at: "after-closing",
        top_notice,
        foot_notice,
        info,
        signable: true,
        copy_fields,
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

fn preamble(b: &mut BodyBuilder, d: &Document, style: &Style) {
    let mut items: Vec<(String, String)> = d.bases.as_deref().unwrap_or(&[]).iter().enumerate().map(|(k, s)| (s.clone(), format!("$.bases[{k}]"))).collect();
    if let Some(p) = d.proposal.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        items.push((p.to_string(), "$.proposal".into()));
    }
    let texts: Vec<String> = items.iter().map(|(s, _)| s.clone()).collect();
    let f = style.faces.basis;
    for (line, (_, path)) in punct::bases(&texts).into_iter().zip(&items) {
        let spans = inline(&line).into_iter().map(|mut s| {
            s.b |= f.bold;
            s.i |= f.italic;
            s
        });
        b.push_para("basis", spans.collect(), true, "justify", path, Some(style.sizes_pt.authority));
    }
    if let Some(a) = d.authority.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        for line in parts(&upper(a)) {
            b.push_para("decision", vec![Span::bold(line)], false, "center", "$.authority", Some(style.sizes_pt.authority));
        }
    }
}

/// Nơi nhận (underlined "Nơi nhận", then ":"; "- …;" and the last "."), the drafter line,
/// the signing blocks (biên bản and joint documents: the main signer on the right, others on
/// the left, as the input lists them from left to right).
fn closing(d: &Document, with_fields: bool, style: &Style, fonts: &FontSet) -> Closing {
    let list: Vec<&crate::model::Signer> = match (&d.signer, &d.signers) {
        (Some(s), _) => vec![s],
        (None, Some(v)) => v.iter().collect(),
        _ => vec![],
    };
    let signers: Vec<SignBlock> = list
        .iter()
        .enumerate()
        .map(|(k, s)| SignBlock {
            signing: signing::signer_lines(s),
            note: s.note.as_deref().map(parts).unwrap_or_default(),
            name: s.name.clone().unwrap_or_default().trim().to_string(),
            fields: if with_fields { field_names(k) } else { Vec::new() },
            // Joint documents (several signers, not a biên bản): both lines of each body bold.
            all_bold: list.len() > 1 && d.doc_type != "bien-ban",
        })
        .collect();
    let (left_mm, right_mm, gutter_mm) = closing_columns(&signers, style, fonts);
    let dist = d.distribution.as_deref().unwrap_or(&[]);
    Closing {
        left_mm,
        right_mm,
        gutter_mm,
        label: dang::NOI_NHAN.into(),
        label_suffix: ":".into(),
        distribution: if dist.is_empty() { Vec::new() } else { punct::distribution(dist) },
        drafter: d.drafter.as_ref().map(dang::drafter_line),
        signers,
        left_mark: None,
    }
}

/// A copy (HD05 Phần III): on paper, under a full-width rule after the copied document, the
/// "Bản sao văn bản" stamp on the left and the copier's block (quyền hạn, chức vụ, name; the
/// copying body's seal over the left third of the signature) on the right; an electronic
/// copy, the copying body's field (ô 14) and the copier's (ô 15) at the top right of page 1.
fn copy(d: &Document, style: &Style, fonts: &FontSet) -> (Option<CopyDoc>, Vec<String>, Vec<String>) {
    let Some(c) = &d.copy else { return (None, Vec::new(), Vec::new()) };
    let body = c.issuer.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if c.electronic == Some(true) {
        return (None, vec![format!("{}, {body}", dang::COPY_STAMP_TEXT)], vec!["agency".into(), "signer".into()]);
    }
    let signers: Vec<SignBlock> = c
        .signer
        .iter()
        .map(|s| SignBlock {
            signing: signing::signer_lines(s),
            note: s.note.as_deref().map(parts).unwrap_or_default(),
            name: s.name.clone().unwrap_or_default().trim().to_string(),
            fields: field_names(0),
            all_bold: false,
        })
        .collect();
    let (left_mm, right_mm, gutter_mm) = closing_columns(&signers, style, fonts);
    let mut stamp = mark(&upper(dang::COPY_STAMP_TEXT), false, style, fonts);
    stamp.boxed = true;
    let closing = Closing {
        left_mm,
        right_mm,
        gutter_mm,
        label: dang::NOI_NHAN.into(),
        label_suffix: ":".into(),
        distribution: Vec::new(),
        drafter: None,
        signers,
        left_mark: Some(stamp),
    };
    let copy = CopyDoc { left_mm, right_mm, gutter_mm, issuer: Vec::new(), number: String::new(), form: String::new(), place_date: String::new(), closing };
    (Some(copy), Vec::new(), Vec::new())
}

/// Appendices: "Phụ lục" / "Phụ lục 1" …, the title in capitals, the reference line, "-----".
fn appendices(d: &Document, ty: &PartyType, date: &DocDate, sym: &str, style: &Style, fonts: &FontSet) -> Vec<AppendixDoc> {
    let apps = d.appendices.as_deref().unwrap_or(&[]);
    let plain_count = apps.iter().filter(|a| a.doc_type.is_none()).count();
    let issuer = d.issuer.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let reference = symbol::reference(d.number, &sym);
    let mut n_plain = 0;
    apps.iter()
        .enumerate()
        .map(|(k, a)| {
            let typed = a.doc_type.as_deref().and_then(dang::types::by_slug);
            if typed.is_none() {
                n_plain += 1;
            }
            let label = match (&a.label, typed) {
                (Some(l), _) => Some(l.trim().to_string()).filter(|l| !l.is_empty()),
                (None, Some(t)) => Some(upper(t.name)),
                (None, None) => Some(appendix::label(plain_count, n_plain)),
            };
            let title = super::forms::appendix_title(a.title.as_deref(), typed.is_some());
            let caption = match a.caption.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                Some(c) => c.to_string(),
                None => appendix::caption(typed.is_some(), ty.name, &reference, date, &issuer),
            };
            let mut b = BodyBuilder::new(style, fonts);
            b.blocks(&a.body, &format!("$.appendices[{k}].body"));
            let body = b.finish();
            let landscape = body.first().and_then(|p| p.table.as_ref()).is_some_and(|t| t.landscape);
            AppendixDoc { label, title, caption, rule_pt: 0.0, hyphens: Some(dang::HYPHENS.to_string()), body, landscape }
        })
        .collect()
}
