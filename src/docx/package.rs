//! The package step: what docx-rs cannot write, filled in after packing, without forking it.
//!
//! - `docProps/core.xml`: title, creator, subject, language, dates from the document;
//! - `word/styles.xml`: language vi-VN in the document defaults;
//! - `<w:tblHeader/>` on marked table header rows;
//! - U+2011 (Word's non-breaking hyphen, U+001E in its plain text) as `<w:noBreakHyphen/>`,
//!   which Word and LibreOffice draw with the run's own font (Liberation Serif lacks U+2011);
//! - what the OOXML schema refuses in docx-rs's XML, and a theme part ([`schema`]);
//! - a style on the empty paragraph docx-rs writes to close a section;
//! - `w14:paraId` / `w14:textId` numbered per document (docx-rs counts per thread), so the
//!   same input gives the same bytes in any process;
//! - children of `pPr`, `rPr`, `sectPr`, `tblPr`, `tcPr` in ECMA-376 schema order (docx-rs
//!   writes some out of order; Word is stricter than LibreOffice);
//! - parts of 1 KB and more deflated (level 1), smaller ones stored; entries dated 1980-01-01
//!   (zip's default), in a fixed order.

use super::body::HEADER_ROW_MARK;
use super::schema;
use crate::doc::Doc;
use crate::error::{Error, Result};
use std::io::{Cursor, Read, Write};

const P_PR: &[&str] = &[
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
    "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
];
const R_PR: &[&str] = &[
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss",
    "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
];
const SECT_PR: &[&str] = &[
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
    "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
    "docGrid", "printerSettings",
];
const TBL_PR: &[&str] = &[
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
];
const BORDERS: &[&str] = &["top", "left", "start", "bottom", "right", "end", "between", "bar", "insideH", "insideV", "tl2br", "tr2bl"];
const TC_PR: &[&str] = &[
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark",
];
const STYLE: &[&str] = &[
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
    "tblPr", "trPr", "tcPr", "tblStylePr",
];

/// Apply the package step to a packed DOCX.
pub fn finish(packed: Vec<u8>, doc: &Doc) -> Result<Vec<u8>> {
    let err = |e: zip::result::ZipError| Error::Internal(format!("DOCX package: {e}"));
    let mut zin = zip::ZipArchive::new(Cursor::new(packed)).map_err(err)?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(err)?;
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).map_err(|e| Error::Internal(format!("DOCX package: {e}")))?;
        parts.push((f.name().to_string(), buf));
    }
    let mut ids = 0u32;
    if let Some(at) = parts.iter().position(|p| p.0 == "word/styles.xml") {
        parts.insert(at + 1, (schema::THEME_PART.to_string(), schema::theme(&doc.style.font.docx).into_bytes()));
    }
    media_types(&mut parts);
    let mut drawings = 0u32;
    for (name, bytes) in parts.iter_mut() {
        match name.as_str() {
            "docProps/core.xml" => *bytes = core_xml(doc).into_bytes(),
            "[Content_Types].xml" => *bytes = schema::with_theme_content_type(&String::from_utf8_lossy(bytes)).into_bytes(),
            "word/_rels/document.xml.rels" => *bytes = schema::with_theme_relationship(&String::from_utf8_lossy(bytes)).into_bytes(),
            _ => {}
        }
        if name == "docProps/core.xml" || name == schema::THEME_PART {
            continue;
        }
        if !name.starts_with("word/") || !name.ends_with(".xml") {
            continue;
        }
        let mut xml = String::from_utf8_lossy(bytes).into_owned();
        if name == "word/styles.xml" {
            xml = xml.replacen("<w:rPrDefault><w:rPr>", "<w:rPrDefault><w:rPr><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" />", 1);
        }
        xml = xml.replace(HEADER_ROW_MARK, "<w:tblHeader />");
        if xml.contains(NO_BREAK_HYPHEN) {
            xml = no_break_hyphens(&xml);
        }
        if xml.contains("<w:gridCol ") {
            xml = schema::grid_columns(&xml);
        }
        if name == "word/styles.xml" || name == "word/numbering.xml" {
            xml = schema::hoist_mark_run_properties(&xml);
        }
        if name == "word/settings.xml" {
            if doc.style.duplex {
                // Printed on both sides: Word mirrors the margins of even pages.
                xml = xml.replacen("</w:settings>", "<w:mirrorMargins /></w:settings>", 1);
            }
            xml = reorder(&xml, "w:settings", schema::SETTINGS);
        }
        // docx-rs closes a section with an unstyled empty paragraph: make it as small as can be.
        xml = xml.replace("<w:pPr><w:sectPr>", &format!("<w:pPr><w:pStyle w:val=\"{}\" /><w:sectPr>", super::styles::SECTION_END));
        xml = renumber(&xml, "w14:paraId=\"", &mut ids);
        if xml.contains("<wp:docPr id=\"") {
            xml = number_drawings(&xml, &mut drawings);
        }
        xml = renumber(&xml, "w14:textId=\"", &mut ids);
        for (tag, order) in [("w:rPr", R_PR), ("w:pPr", P_PR), ("w:sectPr", SECT_PR), ("w:tblPr", TBL_PR), ("w:tcPr", TC_PR), ("w:style", STYLE), ("w:pBdr", BORDERS), ("w:tblBorders", BORDERS), ("w:tcBorders", BORDERS)] {
            xml = reorder(&xml, tag, order);
        }
        *bytes = xml.into_bytes();
    }
    let mut out = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        // Each deflated entry sets up a fresh compressor (hundreds of KB cleared): parts under
        // 1 KB are stored as they are, the rest deflated at level 1, which costs a quarter of
        // level 6 and makes the file only slightly larger.
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in &parts {
            let opts = if bytes.len() < 1024 { stored } else { deflated };
            z.start_file(name.as_str(), opts).map_err(err)?;
            z.write_all(bytes).map_err(|e| Error::Internal(format!("DOCX package: {e}")))?;
        }
        z.finish().map_err(err)?;
    }
    Ok(out.into_inner())
}

