//! The output formats, and making several of one document: shared by the command line and
//! the service.

use crate::error::Result;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Signable PDF/A.
    Pdf,
    /// Editable Word document.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// The format a file name's extension names.
    pub fn from_path(p: &str) -> Option<Format> {
        let ext = std::path::Path::new(p).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The default formats of `--to`.
    pub fn defaults() -> Vec<Format> {
        vec![Format::Pdf, Format::Docx]
    }
}

/// Each distinct format of `formats` made once, in the order given: PDF and DOCX side by side
/// on two threads when `parallel` (a core to spare), else one after the other.
pub fn render_formats(
    engine: &crate::Engine,
    doc: &crate::doc::Doc,
    formats: &[Format],
    parallel: bool,
) -> Result<Vec<(Format, Vec<u8>)>> {
    let mut distinct: Vec<Format> = Vec::new();
    for f in formats {
        if !distinct.contains(f) {
            distinct.push(*f);
        }
    }
    let (mut pdf, mut docx) = if parallel && distinct.contains(&Format::Pdf) && distinct.contains(&Format::Docx) {
        let (p, d) = engine.pdf_and_docx(doc)?;
        (Some(p), Some(d))
    } else {
        (None, None)
    };
    distinct
        .into_iter()
        .map(|f| {
            let bytes = match f {
                Format::Pdf => pdf.take().map_or_else(|| engine.pdf(doc), Ok)?,
                Format::Docx => docx.take().map_or_else(|| engine.docx(doc), Ok)?,
            };
            Ok((f, bytes))
        })
        .collect()
}
