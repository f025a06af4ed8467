//! Small documents laid out by Typst from one source and data files: a signed field's
//! appearance, the register's book, envelopes. The source reads its data as JSON (never as
//! markup) and images as bytes; vanban's own fonts, PDF/A-2b, no clock.

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

struct World<'a> {
    library: LazyHash<Library>,
    fonts: &'a FontSet,
    main: FileId,
    source: Source,
    files: Vec<(FileId, Bytes)>,
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
        self.files.iter().find(|(f, _)| *f == id).map(|(_, b)| b.clone()).ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2000, 1, 1)
    }
}

/// Typst's standard library, built once per process (every signature's appearance needs it).
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: std::sync::OnceLock<LazyHash<Library>> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

/// How a layout failed: the messages of its diagnostics.
pub fn messages(errs: &[SourceDiagnostic]) -> String {
    errs.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Lay out `source` (named `name`, e.g. "/book.typ") with `files` (path, bytes) and export a
/// PDF/A-2b whose document id is `ident`. A layout error is the caller's to word (`Err` holds
/// the messages).
pub fn render(name: &str, source: &str, files: Vec<(&str, Vec<u8>)>, fonts: &FontSet, ident: &str, tagged: bool) -> std::result::Result<Result<Vec<u8>>, String> {
    use super::world::file_id;
    let main = file_id(name);
    let world = World {
        library: library().clone(),
        fonts,
        main,
        source: Source::new(main, source.to_string()),
        files: files.into_iter().map(|(p, b)| (file_id(p), Bytes::new(b))).collect(),
    };
    let paged = typst::compile::<typst_layout::PagedDocument>(&world).output.map_err(|errs| messages(&errs))?;
    let standards = match typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b]) {
        Ok(s) => s,
        Err(e) => return Ok(Err(Error::Internal(e.message().to_string()))),
    };
    let opts = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_string()),
        standards,
        tagged,
        // PDF/A wants a date; a fixed one keeps the same input giving the same bytes.
        timestamp: Datetime::from_ymd_hms(2000, 1, 1, 0, 0, 0).and_then(|d| typst_pdf::Timestamp::new_local(d, 7 * 60)),
        ..Default::default()
    };
    let out = typst_pdf::pdf(&paged, &opts).map_err(|errs| Error::Internal(format!("{ident}: {}", messages(&errs))));
    typst::comemo::evict(10);
    Ok(out)
}
