//! ô 6: one `w:p` per paragraph, list item and heading, each in a named style; tables with
//! borders and a header row repeated on every page.

use super::header::before;
use super::styles as st;
use super::units::{emu, mm, pt};
use super::Block;
use crate::doc::{Doc, Para, TableData};
use crate::nd30::text::Span;
use docx_rs::*;

/// Marks a table's header row for the package step (a 1-twip automatic row height, which
/// nothing else writes), which turns it into `<w:tblHeader/>`: docx-rs cannot write that.
pub const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="auto" />"#;

/// Runs of inline spans; a `"\n"` is a line break inside the paragraph.
pub fn runs(spans: &[Span]) -> Vec<Run> {
    let mut out = Vec::new();
    for s in spans {
        for (k, part) in s.t.split('\n').enumerate() {
            let mut r = Run::new();
            if k > 0 {
                r = r.add_break(BreakType::TextWrapping);
            }
            if !part.is_empty() {
                r = r.add_text(part);
            }
            if s.b {
                r = r.bold();
            }
            if s.i {
                r = r.italic();
            }
            out.push(r);
        }
    }
    out
}

fn align(a: &str) -> AlignmentType {
    match a {
        "center" => AlignmentType::Center,
        "right" => AlignmentType::Right,
        "left" => AlignmentType::Left,
        _ => AlignmentType::Both,
    }
}

fn paragraph(p: &Para) -> Paragraph {
    let style = match (p.kind, p.level) {
        ("authority", _) => st::AUTHORITY,
        ("basis", _) => st::BASIS,
        ("decision", _) => st::DECISION,
        ("heading", 0) if p.align == "center" => st::HEADING_CENTRED,
        ("heading", 0) => st::HEADINGS[1],
        ("heading", l) => st::HEADINGS[l.clamp(1, 3) - 1],
        ("item", _) => st::LIST,
        _ => st::BODY,
    };
    let mut w = Paragraph::new().style(style);
    let own = [st::HEADING_CENTRED, st::AUTHORITY, st::DECISION, st::BASIS].contains(&style);
    if p.align != "justify" && !own {
        w = w.align(align(p.align));
    }
    if !p.indent && !own {
        w = w.indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None);
    }
    runs(&p.spans).into_iter().fold(w, |w, r| w.add_run(r))
}

/// A picture: an inline drawing in a paragraph of its own, at the size the layout prints it.
fn picture(p: &Para, pic: &crate::doc::PictureData) -> Paragraph {
    // The relationship id follows the picture's number ("/pictures/3.png" → rIdImage3):
    // the same in every process, unlike docx-rs's counter.
    let n = pic.file.trim_start_matches("/pictures/").split('.').next().unwrap_or("0");
    let (w, h) = pic.picture.px;
    let drawing = Pic::new_with_dimensions(pic.picture.bytes.as_slice().to_vec(), w, h)
        .id(format!("rIdImage{n}"))
        .size(emu(pic.width_mm), emu(pic.height_mm));
    Paragraph::new()
        .style(st::BODY)
        .align(align(p.align))
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
        .keep_next(true)
        .add_run(Run::new().add_image(drawing))
}

fn table(t: &TableData, doc: &Doc) -> Table {
    let s = &doc.style;
    let cell = |c: &crate::doc::CellData, width_mm: f64| {
        let p = runs(&c.spans).into_iter().fold(Paragraph::new().style(st::TABLE).align(align(c.align)), |p, r| p.add_run(r));
        TableCell::new().width(mm(width_mm) as usize, WidthType::Dxa).grid_span(c.colspan).vertical_align(VAlignType::Center).add_paragraph(p)
    };
    let row = |cells: &[crate::doc::CellData]| {
        let mut col = 0;
        let cs: Vec<TableCell> = cells
            .iter()
            .map(|c| {
                let w: f64 = t.widths_mm[col.min(t.widths_mm.len() - 1)..(col + c.colspan).min(t.widths_mm.len())].iter().sum();
                col += c.colspan;
                cell(c, w)
            })
            .collect();
        TableRow::new(cs)
    };
    let mut rows = Vec::new();
    if !t.head.is_empty() {
        rows.push(row(&t.head).row_height(1.0).height_rule(HeightRule::Auto).cant_split());
    }
    rows.extend(t.rows.iter().map(|r| row(r).cant_split()));
    let inset = pt(s.body.table_cell_inset_pt) as usize;
    let border = |pos| TableBorder::new(pos).size((s.header.rule_thickness_pt * 8.0).round() as usize).color("000000").border_type(BorderType::Single);
    let borders = TableBorders::new()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Right))
        .set(border(TableBorderPosition::InsideH))
        .set(border(TableBorderPosition::InsideV));
    Table::new(rows)
        .set_grid(t.widths_mm.iter().map(|w| mm(*w) as usize).collect())
        .width(mm(t.widths_mm.iter().sum()) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(0)
        .margins(TableCellMargins::new().margin(inset, inset, inset, inset))
        .set_borders(borders)
}

/// The body's paragraphs and tables; the first one `gap` pt below what precedes it.
pub fn blocks(paras: &[Para], doc: &Doc, gap: f64) -> Vec<Block> {
    let mut out = Vec::new();
    let mut first = true;
    let mut page_break = false;
    for p in paras {
        match p.kind {
            "page_break" => page_break = true,
            "table" => {
                if let Some(t) = &p.table {
                    if t.landscape {
                        // On landscape pages of its own: the writer puts it in a section.
                        out.push(Block::Landscape(table(t, doc)));
                        first = false;
                        page_break = false;
                        continue;
                    }
                    if first || page_break {
                        // A table cannot carry space above or a page break: an empty paragraph does.
                        let mut e = before(Paragraph::new().style(st::TABLE), if first { gap } else { 0.0 });
                        if page_break {
                            e = e.page_break_before(true);
                        }
                        out.push(Block::P(e));
                    }
                    out.push(Block::T(table(t, doc)));
                    first = false;
                    page_break = false;
                }
            }
            _ => {
                let mut w = match &p.picture {
                    Some(pic) => picture(p, pic),
                    None => paragraph(p),
                };
                if first {
                    w = w.line_spacing(LineSpacing::new().before(pt(gap) as u32));
                }
                if page_break {
                    w = w.page_break_before(true);
                }
                out.push(Block::P(w));
                first = false;
                page_break = false;
            }
        }
    }
    out
}
