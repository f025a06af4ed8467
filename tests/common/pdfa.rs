//! What post-processing and signing can break in a PDF/A file, checked on the final bytes
//! (veraPDF is not installable here): identification and output intent, embedded fonts,
//! printable annotations with only a normal appearance, an /ID in every trailer, Info and
//! XMP in agreement, no transparency.

use lopdf::{Document, Object};

fn trailers(bytes: &[u8]) -> Vec<String> {
    // Every "trailer" dictionary of a classic xref section, and every xref stream's dictionary.
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for (i, _) in text.match_indices("trailer") {
        let rest = &text[i..];
        let end = rest.find("startxref").unwrap_or(rest.len().min(2000));
        out.push(rest[..end].to_string());
    }
    for (i, _) in text.match_indices("/Type/XRef").chain(text.match_indices("/Type /XRef")) {
        let start = text[..i].rfind("<<").unwrap_or(i);
        let end = text[i..].find("stream").map(|e| i + e).unwrap_or(text.len());
        out.push(text[start..end].to_string());
    }
    out
}

fn xmp(doc: &Document) -> String {
    let Ok(root) = doc.catalog() else { return String::new() };
    let Ok(r) = root.get(b"Metadata").and_then(Object::as_reference) else { return String::new() };
    let Ok(s) = doc.get_object(r).and_then(Object::as_stream) else { return String::new() };
    String::from_utf8_lossy(&s.decompressed_content().unwrap_or_else(|_| s.content.clone())).into_owned()
}

/// A property of the XMP, as an element (`<pdf:Producer>x</pdf:Producer>`) or an attribute
/// (`pdf:Producer="x"`, as pyHanko writes it).
fn tag(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let Some(i) = xml.find(&open) else {
        let attr = format!(" {name}=\"");
        let i = xml.find(&attr)? + attr.len();
        return Some(xml[i..i + xml[i..].find('"')?].to_string());
    };
    let start = i + xml[i..].find('>')? + 1;
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    let inner = &xml[start..end];
    // dc:title holds an rdf:Alt; take the text of its first rdf:li.
    let inner = match inner.find("<rdf:li") {
        Some(li) => {
            let s = li + inner[li..].find('>')? + 1;
            &inner[s..s + inner[s..].find("</rdf:li>")?]
        }
        None => inner,
    };
    Some(inner.trim().to_string())
}

fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok()?;
    let d = doc.get_dictionary(info).ok()?;
    let o = d.get(key).ok()?;
    lopdf::decode_text_string(o).ok()
}

/// "D:20201005000000+07'00'" → "2020-10-05T00:00:00+07:00".
fn pdf_date(s: &str) -> String {
    let s = s.trim_start_matches("D:");
    let d = |a: usize, b: usize| s.get(a..b).unwrap_or("00").to_string();
    let tz = s.get(14..).unwrap_or("Z").replace('\'', "");
    let tz = if tz.len() == 5 { format!("{}:{}", &tz[..3], &tz[3..]) } else { tz };
    format!("{}-{}-{}T{}:{}:{}{}", d(0, 4), d(4, 6), d(6, 8), d(8, 10), d(10, 12), d(12, 14), if tz.is_empty() { "Z".into() } else { tz })
}

fn same_time(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace("Z", "+00:00").chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (a, b) = (norm(a), norm(b));
    // XMP may give fractions of a second; the Info date has none.
    let strip = |s: &str| match (s.find('.'), s.rfind(['+', '-'])) {
        (Some(dot), Some(tz)) if tz > dot => format!("{}{}", &s[..dot], &s[tz..]),
        _ => s.to_string(),
    };
    strip(&a) == strip(&b)
}

