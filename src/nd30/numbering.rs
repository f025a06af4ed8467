//! Body numbering: I. → 1. → a) for sections, list markers 1. → a) → - → +, Điều N.,
//! Phần / Chương (Roman), Mục (Arabic). Letters follow the Vietnamese alphabet (no f j w z).

/// Letters for điểm, in Vietnamese order.
pub const VN_LETTERS: [&str; 23] =
    ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

/// Roman numerals (1 → I, 4 → IV, 14 → XIV).
pub fn roman(mut n: u32) -> String {
    const VALS: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut out = String::new();
    for (v, r) in VALS {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

/// A canonical Roman numeral's value ("XIV" → 14); `None` for anything else.
pub fn from_roman(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let val = |c| match c {
        'I' => 1, 'V' => 5, 'X' => 10, 'L' => 50, 'C' => 100, 'D' => 500, _ => 1000,
    };
    let cs: Vec<u32> = s.chars().map(val).collect();
    let mut n = 0i64;
    for (i, &v) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|&w| w > v) { n -= v as i64 } else { n += v as i64 }
    }
    // Only canonical numerals count as Roman.
    (n > 0 && roman(n as u32) == s).then_some(n as u32)
}

/// The n-th letter (1 → a, 5 → đ), wrapping after y.
pub fn vn_letter(n: u32) -> &'static str {
    VN_LETTERS[((n.max(1) - 1) as usize) % VN_LETTERS.len()]
}

/// A section label by depth: "I.", "1.", "a)".
pub fn section_label(depth: usize, n: u32) -> String {
    match depth {
        1 => format!("{}.", roman(n)),
        2 => format!("{n}."),
        _ => format!("{})", vn_letter(n)),
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Dec { prefix: String, value: u32 },
    Lower(usize),
    Upper(usize),
    Roman(u32),
}

/// Labels of sibling sections: by depth, or continuing from a `number` override: Roman
/// ("II" → "III"), letters in Vietnamese order ("A" → "B", "d" → "đ"), decimal paths
/// ("1.1" → "1.2"). A label ends with "." unless it is a lower-case letter (")").
#[derive(Debug, Clone)]
pub struct SectionLabels {
    depth: usize,
    n: u32,
    prev: Option<(Kind, String)>,
}

impl SectionLabels {
    /// Labels for sections at this depth (1 = top level).
    pub fn new(depth: usize) -> SectionLabels {
        SectionLabels { depth, n: 0, prev: None }
    }

    fn parse(label: &str, depth: usize) -> Option<(Kind, String)> {
        let mut lab = label.trim();
        let mut suffix = "";
        if lab.chars().count() > 1 && (lab.ends_with('.') || lab.ends_with(')')) {
            suffix = &lab[lab.len() - 1..];
            lab = &lab[..lab.len() - 1];
        }
        let or = |d: &str| if suffix.is_empty() { d.to_string() } else { suffix.to_string() };
        if !lab.is_empty() && lab.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            let (head, last) = lab.rsplit_once('.').map_or(("", lab), |(h, l)| (h, l));
            let prefix = if head.is_empty() { String::new() } else { format!("{head}.") };
            return Some((Kind::Dec { prefix, value: last.parse().ok()? }, or(".")));
        }
        if let Some(i) = VN_LETTERS.iter().position(|l| *l == lab) {
            return Some((Kind::Lower(i), or(")")));
        }
        if let Some(r) = from_roman(lab) {
            if lab.len() > 1 || depth == 1 {
                return Some((Kind::Roman(r), or(".")));
            }
        }
        if let Some(i) = VN_LETTERS.iter().position(|l| super::text::upper(l) == lab) {
            return Some((Kind::Upper(i), or(".")));
        }
        None
    }

    fn show(kind: &Kind, suffix: &str) -> String {
        match kind {
            Kind::Dec { prefix, value } => format!("{prefix}{value}{suffix}"),
            Kind::Lower(i) => format!("{}{suffix}", VN_LETTERS[i % VN_LETTERS.len()]),
            Kind::Upper(i) => format!("{}{suffix}", super::text::upper(VN_LETTERS[i % VN_LETTERS.len()])),
            Kind::Roman(r) => format!("{}{suffix}", roman(*r)),
        }
    }

    /// The next label; `number` overrides it and the labels after it continue from it.
    pub fn next(&mut self, number: Option<&str>) -> String {
        self.n += 1;
        if let Some(num) = number.map(str::trim).filter(|s| !s.is_empty()) {
            self.prev = Self::parse(num, self.depth);
            return match &self.prev {
                Some((k, s)) => Self::show(k, s),
                None if num.ends_with('.') || num.ends_with(')') => num.to_string(),
                None => format!("{num}."),
            };
        }
        match &mut self.prev {
            None => section_label(self.depth, self.n),
            Some((kind, suffix)) => {
                match kind {
                    Kind::Dec { value, .. } => *value += 1,
                    Kind::Lower(i) | Kind::Upper(i) => *i += 1,
                    Kind::Roman(r) => *r += 1,
                }
                Self::show(kind, suffix)
            }
        }
    }
}

