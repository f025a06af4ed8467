//! What the importer reads differently in a Party document (Hướng dẫn 05-HD/VPTW): the title
//! "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the Quốc hiệu (which makes the document `"profile":
//! "dang"`), the star, "Số 05-HD/VPTW", the slash prefixes T/M, K/T, T/L, "- Căn cứ" lines,
//! the drafter line "VP-30". The strings are the rule table's (`crate::dang`).

use super::recognise::{clean, upper_key};
use super::wordml::{Item, LineSpacing};
use serde_json::json;
use std::collections::HashMap;
use crate::profile::Profile;

/// The Party title line.
pub(super) fn is_title(t: &str) -> bool {
    upper_key(t) == upper_key(crate::dang::TITLE)
}

/// The profile of a document: Party when its first items hold the Party title (in a
/// header table or a paragraph) and not the Quốc hiệu.
pub(super) fn profile_of(items: &[Item]) -> Profile {
    let lines: Vec<String> = items
        .iter()
        .take(12)
        .flat_map(|it| match it {
            Item::P(p) => p.text().split('\t').map(str::to_string).collect::<Vec<_>>(),
            Item::T(t) => t.rows.iter().flatten().flat_map(|c| c.lines()).collect(),
        })
        .collect();
    let party = lines.iter().any(|l| is_title(l));
    let state = lines.iter().any(|l| super::recognise::is_quoc_hieu(l));
    if party && !state { Profile::Dang } else { Profile::Nd30 }
}

/// The star under the issuing body.
pub(super) fn is_star(t: &str) -> bool {
    clean(t) == crate::dang::STAR
}

/// "Số 05-HD/VPTW", "Số     -NQ/ĐU": (number, symbol "HD/VPTW").
pub(super) fn number_line(t: &str) -> Option<(Option<u32>, String)> {
    let rest = t.strip_prefix("Số")?.trim_start_matches([':', ' ', '\u{a0}']);
    let (num, symbol) = rest.split_once('-')?;
    if !symbol.contains('/') || symbol.chars().any(char::is_whitespace) {
        return None;
    }
    let num = num.trim();
    let n = if num.is_empty() || num.chars().all(|c| c == '.' || c == '…') { None } else { Some(num.parse::<u32>().ok().filter(|n| *n > 0)?) };
    Some((n, symbol.to_string()))
}

/// The signer key of a slash prefix, and the rest of the line: "T/M ĐẢNG UỶ" →
/// ("on_behalf_of", "ĐẢNG UỶ").
pub(super) fn signing_prefix(t: &str) -> Option<(&'static str, &str)> {
    crate::dang::signing::Authority::CHOICES
        .into_iter()
        .filter_map(|a| Some((a.prefix()?, a.contract_key()?)))
        .filter(|(p, _)| p.contains('/'))
        .find_map(|(p, key)| t.strip_prefix(p).filter(|r| r.starts_with(' ')).map(|r| (key, r.trim())))
}

/// The drafter line "VP-30" (initials in capitals, "-", the copies).
pub(super) fn drafter(t: &str) -> Option<(String, Option<u32>)> {
    let (a, b) = t.split_once('-').unwrap_or((t, ""));
    let ok = !a.is_empty() && a.chars().count() <= 8 && a.chars().all(char::is_uppercase) && !b.is_empty() && b.chars().all(|c| c.is_ascii_digit());
    ok.then(|| (a.to_string(), b.parse().ok()))
}

impl super::recognise::Recogniser<'_> {
    /// The body's style in a Party document: what differs from the Party layout's defaults
    /// and lies inside the guide's ranges (14 or 15 pt, an indent of 10–13 mm, an exact line
    /// spacing of 18–22 pt, at least 6 pt between paragraphs); anything else is said.
    pub(super) fn party_body_style(&mut self, sizes: HashMap<u32, usize>, indents: HashMap<i32, usize>, spacings: HashMap<u32, usize>, lines: HashMap<LineSpacing, usize>) {
        use crate::dang::ranges::{within, BODY_SIZES, INDENT_MM, LINE_SPACING_PT};
        let defaults = crate::pdf::layout::Layout::embedded_party_style();
        let mut style = crate::model::StyleInput::default();
        let rules = Profile::Dang.rules();
        let (lo, hi) = LINE_SPACING_PT;
        if let Some((half_points, _)) = sizes.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let pt = half_points as f64 / 2.0;
            if BODY_SIZES.contains(&pt) && pt != defaults.sizes_pt.body {
                style.body_size = Some(pt);
            } else if pt != defaults.sizes_pt.body {
                self.warn("$.style.body_size", "import-style", format!("the body is {pt} pt; {rules} sets it in {} or {} pt: the default is used", BODY_SIZES[0], BODY_SIZES[1]));
            }
        }
        if let Some((twips, _)) = indents.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let mm = (twips as f64 * 25.4 / 1440.0 * 10.0).round() / 10.0;
            if within(mm, INDENT_MM) && (mm - defaults.body.indent_mm).abs() > 0.1 {
                style.indent = Some(format!("{mm}mm"));
            } else if !within(mm, INDENT_MM) {
                self.warn("$.style.indent", "import-style", format!("the first-line indent is {mm} mm; {rules} indents {} to {} mm: the default is used", INDENT_MM.0, INDENT_MM.1));
            }
        }
        if let Some((line, _)) = lines.into_iter().max_by_key(|(_, n)| *n) {
            match line {
                LineSpacing::Exact(tw) => {
                    let pt = tw as f64 / 20.0;
                    if within(pt, LINE_SPACING_PT) && Some(pt) != defaults.body.line_spacing_exact_pt {
                        style.line_spacing = Some(json!(format!("{pt}pt")));
                    } else if !within(pt, LINE_SPACING_PT) {
                        self.warn("$.style.line_spacing", "import-style", format!("lines {pt} pt apart; {rules} spaces them exactly {lo} to {hi} pt: the default is used"));
                    }
                }
                LineSpacing::Multiple(n) => self.warn("$.style.line_spacing", "import-style", format!("line spacing {:.2} lines; {rules} spaces lines exactly {lo} to {hi} pt: the default is used", n as f64 / 240.0)),
            }
        }
        if let Some((tw, _)) = spacings.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let pt = tw as f64 / 20.0;
            if pt >= crate::nd30::ranges::PARAGRAPH_SPACING_MIN_PT && pt != defaults.body.paragraph_spacing_pt {
                style.paragraph_spacing = Some(format!("{pt}pt"));
            }
        }
        if style != crate::model::StyleInput::default() {
            self.out.style = Some(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_lines() {
        assert_eq!(number_line("Số 05-HD/VPTW"), Some((Some(5), "HD/VPTW".into())));
        assert_eq!(number_line("Số \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}-NQ/ĐU").map(|x| x.0), Some(None));
        assert_eq!(number_line("Số: 12/BC-UBND"), None);
        assert_eq!(signing_prefix("T/M ĐẢNG UỶ"), Some(("on_behalf_of", "ĐẢNG UỶ")));
        assert_eq!(drafter("VP-30"), Some(("VP".into(), Some(30))));
        assert_eq!(drafter("Hà-Nội"), None);
        assert!(is_title("Đảng Cộng sản Việt Nam"));
    }
}
