//! "Did you mean …?": the nearest allowed name to a near miss.

/// Edit distance between two strings (by characters).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The allowed name nearest to `got`, if it is near enough to be a typo (`_` and `-`, case
/// and diacritics-free spellings count as near).
pub fn nearest<'a>(got: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| s.to_lowercase().replace(['_', ' '], "-");
    let g = norm(got);
    let mut best: Option<(usize, &str)> = None;
    for a in allowed {
        let d = distance(&g, &norm(a));
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, a));
        }
    }
    let (d, a) = best?;
    let limit = (got.chars().count() / 3).max(2);
    (d <= limit && d > 0 || (d == 0 && a != got)).then_some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        assert_eq!(nearest("recipents", ["recipients", "distribution"]), Some("recipients"));
        assert_eq!(nearest("bao_cao", ["bao-cao", "bien-ban"]), Some("bao-cao"));
        assert_eq!(nearest("xyz", ["recipients"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
