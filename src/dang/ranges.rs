//! The ranges the Party guide leaves to the author (Hướng dẫn 05-HD/VPTW 6.2.2; the size table
//! of HD36 Phụ lục 3): the validator refuses a style outside them and the importer keeps a
//! Word file's values only inside them.

/// Body text sizes, pt.
pub const BODY_SIZES: [f64; 2] = [14.0, 15.0];
/// First-line indent, mm ("khoảng 10 mm"; HD05 itself indents 12.8 mm).
pub const INDENT_MM: (f64, f64) = (10.0, 13.0);
/// Line spacing, exactly, pt.
pub const LINE_SPACING_PT: (f64, f64) = (18.0, 22.0);

/// Whether `x` lies in `range` (ends included, to a rounding of the units).
pub fn within(x: f64, range: (f64, f64)) -> bool {
    x >= range.0 - 1e-6 && x <= range.1 + 1e-6
}