/// Every problem found; empty when the file keeps its PDF/A promises.
pub fn problems(bytes: &[u8], part: &str) -> Vec<String> {
    let mut out = Vec::new();
    let doc = Document::load_mem(bytes).expect("readable PDF");
    let meta = xmp(&doc);
    if !meta.contains(&format!("<pdfaid:part>{part}</pdfaid:part>")) && !meta.contains(&format!("pdfaid:part=\"{part}\"")) {
        out.push(format!("no pdfaid:part {part} in the XMP"));
    }
    let catalog = doc.catalog().expect("catalog");
    if catalog.get(b"OutputIntents").is_err() {
        out.push("no OutputIntents".into());
    }
    if catalog.get(b"AcroForm").and_then(|a| match a {
        Object::Dictionary(d) => Ok(d.clone()),
        Object::Reference(r) => doc.get_dictionary(*r).cloned(),
        _ => Err(lopdf::Error::DictKey("AcroForm".into())),
    }).is_ok_and(|a| a.get(b"NeedAppearances").and_then(Object::as_bool).unwrap_or(false))
    {
        out.push("NeedAppearances true".into());
    }
    for (id, obj) in &doc.objects {
        let Ok(d) = obj.as_dict().or_else(|_| obj.as_stream().map(|s| &s.dict)) else { continue };
        let ty = d.get(b"Type").and_then(Object::as_name).ok();
        if ty == Some(b"FontDescriptor") && !(d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3")) {
            out.push(format!("font not embedded: {id:?}"));
        }
        if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font") && d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type1")
            && !d.has(b"FontDescriptor")
        {
            out.push(format!("a standard 14 font, not embedded: {id:?}"));
        }
        if d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Widget") || ty == Some(b"Annot") {
            if d.get(b"F").and_then(Object::as_i64).unwrap_or(0) & 4 == 0 {
                out.push(format!("annotation {id:?} not printable"));
            }
            if d.get(b"F").and_then(Object::as_i64).unwrap_or(0) & (1 | 2 | 32) != 0 {
                out.push(format!("annotation {id:?} hidden"));
            }
            let ap = d.get(b"AP").ok().and_then(|a| match a {
                Object::Dictionary(x) => Some(x.clone()),
                Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
                _ => None,
            });
            match ap {
                Some(ap) if ap.has(b"N") && !ap.has(b"R") && !ap.has(b"D") => {}
                _ => out.push(format!("annotation {id:?} without /AP with only /N")),
            }
            if d.has(b"A") || d.has(b"AA") {
                out.push(format!("annotation {id:?} has actions"));
            }
        }
        if d.get(b"S").and_then(Object::as_name).ok() == Some(b"Transparency") {
            out.push(format!("transparency group {id:?}"));
        }
        if ty == Some(b"ExtGState") {
            for k in [b"CA".as_slice(), b"ca".as_slice()] {
                if d.get(k).and_then(|o| o.as_float()).is_ok_and(|v| v < 1.0) {
                    out.push(format!("ExtGState {id:?} with alpha below 1"));
                }
            }
        }
        if d.has(b"JS") || d.get(b"S").and_then(Object::as_name).ok() == Some(b"JavaScript") {
            out.push(format!("JavaScript in {id:?}"));
        }
    }
    let ts = trailers(bytes);
    if ts.is_empty() {
        out.push("no trailer found".into());
    }
    for t in &ts {
        if !t.contains("/ID") {
            out.push("a trailer without /ID".into());
        }
    }
    // Info and XMP agree.
    for (key, xmp_tag) in [(b"Producer".as_slice(), "pdf:Producer"), (b"Title".as_slice(), "dc:title"), (b"Creator".as_slice(), "xmp:CreatorTool")] {
        let info = info_string(&doc, key);
        let x = tag(&meta, xmp_tag);
        if info.is_some() && info != x {
            out.push(format!("Info /{} {:?} vs XMP {xmp_tag} {:?}", String::from_utf8_lossy(key), info, x));
        }
    }
    for (key, xmp_tag) in [(b"CreationDate".as_slice(), "xmp:CreateDate"), (b"ModDate".as_slice(), "xmp:ModifyDate")] {
        if let Some(info) = info_string(&doc, key) {
            match tag(&meta, xmp_tag) {
                Some(x) if same_time(&pdf_date(&info), &x) => {}
                x => out.push(format!("Info /{} {info} vs XMP {xmp_tag} {x:?}", String::from_utf8_lossy(key))),
            }
        }
    }
    out
}
