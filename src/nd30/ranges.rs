//! The decree's ranges for the choices a style may make, and length parsing.
//! A value outside a range is an input error naming the key.

/// Body text: 13–14 pt.
pub const BODY_SIZE: (f64, f64) = (13.0, 14.0);
/// Quốc hiệu and agency lines: 12 or 13 pt (Tiêu ngữ and place-date one more).
pub const HEADER_SIZE: (f64, f64) = (12.0, 13.0);
/// First-line indent: 1 cm or 1.27 cm.
pub const INDENTS_MM: [f64; 2] = [10.0, 12.7];
/// Line spacing: single to 1.5 lines.
pub const LINE_SPACING: (f64, f64) = (1.0, 1.5);
/// Space between paragraphs: at least 6 pt.
pub const PARAGRAPH_SPACING_MIN_PT: f64 = 6.0;
/// Margins from the paper edge, mm: top, bottom, left, right.
pub const MARGIN_TOP: (f64, f64) = (20.0, 25.0);
/// Bottom margin range.
pub const MARGIN_BOTTOM: (f64, f64) = (20.0, 25.0);
/// Left margin range.
pub const MARGIN_LEFT: (f64, f64) = (30.0, 35.0);
/// Right margin range.
pub const MARGIN_RIGHT: (f64, f64) = (15.0, 20.0);

/// Points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// A length with a unit ("20mm", "1.27cm", "6pt") in millimetres.
pub fn length_mm(s: &str) -> Option<f64> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| c.is_ascii_alphabetic())?);
    let x: f64 = num.trim().parse().ok()?;
    if !x.is_finite() || x < 0.0 {
        return None;
    }
    match unit.trim() {
        "mm" => Some(x),
        "cm" => Some(x * 10.0),
        "pt" => Some(x / PT_PER_MM),
        _ => None,
    }
}

/// Whether `x` lies in `[lo, hi]`, allowing rounding in the input's unit.
pub fn within(x: f64, (lo, hi): (f64, f64)) -> bool {
    x >= lo - 1e-6 && x <= hi + 1e-6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(length_mm("20mm"), Some(20.0));
        assert_eq!(length_mm("1.27cm"), Some(12.7));
        assert!((length_mm("6pt").unwrap() - 2.1167).abs() < 1e-3);
        assert_eq!(length_mm("20"), None);
        assert_eq!(length_mm("20in"), None);
        assert_eq!(length_mm("-1mm"), None);
    }
}
