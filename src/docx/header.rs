//! ô 1–5 and 9a: the header as a borderless two-column table, the title block, Kính gửi.

use super::body::runs;
use super::styles::{self as st};
use super::units::{mm, pt};
use super::Block;
use crate::doc::{Doc, Mark};
use crate::nd30::ranges::PT_PER_MM;
use docx_rs::*;

/// A paragraph of one plain text in a style.
pub fn para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(Run::new().add_text(text))
}

/// Space above a paragraph, in pt.
pub fn before(p: Paragraph, points: f64) -> Paragraph {
    if points <= 0.0 {
        return p;
    }
    p.line_spacing(LineSpacing::new().before(pt(points) as u32))
}

/// A rule `length_pt` long, centred in a box `width_mm` wide that ends `end_mm` early:
/// an empty paragraph with a bottom border, its indents leaving the rule's length.
pub fn rule(width_mm: f64, end_mm: f64, length_pt: f64, thickness_pt: f64) -> Paragraph {
    let avail = (width_mm - end_mm) * PT_PER_MM;
    let side = ((avail - length_pt) / 2.0).max(0.0);
    let mut p = Paragraph::new().style(st::RULE).indent(Some(pt(side)), None, Some(pt(side + end_mm * PT_PER_MM)), None);
    // Border widths are in eighths of a point.
    let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size((thickness_pt * 8.0).round() as usize).space(0).color("000000");
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(border));
    p
}

/// A cell of a borderless layout table.
pub fn cell(width_mm: f64, paras: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new().width(mm(width_mm) as usize, WidthType::Dxa).clear_all_border();
    for p in paras {
        c = c.add_paragraph(p);
    }
    c
}

/// A borderless layout table with these column widths.
pub fn layout_table(widths_mm: &[f64], rows: Vec<TableRow>) -> Table {
    Table::without_borders(rows)
        .set_grid(widths_mm.iter().map(|w| mm(*w) as usize).collect())
        .width(mm(widths_mm.iter().sum()) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(0)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// A boxed mark (KHẨN, MẬT, LƯU HÀNH NỘI BỘ) centred in a box `width_mm` wide that ends
/// `end_mm` early: a paragraph with a border on every side, its indents leaving the box.
pub fn mark(m: &Mark, style: &str, width_mm: f64, end_mm: f64, thickness_pt: f64) -> Paragraph {
    if !m.boxed {
        let mut run = Run::new().add_text(&m.text).bold();
        if m.red {
            run = run.color("FF0000");
        }
        return Paragraph::new().style(style).indent(Some(0), None, Some(mm(end_mm)), None).add_run(run);
    }
    let avail = width_mm - end_mm;
    let side = ((avail - m.w_mm) / 2.0).max(0.0);
    let color = if m.red { "FF0000" } else { "000000" };
    let mut run = Run::new().add_text(&m.text).bold();
    if m.red {
        run = run.color(color);
    }
    let mut p = Paragraph::new().style(style).indent(Some(mm(side)), None, Some(mm(side + end_mm)), None).add_run(run);
    // Top and bottom borders stand `pad_pt` off the single text line, as in the PDF's box.
    let pad = m.pad_pt as usize;
    let b = |pos| {
        let space = if matches!(pos, ParagraphBorderPosition::Top | ParagraphBorderPosition::Bottom) { pad } else { 0 };
        ParagraphBorder::new(pos).val(BorderType::Single).size((thickness_pt * 8.0).round() as usize).space(space).color(color)
    };
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty()
            .set(b(ParagraphBorderPosition::Top))
            .set(b(ParagraphBorderPosition::Left))
            .set(b(ParagraphBorderPosition::Bottom))
            .set(b(ParagraphBorderPosition::Right)),
    );
    p
}

/// The paragraph style of a line of the right column, by its element.
fn right_style(element: &str) -> &'static str {
    match element {
        "quoc_hieu" => st::QUOC_HIEU,
        "tieu_ngu" => st::TIEU_NGU,
        _ => st::PARTY_TITLE,
    }
}

/// A run in a face of the style file.
pub fn faced_run(text: &str, f: crate::style::Face) -> Run {
    let mut r = Run::new().add_text(text);
    if f.bold {
        r = r.bold();
    }
    if f.italic {
        r = r.italic();
    }
    if f.underline {
        r = r.underline("single");
    }
    r
}

/// "Kính gửi:" in its face, then " X" upright.
fn labelled(label: &str, item: &str, f: crate::style::Face) -> Paragraph {
    Paragraph::new().style(st::KINH_GUI).add_run(faced_run(label, f)).add_run(Run::new().add_text(format!(" {item}")))
}

