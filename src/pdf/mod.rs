//! The PDF writer: compile the layout with the prepared document as data, export PDF/A.

pub mod boxes;
pub mod fields;
pub mod geometry;
pub mod layout;
pub mod small;
pub mod world;

use crate::doc::Doc;
use crate::error::{Error, Result};
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::WorldExt;
use typst_layout::PagedDocument;
use world::{DocWorld, Env};

/// The PDF standards `--pdf-standard` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Standard {
    /// PDF/A-2b: archival, transparency allowed (signature images), every font embedded.
    #[default]
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u: as A-2b, and all text mapped to Unicode.
    #[value(name = "a-2u")]
    A2u,
    /// PDF/A-3b: as A-2b, attachments allowed.
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-1b (TCVN 14159-1:2024): no transparency.
    #[value(name = "a-1b")]
    A1b,
    /// Plain PDF 1.7.
    #[value(name = "none")]
    None,
}

impl Standard {
    fn typst(self) -> Vec<typst_pdf::PdfStandard> {
        use typst_pdf::PdfStandard as P;
        match self {
            Standard::A2b => vec![P::A_2b],
            Standard::A2u => vec![P::A_2u],
            Standard::A3b => vec![P::A_3b],
            Standard::A1b => vec![P::A_1b],
            Standard::None => vec![],
        }
    }
}

/// A picture's bytes handed to Typst without a copy.
struct Shared(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// Lay out a prepared document.
pub fn compile(env: &Env, doc: &Doc) -> Result<PagedDocument> {
    let data = serde_json::to_vec(doc).map_err(|e| Error::Internal(format!("serialising the document: {e}")))?;
    let (y, m, d) = doc.meta.date;
    let pictures = doc.pictures().filter_map(|p| p.picture.as_ref()).map(|p| (world::file_id(&p.file), Bytes::new(Shared(p.picture.bytes.clone())))).collect();
    let world = DocWorld {
        env,
        data: Bytes::new(data),
        pictures,
        today: Datetime::from_ymd(y, m as u8, d as u8).unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid")),
    };
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    if let Some(w) = warnings.iter().find(|w| w.message.contains("unknown font family")) {
        return Err(Error::Internal(format!("layout: {}", describe(&world, w))));
    }
    let mut paged = output.map_err(|errs| {
        Error::Internal(format!(
            "layout failed: {}",
            errs.iter().map(|e| describe(&world, e)).collect::<Vec<_>>().join("; ")
        ))
    })?;
    // Title and author go into the finished document, not into the style chain (main.typ).
    let info = paged.info_mut();
    if info.title.is_none() {
        info.title = Some(doc.meta.title.as_str().into());
    }
    if info.author.is_empty() {
        info.author = vec![doc.meta.author.as_str().into()];
    }
    Ok(paged)
}

fn describe(world: &DocWorld, d: &SourceDiagnostic) -> String {
    let place = d.span.id().and_then(|id| {
        let src = typst::World::source(world, id).ok()?;
        let range = world.range(d.span)?;
        let line = src.lines().byte_to_line(range.start)? + 1;
        Some(format!("{}:{line}: ", id.vpath().get_without_slash()))
    });
    format!("{}{}", place.unwrap_or_default(), d.message)
}

/// Export a laid-out document as PDF: deterministic (timestamp from the document's date,
/// id from the input), with the chosen standard enforced by Typst.
pub fn export(paged: &PagedDocument, doc: &Doc, standard: Standard) -> Result<Vec<u8>> {
    if standard == Standard::A1b {
        // PDF/A-1 has no transparency: say which picture, rather than Typst's export error.
        let clear: Vec<crate::error::InputError> = doc
            .pictures()
            .filter_map(|p| p.picture.as_ref().filter(|x| x.picture.alpha))
            .map(|p| crate::error::InputError::at(p.at.clone(), "the picture has transparency, which PDF/A-1b does not allow").code("picture").hint("save it without transparency (an opaque PNG or a JPEG), or use the default --pdf-standard a-2b"))
            .collect();
        if !clear.is_empty() {
            return Err(Error::Input(clear));
        }
    }
    let (y, m, d) = doc.meta.date;
    let dt = Datetime::from_ymd_hms(y, m as u8, d as u8, 0, 0, 0)
        .ok_or_else(|| Error::Internal("document date out of range".into()))?;
    let standards = typst_pdf::PdfStandards::new(&standard.typst())
        .map_err(|e| Error::Usage(format!("--pdf-standard: {}", e.message())))?;
    let opts = typst_pdf::PdfOptions {
        ident: Smart::Custom(doc.meta.ident.clone()),
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        // Vietnam's offset, +07:00, so the date in the file is the document's own date.
        timestamp: typst_pdf::Timestamp::new_local(dt, 7 * 60),
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(paged, &opts).map_err(|errs| {
        Error::Internal(format!(
            "PDF export failed: {}",
            errs.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")
        ))
    })
}
