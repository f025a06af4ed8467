//! The editor's live preview (`POST /v1/preview`): every page of the real layout as SVG, named
//! by a hash of its bytes. The caller says which hashes it already shows and gets the SVG of
//! the others only, so nothing depends on what one server instance remembers (several
//! instances behind a load balancer answer alike).

use crate::engine::Engine;
use crate::error::{InputError, Severity};
use crate::pdf::geometry::ElementBox;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// One page of the answer.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The first 16 bytes of the SHA-256 of its SVG, in hex: equal pages, equal hashes.
    pub hash: String,
    /// Width, mm.
    pub w: f64,
    /// Height, mm.
    pub h: f64,
    /// The SVG, unless the caller said it has this hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub svg: Option<String>,
}

/// The answer: pages (absent while an error stands), element boxes, every diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The caller's request counter, echoed (an older answer than the one shown is dropped).
    pub rev: u64,
    /// No error stands.
    pub ok: bool,
    /// The pages, when `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<Page>>,
    /// Where each element landed (mm from the page's top-left), when `ok`.
    pub elements: Vec<ElementBox>,
    /// Errors and warnings, each with its path.
    pub diagnostics: Vec<InputError>,
}

/// A page's hash.
pub fn hash(svg: &str) -> String {
    Sha256::digest(svg.as_bytes())[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Check, lay out and draw a document; `have` are the hashes the caller already shows.
pub fn preview(engine: &Engine, rev: u64, bytes: &[u8], have: &HashSet<String>) -> Answer {
    let checked = engine.check(bytes);
    let failed = |diagnostics| Answer { rev, ok: false, pages: None, elements: Vec::new(), diagnostics };
    let Some(model) = checked.document else { return failed(checked.diagnostics) };
    let doc = engine.prepare(&model, bytes);
    match engine.svg_pages_and_layout(&doc) {
        Ok((svgs, report)) => {
            let pages = svgs
                .into_iter()
                .zip(report.pages.iter())
                .map(|(svg, size)| {
                    let hash = hash(&svg);
                    let svg = (!have.contains(&hash)).then_some(svg);
                    Page { hash, w: size.w, h: size.h, svg }
                })
                .collect();
            Answer { rev, ok: true, pages: Some(pages), elements: report.elements, diagnostics: checked.diagnostics }
        }
        Err(e) => {
            let mut d = checked.diagnostics;
            // The layout failed: an error, whatever the diagnostic says it is.
            d.extend(e.diagnostics().into_iter().map(|mut x| {
                x.severity = Severity::Error;
                x
            }));
            failed(d)
        }
    }
}
