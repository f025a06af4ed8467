//! Vietnamese numbers: thousands ".", decimals "," (1.234.567; 99,59%).

/// Group an unsigned integer's digits by thousands with ".".
pub fn group(n: u128) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A JSON number the Vietnamese way: 1234567 → "1.234.567", 12.5 → "12,5", -3 → "-3".
pub fn vn_number(n: &serde_json::Number) -> String {
    if let Some(u) = n.as_u64() {
        return group(u as u128);
    }
    if let Some(i) = n.as_i64() {
        return format!("-{}", group(i.unsigned_abs() as u128));
    }
    let f = n.as_f64().unwrap_or(0.0);
    // Shortest representation that reads back as the same number, then regrouped.
    let s = format!("{}", f.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let int: u128 = int.parse().unwrap_or(0);
    let sign = if f < 0.0 { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{}", group(int)) } else { format!("{sign}{},{frac}", group(int)) }
}

/// The percentage a/b with `decimals` digits, half-up or cut (`down`), e.g. "99,59%".
/// `None` when b is zero.
pub fn percent(a: u64, b: u64, decimals: u8, down: bool) -> Option<String> {
    if b == 0 {
        return None;
    }
    let decimals = decimals.min(6) as u32;
    let scale = 10u128.pow(decimals);
    let q = a as u128 * 100 * scale;
    let (mut r, rem) = (q / b as u128, q % b as u128);
    if !down && rem * 2 >= b as u128 {
        r += 1;
    }
    let int = group(r / scale);
    Some(if decimals == 0 {
        format!("{int}%")
    } else {
        format!("{int},{:0width$}%", r % scale, width = decimals as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_decimals() {
        assert_eq!(group(1234567), "1.234.567");
        assert_eq!(group(123), "123");
        assert_eq!(group(1000), "1.000");
        assert_eq!(vn_number(&serde_json::Number::from(1234567u64)), "1.234.567");
        assert_eq!(vn_number(&serde_json::Number::from_f64(99.59).unwrap()), "99,59");
        assert_eq!(vn_number(&serde_json::Number::from_f64(1234.5).unwrap()), "1.234,5");
        assert_eq!(vn_number(&serde_json::Number::from(-1500i64)), "-1.500");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(48, 28, 0, false).unwrap(), "171%");
        assert_eq!(percent(743, 746, 2, true).unwrap(), "99,59%");
        assert_eq!(percent(743, 746, 2, false).unwrap(), "99,60%");
        assert_eq!(percent(645, 645, 0, false).unwrap(), "100%");
        assert_eq!(percent(1, 8, 1, false).unwrap(), "12,5%");
        assert_eq!(percent(1, 0, 0, false), None);
    }
}
