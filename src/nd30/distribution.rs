//! Nơi nhận (ô 9b) read back: its recipients, and the units of its "Lưu" item ("Lưu: VT,
//! VP."), for the register's columns and the envelopes.

/// Nơi nhận split into recipients and the units of its "Lưu" item ("Lưu: VT, VP." gives VT
/// and VP); items lose their leading dash and trailing ";" or ".".
pub fn split(items: &[String]) -> (Vec<String>, Vec<String>) {
    let clean = |s: &str| s.trim().trim_start_matches(['-', '–', '+']).trim().trim_end_matches([';', '.', ',']).trim().to_string();
    let mut to = Vec::new();
    let mut archive = Vec::new();
    for item in items {
        let c = clean(item);
        // "Lưu" in any case, then ":" (or nothing): the units after it are the archive.
        let head: String = c.chars().take(3).collect::<String>().to_lowercase();
        let rest = c.char_indices().nth(3).map_or("", |(i, _)| &c[i..]);
        if head == "lưu" && (rest.trim_start().starts_with(':') || rest.trim().is_empty()) {
            let units = rest.trim_start().trim_start_matches(':');
            archive.extend(units.split(',').map(|u| u.trim().trim_end_matches('.').to_string()).filter(|u| !u.is_empty()));
        } else if !c.is_empty() {
            to.push(c);
        }
    }
    (to, archive)
}

#[cfg(test)]
mod tests {
    #[test]
    fn luu_gives_the_archive() {
        let items: Vec<String> = ["Như trên;", "- Sở Nội vụ tỉnh Quảng Trị;", "- Lưu: VT, VP."].iter().map(|s| s.to_string()).collect();
        let (to, archive) = super::split(&items);
        assert_eq!(to, ["Như trên", "Sở Nội vụ tỉnh Quảng Trị"]);
        assert_eq!(archive, ["VT", "VP"]);
        let (_, a) = super::split(&["- LƯU: VT.".to_string(), "İİİ".to_string(), "Lư".to_string()]);
        assert_eq!(a, ["VT"], "any case; no panic on letters whose lower case is longer");
        let (_, a) = super::split(&["- Lưu VT.".to_string()]);
        assert!(a.is_empty(), "'Lưu VT' without a colon is kept as a recipient: {a:?}");
    }
}
