//! A signed field's look (its `/AP /N`): the signature or seal image fitted in the field, or a
//! few lines of text, laid out by Typst with vanban's own fonts (so every font is embedded
//! and subset, as PDF/A wants) and imported from that one-page PDF as a Form XObject.
//! Nothing is drawn into the page content: a later signature would see it as a change.

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use lopdf::{dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashMap;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

/// The layout of an appearance: reads `/appearance.json` as data, never as markup.
const SOURCE: &str = include_str!("../../layouts/nd30/appearance.typ");

/// What the field shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Look {
    /// The field's width, pt.
    pub width: f64,
    /// The field's height, pt.
    pub height: f64,
    /// Text lines, shown when there is no image (centred).
    pub lines: Vec<String>,
    /// Text size, pt.
    pub size: f64,
    /// Where text may go across the field (pt from its left): the part no other field covers.
    pub text_x0: f64,
    /// The right end of that part.
    pub text_x1: f64,
    /// The font family.
    pub font: String,
    /// Whether `/appearance.png` is drawn (fitted, centred, transparency kept).
    pub image: bool,
    /// A form field's value (the number, the day, the month), drawn on the line's baseline.
    pub value: Option<String>,
    /// The value in italic (the date line).
    pub italic: bool,
    /// The value's alignment in its blank: `right` (the number, against its symbol's "/") or
    /// `center`.
    pub align: &'static str,
}

struct World<'a> {
    library: LazyHash<Library>,
    fonts: &'a FontSet,
    main: FileId,
    source: Source,
    data: (FileId, Bytes),
    image: (FileId, Bytes),
}

impl typst::World for World<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main { Ok(self.source.clone()) } else { Err(FileError::NotFound(id.vpath().get_without_slash().into())) }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data.0 {
            Ok(self.data.1.clone())
        } else if id == self.image.0 {
            Ok(self.image.1.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2000, 1, 1)
    }
}

/// The appearance as a one-page PDF of the field's size.
pub fn render(look: &Look, image: Option<&[u8]>, fonts: &FontSet) -> Result<Vec<u8>> {
    use crate::pdf::world::file_id;
    let main = file_id("/appearance.typ");
    let data = serde_json::to_vec(look).map_err(|e| Error::Internal(format!("appearance data: {e}")))?;
    let world = World {
        library: LazyHash::new(Library::builder().build()),
        fonts,
        main,
        source: Source::new(main, SOURCE.to_string()),
        data: (file_id("/appearance.json"), Bytes::new(data)),
        image: (file_id("/appearance.png"), Bytes::new(image.unwrap_or_default().to_vec())),
    };
    let paged = typst::compile::<typst_layout::PagedDocument>(&world).output.map_err(|errs| {
        let msg = errs.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ");
        if image.is_some() {
            super::refuse("--image", "bad-image", format!("the image cannot be drawn: {msg}"), "give a PNG (transparent background) or a JPEG")
        } else {
            Error::Internal(format!("appearance layout: {msg}"))
        }
    })?;
    let opts = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom("vanban-appearance".into()),
        // PDF/A-2b rules on what is drawn (fonts embedded, no forbidden features); only the
        // page's content and resources are kept.
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b]).map_err(|e| Error::Internal(e.message().to_string()))?,
        tagged: false,
        // PDF/A wants a date; the appearance's own file is discarded, so any fixed one.
        timestamp: Datetime::from_ymd_hms(2000, 1, 1, 0, 0, 0).and_then(|d| typst_pdf::Timestamp::new_local(d, 7 * 60)),
        ..Default::default()
    };
    let out = typst_pdf::pdf(&paged, &opts).map_err(|errs| {
        Error::Internal(format!("appearance export: {}", errs.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")))
    });
    typst::comemo::evict(10);
    out
}

/// Copy the first page of `pdf` into `dst` as a Form XObject of `width` × `height` pt.
pub fn import(pdf: &[u8], dst: &mut Document, width: f64, height: f64) -> Result<ObjectId> {
    let err = |e: lopdf::Error| Error::Internal(format!("importing the appearance: {e}"));
    let src = Document::load_mem(pdf).map_err(err)?;
    let page_id = *src.get_pages().get(&1).ok_or_else(|| Error::Internal("the appearance has no page".into()))?;
    let page = src.get_dictionary(page_id).map_err(err)?;
    let content = src.get_page_content(page_id);
    let mut map = HashMap::new();
    let resources = match page.get(b"Resources") {
        Ok(r) => copy(&src, r, dst, &mut map),
        Err(_) => Object::Dictionary(dictionary! {}),
    };
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), Object::Real(width as f32), Object::Real(height as f32)],
        "Resources" => resources,
    };
    // An image with transparency comes with the page's transparency group: keep it.
    if let Ok(group) = page.get(b"Group") {
        dict.set("Group", copy(&src, group, dst, &mut map));
    }
    let mut stream = Stream::new(dict, content);
    let _ = stream.compress();
    Ok(dst.add_object(stream))
}

/// Deep copy of an object and everything it references, with fresh ids in `dst`.
fn copy(src: &Document, obj: &Object, dst: &mut Document, map: &mut HashMap<ObjectId, ObjectId>) -> Object {
    match obj {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                return Object::Reference(*new);
            }
            let new = dst.new_object_id();
            map.insert(*id, new);
            let target = src.get_object(*id).cloned().unwrap_or(Object::Null);
            let copied = copy(src, &target, dst, map);
            dst.objects.insert(new, copied);
            Object::Reference(new)
        }
        Object::Array(a) => Object::Array(a.iter().map(|o| copy(src, o, dst, map)).collect()),
        Object::Dictionary(d) => {
            let mut out = lopdf::Dictionary::new();
            for (k, v) in d.iter() {
                out.set(k.clone(), copy(src, v, dst, map));
            }
            Object::Dictionary(out)
        }
        Object::Stream(s) => {
            let mut out = lopdf::Dictionary::new();
            for (k, v) in s.dict.iter() {
                out.set(k.clone(), copy(src, v, dst, map));
            }
            Object::Stream(Stream::new(out, s.content.clone()).with_compression(false))
        }
        other => other.clone(),
    }
}
