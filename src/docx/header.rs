//! ô 1–5 and 9a: the header as a borderless two-column table, the title block, Kính gửi.

use super::body::runs;
use super::styles::{self as st};
use super::units::{mm, pt};
use crate::doc::Doc;
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

/// A borderless layout table of two columns.
pub fn layout_table(left_mm: f64, right_mm: f64, rows: Vec<TableRow>) -> Table {
    Table::without_borders(rows)
        .set_grid(vec![mm(left_mm) as usize, mm(right_mm) as usize])
        .width(mm(left_mm + right_mm) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(0)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// Add the header table, the title block and Kính gửi.
pub fn add(mut docx: Docx, doc: &Doc) -> Docx {
    let h = &doc.header;
    let s = &doc.style;
    let mut left: Vec<Paragraph> = Vec::new();
    left.extend(h.parent.iter().map(|l| para(st::PARENT, l)));
    left.extend(h.issuer.iter().map(|l| para(st::ISSUER, l)));
    if h.issuer_rule_pt > 0.0 {
        left.push(rule(h.left_mm, h.gutter_mm, h.issuer_rule_pt, s.header.rule_thickness_pt));
    }
    let right = vec![
        para(st::QUOC_HIEU, &h.quoc_hieu),
        para(st::TIEU_NGU, &h.tieu_ngu),
        rule(h.right_mm, 0.0, h.tieu_ngu_rule_pt, s.header.rule_thickness_pt),
    ];
    let gap = s.header.number_gap_pt;
    let mut left2 = vec![before(para(st::NUMBER, &h.number), gap)];
    for (k, l) in h.vv.iter().enumerate() {
        let p = Paragraph::new().style(st::VV);
        let p = runs(l).into_iter().fold(p, |p, r| p.add_run(r));
        left2.push(if k == 0 { before(p, gap) } else { p });
    }
    let right2 = match &h.place_date {
        Some(pd) => vec![before(para(st::PLACE_DATE, pd), gap)],
        None => vec![Paragraph::new().style(st::PLACE_DATE)],
    };
    let rows = vec![
        TableRow::new(vec![cell(h.left_mm, left), cell(h.right_mm, right)]),
        TableRow::new(vec![cell(h.left_mm, left2), cell(h.right_mm, right2)]),
    ];
    docx = docx.add_table(layout_table(h.left_mm, h.right_mm, rows));

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
    for p in title {
        docx = docx.add_paragraph(p);
    }

    // Kính gửi.
    let r = &doc.recipients;
    let gap = s.header.kinh_gui_gap_pt;
    match r.mode {
        "single" => {
            let p = para(st::KINH_GUI, &format!("{} {}", r.label, r.items[0])).align(AlignmentType::Center);
            docx = docx.add_paragraph(before(p, gap));
        }
        "list" => {
            for (k, item) in r.items.iter().enumerate() {
                let left = Some(pt(r.indent_pt + r.label_pt));
                let p = if k == 0 {
                    let p = para(st::KINH_GUI, &format!("{} {item}", r.label)).indent(left, Some(SpecialIndentType::Hanging(pt(r.label_pt))), None, None);
                    before(p, gap)
                } else {
                    para(st::KINH_GUI, item).indent(left, None, None, None)
                };
                docx = docx.add_paragraph(p);
            }
        }
        _ => {}
    }
    docx
}
