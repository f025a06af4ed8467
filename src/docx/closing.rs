//! Nơi nhận beside the signature block(s): borderless tables whose rows never split.

use super::header::{before, cell, layout_table, para};
use super::styles as st;
use super::units::{mm, pt};
use super::Block;
use crate::doc::{Closing, SignBlock};
use crate::style::Style;
use docx_rs::*;

/// The bookmark around the first signature space (ô 7c), for tools that sign or stamp DOCX;
/// further signers get `signature_2`, `signature_3`, …; the signer of a copy (Mẫu 3.1)
/// `signature_copy`.
pub const SIGNATURE_BOOKMARK: &str = "signature";
/// The bookmark of a copy's signature space.
pub const COPY_BOOKMARK: &str = "signature_copy";

/// Which bookmarks a closing's signature spaces get: a base name, and the id of the first
/// (ids are unique in a document).
#[derive(Clone, Copy)]
pub struct Marks<'a> {
    /// `signature` or `signature_copy`.
    pub name: &'a str,
    /// The first bookmark id.
    pub first_id: usize,
}

/// Signing lines, the signature space (with its bookmark and note), the name.
fn sign_paras(b: &SignBlock, k: usize, marks: Marks, s: &Style, gap: f64) -> Vec<Paragraph> {
    let z = &s.sizes_pt;
    let m = &s.metrics;
    let mut out: Vec<Paragraph> = Vec::new();
    for (i, l) in b.signing.iter().enumerate() {
        let p = para(if i == 0 || b.all_bold { st::SIGNING } else { st::SIGNING_TITLE }, l);
        out.push(if i == 0 { before(p, gap) } else { p });
    }
    let name = if k == 0 { marks.name.to_string() } else { format!("{}_{}", marks.name, k + 1) };
    let id = marks.first_id + k;
    // The signature space: its height from the style; a note sits in its middle.
    let space = s.closing.signature_gap_mm * crate::nd30::ranges::PT_PER_MM;
    let line = (m.ascent + m.descent + m.gap) * z.signer_note;
    if b.note.is_empty() {
        let p = Paragraph::new()
            .style(st::SIGNATURE)
            .line_spacing(LineSpacing::new().line(pt(space)).line_rule(LineSpacingType::Exact))
            .add_bookmark_start(id, name)
            .add_bookmark_end(id);
        out.push(p);
    } else {
        let pad = ((space - line * b.note.len() as f64) / 2.0).max(0.0);
        let n = b.note.len();
        for (i, l) in b.note.iter().enumerate() {
            let mut p = Paragraph::new().style(st::SIGNATURE);
            if i == 0 {
                p = p.add_bookmark_start(id, name.clone());
            }
            p = p.add_run(Run::new().add_text(l));
            if i + 1 == n {
                p = p.add_bookmark_end(id);
            }
            let sp = LineSpacing::new()
                .line(pt(line))
                .line_rule(LineSpacingType::Exact)
                .before(if i == 0 { pt(pad) as u32 } else { 0 })
                .after(if i + 1 == n { pt(pad) as u32 } else { 0 });
            out.push(p.line_spacing(sp));
        }
    }
    out.push(para(st::SIGNER_NAME, &b.name));
    out
}

/// "Nơi nhận:", the items, the drafter line.
fn noi_nhan(c: &Closing, s: &Style, gap: f64) -> Vec<Paragraph> {
    let mut out = Vec::new();
    if !c.distribution.is_empty() {
        let mut label = Paragraph::new().style(st::NOI_NHAN).add_run(super::header::faced_run(&c.label, s.faces.noi_nhan_label));
        if !c.label_suffix.is_empty() {
            // The colon is not underlined (the Party guide's own pages); the style's weight and
            // slant are the label's.
            label = label.add_run(Run::new().add_text(&c.label_suffix));
        }
        out.push(before(label.indent(Some(0), None, Some(mm(c.gutter_mm)), None), gap));
        // The column's own clear space (the style's is the header's).
        let hang = s.closing.item_hang_mm;
        let special = (hang > 0.0).then(|| SpecialIndentType::Hanging(mm(hang)));
        let left = if hang > 0.0 { mm(hang) } else { 0 };
        out.extend(c.distribution.iter().map(|i| para(st::NOI_NHAN_ITEM, i).indent(Some(left), special, Some(mm(c.gutter_mm)), None)));
    }
    if let Some(d) = &c.drafter {
        let p = para(st::DRAFTER, d);
        out.push(if out.is_empty() { before(p, gap) } else { p });
    }
    if let Some(m) = &c.left_mark {
        let p = super::header::mark(m, st::MARK, c.left_mm, c.gutter_mm, s.header.rule_thickness_pt);
        out.push(if out.is_empty() { before(p, gap) } else { p });
    }
    out
}

/// The closing blocks, `gap` pt below what precedes them.
pub fn blocks(c: &Closing, s: &Style, gap: f64, marks: Marks) -> Vec<Block> {
    let z = &s.sizes_pt;
    if c.signers.len() <= 1 {
        // "Nơi nhận:" level with the first signing line: the same shift as the PDF layout.
        let shift = if c.left_mark.is_some() { 0.0 } else { s.metrics.ascent * (z.signing - z.noi_nhan_label) };
        let mut left = noi_nhan(c, s, gap + shift);
        if left.is_empty() {
            left.push(Paragraph::new().style(st::NOI_NHAN_ITEM));
        }
        let right = match c.signers.first() {
            Some(b) => sign_paras(b, 0, marks, s, gap),
            None => vec![Paragraph::new().style(st::SIGNING)],
        };
        let row = TableRow::new(vec![cell(c.left_mm, left), cell(c.right_mm, right)]).cant_split();
        return vec![Block::T(layout_table(&[c.left_mm, c.right_mm], vec![row]))];
    }
    // Several signers side by side, Nơi nhận under them.
    let n = c.signers.len() as f64;
    let w = s.text_width_mm() / n;
    let cells = c.signers.iter().enumerate().map(|(k, b)| cell(w, sign_paras(b, k, marks, s, gap))).collect();
    let widths = vec![w; c.signers.len()];
    let mut out = vec![Block::T(layout_table(&widths, vec![TableRow::new(cells).cant_split()]))];
    let left = noi_nhan(c, s, s.closing.gap_above_pt);
    if !left.is_empty() {
        let row = TableRow::new(vec![cell(c.left_mm, left), cell(c.right_mm, vec![Paragraph::new().style(st::NOI_NHAN_ITEM)])]);
        out.push(Block::T(layout_table(&[c.left_mm, c.right_mm], vec![row])));
    }
    out
}
