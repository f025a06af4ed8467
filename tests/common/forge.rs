//! Files a forger makes from a signed PDF, written by hand as the published attacks describe
//! them (Mladenov et al. 2019; Mainka et al. 2021): incremental updates with or without a
//! cross-reference section, redefined objects, relocated signed bytes.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// An object as PDF syntax (dictionaries, arrays, names, numbers, strings as hex; streams are
/// written with [`stream`]).
pub fn ser(o: &Object) -> Vec<u8> {
    match o {
        Object::Null => b"null".to_vec(),
        Object::Boolean(b) => b.to_string().into_bytes(),
        Object::Integer(i) => i.to_string().into_bytes(),
        Object::Real(r) => format!("{r}").into_bytes(),
        Object::Name(n) => {
            let mut v = vec![b'/'];
            for &c in n {
                if c.is_ascii_alphanumeric() || b"-_.+".contains(&c) { v.push(c) } else { v.extend(format!("#{c:02X}").bytes()) }
            }
            v
        }
        Object::String(s, _) => format!("<{}>", s.iter().map(|b| format!("{b:02X}")).collect::<String>()).into_bytes(),
        Object::Array(a) => {
            let mut v = b"[".to_vec();
            for x in a {
                v.extend(ser(x));
                v.push(b' ');
            }
            v.push(b']');
            v
        }
        Object::Dictionary(d) => {
            let mut v = b"<<".to_vec();
            for (k, x) in d.iter() {
                v.extend(ser(&Object::Name(k.clone())));
                v.push(b' ');
                v.extend(ser(x));
                v.push(b' ');
            }
            v.extend(b">>");
            v
        }
        Object::Reference((n, g)) => format!("{n} {g} R").into_bytes(),
        Object::Stream(s) => stream(&String::from_utf8_lossy(&ser(&Object::Dictionary(s.dict.clone()))).trim_start_matches("<<").trim_end_matches(">>").replace("/Length", "/OldLength"), &s.content),
    }
}

/// A stream object's text.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// The last `startxref` value of a file.
pub fn startxref(pdf: &[u8]) -> usize {
    let at = pdf.windows(9).rposition(|w| w == b"startxref").unwrap() + 9;
    let s: String = pdf[at..].iter().map(|&b| b as char).skip_while(|c| c.is_whitespace()).take_while(char::is_ascii_digit).collect();
    s.parse().unwrap()
}

/// The file's objects, its catalog and its size.
pub fn load(pdf: &[u8]) -> (Document, ObjectId, u32) {
    let doc = Document::load_mem(pdf).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(doc.max_id as i64 + 1) as u32;
    (doc, root, size)
}

/// `pdf` with an incremental update holding `objects` (number, body); with `xref`, the
/// update has its own cross-reference table and points at it, else its trailer points at the
/// old table (objects that only a reader scanning the file would see).
pub fn update(pdf: &[u8], objects: &[(u32, Vec<u8>)], xref: bool) -> Vec<u8> {
    let (doc, root, size) = load(pdf);
    let prev = startxref(pdf);
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets = Vec::new();
    for (n, body) in objects {
        offsets.push((*n, out.len()));
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let size = size.max(objects.iter().map(|(n, _)| n + 1).max().unwrap_or(0));
    let info = doc.trailer.get(b"Info").ok().and_then(|i| i.as_reference().ok()).map(|(n, g)| format!(" /Info {n} {g} R")).unwrap_or_default();
    let trailer = format!("<< /Size {size} /Root {} {} R{info} /Prev {prev} >>", root.0, root.1);
    if xref {
        let at = out.len();
        offsets.sort();
        out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
        for (n, off) in &offsets {
            out.extend_from_slice(format!("{n} 1\n{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(format!("trailer\n{trailer}\nstartxref\n{at}\n%%EOF\n").as_bytes());
    } else {
        out.extend_from_slice(format!("trailer\n{trailer}\nstartxref\n{prev}\n%%EOF\n").as_bytes());
    }
    out
}

/// An update of only a cross-reference section and trailer: object `n` now at `offset`.
pub fn xref_only(pdf: &[u8], entries: &[(u32, usize)]) -> Vec<u8> {
    let (_, root, size) = load(pdf);
    let prev = startxref(pdf);
    let mut out = pdf.to_vec();
    let at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (n, off) in entries {
        out.extend_from_slice(format!("{n} 1\n{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} /Root {} {} R /Prev {prev} >>\nstartxref\n{at}\n%%EOF\n", root.0, root.1).as_bytes());
    out
}

/// A dictionary object of `doc` changed by `f`, as text.
pub fn changed(doc: &Document, id: ObjectId, f: impl FnOnce(&mut Dictionary)) -> Vec<u8> {
    let mut d = doc.get_dictionary(id).unwrap().clone();
    f(&mut d);
    ser(&Object::Dictionary(d))
}

/// The first page's object and its first content stream's object.
pub fn page_one(doc: &Document) -> (ObjectId, ObjectId) {
    let page = *doc.get_pages().get(&1).unwrap();
    let content = doc.get_page_contents(page)[0];
    (page, content)
}

/// The object number and byte span of the signature dictionary whose `/Contents` is the
/// last in the file (the newest signature): (object, gap start, gap end).
pub fn last_signature(pdf: &[u8]) -> (u32, usize, usize) {
    let a = pdf.windows(10).rposition(|w| w == b"/Contents<").unwrap() + 9;
    let b = a + pdf[a..].iter().position(|&c| c == b'>').unwrap() + 1;
    let obj_at = pdf[..a].windows(6).rposition(|w| w == b" 0 obj").unwrap();
    let start = pdf[..obj_at].iter().rposition(|c| !c.is_ascii_digit()).unwrap() + 1;
    let n: u32 = std::str::from_utf8(&pdf[start..obj_at]).unwrap().parse().unwrap();
    (n, a, b)
}
