//! Party appendices (Hướng dẫn 05-HD/VPTW II.1): "Phụ lục" when there is one, "Phụ lục 1",
//! "Phụ lục 2" … (Arabic, unlike the decree's Roman numerals) when there are more; under the
//! title a reference line to the document, then "-----"; each numbered on its own.

use crate::nd30::date::{month, DocDate};
use chrono::Datelike;

/// "Phụ lục" for a lone appendix, else "Phụ lục 1", "Phụ lục 2", … (`n` from 1).
pub fn label(count: usize, n: usize) -> String {
    if count == 1 { "Phụ lục".to_string() } else { format!("Phụ lục {n}") }
}

/// A date as the guide cites it in running text and reference lines: "03/02/2026",
/// "27/5/2026" (day padded below 10, month padded for 1 and 2, as in the date line);
/// an undated draft's blanks stay.
pub fn short_date(date: &DocDate) -> String {
    match *date {
        DocDate::Full(d) => format!("{:02}/{}/{}", d.day(), month(d.month()), d.year()),
        DocDate::Year(y) => format!("{0}/{0}/{y}", crate::nd30::date::BLANK),
    }
}

/// "(Kèm theo Nghị quyết số 01-NQ/ĐU, ngày 03/02/2026 của Đảng uỷ xã Hương Xuân)", as HD36's
/// own appendices write it ("(Kèm theo Hướng dẫn số 36-HD/VPTW, ngày 03/4/2018 của Văn phòng
/// Trung ương Đảng)"); an attached document's reads "(Ban hành kèm theo …)".
pub fn caption(attached: bool, type_name: &str, reference: &str, date: &DocDate, issuer: &str) -> String {
    let lead = if attached { "Ban hành kèm theo" } else { "Kèm theo" };
    format!("({lead} {type_name} số {reference}, ngày {} của {issuer})", short_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_forms() {
        assert_eq!(label(1, 1), "Phụ lục");
        assert_eq!(label(2, 2), "Phụ lục 2");
        let d = DocDate::parse("2018-04-03").unwrap();
        assert_eq!(caption(false, "Hướng dẫn", "36-HD/VPTW", &d, "Văn phòng Trung ương Đảng"), "(Kèm theo Hướng dẫn số 36-HD/VPTW, ngày 03/4/2018 của Văn phòng Trung ương Đảng)");
        assert_eq!(short_date(&DocDate::parse("2026-01-09").unwrap()), "09/01/2026");
    }
}
