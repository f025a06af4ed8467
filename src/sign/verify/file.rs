//! The file as bytes: whether it is a PDF at all, where its revisions end, and what follows
//! the last one. A revision ends at `%%EOF` (and at most one end of line) after
//! `startxref N`; a signature must cover exactly such a prefix of the file.

use crate::error::Result;

/// The revisions of a file.
#[derive(Debug, Clone)]
pub struct Revisions {
    /// Where each revision's `%%EOF` ends, in file order.
    pub ends: Vec<usize>,
    /// Where bytes other than white space start after the last revision, if any.
    pub trailing: Option<usize>,
    /// Each revision's `startxref` offset (a cross-reference stream is an object of its own).
    pub startxrefs: Vec<usize>,
}

impl Revisions {
    /// Whether a signed range ending at `end` ends a revision: right after `%%EOF`, or after
    /// it and one end of line.
    pub fn is_end(&self, bytes: &[u8], end: usize) -> bool {
        self.which(bytes, end).is_some()
    }

    /// Which revision (0-based) a signed range ending at `end` ends, if it ends one.
    pub fn which(&self, bytes: &[u8], end: usize) -> Option<usize> {
        self.ends.iter().position(|&e| end == e || end == e + eol_len(&bytes[e..]))
    }

    /// The revision (1-based) that ends at or after `end`.
    pub fn index_of(&self, end: usize) -> usize {
        self.ends.iter().position(|&e| e >= end.saturating_sub(2)).map_or(self.ends.len(), |i| i + 1)
    }
}

fn eol_len(b: &[u8]) -> usize {
    match b {
        [b'\r', b'\n', ..] => 2,
        [b'\r' | b'\n', ..] => 1,
        _ => 0,
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// The number when the bytes before `at` end with `startxref`, white space, digits, white
/// space: the only place a revision's `%%EOF` stands (the same bytes inside a stream do not
/// count).
fn after_startxref(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    while i > 0 && is_space(bytes[i - 1]) {
        i -= 1;
    }
    let digits_end = i;
    while i > 0 && bytes[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == digits_end || digits_end - i > 12 {
        return None;
    }
    let mut j = i;
    while j > 0 && is_space(bytes[j - 1]) {
        j -= 1;
    }
    if j < i && bytes[..j].ends_with(b"startxref") { std::str::from_utf8(&bytes[i..digits_end]).ok()?.parse().ok() } else { None }
}

/// Read the revisions of `bytes`; a file that is not a PDF or is cut short is refused (exit 2).
pub fn revisions(bytes: &[u8]) -> Result<Revisions> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(super::super::refuse("INPUT", "not-pdf", "not a PDF file: no %PDF- in its first 1,024 bytes", "give a PDF"));
    }
    let mut ends = Vec::new();
    let mut startxrefs = Vec::new();
    let mut from = 0;
    while let Some(p) = find(&bytes[from..], b"%%EOF") {
        let at = from + p;
        if let Some(x) = after_startxref(bytes, at) {
            ends.push(at + 5);
            startxrefs.push(x);
        }
        from = at + 5;
    }
    let cut = |what: &str| super::super::refuse("INPUT", "truncated", format!("the PDF is cut short: {what}"), "get the whole file again; a file cut short cannot be judged");
    let Some(&last) = ends.last() else {
        return Err(cut("it has no end of file (startxref … %%EOF)"));
    };
    let rest = &bytes[last..];
    let Some(first) = rest.iter().position(|&c| !is_space(c)) else {
        return Ok(Revisions { ends, trailing: None, startxrefs });
    };
    // What follows the last revision: the start of another one cut short (objects, a
    // cross-reference section, a trailer) makes the file unreadable; anything else is data
    // appended after the end.
    let tail = &rest[first..];
    let starts_revision = tail[0].is_ascii_digit() || [&b"xref"[..], b"trailer", b"startxref"].iter().any(|k| tail.starts_with(k) || k.starts_with(&tail[..tail.len().min(k.len())]));
    if starts_revision {
        return Err(cut("its last incremental update has no %%EOF"));
    }
    Ok(Revisions { ends, trailing: Some(last + first), startxrefs })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_and_tails() {
        let one = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<<>>\nstartxref\n9\n%%EOF\n".to_vec();
        let r = revisions(&one).unwrap();
        assert_eq!(r.ends, vec![one.len() - 1]);
        assert!(r.trailing.is_none());
        assert!(r.is_end(&one, one.len()) && r.is_end(&one, one.len() - 1) && !r.is_end(&one, one.len() - 3));
        // A second revision cut short: unreadable.
        let mut cut = one.clone();
        cut.extend_from_slice(b"2 0 obj\n<< /A 1 >>\nendobj\nxref\n");
        assert!(revisions(&cut).is_err());
        let mut cut2 = one.clone();
        cut2.extend_from_slice(b"2 0 o");
        assert!(revisions(&cut2).is_err());
        // Appended text: trailing data.
        let mut app = one.clone();
        app.extend_from_slice(b"  hello");
        assert_eq!(revisions(&app).unwrap().trailing, Some(one.len() + 2));
        // %%EOF inside a stream is not an end.
        let s = b"%PDF-1.7\n1 0 obj\n<</Length 5>>stream\n%%EOF\nendstream\nendobj\nstartxref\n9\n%%EOF".to_vec();
        assert_eq!(revisions(&s).unwrap().ends, vec![s.len()]);
        assert!(revisions(b"hello").is_err());
        assert!(revisions(&one[..500.min(one.len() - 3)]).is_err());
    }
}

/// Object definitions (`N G obj` at the start of a line) at or after `from` whose offsets no
/// cross-reference section lists: objects a reader that scans the file would show, though the
/// file's own tables do not (an Incremental Saving Attack without a cross-reference section).
pub fn unlisted(bytes: &[u8], from: usize, listed: &std::collections::HashSet<usize>) -> Vec<(lopdf::ObjectId, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < bytes.len() {
        let line_start = i == 0 || matches!(bytes[i - 1], b'\n' | b'\r');
        if line_start && bytes[i].is_ascii_digit() {
            if let Some((id, _)) = header_at(&bytes[i..]) {
                if !listed.contains(&i) {
                    out.push((id, i));
                }
            }
        }
        i += 1;
    }
    out
}

/// `N G obj` at the start of `b`.
fn header_at(b: &[u8]) -> Option<(lopdf::ObjectId, usize)> {
    let digits = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(b);
    if n == 0 || n > 10 {
        return None;
    }
    let mut j = n;
    let sp = b[j..].iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    if sp == 0 {
        return None;
    }
    j += sp;
    let g = digits(&b[j..]);
    if g == 0 || g > 5 {
        return None;
    }
    let gen_end = j + g;
    j = gen_end;
    j += b[j..].iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')).count();
    if !b[j..].starts_with(b"obj") {
        return None;
    }
    let num: u32 = std::str::from_utf8(&b[..n]).ok()?.parse().ok()?;
    let generation: u16 = std::str::from_utf8(&b[gen_end - g..gen_end]).ok()?.parse().ok()?;
    Some(((num, generation), j + 3))
}

/// Where a listed offset's object header really starts (writers may point at white space
/// before it).
pub fn header_start(bytes: &[u8], offset: usize) -> usize {
    let mut i = offset;
    while i < bytes.len() && is_space(bytes[i]) {
        i += 1;
    }
    i
}
