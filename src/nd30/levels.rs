//! Levels of local government. The 2025 Law on the Organisation of Local Government
//! (Luật Tổ chức chính quyền địa phương số 72/2025/QH15) leaves two levels from 1 July 2025:
//! the province (tỉnh, thành phố trực thuộc trung ương) and the commune (xã, phường, đặc
//! khu). District-level bodies (huyện, quận, thị xã) no longer issue or receive documents.

use chrono::NaiveDate;

/// The first day of the two-level local government.
pub fn two_levels_since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a real day")
}

/// The district-level word a name holds ("huyện", "quận", "thị xã"), in any case, as a
/// whole word: "UBND huyện Nam Đông", "QUẬN 1", "Thị xã Hương Trà".
pub fn district_word(name: &str) -> Option<&'static str> {
    let lower = crate::nd30::text::lower(name);
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        match *w {
            "huyện" => return Some("huyện"),
            "quận" => return Some("quận"),
            "thị" if words.get(i + 1) == Some(&"xã") => return Some("thị xã"),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_words() {
        assert_eq!(district_word("UBND huyện Nam Đông"), Some("huyện"));
        assert_eq!(district_word("ỦY BAN NHÂN DÂN\nHUYỆN NAM ĐÔNG"), Some("huyện"));
        assert_eq!(district_word("Ủy ban nhân dân Quận 1"), Some("quận"));
        assert_eq!(district_word("UBND thị xã Hương Trà"), Some("thị xã"));
        assert_eq!(district_word("Ủy ban nhân dân xã Hương Xuân"), None);
        assert_eq!(district_word("Ủy ban nhân dân phường Thuận Hóa"), None);
        assert_eq!(district_word("Sở Nội vụ thành phố Huế"), None);
        // Not the word inside another one.
        assert_eq!(district_word("Trung tâm Thị trường"), None);
    }
}
