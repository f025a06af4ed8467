//! The Party guide as code (Hướng dẫn 05-HD/VPTW of 2026, implementing Quy định 399-QĐ/TW):
//! the string rules of Party documents, beside [`crate::nd30`]. Where a rule is the decree's
//! too (the number's zero padding, the date's words), it lives there once and is used here.
//!
//! The Party document builder (`doc::party`), the validator, the lint and the importer ask
//! these; the writers only draw what the builder prepared.

pub mod appendix;
pub mod lint;
pub mod ranges;
pub mod signing;
pub mod starter;
pub mod symbol;
pub mod text;
pub mod types;

/// The title (ô 1), top right, exactly as the guide writes it.
pub const TITLE: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
/// The star under the issuing body (ô 2): the character, centred.
pub const STAR: &str = "*";
/// The five hyphens under the trích yếu: text, not a drawn rule.
pub const HYPHENS: &str = "-----";
/// The stamp on a paper copy (HD05 III.2.1), printed in capitals in a box; the guide's drawing
/// of it (its Phụ lục 3) was not found, so vanban follows its text.
pub const COPY_STAMP_TEXT: &str = "Bản sao văn bản";
/// The label of Nơi nhận: underlined, without its colon (the colon follows, not underlined).
pub const NOI_NHAN: &str = "Nơi nhận";

/// The place and date line: "Place, ngày 03 tháng 02 năm 2026" — the decree's rule for the
/// words (day below 10 and months 1–2 zero-padded), shared.
pub fn date_line(place: &str, date: &crate::nd30::date::DocDate) -> String {
    crate::nd30::date::date_line(place, date)
}

/// Circulation notices printed centred at the foot of the last page, 10 mm from the bottom
/// edge (HD05 II.4.1); every other notice goes top right of page 1 (ô 11a).
pub fn foot_notice(text: &str) -> bool {
    crate::nd30::text::lower(text).trim().starts_with("không phổ biến")
}

/// A công văn's trích yếu starts "về việc" (HD05's example; no "V/v").
pub fn ve_viec(subject: &str) -> String {
    let s = subject.trim();
    let low = crate::nd30::text::lower(s);
    if low.starts_with("về việc") {
        s.to_string()
    } else if let Some(rest) = s.strip_prefix("V/v").or_else(|| s.strip_prefix("v/v")) {
        format!("về việc {}", rest.trim_start())
    } else {
        format!("về việc {s}")
    }
}

/// The drafter line (ô 12): initials in capitals, "-", the number of copies ("VP-30"), as
/// HD36's table writes it ("ABC-268").
pub fn drafter_line(d: &crate::model::Drafter) -> String {
    let initials = crate::nd30::text::upper(d.initials.trim().trim_end_matches('.'));
    match d.copies {
        Some(n) => format!("{initials}-{n}"),
        None => initials,
    }
}
