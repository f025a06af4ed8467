//! Previews: page images from the very layout the PDF uses, and the element geometry that
//! `vanban layout` prints (millimetres from each page's top-left corner).

use crate::pdf::boxes::MarkedBox;
use crate::pdf::geometry::ElementBox;
pub mod serve;

use serde::Serialize;
use typst_layout::PagedDocument;

/// Points per millimetre.
const PT_PER_MM: f64 = crate::nd30::ranges::PT_PER_MM;

/// Image formats for page previews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ImageFormat {
    /// PNG at the chosen resolution.
    #[default]
    Png,
    /// SVG (text as paths).
    Svg,
}

impl ImageFormat {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// One image per page.
pub fn images(doc: &PagedDocument, format: ImageFormat, ppi: f64) -> Result<Vec<Vec<u8>>, String> {
    doc.pages()
        .iter()
        .map(|page| match format {
            ImageFormat::Png => {
                let opts = typst_render::RenderOptions { pixel_per_pt: typst::layout::Abs::pt(ppi / 72.0).to_pt().into(), render_bleed: false };
                typst_render::render(page, &opts).encode_png().map_err(|e| format!("PNG: {e}"))
            }
            ImageFormat::Svg => Ok(typst_svg::svg(page, &typst_svg::SvgOptions { render_bleed: false, pretty: false }).into_bytes()),
        })
        .collect()
}

/// A size in mm.
#[derive(Debug, Clone, Serialize)]
pub struct SizeMm {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// An element's box in mm.
#[derive(Debug, Clone, Serialize)]
pub struct BoxMm {
    /// What it is.
    pub element: String,
    /// Page, from 1.
    pub page: usize,
    /// Left, mm.
    pub x: f64,
    /// Top, mm.
    pub y: f64,
    /// Width, mm.
    pub w: f64,
    /// Height, mm.
    pub h: f64,
    /// Baseline of its first text line, mm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// Input path of a body block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Field name of a signature field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What `vanban layout` prints.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutReport {
    /// The first page's size.
    pub page_size: SizeMm,
    /// Every page's size (landscape pages differ).
    pub pages: Vec<SizeMm>,
    /// Every element, per page it touches.
    pub elements: Vec<BoxMm>,
}

fn mm(pt: f64) -> f64 {
    (pt / PT_PER_MM * 100.0).round() / 100.0
}

/// The report from the laid-out document's element boxes and signature fields.
pub fn report(doc: &PagedDocument, elements: Vec<ElementBox>, fields: Vec<MarkedBox>) -> LayoutReport {
    let pages: Vec<SizeMm> = doc.pages().iter().map(|p| SizeMm { w: mm(p.frame.width().to_pt()), h: mm(p.frame.height().to_pt()) }).collect();
    let mut out: Vec<BoxMm> = elements
        .into_iter()
        .map(|e| BoxMm { element: e.element, page: e.page, x: mm(e.x), y: mm(e.y), w: mm(e.w), h: mm(e.h), baseline: e.baseline.map(mm), path: e.path, name: e.name })
        .collect();
    out.extend(fields.into_iter().map(|f| BoxMm {
        element: f.element,
        page: f.page,
        x: mm(f.x),
        y: mm(f.y),
        w: mm(f.w),
        h: mm(f.h),
        baseline: None,
        path: None,
        name: Some(f.name),
    }));
    LayoutReport { page_size: pages.first().cloned().unwrap_or(SizeMm { w: 210.0, h: 297.0 }), pages, elements: out }
}
