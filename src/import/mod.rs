//! The DOCX reader: an office's Word document in, a vanban document out (a reader, as
//! Pandoc has them). `package` opens the file with limits, `wordml` reads what Word shows,
//! `recognise` finds the decree's parts, `case` turns typed capitals back into names.
//! Everything the source holds is in the document or in a warning naming where it was.

mod body;
pub mod case;
mod closing;
mod header;
mod labels;
mod party;
mod pictures;
mod shape;
mod tail;
pub mod text;
pub mod package;
pub mod recognise;
pub mod wordml;

use crate::error::{Error, InputError, Result};

/// An imported document: its JSON (the contract's) and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The document, as the input JSON.
    pub document: serde_json::Value,
    /// Warnings: text left out, placeholders, parts of Word vanban does not carry.
    pub warnings: Vec<InputError>,
    /// The JSON text, keys in the contract's order.
    text: Vec<u8>,
}

impl Imported {
    /// The document as pretty JSON with a final newline.
    pub fn json(&self) -> Vec<u8> {
        self.text.clone()
    }
}

pub use package::looks_like_word;

fn warn(place: impl Into<String>, code: &'static str, message: impl Into<String>) -> InputError {
    InputError::at(place, message).code(code).warning()
}

/// A warning's place in the Word file ("paragraph 12", "table 2, row 1, cell 3, paragraph
/// 40") as its `source`; its `path` is then where the text went (none: nowhere).
fn locate(w: &mut InputError) {
    let Some(place) = w.path.as_deref() else { return };
    if let Some(s) = source_of(place) {
        w.source = Some(s);
        w.path = None;
    }
}

/// "paragraph 12" → `{"paragraph": 12}`; "table 2, row 1, cell 3[, paragraph 40]" →
/// `{"table": 2, "row": 1, "cell": 3}`; anything else (a JSON path, a part's name) → none.
fn source_of(place: &str) -> Option<serde_json::Value> {
    let num = |s: &str, key: &str| s.trim().strip_prefix(key).and_then(|n| n.trim().parse::<u64>().ok());
    match place.split(',').collect::<Vec<_>>().as_slice() {
        [t, r, c, ..] => Some(serde_json::json!({ "table": num(t, "table")?, "row": num(r, "row")?, "cell": num(c, "cell")? })),
        [p] => Some(serde_json::json!({ "paragraph": num(p, "paragraph")? })),
        _ => None,
    }
}

/// Read a Word document (.docx) made by anyone: Word, LibreOffice, WPS, vanban.
pub fn import(bytes: Vec<u8>) -> Result<Imported> {
    let mut pkg = package::Package::open(bytes)?;
    let document = pkg.text("word/document.xml")?.unwrap_or_default();
    let styles = wordml::Styles::read(&pkg.text("word/styles.xml")?.unwrap_or_default());
    let numbering = wordml::numbering(&pkg.text("word/numbering.xml")?.unwrap_or_default());
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 20_000_000 };
    let doc = roxmltree::Document::parse_with_options(&document, options).map_err(|e| {
        Error::Input(vec![InputError::at("word/document.xml", format!("the document's XML cannot be read: {e}")).code("not-docx").hint("save the document again in Word")])
    })?;
    let body = doc.root_element().children().find(|c| c.tag_name().name() == "body");
    let mut reader = wordml::Reader::new(&styles);
    let items = body.map(|b| reader.body(b)).unwrap_or_default();
    let mut warnings = Vec::new();
    for d in &reader.dropped {
        let (code, why) = match d.kind {
            "deleted" => ("import-deleted", "tracked deletion, dropped (insertions are kept)"),
            "hidden" => ("import-dropped", "hidden text (Word does not show or print it), dropped"),
            "invisible" => ("removed-char", "removed (invisible on the page, or a character the input refuses)"),
            _ => ("import-footnote", "footnote marker, dropped (vanban documents have no footnotes)"),
        };
        warnings.push(warn(format!("paragraph {}", d.paragraph), code, format!("\"{}\": {why}", d.text.trim())));
    }
    let (picture_blocks, picture_warnings) = pictures::resolve(&mut pkg, &reader.pictures)?;
    warnings.extend(picture_warnings);
    let mut r = recognise::Recogniser::new(&numbering);
    r.pictures = picture_blocks;
    // Parts of Word the contract has no place for: said, with their text.
    let names = pkg.names();
    for (prefix, code, what) in [("word/header", "import-header-footer", "page header"), ("word/footer", "import-header-footer", "page footer"), ("word/footnotes", "import-footnote", "footnotes"), ("word/endnotes", "import-footnote", "endnotes"), ("word/comments.xml", "import-comment", "comments")] {
        for n in names.iter().filter(|n| n.starts_with(prefix) && n.ends_with(".xml")) {
            let Some(xml) = pkg.text(n)? else { continue };
            let Ok(d) = roxmltree::Document::parse_with_options(&xml, options) else { continue };
            let mut texts = Vec::new();
            for p in d.descendants().filter(|x| x.tag_name().name() == "p") {
                let t: String = p.descendants().filter(|x| x.tag_name().name() == "t").filter_map(|x| x.text()).collect();
                // Word's own page numbers and separators are not the author's text.
                if !t.trim().is_empty() && !t.trim().chars().all(|c| c.is_ascii_digit()) {
                    texts.push(t.trim().to_string());
                }
            }
            if code == "import-header-footer" && n.starts_with("word/footer") {
                texts = r.footer_contact(&texts);
            }
            if code == "import-header-footer" && n.starts_with("word/header") {
                texts = r.header_copy(&texts, n);
                texts = r.header_notice(texts);
            }
            if !texts.is_empty() {
                warnings.push(warn(n.clone(), code, format!("{what} dropped: \"{}\"", texts.join(" / ").chars().take(2000).collect::<String>())));
            }
        }
    }
    r.run(items);
    // Pictures the body did not take (in the header, the closing, a table's cell).
    let mut left: Vec<usize> = r.pictures.keys().copied().collect();
    left.sort_unstable();
    for k in left {
        let p = &reader.pictures[k];
        r.warn(format!("paragraph {}", p.paragraph), "import-picture", "a picture outside the body's text (in the header, the closing or a table's cell) left out");
    }
    // Printed on both sides (Word's mirrored margins): the Party profile's `style.duplex`.
    if r.out.profile.as_deref() == Some("dang") && pkg.text("word/settings.xml")?.is_some_and(|x| x.contains("mirrorMargins") && !x.contains("mirrorMargins w:val=\"0\"") && !x.contains("mirrorMargins w:val=\"false\"")) {
        r.out.style.get_or_insert_with(Default::default).duplex = Some(true);
    }
    if !r.found.is_empty() {
        r.out.meta = Some(serde_json::json!({ "import": { "found": std::mem::take(&mut r.found) } }));
    }
    warnings.extend(r.warnings);
    for w in &mut warnings {
        locate(w);
    }
    let doc = r.out.document();
    let document = serde_json::to_value(&doc).map_err(|e| Error::Internal(e.to_string()))?;
    let mut text = serde_json::to_vec_pretty(&doc).map_err(|e| Error::Internal(e.to_string()))?;
    text.push(b'\n');
    Ok(Imported { document, warnings, text })
}