/// The header table, the title block and Kính gửi.
pub fn blocks(doc: &Doc) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let h = &doc.header;
    let s = &doc.style;
    let mut left: Vec<Paragraph> = Vec::new();
    left.extend(h.parent.iter().map(|l| para(st::PARENT, l)));
    left.extend(h.issuer.iter().map(|l| para(st::ISSUER, l)));
    if h.issuer_rule_pt > 0.0 {
        left.push(rule(h.left_mm, h.gutter_mm, h.issuer_rule_pt, s.header.rule_thickness_pt));
    }
    if let Some(star) = &h.star {
        left.push(para(st::STAR, star));
    }
    let mut right: Vec<Paragraph> = h.right.iter().map(|l| para(right_style(l.element), &l.text)).collect();
    right.push(rule(h.right_mm, 0.0, h.right_rule.1, s.header.rule_thickness_pt));
    if h.date_under_title {
        if let Some(pd) = &h.place_date {
            right.push(before(para(st::PLACE_DATE, pd), s.header.date_gap_pt));
        }
    }
    let gap = s.header.number_gap_pt;
    let mut left2 = vec![before(para(st::NUMBER, &h.number), gap)];
    for (k, l) in h.vv.iter().enumerate() {
        let p = Paragraph::new().style(st::VV);
        let p = runs(l).into_iter().fold(p, |p, r| p.add_run(r));
        left2.push(if k == 0 { before(p, gap) } else { p });
    }
    for m in &h.marks {
        left2.push(before(mark(m, st::MARK, h.left_mm, h.gutter_mm, s.header.rule_thickness_pt), gap));
    }
    left2.extend(h.below_number.iter().map(|l| para(st::BELOW_NUMBER, &l.text)));
    let right2 = match &h.place_date {
        Some(pd) if !h.date_under_title => vec![before(para(st::PLACE_DATE, pd), gap)],
        _ => vec![Paragraph::new().style(st::PLACE_DATE)],
    };
    let rows = vec![
        TableRow::new(vec![cell(h.left_mm, left), cell(h.right_mm, right)]),
        TableRow::new(vec![cell(h.left_mm, left2), cell(h.right_mm, right2)]),
    ];
    out.push(Block::T(layout_table(&[h.left_mm, h.right_mm], rows)));

    // Title block.
    let t = &doc.title;
    let mut first = true;
    let mut gap_then = |p: Paragraph| {
        let p = if first { before(p, s.header.title_gap_pt) } else { p };
        first = false;
        p
    };
    let mut title: Vec<Paragraph> = Vec::new();
    if let Some(tl) = &t.type_line {
        title.push(gap_then(para(st::TYPE, tl)));
    }
    for l in &t.subject {
        let p = runs(l).into_iter().fold(Paragraph::new().style(st::SUBJECT), |p, r| p.add_run(r));
        title.push(gap_then(p));
    }
    if t.rule_pt > 0.0 {
        title.push(rule(s.text_width_mm(), 0.0, t.rule_pt, s.header.rule_thickness_pt));
    }
    if let Some(hy) = &t.hyphens {
        title.push(before(para(st::HYPHENS, hy), s.header.hyphens_gap_pt));
    }
    if let Some(c) = &t.circulation {
        title.push(before(mark(c, st::CIRCULATION, s.text_width_mm(), 0.0, s.header.rule_thickness_pt), s.header.number_gap_pt));
    }
    out.extend(title.into_iter().map(Block::P));

    // Kính gửi.
    let r = &doc.recipients;
    let gap = s.header.kinh_gui_gap_pt;
    match r.mode {
        "lead" => {
            // Công điện, giấy mời: the form's lead line, then the recipients as a dash list.
            let first = Some(SpecialIndentType::FirstLine(mm(s.body.indent_mm)));
            let lead = runs(&r.lead).into_iter().fold(Paragraph::new().style(st::KINH_GUI), |p, x| p.add_run(x));
            out.push(Block::P(before(lead.align(AlignmentType::Both).indent(Some(0), first, None, None), gap)));
            for item in &r.items {
                out.push(Block::P(para(st::KINH_GUI, item).align(AlignmentType::Both).indent(Some(0), first, None, None)));
            }
        }
        "single" => {
            let p = labelled(&r.label, &r.items[0], s.faces.kinh_gui_label).align(AlignmentType::Center);
            out.push(Block::P(before(p, gap)));
        }
        "list" => {
            for (k, item) in r.items.iter().enumerate() {
                let left = Some(pt(r.indent_pt + r.label_pt));
                let p = if k == 0 {
                    let p = labelled(&r.label, item, s.faces.kinh_gui_label).indent(left, Some(SpecialIndentType::Hanging(pt(r.label_pt))), None, None);
                    before(p, gap)
                } else {
                    para(st::KINH_GUI, item).indent(left, None, None, None)
                };
                out.push(Block::P(p));
            }
        }
        _ => {}
    }
    out
}
