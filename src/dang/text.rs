//! Punctuation of Party documents (Hướng dẫn 05-HD/VPTW): lists of căn cứ, recipients and
//! Nơi nhận end each item with ";" and the last with "."; HD36 of 2018 used ",". The last
//! Kính gửi / Kính trình recipient's mark is not given by the guide: vanban ends it with ";"
//! like the others (its addressees stand as a list, and the body follows on its own line).

/// Items ended as the guide ends them: ";" after each, `last` after the last (any mark the
/// item had is replaced).
pub fn ended(items: &[String], last: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let t = s.trim().trim_end_matches([';', ',', '.']).trim_end();
            format!("{t}{}", if i + 1 == n { last } else { ";" })
        })
        .collect()
}

/// Căn cứ lines: "- Căn cứ …;" and the last "."
pub fn bases(items: &[String]) -> Vec<String> {
    ended(items, ".").into_iter().map(|s| if s.starts_with('-') { s } else { format!("- {s}") }).collect()
}

/// Nơi nhận items: "- …;" and the last (the file copy, "- Lưu …") ".".
pub fn distribution(items: &[String]) -> Vec<String> {
    ended(items, ".").into_iter().map(|s| if s.starts_with('-') { s } else { format!("- {s}") }).collect()
}

/// Kính gửi / Kính trình recipients: ";" after each, the last included (vanban's choice).
pub fn addressees(items: &[String]) -> Vec<String> {
    ended(items, ";")
}

/// Whether a list still uses the 2018 punctuation (items ended with ","): the lint's
/// `dang-punctuation`.
pub fn old_punctuation(items: &[String]) -> bool {
    items.len() > 1 && items[..items.len() - 1].iter().any(|s| s.trim_end().ends_with(','))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_of_2026() {
        let items: Vec<String> = ["Như trên", "Các đồng chí Thường trực Đảng uỷ,", "- Lưu Văn phòng Đảng uỷ"].iter().map(|s| s.to_string()).collect();
        assert_eq!(distribution(&items), ["- Như trên;", "- Các đồng chí Thường trực Đảng uỷ;", "- Lưu Văn phòng Đảng uỷ."]);
        assert!(old_punctuation(&items));
        assert!(!old_punctuation(&distribution(&items)));
        assert_eq!(bases(&["Căn cứ Điều lệ Đảng".to_string(), "Căn cứ Quy định 399-QĐ/TW".to_string()]), ["- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy định 399-QĐ/TW."]);
        assert_eq!(addressees(&["Ban Thường vụ Tỉnh uỷ".to_string(), "Ban Tổ chức Tỉnh uỷ".to_string()]), ["Ban Thường vụ Tỉnh uỷ;", "Ban Tổ chức Tỉnh uỷ;"]);
    }
}