const NO_BREAK_HYPHEN: char = crate::model::chars::NO_BREAK_HYPHEN;

/// Every U+2011 inside a `w:t` as Word's own `<w:noBreakHyphen/>` between two texts of the run.
fn no_break_hyphens(xml: &str) -> String {
    const OPEN: &str = "<w:t xml:space=\"preserve\">";
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(i) = rest.find(OPEN) {
        let start = i + OPEN.len();
        let Some(len) = rest[start..].find("</w:t>") else { break };
        out.push_str(&rest[..start]);
        out.push_str(&rest[start..start + len].replace(NO_BREAK_HYPHEN, &format!("</w:t><w:noBreakHyphen />{OPEN}")));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn core_xml(doc: &Doc) -> String {
    let (y, m, d) = doc.meta.date;
    let date = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>vi-VN</dc:language><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#,
        esc(&doc.meta.title),
        esc(&doc.meta.subject),
        esc(&doc.meta.author),
        esc(&doc.meta.author)
    )
}

/// docx-rs names every picture `.png`: a JPEG's part is renamed `.jpeg`, with its content
/// type and relationship, so that readers need not sniff it.
fn media_types(parts: &mut [(String, Vec<u8>)]) {
    let mut renamed = Vec::new();
    for (name, bytes) in parts.iter_mut() {
        if let Some(stem) = name.strip_prefix("word/media/").and_then(|n| n.strip_suffix(".png")) {
            if bytes.starts_with(&[0xFF, 0xD8]) {
                renamed.push(stem.to_string());
                *name = format!("word/media/{stem}.jpeg");
            }
        }
    }
    if renamed.is_empty() {
        return;
    }
    for (name, bytes) in parts.iter_mut() {
        let xml = String::from_utf8_lossy(bytes);
        let fixed = match name.as_str() {
            "[Content_Types].xml" if !xml.contains("Extension=\"jpeg\"") => xml.replacen("<Default ", "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\" /><Default ", 1),
            n if n.ends_with(".rels") => renamed.iter().fold(xml.into_owned(), |x, s| x.replace(&format!("media/{s}.png\""), &format!("media/{s}.jpeg\""))),
            _ => continue,
        };
        *bytes = fixed.into_bytes();
    }
}

/// Number the drawings' `wp:docPr` ids 1, 2, … (docx-rs gives each the id 1; Word wants
/// them unique).
fn number_drawings(xml: &str, n: &mut u32) -> String {
    count_values(xml, "<wp:docPr id=\"", n, |k| k.to_string())
}

/// Replace every `attr"XXXXXXXX"` value with a per-document counter (8 hex digits, below
/// 0x80000000 as Word requires).
fn renumber(xml: &str, attr: &str, n: &mut u32) -> String {
    count_values(xml, attr, n, |k| format!("{k:08X}"))
}

/// Replace the value after every `attr` (up to the next quote) with the next count, shown so.
fn count_values(xml: &str, attr: &str, n: &mut u32, show: impl Fn(u32) -> String) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(attr) {
        let start = i + attr.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map(|e| start + e).unwrap_or(rest.len());
        *n += 1;
        out.push_str(&show(*n));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The local name of the element a tag at `s[0] == '<'` opens, and whether it closes itself.
fn tag_at(s: &str) -> Option<(&str, usize, bool, bool)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let closing = inner.starts_with('/');
    let self_closing = inner.ends_with('/');
    let name = inner.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next()?;
    Some((name, end + 1, closing, self_closing))
}

/// Sort the direct children of every `<tag>…</tag>` by `order` (stable; unknown ones last).
fn reorder(xml: &str, tag: &str, order: &[&str]) -> String {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    // One scan for "<tag" followed by '>', ' ' or '/' (not "<tagX"): searching for "<tag>"
    // and "<tag " separately re-read the whole rest of the part each time one was missing.
    let mut from = 0;
    loop {
        let Some(i) = rest[from..].find(&open).map(|i| from + i) else { break };
        if !matches!(rest.as_bytes().get(i + open.len()), Some(b'>' | b' ' | b'/')) {
            from = i + open.len();
            continue;
        }
        from = 0;
        let head_end = match rest[i..].find('>') {
            Some(e) => i + e + 1,
            None => break,
        };
        if rest[..head_end].ends_with("/>") {
            out.push_str(&rest[..head_end]);
            rest = &rest[head_end..];
            continue;
        }
        let Some(body_len) = rest[head_end..].find(&close) else { break };
        let body = &rest[head_end..head_end + body_len];
        out.push_str(&rest[..head_end]);
        out.push_str(&sort_children(body, order));
        out.push_str(&close);
        rest = &rest[head_end + body_len + close.len()..];
    }
    out.push_str(rest);
    out
}

fn sort_children(body: &str, order: &[&str]) -> String {
    let mut children: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let Some(lt) = body[i..].find('<') else { break };
        let start = i + lt;
        let Some((name, len, closing, selfc)) = tag_at(&body[start..]) else { break };
        if closing {
            // Unbalanced: leave the body as it is.
            return body.to_string();
        }
        let local = name.split(':').next_back().unwrap_or(name);
        let mut end = start + len;
        if !selfc {
            // Find the matching close, counting nested elements of the same name.
            let mut depth = 1;
            let mut j = end;
            while depth > 0 {
                let Some(lt) = body[j..].find('<') else { return body.to_string() };
                let at = j + lt;
                let Some((n, l, c, sc)) = tag_at(&body[at..]) else { return body.to_string() };
                if n == name {
                    if c {
                        depth -= 1;
                    } else if !sc {
                        depth += 1;
                    }
                }
                j = at + l;
            }
            end = j;
        }
        let rank = order.iter().position(|o| *o == local).unwrap_or(order.len());
        children.push((rank, &body[start..end]));
        i = end;
    }
    children.sort_by_key(|c| c.0);
    children.into_iter().map(|c| c.1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorders_paragraph_properties() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:sz w:val="28" /><w:b /></w:rPr><w:jc w:val="center" /><w:pStyle w:val="X" /><w:pBdr><w:bottom w:val="single" /></w:pBdr></w:pPr></w:p>"#;
        let r = reorder(&reorder(xml, "w:rPr", R_PR), "w:pPr", P_PR);
        assert_eq!(r, r#"<w:p><w:pPr><w:pStyle w:val="X" /><w:pBdr><w:bottom w:val="single" /></w:pBdr><w:jc w:val="center" /><w:rPr><w:b /><w:sz w:val="28" /></w:rPr></w:pPr></w:p>"#);
    }

    #[test]
    fn no_break_hyphen_is_words_own() {
        let xml = "<w:r><w:t xml:space=\"preserve\">Quyết\u{2011}định</w:t></w:r>";
        assert_eq!(no_break_hyphens(xml), "<w:r><w:t xml:space=\"preserve\">Quyết</w:t><w:noBreakHyphen /><w:t xml:space=\"preserve\">định</w:t></w:r>");
    }

    #[test]
    fn renumbers_ids() {
        let mut n = 0;
        assert_eq!(renumber(r#"<w:p w14:paraId="1A"/><w:p w14:paraId="77"/>"#, "w14:paraId=\"", &mut n), r#"<w:p w14:paraId="00000001"/><w:p w14:paraId="00000002"/>"#);
    }
}
