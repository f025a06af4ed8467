//! Levels of local government. The 2025 Law on the Organisation of Local Government
//! (Luật Tổ chức chính quyền địa phương số 72/2025/QH15) leaves two levels from 1 July 2025:
//! the province (tỉnh, thành phố trực thuộc trung ương) and the commune (xã, phường, đặc
//! khu). District-level bodies (huyện, quận, thị xã) no longer issue or receive documents.

use chrono::NaiveDate;

/// The first day of the two-level local government.
pub fn two_levels_since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a real day")
}

/// Words that name a unit of local government, after which a name is a place's ("xã Hương
/// Xuân", "phường Thuận Hóa"); the district-level ones still appear in older documents.
pub const UNIT_WORDS: [&str; 5] = ["tỉnh", "xã", "phường", "huyện", "quận"];
/// Two-word units, matched on the word before.
pub const UNIT_WORDS2: [(&str, &str); 4] = [("thành", "phố"), ("đặc", "khu"), ("thị", "xã"), ("thị", "trấn")];

/// Whether `word` (lower case) ends a unit word, `prev` being the word before it.
pub fn ends_unit(prev: &str, word: &str) -> bool {
    UNIT_WORDS.contains(&word) || UNIT_WORDS2.iter().any(|(a, b)| prev == *a && word == *b)
}

/// The place a name ends with, after its last unit word: "Hương Xuân" for "Ủy ban nhân dân
/// xã Hương Xuân" (line breaks are spaces); `None` when no unit word has a place after it.
pub fn locality(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| crate::nd30::text::lower(w)).collect();
    let after = (0..words.len()).filter(|&i| ends_unit(if i > 0 { &lower[i - 1] } else { "" }, &lower[i])).last()? + 1;
    (after < words.len()).then(|| words[after..].join(" "))
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

    #[test]
    fn localities() {
        assert_eq!(locality("Ủy ban nhân dân xã Hương Xuân").as_deref(), Some("Hương Xuân"));
        assert_eq!(locality("Ủy ban nhân dân\nphường Hòa Cường").as_deref(), Some("Hòa Cường"));
        assert_eq!(locality("Văn phòng HĐND và UBND thành phố Huế").as_deref(), Some("Huế"));
        assert_eq!(locality("Sở Nội vụ"), None);
        assert_eq!(locality("Ủy ban nhân dân tỉnh"), None);
    }
}
