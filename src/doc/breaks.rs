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

/// Whether Unicode would break inside this token where Word does not.
fn needs_keep(token: &str) -> bool {
    let t = token.trim_end_matches(['.', ',', ';', ':', ')']);
    t.len() > 1 && (t.contains('/') || t.contains("://") || t.starts_with("www."))
}

/// Split spans so that such tokens stand in spans of their own, marked `k`.
pub fn keep_tokens(spans: Vec<Span>, fonts: &FontSet, size: f64, max_pt: f64) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if s.k || !s.t.contains(['/', '.']) {
            out.push(s);
            continue;
        }
        let mut plain = String::new();
        // Split on spaces and forced breaks, keeping them in the plain parts.
        let mut rest = s.t.as_str();
        while !rest.is_empty() {
            let end = rest.find([' ', '\n']).unwrap_or(rest.len());
            let (token, tail) = rest.split_at(end);
            if needs_keep(token) && fonts.width_pt(token, size, s.b, s.i) < max_pt {
                if !plain.is_empty() {
                    out.push(Span { t: std::mem::take(&mut plain), ..s.clone() });
                }
                out.push(Span { t: token.to_string(), k: true, ..s.clone() });
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
    }
}
