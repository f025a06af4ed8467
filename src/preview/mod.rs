//! Previews: page images from the very layout the PDF uses, and the element geometry that
//! `vanban layout` prints (millimetres from each page's top-left corner).

use crate::pdf::boxes::MarkedBox;
use crate::pdf::geometry::ElementBox;
pub mod serve;
pub mod stream;

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

/// What `vanban layout` prints.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutReport {
    /// The first page's size.
    pub page_size: SizeMm,
    /// Every page's size (landscape pages differ).
    pub pages: Vec<SizeMm>,
    /// Every element, per page it touches (mm).
    pub elements: Vec<ElementBox>,
}

fn mm(pt: f64) -> f64 {
    (pt / PT_PER_MM * 100.0).round() / 100.0
}

/// The report from the laid-out document's element boxes and signature fields (pt → mm).
pub fn report(doc: &PagedDocument, elements: Vec<ElementBox>, fields: Vec<MarkedBox>) -> LayoutReport {
    let pages: Vec<SizeMm> = doc.pages().iter().map(|p| SizeMm { w: mm(p.frame.width().to_pt()), h: mm(p.frame.height().to_pt()) }).collect();
    let mut out: Vec<ElementBox> = elements
        .into_iter()
        .map(|e| ElementBox { x: mm(e.x), y: mm(e.y), w: mm(e.w), h: mm(e.h), baseline: e.baseline.map(mm), ..e })
        .collect();
    out.extend(fields.into_iter().map(|f| ElementBox {
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
