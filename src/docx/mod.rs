//! The DOCX writer (docx-rs): the same prepared document, the same style, laid out with
//! named paragraph styles, borderless tables for the header and the closing, and rules as
//! paragraph borders, so that everything below moves when a user adds a paragraph.

mod body;
mod closing;
mod header;
mod package;
mod styles;
mod units;

use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::fonts::FontSet;
use docx_rs::*;
use units::{mm, pt};

/// The DOCX of a prepared document, as bytes (deterministic).
pub fn write(doc: &Doc, _fonts: &FontSet) -> Result<Vec<u8>> {
    let s = &doc.style;
    let m = &s.margins_mm;
    let mut docx = Docx::new()
        .page_size(mm(s.page.width_mm) as u32, mm(s.page.height_mm) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(m.top))
                .bottom(mm(m.bottom))
                .left(mm(m.left))
                .right(mm(m.right))
                .header(mm(s.page_number.distance_mm))
                .footer(mm(s.page_number.distance_mm))
                .gutter(0),
        )
        .default_fonts(styles::fonts(s))
        .default_size((s.sizes_pt.body * 2.0).round() as usize)
        .default_line_spacing(LineSpacing::new().before(0).after(0).line(240).line_rule(LineSpacingType::Auto))
        .default_tab_stop(pt(36.0) as usize);
    for st in styles::styles(doc) {
        docx = docx.add_style(st);
    }
    docx = header::add(docx, doc);
    docx = body::add(docx, doc);
    docx = closing::add(docx, doc);
    // Page numbers: centred at the top from page 2 (a different, empty first-page header).
    let num = Paragraph::new().style(styles::PAGE_NUMBER).add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("2"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    docx = docx.header(Header::new().add_paragraph(num)).first_header(Header::new().add_paragraph(Paragraph::new().style(styles::PAGE_NUMBER)));
    let (y, mo, d) = doc.meta.date;
    let stamp = format!("{y:04}-{mo:02}-{d:02}T00:00:00Z");
    docx = docx.created_at(&stamp).updated_at(&stamp);

    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut buf).map_err(|e| Error::Internal(format!("DOCX packing: {e}")))?;
    package::finish(buf.into_inner(), doc)
}
