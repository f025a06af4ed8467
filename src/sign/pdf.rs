//! The PDF side of signing and verifying: the signature fields a file has, and the
//! incremental update that fills one (a signature dictionary with a fixed-width ByteRange and
//! a reserved `/Contents`, patched once the CMS is made). Earlier bytes are never rewritten.

use crate::error::{Error, Result};
use lopdf::{Document, Object, ObjectId};

/// A signature field of a file.
#[derive(Debug, Clone)]
pub struct SigField {
    /// Full name (`signer`, `agency`, parent names joined with dots).
    pub name: String,
    /// The field's object.
    pub field: ObjectId,
    /// Its (first) widget's object.
    pub widget: ObjectId,
    /// Page number (1-based), when the widget says.
    pub page: Option<u32>,
    /// The widget's rectangle in PDF space: x0, y0, x1, y1.
    pub rect: [f64; 4],
    /// The signature dictionary (`/V`), when signed.
    pub value: Option<lopdf::Dictionary>,
    /// A text field's value, when filled.
    pub text: Option<String>,
    /// `/TU`, the description.
    pub description: String,
    /// `/DA`, a text field's default appearance.
    pub da: String,
}

fn num(o: &Object) -> f64 {
    o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap_or(0.0)
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// Every signature field, in the AcroForm's order.
pub fn fields(doc: &Document) -> Vec<SigField> {
    fields_of(doc, b"Sig")
}

/// Every text field (`/FT /Tx`): the issuance fields `number`, `day`, `month` among them.
pub fn text_fields(doc: &Document) -> Vec<SigField> {
    fields_of(doc, b"Tx")
}

fn fields_of(doc: &Document, kind: &[u8]) -> Vec<SigField> {
    let mut out = Vec::new();
    let pages: std::collections::HashMap<ObjectId, u32> = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let Some(acro) = acroform(doc) else { return out };
    let Ok(list) = acro.get(b"Fields").map(|f| resolve(doc, f)).and_then(Object::as_array) else { return out };
    for f in list {
        if let Object::Reference(id) = f {
            walk(doc, *id, "", None, kind, &pages, &mut out, 0);
        }
    }
    out
}

/// The catalog's AcroForm dictionary.
pub fn acroform(doc: &Document) -> Option<&lopdf::Dictionary> {
    let root = doc.catalog().ok()?;
    resolve(doc, root.get(b"AcroForm").ok()?).as_dict().ok()
}

fn walk(
    doc: &Document,
    id: ObjectId,
    parent: &str,
    inherited_ft: Option<&[u8]>,
    kind: &[u8],
    pages: &std::collections::HashMap<ObjectId, u32>,
    out: &mut Vec<SigField>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let Ok(dict) = doc.get_dictionary(id) else { return };
    let partial = dict.get(b"T").ok().and_then(|t| lopdf::decode_text_string(t).ok());
    let name = match (&partial, parent.is_empty()) {
        (Some(p), true) => p.clone(),
        (Some(p), false) => format!("{parent}.{p}"),
        (None, _) => parent.to_string(),
    };
    let ft = dict.get(b"FT").ok().and_then(|o| o.as_name().ok()).or(inherited_ft);
    let kids: Vec<ObjectId> = dict
        .get(b"Kids")
        .map(|k| resolve(doc, k))
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
        .unwrap_or_default();
    // Kids that have names are fields; kids without are this field's widgets.
    let named_kids: Vec<ObjectId> = kids.iter().copied().filter(|k| doc.get_dictionary(*k).is_ok_and(|d| d.has(b"T"))).collect();
    if !named_kids.is_empty() {
        for k in named_kids {
            walk(doc, k, &name, ft, kind, pages, out, depth + 1);
        }
        return;
    }
    if ft != Some(kind) {
        return;
    }
    let widget = if dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Widget") { id } else { kids.first().copied().unwrap_or(id) };
    let wdict = doc.get_dictionary(widget).ok();
    let rect = wdict
        .and_then(|w| w.get(b"Rect").ok())
        .map(|r| resolve(doc, r))
        .and_then(|r| r.as_array().ok())
        .filter(|a| a.len() == 4)
        .map(|a| {
            let v: Vec<f64> = a.iter().map(|o| num(resolve(doc, o))).collect();
            [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]
        })
        .unwrap_or([0.0; 4]);
    let page = wdict.and_then(|w| w.get(b"P").ok()).and_then(|p| p.as_reference().ok()).and_then(|p| pages.get(&p).copied()).or_else(|| {
        // No /P: find the page whose /Annots lists the widget.
        doc.get_pages().into_iter().find_map(|(n, pid)| {
            let annots = doc.get_dictionary(pid).ok()?.get(b"Annots").ok()?;
            resolve(doc, annots).as_array().ok()?.iter().any(|a| a.as_reference().ok() == Some(widget)).then_some(n)
        })
    });
    let v = dict.get(b"V").ok().map(|v| resolve(doc, v));
    let value = v.and_then(|v| v.as_dict().ok()).cloned();
    let text = v.and_then(|v| lopdf::decode_text_string(v).ok()).filter(|t| !t.is_empty());
    let string = |k: &[u8]| dict.get(k).ok().or_else(|| wdict.and_then(|w| w.get(k).ok())).and_then(|o| lopdf::decode_text_string(o).ok()).unwrap_or_default();
    let (description, da) = (string(b"TU"), string(b"DA"));
    out.push(SigField { name, field: id, widget, page, rect, value, text, description, da });
}

/// Where the placeholders of a prepared update are in the file.
pub struct Placeholders {
    /// Offset of `/ByteRange`'s `[` and the length up to its `]` included.
    pub byte_range: (usize, usize),
    /// Offset of `/Contents`' `<` and of the byte after its `>`.
    pub contents: (usize, usize),
}

/// Marker numbers of the ByteRange while the file is written (ten digits: any real offset
/// fits in their width).
pub const RANGE_MARK: i64 = 9_999_999_999;

/// Find the signature dictionary's placeholders in what was appended after `from`.
pub fn find_placeholders(bytes: &[u8], from: usize, contents_len: usize) -> Result<Placeholders> {
    let internal = || Error::Internal("the signature placeholder was not found in the update".into());
    let tail = &bytes[from..];
    let zeros = vec![b'0'; contents_len * 2];
    let mut pat = vec![b'<'];
    pat.extend_from_slice(&zeros);
    pat.push(b'>');
    let c = find(tail, &pat).ok_or_else(internal)? + from;
    let key = find(tail, b"/ByteRange").ok_or_else(internal)? + from;
    let open = key + find(&bytes[key..], b"[").ok_or_else(internal)?;
    let close = open + find(&bytes[open..], b"]").ok_or_else(internal)?;
    Ok(Placeholders { byte_range: (open, close + 1 - open), contents: (c, c + pat.len()) })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Write the real ByteRange over its placeholder (same width, padded with spaces); the
/// ByteRange itself.
pub fn patch_byte_range(bytes: &mut [u8], p: &Placeholders) -> Result<[usize; 4]> {
    let range = [0, p.contents.0, p.contents.1, bytes.len() - p.contents.1];
    let mut text = format!("[{} {} {} {}]", range[0], range[1], range[2], range[3]).into_bytes();
    if text.len() > p.byte_range.1 {
        return Err(Error::Internal("the ByteRange does not fit its placeholder".into()));
    }
    let close = text.pop().unwrap_or(b']');
    text.resize(p.byte_range.1 - 1, b' ');
    text.push(close);
    bytes[p.byte_range.0..p.byte_range.0 + p.byte_range.1].copy_from_slice(&text);
    Ok(range)
}

/// Write the CMS (hex, zero-padded) into the reserved `/Contents`.
pub fn patch_contents(bytes: &mut [u8], p: &Placeholders, cms: &[u8]) -> Result<()> {
    let room = (p.contents.1 - p.contents.0 - 2) / 2;
    if cms.len() > room {
        return Err(Error::Internal(format!("the signature ({} bytes) is larger than the {room} bytes reserved", cms.len())));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    bytes[p.contents.0 + 1..p.contents.0 + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}

/// `D:YYYYMMDDHHmmSS+HH'mm'` for a time with its offset.
pub fn pdf_date(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!("D:{}{sign}{:02}'{:02}'", t.format("%Y%m%d%H%M%S"), off / 3600, off % 3600 / 60)
}

/// A PDF date (`D:…`) as ISO 8601, when it can be read.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let part = |a: usize, b: usize, d: &str| digits.get(a..b).unwrap_or(d).to_string();
    let (y, mo, d, h, mi, se) = (part(0, 4, "0000"), part(4, 6, "01"), part(6, 8, "01"), part(8, 10, "00"), part(10, 12, "00"), part(12, 14, "00"));
    let rest = &s[digits.len()..];
    let zone = match rest.chars().next() {
        Some('Z') | None => "Z".to_string(),
        Some(c @ ('+' | '-')) => {
            let z: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            format!("{c}{}:{}", z.get(0..2).unwrap_or("00"), z.get(2..4).unwrap_or("00"))
        }
        _ => "Z".to_string(),
    };
    Some(format!("{y}-{mo}-{d}T{h}:{mi}:{se}{zone}"))
}
