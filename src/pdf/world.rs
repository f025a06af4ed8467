//! The Typst `World`: the layout's files and one document's data, nothing from disk.

use super::layout::Layout;
use crate::fonts::FontSet;
use std::collections::HashMap;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::Library;

/// A fixed virtual path's id (ids are interned for the life of the process: keep them few).
pub fn file_id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("valid virtual path")).intern()
}

/// What every document shares: library, fonts and layout sources, built once.
pub struct Env {
    /// The standard library.
    pub library: LazyHash<Library>,
    /// Fonts.
    pub fonts: FontSet,
    /// Layout sources (.typ) by id.
    sources: HashMap<FileId, Source>,
    /// Other layout files by id.
    files: HashMap<FileId, Bytes>,
    /// `/main.typ`.
    pub main: FileId,
    /// `/data.json`: the prepared document.
    pub data: FileId,
}

impl Env {
    /// Build the shared environment.
    pub fn new(layout: &Layout, fonts: FontSet) -> Env {
        Env::without_fonts(layout).with_fonts(fonts)
    }

    /// Library and layout sources, the fonts still to come (they load on another thread).
    pub fn without_fonts(layout: &Layout) -> Pending {
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for (name, bytes) in &layout.files {
            let id = file_id(&format!("/{name}"));
            if name.ends_with(".typ") {
                sources.insert(id, Source::new(id, String::from_utf8_lossy(bytes).into_owned()));
            }
            files.insert(id, Bytes::new(bytes.clone()));
        }
        use typst::LibraryExt;
        let library = LazyHash::new(Library::builder().build());
        // Typst hashes the library on first use (~0.6 ms); do it here, on the thread that
        // runs beside the font loading, and the hash is kept.
        std::hash::Hash::hash(&library, &mut std::collections::hash_map::DefaultHasher::new());
        Pending {
            library,
            sources,
            files,
            main: file_id("/main.typ"),
            data: file_id("/data.json"),
        }
    }
}

/// An environment without its fonts yet.
pub struct Pending {
    library: LazyHash<Library>,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    main: FileId,
    data: FileId,
}

impl Pending {
    /// Add the fonts.
    pub fn with_fonts(self, fonts: FontSet) -> Env {
        let Pending { library, sources, files, main, data } = self;
        Env { library, fonts, sources, files, main, data }
    }
}

/// One document's world.
pub struct DocWorld<'a> {
    /// Shared environment.
    pub env: &'a Env,
    /// The data file's bytes.
    pub data: Bytes,
    /// The document's pictures (`/pictures/N.png`), by id.
    pub pictures: HashMap<FileId, Bytes>,
    /// The document's date (no clock).
    pub today: Datetime,
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

impl typst::World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.env.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.env.fonts.book
    }
    fn main(&self) -> FileId {
        self.env.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.env.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.env.data {
            return Ok(self.data.clone());
        }
        if let Some(b) = self.pictures.get(&id) {
            return Ok(b.clone());
        }
        self.env.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.env.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
