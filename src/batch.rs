//! Many documents in one stream: NDJSON lines read one at a time within a limit, and the
//! output names given to them. Shared by `vanban batch` and `POST /v1/batch`.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

pub enum Line {
    /// Only white space.
    Blank,
    /// A document.
    Json(Vec<u8>),
    /// A line over the limit, by its length.
    TooLong(usize),
}

/// One line of at most `limit` bytes (without its end of line); a longer line is skipped to
/// its end and reported by its length, never held whole.
pub fn read_line(reader: &mut dyn BufRead, limit: usize) -> std::io::Result<Option<Line>> {
    let mut buf = Vec::new();
    let mut len = 0usize;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        let newline = done > part.len();
        len += part.len();
        if len <= limit {
            buf.extend_from_slice(part);
        }
        reader.consume(done);
        if newline {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if len > limit {
        return Ok(Some(Line::TooLong(len)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(if buf.iter().all(u8::is_ascii_whitespace) { Line::Blank } else { Line::Json(buf) }))
}

/// Output names given so far: a name taken before gets "-2", "-3", … (the first suffix no
/// other document has taken).
#[derive(Default)]
pub struct Names {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Names {
    pub fn unique(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let k = self.next.entry(name.clone()).or_insert(1);
        loop {
            *k += 1;
            let candidate = format!("{name}-{k}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

pub fn safe(name: &str) -> String {
    name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '-' } else { c }).collect::<String>().trim_matches('.').to_string()
}

/// An NDJSON document's output name: `meta.output`, else `<line>-<number>-<symbol>` read from
/// the raw JSON (the document is parsed and validated once, when it is rendered).
pub fn ndjson_name(line_no: usize, bytes: &[u8]) -> String {
    match name_of(bytes) {
        Some((name, true)) => name,
        Some((name, false)) => safe(&format!("{line_no}-{name}")),
        None => line_no.to_string(),
    }
}

/// A document's output name alone: `meta.output`, else `<number>-<symbol>` (what the
/// service calls its file).
pub fn document_name(bytes: &[u8]) -> Option<String> {
    name_of(bytes).map(|(n, own)| if own { n } else { safe(&n) })
}

/// The name, and whether it is the document's own `meta.output` (already safe; the other
/// is made safe by the caller, after any prefix).
fn name_of(bytes: &[u8]) -> Option<(String, bool)> {
    let v = serde_json::from_slice::<serde_json::Value>(bytes).ok()?;
    if let Some(s) = v.pointer("/meta/output").and_then(|o| o.as_str()).map(safe).filter(|s| !s.is_empty()) {
        return Some((s, true));
    }
    let text = |p: &str| v.pointer(p).and_then(|x| x.as_str());
    let ty = text("/type").and_then(crate::nd30::types::by_slug)?;
    let code = text("/issuer/code")?;
    let sym = crate::nd30::symbol::symbol(ty, code, text("/unit"), text("/symbol"));
    let num = v.pointer("/number").and_then(|n| n.as_u64()).map(|n| format!("{n:02}-")).unwrap_or_default();
    Some((format!("{num}{sym}"), false))
}
