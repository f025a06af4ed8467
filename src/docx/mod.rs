//! The DOCX writer (docx-rs): the same prepared document, the same style, laid out with
//! named paragraph styles, borderless tables for the header and the closing, and rules as
//! paragraph borders, so that everything below moves when a user adds a paragraph.

mod body;
mod closing;
mod forms;
mod header;
mod package;
mod styles;
mod units;

use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use docx_rs::*;
use units::{mm, pt};

/// A block of the body: a paragraph or a table.
pub enum Block {
    /// A paragraph.
    P(Paragraph),
    /// A table.
    T(Table),
}

/// The default header: the page number, a PAGE field centred at the top.
fn number_header() -> Header {
    let num = Paragraph::new()
        .style(styles::PAGE_NUMBER)
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("2"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    Header::new().add_paragraph(num)
}

fn page_margin(doc: &Doc) -> PageMargin {
    let s = &doc.style;
    let m = &s.margins_mm;
    PageMargin::new()
        .top(mm(m.top))
        .bottom(mm(m.bottom))
        .left(mm(m.left))
        .right(mm(m.right))
        .header(mm(s.page_number.distance_mm))
        .footer(mm(s.page_number.distance_mm))
        .gutter(0)
}

fn section(blocks: Vec<Block>) -> Section {
    blocks.into_iter().fold(Section::new(), |s, b| match b {
        Block::P(p) => s.add_paragraph(p),
        Block::T(t) => s.add_table(t),
    })
}

/// The DOCX of a prepared document, as bytes (deterministic).
pub fn write(doc: &Doc, _fonts: &FontSet) -> Result<Vec<u8>> {
    let s = &doc.style;
    let mut docx = Docx::new()
        .page_size(mm(s.page.width_mm) as u32, mm(s.page.height_mm) as u32)
        .page_margin(page_margin(doc))
        .default_fonts(styles::fonts(s))
        .default_size((s.sizes_pt.body * 2.0).round() as usize)
        .default_line_spacing(LineSpacing::new().before(0).after(0).line(240).line_rule(LineSpacingType::Auto))
        .default_tab_stop(pt(36.0) as usize);
    for st in styles::styles(doc) {
        docx = docx.add_style(st);
    }
    // The document itself, then each appendix as a section of its own (from a new page, its
    // pages numbered afresh; its first page has no number and no contact block).
    let mut main = header::blocks(doc);
    main.extend(body::blocks(&doc.body, doc, s.header.body_gap_pt));
    main.extend(closing::blocks(&doc.closing, s, s.closing.gap_above_pt));
    let mut parts: Vec<Vec<Block>> = vec![main];
    for a in &doc.appendices {
        parts.push(forms::appendix(a, doc));
    }
    if let Some(last) = parts.last_mut() {
        last.extend(forms::copy(doc));
    }
    let n = parts.len();
    for (k, blocks) in parts.into_iter().enumerate() {
        let first_header = if k == 0 { forms::first_header(doc) } else { Header::new().add_paragraph(Paragraph::new().style(styles::PAGE_NUMBER)) };
        let first_footer = if k == 0 { forms::first_footer(doc) } else { Footer::new().add_paragraph(Paragraph::new().style(styles::CONTACT)) };
        if k + 1 < n {
            let mut sec = section(blocks)
                .page_size(PageSize::new().size(mm(s.page.width_mm) as u32, mm(s.page.height_mm) as u32))
                .page_margin(page_margin(doc))
                .header(number_header())
                .first_header(first_header)
                .first_footer(first_footer)
                .title_pg();
            if k > 0 {
                sec = sec.page_num_type(PageNumType::new().start(1));
            }
            docx = docx.add_section(sec);
        } else {
            for b in blocks {
                docx = match b {
                    Block::P(p) => docx.add_paragraph(p),
                    Block::T(t) => docx.add_table(t),
                };
            }
            docx = docx.header(number_header()).first_header(first_header).first_footer(first_footer);
            if k > 0 {
                docx = docx.page_num_type(PageNumType::new().start(1));
            }
        }
    }
    let (y, mo, d) = doc.meta.date;
    let stamp = format!("{y:04}-{mo:02}-{d:02}T00:00:00Z");
    docx = docx.created_at(&stamp).updated_at(&stamp);

    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut buf).map_err(|e| Error::Internal(format!("DOCX packing: {e}")))?;
    package::finish(buf.into_inner(), doc)
}
