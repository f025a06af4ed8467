//! A signature's `/ByteRange` against the bytes: it starts at 0, its gap is exactly its own
//! `/Contents` hex string inside its own dictionary, and it ends a revision. What Universal
//! Signature Forgery and Signature Wrapping change is caught here.

use super::file::Revisions;
use super::report::{FieldReport, Note};
use lopdf::{Dictionary, Document, ObjectId};

/// The ByteRange read and checked: the two signed parts, and where the signed revision ends.
pub struct Range {
    /// [start, length] of each signed part.
    pub parts: [(usize, usize); 2],
    /// The end of the signed bytes.
    pub end: usize,
    /// Whether that end is a revision's end.
    pub ends_revision: bool,
}

fn bad_range(r: &mut FieldReport, en: String, vi: String) {
    r.reason(Note::new("byte-range", en, vi));
}

/// Read `/ByteRange` and `/Contents` of `v` and check them against `bytes`; `None` when
/// nothing can be verified.
pub fn check(bytes: &[u8], v: &Dictionary, revisions: &Revisions, r: &mut FieldReport) -> Option<(Range, Vec<u8>)> {
    let Some(arr) = v.get(b"ByteRange").ok().and_then(|b| b.as_array().ok()) else {
        bad_range(r, "the signature has no /ByteRange".into(), "chữ ký không có /ByteRange".into());
        return None;
    };
    let nums: Vec<i64> = arr.iter().filter_map(|o| o.as_i64().ok()).collect();
    let Some(contents) = v.get(b"Contents").ok().and_then(|c| c.as_str().ok()).map(<[u8]>::to_vec) else {
        r.reason(Note::new("contents", "the signature has no /Contents string", "chữ ký không có chuỗi /Contents"));
        return None;
    };
    let fits = nums.len() == 4 && arr.len() == 4 && nums.iter().all(|&x| x >= 0) && {
        let n: Vec<usize> = nums.iter().map(|&x| x as usize).collect();
        n[0].checked_add(n[1]).is_some_and(|a| a <= n[2]) && n[2].checked_add(n[3]).is_some_and(|e| e <= bytes.len())
    };
    if !fits {
        bad_range(r, format!("the ByteRange {nums:?} does not fit the file ({} bytes)", bytes.len()), format!("ByteRange {nums:?} không khớp với tệp ({} byte)", bytes.len()));
        return None;
    }
    let n: Vec<usize> = nums.iter().map(|&x| x as usize).collect();
    if n[0] != 0 {
        bad_range(r, format!("the ByteRange starts at byte {}, not at the file's start", n[0]), format!("ByteRange bắt đầu tại byte {}, không phải đầu tệp", n[0]));
    }
    let (a, b) = (n[0] + n[1], n[2]);
    let gap = &bytes[a..b];
    // The gap must be exactly one hex string, and that string must be this dictionary's
    // /Contents: nothing unsigned may hide in it.
    let hex_ok = gap.len() >= 2 && gap[0] == b'<' && gap[gap.len() - 1] == b'>' && gap[1..gap.len() - 1].iter().all(u8::is_ascii_hexdigit);
    if !hex_ok {
        bad_range(r, format!("the ByteRange's gap (bytes {a}–{b}) is not a hex string"), format!("khoảng trống của ByteRange (byte {a}–{b}) không phải là một chuỗi hex"));
    } else if decode_hex(&gap[1..gap.len() - 1]) != contents {
        bad_range(r, format!("the ByteRange's gap (bytes {a}–{b}) is not this signature's /Contents"), format!("khoảng trống của ByteRange (byte {a}–{b}) không phải là /Contents của chữ ký này"));
    } else if !trim_end(&bytes[..a]).ends_with(b"/Contents") {
        bad_range(r, "the ByteRange's gap does not follow the /Contents key".into(), "khoảng trống của ByteRange không đứng sau khóa /Contents".into());
    }
    let end = n[2] + n[3];
    let ends_revision = revisions.is_end(bytes, end);
    if !ends_revision {
        r.reason(Note::new(
            "revision",
            format!("the signed bytes end at byte {end}, which is not the end of a revision (%%EOF)"),
            format!("phần đã ký kết thúc tại byte {end}, không phải cuối một lần cập nhật (%%EOF)"),
        ));
    }
    Some((Range { parts: [(n[0], n[1]), (n[2], n[3])], end, ends_revision }, contents))
}

/// Check that the dictionary in object `holder` of the signed revision `doc` (loaded from
/// `bytes[..end]`) spans the gap and names `/Contents` and `/ByteRange` once.
pub fn check_holder(bytes: &[u8], doc: &Document, holder: ObjectId, range: &Range, r: &mut FieldReport) {
    let Some(start) = object_offset(doc, holder) else {
        r.reason(Note::new(
            "byte-range",
            format!("the signature dictionary (object {} {}) is not in the signed revision as a plain object", holder.0, holder.1),
            format!("từ điển chữ ký (đối tượng {} {}) không nằm trong phần đã ký như một đối tượng thường", holder.0, holder.1),
        ));
        return;
    };
    let (gap_start, gap_end) = (range.parts[0].1, range.parts[1].0);
    let Some(stop) = bytes.get(start..range.end).and_then(|b| find(b, b"endobj")).map(|p| start + p) else {
        return bad_range(r, "the signature dictionary has no end (endobj)".into(), "từ điển chữ ký không có điểm kết thúc (endobj)".into());
    };
    if !(start < gap_start && gap_end <= stop) {
        return bad_range(
            r,
            format!("the ByteRange's gap (bytes {gap_start}–{gap_end}) lies outside the signature dictionary (bytes {start}–{stop})"),
            format!("khoảng trống của ByteRange (byte {gap_start}–{gap_end}) nằm ngoài từ điển chữ ký (byte {start}–{stop})"),
        );
    }
    let before = &bytes[start..gap_start];
    let after = &bytes[gap_end..stop];
    let count = |key: &[u8]| count_key(before, key) + count_key(after, key);
    if count(b"/Contents") != 1 {
        r.reason(Note::new("contents", "the signature dictionary names /Contents more than once", "từ điển chữ ký có hơn một khóa /Contents"));
    }
    if count(b"/ByteRange") != 1 {
        bad_range(r, "the signature dictionary names /ByteRange more than once".into(), "từ điển chữ ký có hơn một khóa /ByteRange".into());
    }
}

/// Where object `id` starts in the file, from the revision's cross-reference data.
fn object_offset(doc: &Document, id: ObjectId) -> Option<usize> {
    match doc.reference_table.get(id.0)? {
        lopdf::xref::XrefEntry::Normal { offset, generation } if *generation == id.1 => Some(*offset as usize),
        _ => None,
    }
}

/// Occurrences of a name as a key (not a prefix of a longer name).
fn count_key(hay: &[u8], key: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find(&hay[i..], key) {
        let after = hay.get(i + p + key.len()).copied();
        if !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
            n += 1;
        }
        i += p + key.len();
    }
    n
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_end(b: &[u8]) -> &[u8] {
    let mut e = b.len();
    while e > 0 && matches!(b[e - 1], b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0') {
        e -= 1;
    }
    &b[..e]
}

fn decode_hex(h: &[u8]) -> Vec<u8> {
    let v = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
    let mut out: Vec<u8> = h.chunks(2).map(|p| (v(p[0]) << 4) | p.get(1).map_or(0, |&c| v(c))).collect();
    if h.len() % 2 == 1 {
        // An odd last digit stands for d0 (ISO 32000 §7.3.4.3); chunks already did that.
        out.truncate(h.len().div_ceil(2));
    }
    out
}
