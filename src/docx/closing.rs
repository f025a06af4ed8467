//! Nơi nhận beside the signature block: a borderless table whose one row never splits.

use super::header::{before, cell, layout_table, para};
use super::styles as st;
use super::units::pt;
use crate::doc::Doc;
use docx_rs::*;

/// The bookmark around the signature space (ô 7c), for tools that sign or stamp DOCX.
pub const SIGNATURE_BOOKMARK: &str = "signature";

/// Add the closing table.
pub fn add(docx: Docx, doc: &Doc) -> Docx {
    let c = &doc.closing;
    let s = &doc.style;
    let z = &s.sizes_pt;
    let m = &s.metrics;
    let gap = s.closing.gap_above_pt;
    // "Nơi nhận:" level with the first signing line: the same shift as the PDF layout.
    let shift = m.ascent * (z.signing - z.noi_nhan_label);
    let mut left = vec![before(para(st::NOI_NHAN, &c.label), gap + shift)];
    left.extend(c.distribution.iter().map(|i| para(st::NOI_NHAN_ITEM, i)));

    let mut right: Vec<Paragraph> = Vec::new();
    for (k, l) in c.signing.iter().enumerate() {
        let p = para(st::SIGNING, l);
        right.push(if k == 0 { before(p, gap) } else { p });
    }
    // The signature space: its height from the style; a note sits in its middle.
    let space = s.closing.signature_gap_mm * crate::nd30::ranges::PT_PER_MM;
    let line = (m.ascent + m.descent + m.gap) * z.signer_note;
    let exact = |p: Paragraph, h: f64| p.line_spacing(LineSpacing::new().line(pt(h)).line_rule(LineSpacingType::Exact));
    if c.note.is_empty() {
        let p = exact(Paragraph::new().style(st::SIGNATURE), space).add_bookmark_start(1, SIGNATURE_BOOKMARK).add_bookmark_end(1);
        right.push(p);
    } else {
        let pad = ((space - line * c.note.len() as f64) / 2.0).max(0.0);
        let n = c.note.len();
        for (k, l) in c.note.iter().enumerate() {
            let mut p = Paragraph::new().style(st::SIGNATURE);
            if k == 0 {
                p = p.add_bookmark_start(1, SIGNATURE_BOOKMARK);
            }
            p = p.add_run(Run::new().add_text(l));
            if k + 1 == n {
                p = p.add_bookmark_end(1);
            }
            let sp = LineSpacing::new()
                .line(pt(line))
                .line_rule(LineSpacingType::Exact)
                .before(if k == 0 { pt(pad) as u32 } else { 0 })
                .after(if k + 1 == n { pt(pad) as u32 } else { 0 });
            right.push(p.line_spacing(sp));
        }
    }
    right.push(para(st::SIGNER_NAME, &c.name));
    let row = TableRow::new(vec![cell(c.left_mm, left), cell(c.right_mm, right)]).cant_split();
    docx.add_table(layout_table(c.left_mm, c.right_mm, vec![row]))
}
