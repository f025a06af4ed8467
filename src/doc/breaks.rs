//! Line-break opportunities the way Word and LibreOffice see them.
//!
//! Typst follows Unicode line breaking (UAX #14), which allows a break after "/" and inside
//! URLs; Word and LibreOffice break such tokens only when they are longer than a line. To
//! keep the PDF's lines identical to the DOCX's, those tokens are marked "keep together"
//! (unless they could not fit on one line anyway).

use super::Doc;
use crate::fonts::FontSet;
use crate::nd30::ranges::PT_PER_MM;
use crate::nd30::text::Span;

/// Whether Unicode line breaking differs from Word's inside this token: it breaks after
/// "/" and inside URLs where Word does not, and not after a hyphen before a digit where Word
/// does.
fn needs_keep(token: &str) -> bool {
    let t = token.trim_end_matches(['.', ',', ';', ':', ')']);
    let hyphen_digit = t.char_indices().any(|(i, c)| c == '-' && i > 0 && t[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
    t.len() > 1 && (t.contains('/') || t.contains("://") || t.starts_with("www.") || hyphen_digit)
}

/// A kept token's pieces: it may break after each hyphen, as Word breaks it.
fn hyphen_pieces(token: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in token.char_indices() {
        if c == '-' && i > 0 && i + 1 < token.len() {
            out.push(&token[start..=i]);
            start = i + 1;
        }
    }
    out.push(&token[start..]);
    out
}

/// Split spans so that such tokens stand in spans of their own, marked `k`, and tokens
/// longer than a line in spans marked `w` (breakable anywhere).
pub fn keep_tokens(spans: Vec<Span>, fonts: &FontSet, size: f64, max_pt: f64) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if s.k || s.w {
            out.push(s);
            continue;
        }
        let mut plain = String::new();
        // Split on spaces and forced breaks, keeping them in the plain parts.
        let mut rest = s.t.as_str();
        while !rest.is_empty() {
            let end = rest.find([' ', '\n']).unwrap_or(rest.len());
            let (token, tail) = rest.split_at(end);
            let width = if token.len() > 8 { fonts.width_pt(token, size, s.b, s.i) } else { 0.0 };
            if width > max_pt / 0.9 {
                let after_text = !plain.trim().is_empty() || out.iter().any(|o| !o.t.trim().is_empty());
                // The line it ends is justified: a space left at its end would take a share of
                // the stretch. The space moves into the token's span (the layout drops it at
                // the new line; the DOCX keeps it between the words).
                let mut lead = String::new();
                if after_text {
                    let kept = plain.trim_end().len();
                    lead = plain.split_off(kept);
                }
                if !plain.is_empty() {
                    out.push(Span { t: std::mem::take(&mut plain), ..s.clone() });
                }
                out.push(Span { t: format!("{lead}{token}"), w: true, n: after_text, ..s.clone() });
            } else if needs_keep(token) && width < max_pt {
                if !plain.is_empty() {
                    out.push(Span { t: std::mem::take(&mut plain), ..s.clone() });
                }
                for piece in hyphen_pieces(token) {
                    out.push(Span { t: piece.to_string(), k: true, ..s.clone() });
                }
            } else {
                plain.push_str(token);
            }
            let sep_len = tail.chars().next().map_or(0, char::len_utf8);
            plain.push_str(&tail[..sep_len]);
            rest = &tail[sep_len..];
        }
        if !plain.is_empty() {
            out.push(Span { t: plain, ..s.clone() });
        }
    }
    out
}

/// Mark the tokens in every paragraph, table cell and title line of a document.
pub fn apply(doc: &mut Doc, fonts: &FontSet) {
    let width = doc.style.text_width_mm() * PT_PER_MM * 0.9;
    let z = doc.style.sizes_pt.clone();
    for p in &mut doc.body {
        p.spans = keep_tokens(std::mem::take(&mut p.spans), fonts, z.body, width);
        if let Some(t) = &mut p.table {
            for (k, row) in std::iter::once(&mut t.head).chain(t.rows.iter_mut()).enumerate() {
                let _ = k;
                for c in row.iter_mut() {
                    c.spans = keep_tokens(std::mem::take(&mut c.spans), fonts, z.table, width / 4.0);
                }
            }
        }
    }
    for l in &mut doc.title.subject {
        *l = keep_tokens(std::mem::take(l), fonts, z.subject, width);
    }
    let left = doc.header.left_mm * PT_PER_MM * 0.9;
    for l in &mut doc.header.vv {
        *l = keep_tokens(std::mem::take(l), fonts, z.vv, left);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_tokens() {
        assert!(needs_keep("xDSL/FTTH"));
        assert!(needs_keep("22/QĐ-UBND"));
        assert!(needs_keep("http://dichvucong.thuathienhue.gov.vn."));
        assert!(!needs_keep("Nam"));
        assert!(!needs_keep("/"));
        assert!(needs_keep("2015-2020"));
        assert!(!needs_keep("QĐ-UBND"));
        assert_eq!(hyphen_pieces("119-KH/TU"), ["119-", "KH/TU"]);
        assert_eq!(hyphen_pieces("a-"), ["a-"]);
    }
}
