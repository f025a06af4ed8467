//! Text rules: Vietnamese upper case, inline markup, forced breaks, list punctuation.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// Upper-case Vietnamese text: every precomposed letter maps to its precomposed capital.
pub fn upper(s: &str) -> String {
    s.nfc().collect::<String>().to_uppercase().nfc().collect()
}

/// Lower-case Vietnamese text, precomposed (for comparisons).
pub fn lower(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase().nfc().collect()
}

/// At most `max` characters, cut at a word boundary with "…" when longer (metadata fields
/// that have a length limit of their own).
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > 0 => cut[..i].trim_end(),
        _ => cut.as_str(),
    };
    format!("{at_word}…")
}

/// The lines a `"\n"` forces in a header string or title (blank parts dropped).
pub fn parts(s: &str) -> Vec<String> {
    s.split('\n').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// A run of inline text with its weight and style. `"\n"` inside `t` is a forced break.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The text, printed as itself.
    pub t: String,
    /// Bold.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub b: bool,
    /// Italic.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub i: bool,
    /// Keep on one line: a token Word and LibreOffice never break but Unicode line breaking
    /// would (after a "/", inside a URL).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub k: bool,
    /// May break between any two characters: a token longer than a line, which Word and
    /// LibreOffice break wherever the line ends (Unicode line breaking would let it overflow).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub w: bool,
    /// Starts a new line: Word moves a token longer than a line to a line of its own before
    /// breaking it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub n: bool,
}

impl Span {
    /// A plain span.
    pub fn plain(t: impl Into<String>) -> Span {
        Span { t: t.into(), b: false, i: false, k: false, w: false, n: false }
    }
    /// A bold span.
    pub fn bold(t: impl Into<String>) -> Span {
        Span { t: t.into(), b: true, i: false, k: false, w: false, n: false }
    }
}

/// Inline markup of input.md: `**bold**`, `*italic*`, `***bold italic***` (the Party
/// guide's "1.1." headings); `\*` is a literal star; a `*` without a partner prints as
/// itself; pairs are matched left to right, `***` before `**` before `*`, each closing at the
/// nearest partner; nothing else is markup.
pub fn inline(s: &str) -> Vec<Span> {
    // (char, escaped): an escaped star never pairs.
    let mut cs: Vec<(char, bool)> = Vec::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' && it.peek() == Some(&'*') {
            it.next();
            cs.push(('*', true));
        } else {
            cs.push((c, false));
        }
    }
    let star = |i: usize| cs.get(i).is_some_and(|&(c, e)| c == '*' && !e);
    let text = |a: usize, b: usize| cs[a..b].iter().map(|x| x.0).collect::<String>();
    let mut out: Vec<Span> = Vec::new();
    let mut push = |t: String, b: bool, i: bool| {
        if t.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.b == b && last.i == i => last.t.push_str(&t),
            _ => out.push(Span { t, b, i, k: false, w: false, n: false }),
        }
    };
    let (mut i, mut plain_from) = (0, 0);
    while i < cs.len() {
        if star(i) {
            if star(i + 1) && star(i + 2) {
                if let Some(j) = (i + 4..cs.len().saturating_sub(2)).find(|&j| star(j) && star(j + 1) && star(j + 2)) {
                    push(text(plain_from, i), false, false);
                    push(text(i + 3, j), true, true);
                    i = j + 3;
                    plain_from = i;
                    continue;
                }
            }
            if star(i + 1) {
                if let Some(j) = (i + 3..cs.len().saturating_sub(1)).find(|&j| star(j) && star(j + 1)) {
                    push(text(plain_from, i), false, false);
                    push(text(i + 2, j), true, false);
                    i = j + 2;
                    plain_from = i;
                    continue;
                }
            }
            if let Some(j) = (i + 2..cs.len()).find(|&j| star(j)) {
                push(text(plain_from, i), false, false);
                push(text(i + 1, j), false, true);
                i = j + 1;
                plain_from = i;
                continue;
            }
        }
        i += 1;
    }
    push(text(plain_from, cs.len()), false, false);
    out
}

/// The printed text of inline markup, without weight or style.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.t.as_str()).collect()
}

/// List punctuation of Kính gửi and Nơi nhận: "- item;" for each, "." after the last.
/// Items are printed as given; a final ";" or "." the input already has is not doubled.
pub fn dash_items(items: &[String]) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let item = item.trim();
            let item = item.strip_suffix([';', '.']).unwrap_or(item).trim_end();
            let end = if k + 1 == n { "." } else { ";" };
            format!("- {item}{end}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        inline(s)
            .iter()
            .map(|x| match (x.b, x.i) {
                (true, true) => format!("<bi>{}</bi>", x.t),
                (true, _) => format!("<b>{}</b>", x.t),
                (_, true) => format!("<i>{}</i>", x.t),
                _ => x.t.clone(),
            })
            .collect()
    }

    #[test]
    fn markup() {
        assert_eq!(show("a **645/645** b"), "a <b>645/645</b> b");
        assert_eq!(show("*x* and **y**"), "<i>x</i> and <b>y</b>");
        assert_eq!(show("a * b"), "a * b");
        assert_eq!(show("a ** b"), "a ** b");
        assert_eq!(show(r"\*x\*"), "*x*");
        assert_eq!(show(r"/\* c \*/"), "/* c */");
        assert_eq!(show("#panic(\"x\") $x$ [a] <l> @r _ \\"), "#panic(\"x\") $x$ [a] <l> @r _ \\");
        assert_eq!(show("5 * 3 * 2"), "5 <i> 3 </i> 2");
        assert_eq!(show("***1.1. Phạm vi*** và **b**"), "<bi>1.1. Phạm vi</bi> và <b>b</b>");
    }

    #[test]
    fn vietnamese_upper() {
        assert_eq!(upper("Ủy ban nhân dân xã Hương Xuân"), "ỦY BAN NHÂN DÂN XÃ HƯƠNG XUÂN");
        assert_eq!(upper("đảng ủy"), "ĐẢNG ỦY");
        assert_eq!(upper("u\u{31b}\u{300}"), "Ừ");
    }

    #[test]
    fn shortened_at_a_word() {
        assert_eq!(shorten("Báo cáo kết quả", 100), "Báo cáo kết quả");
        assert_eq!(shorten("Báo cáo kết quả", 10), "Báo cáo…");
        assert!(shorten(&"x".repeat(50), 10).chars().count() <= 10);
    }

    #[test]
    fn dashes() {
        let v = dash_items(&["Như trên".into(), "Lưu: VT".into()]);
        assert_eq!(v, vec!["- Như trên;", "- Lưu: VT."]);
        assert_eq!(dash_items(&["UBND huyện".into()]), vec!["- UBND huyện."]);
    }
}