/// A list item's label for marker `m` at position n (1-based): "1.", "a)", or the marker.
pub fn marker_label(m: &str, n: u32) -> String {
    match m {
        "1." => format!("{n}."),
        "a)" => format!("{})", vn_letter(n)),
        other => other.to_string(),
    }
}

/// The marker nested items take after their parent's: 1. → a) → - → + → -.
pub fn next_marker(m: &str) -> &'static str {
    match m {
        "1." => "a)",
        "a)" => "-",
        "-" => "+",
        _ => "-",
    }
}

/// The markers a list may name.
pub const MARKERS: [&str; 4] = ["-", "+", "a)", "1."];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(from_roman("XIV"), Some(14));
        assert_eq!(from_roman("IIII"), None);
    }

    #[test]
    fn vietnamese_letters() {
        let first: Vec<_> = (1..=7).map(vn_letter).collect();
        assert_eq!(first, ["a", "b", "c", "d", "đ", "e", "g"]);
        assert_eq!(vn_letter(23), "y");
    }

    #[test]
    fn sections_by_depth() {
        let mut l = SectionLabels::new(1);
        assert_eq!([l.next(None), l.next(None), l.next(None)], ["I.", "II.", "III."]);
        let mut l = SectionLabels::new(2);
        assert_eq!([l.next(None), l.next(None)], ["1.", "2."]);
        let mut l = SectionLabels::new(3);
        assert_eq!((0..5).map(|_| l.next(None)).collect::<Vec<_>>(), ["a)", "b)", "c)", "d)", "đ)"]);
    }

    #[test]
    fn overrides_continue() {
        let mut l = SectionLabels::new(1);
        assert_eq!([l.next(Some("A")), l.next(None)], ["A.", "B."]);
        let mut l = SectionLabels::new(2);
        assert_eq!([l.next(Some("1.1")), l.next(None)], ["1.1.", "1.2."]);
        let mut l = SectionLabels::new(1);
        assert_eq!([l.next(None), l.next(Some("V")), l.next(None)], ["I.", "V.", "VI."]);
        let mut l = SectionLabels::new(3);
        assert_eq!([l.next(Some("d")), l.next(None)], ["d)", "đ)"]);
        let mut l = SectionLabels::new(2);
        assert_eq!([l.next(Some("D")), l.next(None)], ["D.", "Đ."]);
    }

    #[test]
    fn markers() {
        assert_eq!(marker_label("a)", 5), "đ)");
        assert_eq!(marker_label("1.", 3), "3.");
        assert_eq!(marker_label("-", 3), "-");
        assert_eq!(next_marker("1."), "a)");
        assert_eq!(next_marker("-"), "+");
        assert_eq!(next_marker("+"), "-");
    }
}
