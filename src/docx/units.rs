//! Word's units: twips (1/20 pt), half-points and DrawingML's EMU.

use crate::nd30::ranges::PT_PER_MM;

/// Millimetres to twips.
pub fn mm(v: f64) -> i32 {
    (v * PT_PER_MM * 20.0).round() as i32
}

/// Millimetres to EMU (DrawingML's unit: 36,000 to the millimetre).
pub fn emu(v: f64) -> u32 {
    (v * 36_000.0).round() as u32
}

/// Points to twips.
pub fn pt(v: f64) -> i32 {
    (v * 20.0).round() as i32
}

/// Points to half-points (run sizes).
pub fn half(v: f64) -> usize {
    (v * 2.0).round() as usize
}
