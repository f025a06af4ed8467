//! The DOCX writer (docx-rs): the same prepared document, the same style, laid out with
//! named paragraph styles, borderless tables for the header and the closing, and rules as
//! paragraph borders, so that everything below moves when a user adds a paragraph.

mod body;
mod closing;
mod forms;
mod header;
mod package;
mod schema;
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
    /// A wide table on landscape pages of its own.
    Landscape(Table),
}

/// A run of blocks laid out as one section.
struct Part {
    blocks: Vec<Block>,
    landscape: bool,
    /// The document's first section (no number on its first page, contact block).
    first: bool,
    /// Page numbers start again at 1 (an appendix).
    restart: bool,
}

/// Split blocks at their landscape tables: each such table becomes a section of its own.
fn split(blocks: Vec<Block>, first: bool, restart: bool) -> Vec<Part> {
    let mut out = vec![Part { blocks: Vec::new(), landscape: false, first, restart }];
    for b in blocks {
        match b {
            Block::Landscape(t) => {
                out.push(Part { blocks: vec![Block::T(t)], landscape: true, first: false, restart: false });
                out.push(Part { blocks: Vec::new(), landscape: false, first: false, restart: false });
            }
            b => out.last_mut().expect("one part at least").blocks.push(b),
        }
    }
    // An empty trailing part (a landscape table came last) is no section.
    out.retain(|p| !p.blocks.is_empty() || p.first || p.restart);
    out
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
        Block::T(t) | Block::Landscape(t) => s.add_table(t),
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
    main.extend(closing::blocks(&doc.closing, s, s.closing.gap_above_pt, closing::Marks { name: closing::SIGNATURE_BOOKMARK, first_id: 1 }));
    main.extend(forms::after_closing(doc));
    let mut parts: Vec<Part> = split(main, true, false);
    for a in &doc.appendices {
        let blocks = forms::appendix(a, doc);
        if a.landscape {
            // Landscape as a whole: its wide tables need no sections of their own.
            let blocks = blocks.into_iter().map(|b| if let Block::Landscape(t) = b { Block::T(t) } else { b }).collect();
            parts.push(Part { blocks, landscape: true, first: false, restart: true });
        } else {
            parts.extend(split(blocks, false, true));
        }
    }
    let copy = forms::copy(doc);
    if !copy.is_empty() {
        match parts.last_mut() {
            Some(last) if !last.landscape => last.blocks.extend(copy),
            _ => parts.push(Part { blocks: copy, landscape: false, first: false, restart: false }),
        }
    }
    let (w, h) = (mm(s.page.width_mm) as u32, mm(s.page.height_mm) as u32);
    let n = parts.len();
    for (k, part) in parts.into_iter().enumerate() {
        let (pw, ph, orient) = if part.landscape { (h, w, PageOrientationType::Landscape) } else { (w, h, PageOrientationType::Portrait) };
        // Only the document's first page goes without a number; an appendix's pages show
        // theirs from 1.
        if k + 1 < n {
            let mut sec = section(part.blocks).page_size(PageSize::new().size(pw, ph)).page_margin(page_margin(doc)).header(number_header());
            if part.landscape {
                sec = sec.page_orient(orient);
            }
            if part.first {
                sec = sec.first_header(forms::first_header(doc)).first_footer(forms::first_footer(doc)).title_pg();
            }
            if part.restart {
                sec = sec.page_num_type(PageNumType::new().start(1));
            }
            docx = docx.add_section(sec);
        } else {
            for b in part.blocks {
                docx = match b {
                    Block::P(p) => docx.add_paragraph(p),
                    Block::T(t) | Block::Landscape(t) => docx.add_table(t),
                };
            }
            docx = docx.header(number_header()).page_size(pw, ph);
            if part.landscape {
                docx = docx.page_orient(orient);
            }
            if part.first {
                docx = docx.first_header(forms::first_header(doc)).first_footer(forms::first_footer(doc));
            }
            if part.restart {
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
