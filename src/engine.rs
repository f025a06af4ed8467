//! The engine: fonts, layout and Typst's library loaded once, then any number of documents.

use crate::doc::{prepare, Doc};
use crate::error::Result;
use crate::fonts::FontSet;
use crate::model::{parse_document, Document};
use crate::pdf::layout::Layout;
use crate::pdf::world::Env;
use crate::pdf::boxes::marked;
use crate::pdf::fields::{description, Field};
use crate::pdf::{self, Standard};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// How the engine is built.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra font folders (a licensed Times New Roman is preferred when found).
    pub font_dirs: Vec<PathBuf>,
    /// A layout folder replacing the embedded one.
    pub layout_dir: Option<PathBuf>,
    /// PDF standard.
    pub standard: Standard,
    /// Leave out the empty signature fields (a plain PDF).
    pub no_signature_fields: bool,
}

/// Renders documents; build once, use for many.
pub struct Engine {
    env: Env,
    layout: Layout,
    options: Options,
}

impl Engine {
    /// Load fonts, layout and library.
    pub fn new(options: Options) -> Result<Engine> {
        let layout = match &options.layout_dir {
            Some(dir) => Layout::from_dir(dir)?,
            None => Layout::embedded(),
        };
        let fonts = FontSet::load(&options.font_dirs, &layout.style.font.family, &layout.style.font.preferred)?;
        let env = pdf::world::Env::new(&layout, fonts);
        Ok(Engine { env, layout, options })
    }

    /// Parse and validate JSON input.
    pub fn parse(&self, bytes: &[u8]) -> Result<Document> {
        parse_document(bytes)
    }

    /// Prepare a validated document; `input` (its JSON bytes) seeds the document id.
    pub fn prepare(&self, doc: &Document, input: &[u8]) -> Doc {
        let ident = hex(&Sha256::digest(input)[..16]);
        prepare(doc, &self.layout.style, &self.env.fonts, &ident)
    }

    /// The PDF of a prepared document, with its empty signature fields unless disabled.
    pub fn pdf(&self, doc: &Doc) -> Result<Vec<u8>> {
        let paged = pdf::compile(&self.env, doc);
        // Typst's memo cache grows with every document: keep it bounded.
        let result = paged.and_then(|paged| {
            let bytes = pdf::export(&paged, doc, self.options.standard)?;
            if self.options.no_signature_fields {
                return Ok(bytes);
            }
            let fields: Vec<Field> = marked(&paged)
                .into_iter()
                .filter(|b| b.element == "signature_field")
                .map(|b| Field { description: description(&b.name).to_string(), name: b.name.clone(), rect: b })
                .collect();
            pdf::fields::add(bytes, &fields)
        });
        typst::comemo::evict(10);
        result
    }

    /// The DOCX of a prepared document.
    pub fn docx(&self, doc: &Doc) -> Result<Vec<u8>> {
        crate::docx::write(doc, &self.env.fonts)
    }

    /// The fonts in use.
    pub fn fonts(&self) -> &FontSet {
        &self.env.fonts
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
