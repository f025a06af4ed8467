//! The adaptive grid (nd30.md "Header widths") and the rule lengths, computed once from the
//! font's metrics for both writers.

use crate::fonts::FontSet;
use crate::nd30::ranges::PT_PER_MM;
use crate::style::Style;

/// A line of text to measure: text, size, bold, italic.
pub type Measured<'a> = (&'a str, f64, bool, bool);

/// Widest of the lines, in mm.
pub fn widest_mm(fonts: &FontSet, lines: &[Measured]) -> f64 {
    lines.iter().map(|(t, s, b, i)| fonts.width_pt(t, *s, *b, *i)).fold(0.0, f64::max) / PT_PER_MM
}

/// Column widths (left, right) and the clear space between them, in mm, for a two-column
/// block: the style's default split; a left column whose widest line does not fit takes room
/// the right one does not need; when the right column's widest line does not fit, it
/// widens as far as the left column's widest line allows (lines wider than the default left
/// column wrap anyway), the clear space shrinking to its minimum first; only when even that
/// is not enough does the right column's line wrap.
pub fn columns(style: &Style, default_left: f64, left_need: f64, right_need: f64) -> (f64, f64, f64) {
    columns_padded(style, style.header.column_padding_mm, default_left, left_need, right_need)
}

/// [`columns`] with another clear space between them than the header's (the closing's own).
pub fn columns_padded(style: &Style, padding_mm: f64, default_left: f64, left_need: f64, right_need: f64) -> (f64, f64, f64) {
    let total = style.text_width_mm();
    let h = &style.header;
    let slack = h.measure_slack_mm;
    let left = default_left.min(total);
    let right = total - left;
    let right_need = right_need + slack;
    if right_need <= right {
        // The left column may take room the right one does not need, so its lines need not wrap.
        let left_want = left_need + padding_mm + slack;
        if left_want > left {
            let left = left_want.min(total - right_need);
            return (left, total - left, padding_mm);
        }
        return (left, right, padding_mm);
    }
    let left_floor = (left_need + h.column_padding_min_mm + slack).min(left);
    let right = right_need.min(total - left_floor);
    let left = total - right;
    let gutter = (left - left_need - slack).clamp(h.column_padding_min_mm, padding_mm);
    (left, right, gutter)
}

/// The widths in pt of the lines `text` breaks into in a column of `width_pt`, first fit
/// at spaces (as Word and the layout break them); a word wider than the column stands alone.
pub fn wrapped_widths(fonts: &FontSet, text: &str, size: f64, bold: bool, italic: bool, width_pt: f64) -> Vec<f64> {
    let space = fonts.width_pt(" ", size, bold, italic);
    let mut out = Vec::new();
    let mut cur: Option<f64> = None;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = fonts.width_pt(word, size, bold, italic);
        cur = match cur {
            Some(c) if c + space + w <= width_pt + 0.01 => Some(c + space + w),
            Some(c) => {
                out.push(c);
                Some(w)
            }
            None => Some(w),
        };
    }
    out.extend(cur);
    out
}

/// A rule under centred lines: `ratio` of the widest line as laid out in the column.
pub fn rule_pt(fonts: &FontSet, lines: &[Measured], ratio: f64, column_mm: f64) -> f64 {
    let widest = lines
        .iter()
        .flat_map(|(t, s, b, i)| wrapped_widths(fonts, t, *s, *b, *i, column_mm * PT_PER_MM))
        .fold(0.0, f64::max);
    widest * ratio
}
