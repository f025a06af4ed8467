//! Using vanban as a library: build the engine once, then render any number of documents.
//!
//!     cargo run --release --example render_many -- fixtures/bao-cao-612.json fixtures/cong-van-xa.json

use vanban::{Engine, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Fonts, layout and Typst's library are loaded here, once.
    let engine = Engine::new(Options::default())?;
    for path in std::env::args().skip(1) {
        let input = std::fs::read(&path)?;
        // Parse, validate and lint: warnings come back with the document.
        let (document, warnings) = match engine.parse_with_warnings(&input) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        for w in &warnings {
            eprintln!("{path}: warning: {w}");
        }
        // One prepared document feeds both writers.
        let prepared = engine.prepare(&document, &input);
        // Both writers from the one prepared document; the DOCX on a second thread.
        let (pdf, docx) = engine.pdf_and_docx(&prepared)?;
        let layout = engine.layout(&prepared)?;
        let stem = std::path::Path::new(&path).file_stem().unwrap_or_default().to_string_lossy().into_owned();
        std::fs::write(format!("{stem}.pdf"), &pdf)?;
        std::fs::write(format!("{stem}.docx"), &docx)?;
        println!("{stem}: {} bytes of PDF, {} of DOCX, {} elements on {} page(s)", pdf.len(), docx.len(), layout.elements.len(), layout.pages.len());
    }
    Ok(())
}
