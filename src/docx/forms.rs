//! The other forms' parts in the DOCX: appendices, the copy block, the contact footer and an
//! electronic copy's signing information.

use super::body::{self, runs};
use super::header::{before, cell, layout_table, para, rule};
use super::styles as st;
use super::units::mm;
use super::{closing, Block};
use crate::doc::{AppendixDoc, Doc};
use docx_rs::*;

/// One appendix: label, title, caption and rule, then its body.
pub fn appendix(a: &AppendixDoc, doc: &Doc) -> Vec<Block> {
    let s = &doc.style;
    let mut out = Vec::new();
    if let Some(l) = &a.label {
        out.push(Block::P(para(st::APPENDIX_LABEL, l)));
    }
    for l in &a.title {
        out.push(Block::P(runs(l).into_iter().fold(Paragraph::new().style(st::APPENDIX_TITLE), |p, r| p.add_run(r))));
    }
    out.push(Block::P(para(st::APPENDIX_CAPTION, &a.caption)));
    if a.rule_pt > 0.0 {
        out.push(Block::P(rule(s.text_width_mm(), 0.0, a.rule_pt, s.header.rule_thickness_pt)));
    }
    if let Some(hy) = &a.hyphens {
        out.push(Block::P(before(para(st::HYPHENS, hy), s.header.hyphens_gap_pt)));
    }
    out.extend(body::blocks(&a.body, doc, s.header.body_gap_pt));
    out
}

/// The copy block (Mẫu 3.1): a full-width rule, the copying agency and number beside the
/// copy form and its date, then the copy's Nơi nhận and signature.
pub fn copy(doc: &Doc) -> Vec<Block> {
    let Some(c) = &doc.copy else { return Vec::new() };
    let s = &doc.style;
    let mut out = vec![Block::P(before(rule(s.text_width_mm(), 0.0, s.text_width_mm() * crate::nd30::ranges::PT_PER_MM, s.header.rule_thickness_pt), s.closing.gap_above_pt))];
    let gap = s.header.number_gap_pt;
    // The decree's copy heads its block with the copying agency and the form; the Party
    // guide's has its stamp in the closing's left column instead.
    if !c.issuer.is_empty() {
        let mut left: Vec<Paragraph> = c.issuer.iter().map(|l| para(st::ISSUER, l)).collect();
        left.push(para(st::NUMBER, &c.number));
        if let Some(p) = left.first_mut() {
            *p = before(p.clone(), gap);
        }
        let right = vec![before(para(st::TYPE, &c.form), gap), para(st::PLACE_DATE, &c.place_date)];
        out.push(Block::T(layout_table(&[c.left_mm, c.right_mm], vec![TableRow::new(vec![cell(c.left_mm, left), cell(c.right_mm, right)])])));
    }
    // Bookmark ids after the main closing's, so that every id is unique.
    let marks = closing::Marks { name: closing::COPY_BOOKMARK, first_id: doc.closing.signers.len() + 1 };
    out.extend(closing::blocks(&c.closing, s, s.closing.gap_above_pt, marks));
    out
}

/// The first page's footer: the contact block under a full-width rule, lifted above the
/// bottom margin by a spacer so that it stays inside the text area, as in the PDF.
pub fn first_footer(doc: &Doc) -> Footer {
    let s = &doc.style;
    let mut f = Footer::new();
    if doc.contact.is_empty() || doc.contact_at != "first-page" {
        return f.add_paragraph(Paragraph::new().style(st::CONTACT));
    }
    for (k, l) in doc.contact.iter().enumerate() {
        let mut p = para(st::CONTACT, l);
        if k == 0 {
            let b = ParagraphBorder::new(ParagraphBorderPosition::Top).val(BorderType::Single).size((s.header.rule_thickness_pt * 8.0).round() as usize).space(1).color("000000");
            p.property = p.property.set_borders(ParagraphBorders::with_empty().set(b));
        }
        f = f.add_paragraph(p);
    }
    let spacer = (s.margins_mm.bottom - s.page_number.distance_mm).max(0.0);
    f.add_paragraph(
        Paragraph::new().style(st::SECTION_END).line_spacing(LineSpacing::new().line(mm(spacer)).line_rule(LineSpacingType::Exact)),
    )
}

/// The first page's header: empty, or an electronic copy's signing information (ô 14).
pub fn first_header(doc: &Doc) -> Header {
    let mut h = Header::new();
    if let Some(n) = &doc.top_notice {
        // The Party guide's ô 11a: top right, at the header's distance (10 mm) from the edge.
        return h.add_paragraph(para(st::NOTICE, &n.text).align(AlignmentType::Right));
    }
    if doc.info.is_empty() {
        return h.add_paragraph(Paragraph::new().style(st::PAGE_NUMBER));
    }
    for l in &doc.info {
        h = h.add_paragraph(para(st::SIGNING_INFO, l));
    }
    h
}

/// The Party guide's ô 13 on the last page: the address lines after the closing, under a
/// full-width rule; and a foot notice ("KHÔNG PHỔ BIẾN …") in a frame centred 10 mm above
/// the bottom edge of that page.
pub fn after_closing(doc: &Doc) -> Vec<Block> {
    let s = &doc.style;
    let mut out = Vec::new();
    if doc.contact_at == "after-closing" {
        for (k, l) in doc.contact.iter().enumerate() {
            let mut p = para(st::CONTACT, l);
            if k == 0 {
                let b = ParagraphBorder::new(ParagraphBorderPosition::Top).val(BorderType::Single).size((s.header.rule_thickness_pt * 8.0).round() as usize).space(1).color("000000");
                p.property = p.property.set_borders(ParagraphBorders::with_empty().set(b));
                p = before(p, s.closing.gap_above_pt);
            }
            out.push(Block::P(p));
        }
    }
    if let Some(n) = &doc.foot_notice {
        let m = &s.metrics;
        let line_mm = (m.ascent + m.descent + m.gap) * n.size / crate::nd30::ranges::PT_PER_MM;
        let y = s.page.height_mm - s.page_number.distance_mm - line_mm;
        let p = para(st::NOTICE, &n.text).align(AlignmentType::Center).wrap("around").v_anchor("page").h_anchor("margin").x_align("center").frame_y(super::units::mm(y));
        out.push(Block::P(p));
    }
    out
}
