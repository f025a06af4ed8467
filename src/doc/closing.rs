//! Nơi nhận, drafter line and the signature blocks (ô 7, 8, 9b, 12).

use super::grid::{columns_padded, widest_mm, Measured};
use super::{Closing, SignBlock};
use crate::fonts::FontSet;
use crate::model::{Drafter, Signer};
use crate::nd30::signing::signing_lines;
use crate::nd30::text::{dash_items, parts, upper};
use crate::nd30::NOI_NHAN;
use crate::style::Style;

/// Field names of the k-th signer (from 0): signer, agency; signer_2, agency_2; …
pub fn field_names(k: usize) -> Vec<String> {
    if k == 0 {
        vec!["signer".into(), "agency".into()]
    } else {
        vec![format!("signer_{}", k + 1), format!("agency_{}", k + 1)]
    }
}

/// The closing's columns (left, right, clear space): with one signer the right column is as
/// wide as its lines and field need; several signers share the width.
pub fn closing_columns(blocks: &[SignBlock], style: &Style, fonts: &FontSet) -> (f64, f64, f64) {
    let sz = &style.sizes_pt;
    let padding = style.closing.column_padding_mm.unwrap_or(style.header.column_padding_mm);
    match blocks.first() {
        Some(b) if blocks.len() == 1 => {
            let mut right: Vec<Measured> = b.signing.iter().map(|l| (l.as_str(), sz.signing, true, false)).collect();
            right.push((b.name.as_str(), sz.signer_name, true, false));
            let need = widest_mm(fonts, &right).max(style.closing.signer_field_mm.w);
            columns_padded(style, padding, style.closing.left_mm, 0.0, need)
        }
        _ => columns_padded(style, padding, style.closing.left_mm, 0.0, 0.0),
    }
}

/// The drafter line: "PL.(300)" — initials UPPER, copies in parentheses.
pub fn drafter_line(d: &Drafter) -> String {
    let initials = upper(d.initials.trim());
    match d.copies {
        Some(n) => format!("{initials}.({n})"),
        None => format!("{initials}."),
    }
}

fn block(s: &Signer, fields: Vec<String>) -> SignBlock {
    SignBlock {
        signing: signing_lines(s),
        note: s.note.as_deref().map(parts).unwrap_or_default(),
        name: s.name.clone().unwrap_or_default().trim().to_string(),
        fields,
        all_bold: false,
    }
}

/// The closing block. `with_fields`: the signers get signature fields (not the copied text
/// of a copy, which the copying agency signs in its own block).
pub fn closing(
    signer: Option<&Signer>,
    signers: Option<&[Signer]>,
    distribution: Option<&[String]>,
    drafter: Option<&Drafter>,
    with_fields: bool,
    style: &Style,
    fonts: &FontSet,
) -> Closing {
    let list: Vec<&Signer> = match (signer, signers) {
        (Some(s), _) => vec![s],
        (None, Some(v)) => v.iter().collect(),
        _ => vec![],
    };
    let blocks: Vec<SignBlock> =
        list.iter().enumerate().map(|(k, s)| block(s, if with_fields { field_names(k) } else { vec![] })).collect();
    let (left_mm, right_mm, gutter_mm) = closing_columns(&blocks, style, fonts);
    Closing {
        left_mm,
        right_mm,
        gutter_mm,
        label: NOI_NHAN.into(),
        label_suffix: String::new(),
        distribution: dash_items(distribution.unwrap_or(&[])),
        drafter: drafter.map(drafter_line),
        signers: blocks,
        left_mark: None,
    }
}
