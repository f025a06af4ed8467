//! The Party guide as code (Hướng dẫn 05-HD/VPTW of 2026, implementing Quy định 399-QĐ/TW):
//! the string rules of Party documents, beside [`crate::nd30`]. Where a rule is the decree's
//! too (the number's zero padding, the date's words), it lives there once and is used here.
//!
//! Not yet read by the writers: this is the rule table the Party profile's layout, lint and
//! importer will ask (issue 27).

pub mod signing;
pub mod symbol;
pub mod text;
pub mod types;

/// The title (ô 1), top right, exactly as the guide writes it.
pub const TITLE: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
/// The star under the issuing body (ô 2): the character, centred.
pub const STAR: &str = "*";
/// The five hyphens under the trích yếu: text, not a drawn rule.
pub const HYPHENS: &str = "-----";
/// The label of Nơi nhận: underlined, without its colon (the colon follows, not underlined).
pub const NOI_NHAN: &str = "Nơi nhận";

/// The place and date line: "Place, ngày 03 tháng 02 năm 2026" — the decree's rule for the
/// words (day below 10 and months 1–2 zero-padded), shared.
pub fn date_line(place: &str, date: &crate::nd30::date::DocDate) -> String {
    crate::nd30::date::date_line(place, date)
}
