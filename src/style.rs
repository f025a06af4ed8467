//! The style file (`layouts/nd30/style.json`) and its resolution with the input's `style`.
//!
//! The resolved [`Style`] is the single definition of every size and distance: the Typst
//! layout reads it as `data.style`, the DOCX writer reads the same struct.

use crate::error::{Error, Result};
use crate::model::StyleInput;
use crate::nd30::ranges::{length_mm, PT_PER_MM};
use serde::{Deserialize, Serialize};

/// Font names.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontNames {
    /// The bundled family (metric-compatible with Times New Roman).
    pub family: String,
    /// A family preferred when its files are supplied with `--font-dir`.
    pub preferred: String,
    /// The family the DOCX names.
    pub docx: String,
}

/// Page size.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Width (portrait).
    pub width_mm: f64,
    /// Height (portrait).
    pub height_mm: f64,
}

/// Page margins in mm.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
    /// Left.
    pub left: f64,
    /// Right.
    pub right: f64,
}

/// Sizes in pt of every element.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Sizes {
    pub quoc_hieu: f64,
    pub tieu_ngu: f64,
    pub parent: f64,
    pub issuer: f64,
    pub number: f64,
    pub place_date: f64,
    #[serde(rename = "type")]
    pub type_: f64,
    pub subject: f64,
    pub vv: f64,
    pub mark: f64,
    pub circulation: f64,
    pub authority: f64,
    pub body: f64,
    pub table: f64,
    pub kinh_gui: f64,
    pub signing: f64,
    pub signer_name: f64,
    pub signer_note: f64,
    pub noi_nhan_label: f64,
    pub noi_nhan_item: f64,
    pub drafter: f64,
    pub contact: f64,
    pub page_number: f64,
    pub appendix_label: f64,
    pub appendix_title: f64,
    pub appendix_caption: f64,
    pub signing_info: f64,
    /// The Party title "ĐẢNG CỘNG SẢN VIỆT NAM" (the Party profile's right column).
    #[serde(default = "party_title_default")]
    pub party_title: f64,
}

fn party_title_default() -> f64 {
    15.0
}

/// Bold, italic, underline of one element.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Face {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

/// The faces of the elements whose weight or style differs between profiles; both writers
/// read them (the defaults are the decree's).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faces {
    /// A công văn's trích yếu under Số (ô 5b).
    pub vv: Face,
    /// "Kính gửi:" (the recipients themselves are upright).
    pub kinh_gui_label: Face,
    /// The label of Nơi nhận (its colon, when printed apart, is never underlined).
    pub noi_nhan_label: Face,
    /// Signing lines after the first (the chức vụ under "KT. CHỦ TỊCH"); the first is bold.
    pub signing_title: Face,
    /// Căn cứ lines.
    pub basis: Face,
    /// Urgency marks in a box (the decree) or as bold text (the Party guide).
    pub urgency_boxed: bool,
}

impl Default for Faces {
    fn default() -> Faces {
        let f = |bold, italic| Face { bold, italic, underline: false };
        Faces { vv: f(false, false), kinh_gui_label: f(false, false), noi_nhan_label: f(true, true), signing_title: f(true, false), basis: f(false, true), urgency_boxed: true }
    }
}

/// Body text settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// First-line indent.
    pub indent_mm: f64,
    /// Line spacing multiple (the file's default).
    pub line_spacing: f64,
    /// An exact line spacing in pt, the default instead of the multiple (the Party guide's
    /// 18–22 pt "Exactly").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_spacing_exact_pt: Option<f64>,
    /// Space before each paragraph.
    pub paragraph_spacing_pt: f64,
    /// Inner padding of table cells.
    pub table_cell_inset_pt: f64,
}

/// Header geometry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Default left column width; the right column takes the rest.
    pub left_mm: f64,
    /// Clear space between the columns (at the right end of the left one).
    pub column_padding_mm: f64,
    /// The least clear space, when a long place-date line needs the room.
    pub column_padding_min_mm: f64,
    /// Added to every measured width: Word and LibreOffice round glyph advances, so a line
    /// that fits to the hundredth of a millimetre in the PDF may wrap there.
    pub measure_slack_mm: f64,
    /// From the bottom of a text line to its rule.
    pub rule_gap_pt: f64,
    /// Rule thickness.
    pub rule_thickness_pt: f64,
    /// Room on each side of a mark's text inside its box (when the decree gives no width).
    pub mark_side_padding_mm: f64,
    /// Issuer rule length as a share of the issuer's widest line (decree: 1/3–1/2).
    pub issuer_rule_ratio: f64,
    /// Subject rule length as a share of its widest line (decree: 1/3–1/2).
    pub subject_rule_ratio: f64,
    /// Space above the Số / date row.
    pub number_gap_pt: f64,
    /// Space between the right column's rule and the place and date, when the date sits
    /// under the title (the Party header).
    #[serde(default)]
    pub date_gap_pt: f64,
    /// Space above the type line.
    pub title_gap_pt: f64,
    /// Space above the five hyphens under a Party trích yếu.
    #[serde(default)]
    pub hyphens_gap_pt: f64,
    /// Space above Kính gửi.
    pub kinh_gui_gap_pt: f64,
    /// Space above the body.
    pub body_gap_pt: f64,
}

/// A width and height in mm.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxMm {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The closing block (Nơi nhận and signature).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Space above the closing block.
    pub gap_above_pt: f64,
    /// Default width of the Nơi nhận column.
    pub left_mm: f64,
    /// Space between the last signing line and the name (ô 7c).
    pub signature_gap_mm: f64,
    /// How far a Nơi nhận item's wrapped lines hang in (HD05's page 29: about 3 mm).
    #[serde(default)]
    pub item_hang_mm: f64,
    /// Clear space at the right end of the Nơi nhận column (default: the header's; HD05's Nơi
    /// nhận runs nearer the signing block than its header's columns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_padding_mm: Option<f64>,
    /// The signer's signature field.
    pub signer_field_mm: BoxMm,
    /// The agency's seal field.
    pub seal_mm: BoxMm,
    /// The optional signing information field, top right of page 1 (`sign --info`).
    #[serde(default = "signing_info_default")]
    pub signing_info_mm: BoxMm,
}

fn signing_info_default() -> BoxMm {
    BoxMm { w: 100.0, h: 15.0 }
}

/// Page numbers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageNumber {
    /// From the top edge of the paper to the top of the number's line.
    pub distance_mm: f64,
}

/// The style file as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleFile {
    /// Free text.
    #[serde(default, skip_serializing)]
    pub comment: Option<String>,
    /// Fonts.
    pub font: FontNames,
    /// Page.
    pub page: Page,
    /// Margins.
    pub margins_mm: Margins,
    /// Sizes.
    pub sizes_pt: Sizes,
    /// Body.
    pub body: Body,
    /// Header.
    pub header: Header,
    /// Closing.
    pub closing: Closing,
    /// Page numbers.
    pub page_number: PageNumber,
    /// Faces of the elements that differ between profiles.
    #[serde(default)]
    pub faces: Faces,
}

impl StyleFile {
    /// Parse a style file.
    pub fn parse(bytes: &[u8]) -> Result<StyleFile> {
        serde_json::from_slice(bytes).map_err(|e| Error::Internal(format!("layout style.json: {e}")))
    }
}

/// Line spacing: a multiple of single spacing, or an exact distance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "mode", content = "value", rename_all = "lowercase")]
pub enum LineSpacing {
    /// Multiple of single spacing (1.0–1.5).
    Multiple(f64),
    /// Exact baseline-to-baseline distance in pt.
    Exact(f64),
}

/// Single line height of Times New Roman and its metric twins, in em (for validation only;
/// layout uses the loaded font's own metrics).
const SINGLE_EM: f64 = 1.15;

/// Read `line_spacing`: a number 1.0–1.5, or "NNpt" between single and 1.5 lines.
pub fn line_spacing(v: &serde_json::Value, body_size: f64) -> std::result::Result<LineSpacing, String> {
    use crate::nd30::ranges::LINE_SPACING as R;
    match v {
        serde_json::Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if crate::nd30::ranges::within(x, R) {
                Ok(LineSpacing::Multiple(x))
            } else {
                Err(format!("{x} is outside the decree's single to 1.5 lines (1.0–1.5)"))
            }
        }
        serde_json::Value::String(s) if s.trim().ends_with("pt") => {
            let pt = length_mm(s).map(|mm| mm * PT_PER_MM).ok_or_else(|| format!("\"{s}\" is not a length"))?;
            let (lo, hi) = (R.0 * SINGLE_EM * body_size, R.1 * SINGLE_EM * body_size);
            if pt >= lo - 0.5 && pt <= hi + 0.5 {
                Ok(LineSpacing::Exact(pt))
            } else {
                Err(format!("exact {pt:.1}pt is outside single to 1.5 lines at {body_size} pt ({lo:.1}–{hi:.1}pt)"))
            }
        }
        other => Err(format!("expected a multiple 1.0–1.5 or an exact \"18pt\", not {other}")),
    }
}

/// Vertical metrics of the body font, in em (hhea, as Word and LibreOffice use them).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LineMetrics {
    /// Ascent above the baseline.
    pub ascent: f64,
    /// Descent below the baseline (positive).
    pub descent: f64,
    /// Line gap.
    pub gap: f64,
}

/// The resolved style: the file with the input's choices applied.
#[derive(Debug, Clone, Serialize)]
pub struct Style {
    /// Fonts; `family` is the one actually used for layout.
    pub font: FontNames,
    /// Page.
    pub page: Page,
    /// Margins.
    pub margins_mm: Margins,
    /// Sizes.
    pub sizes_pt: Sizes,
    /// Body.
    pub body: Body,
    /// Body line spacing.
    pub line_spacing: LineSpacing,
    /// Header.
    pub header: Header,
    /// Closing.
    pub closing: Closing,
    /// Page numbers.
    pub page_number: PageNumber,
    /// The font's vertical metrics.
    pub metrics: LineMetrics,
    /// Faces of the elements that differ between profiles.
    pub faces: Faces,
    /// Printed on both sides: even pages mirror the left and right margins.
    pub duplex: bool,
}

impl Style {
    /// Apply the input's (validated) style to the file's defaults.
    pub fn resolve(file: &StyleFile, input: Option<&StyleInput>, family: &str, metrics: LineMetrics) -> Style {
        let mut s = Style {
            font: FontNames { family: family.to_string(), ..file.font.clone() },
            page: file.page.clone(),
            margins_mm: file.margins_mm.clone(),
            sizes_pt: file.sizes_pt.clone(),
            body: file.body.clone(),
            line_spacing: match file.body.line_spacing_exact_pt {
                Some(pt) => LineSpacing::Exact(pt),
                None => LineSpacing::Multiple(file.body.line_spacing),
            },
            header: file.header.clone(),
            closing: file.closing.clone(),
            page_number: file.page_number.clone(),
            metrics,
            faces: file.faces.clone(),
            duplex: false,
        };
        let Some(i) = input else { return s };
        if let Some(b) = i.body_size {
            s.sizes_pt.body = b;
            s.sizes_pt.kinh_gui = b;
            s.sizes_pt.table = b;
        }
        if let Some(h) = i.header_size {
            s.sizes_pt.quoc_hieu = h;
            s.sizes_pt.parent = h;
            s.sizes_pt.issuer = h;
            s.sizes_pt.tieu_ngu = h + 1.0;
            s.sizes_pt.place_date = h + 1.0;
        }
        s.duplex = i.duplex == Some(true);
        if let Some(mm) = i.indent.as_deref().and_then(length_mm) {
            s.body.indent_mm = mm;
        }
        if let Some(mm) = i.seal.as_deref().and_then(length_mm) {
            s.closing.seal_mm = BoxMm { w: mm, h: mm };
        }
        if let Some(mm) = i.paragraph_spacing.as_deref().and_then(length_mm) {
            s.body.paragraph_spacing_pt = mm * PT_PER_MM;
        }
        if let Some(ls) = i.line_spacing.as_ref().and_then(|v| line_spacing(v, s.sizes_pt.body).ok()) {
            s.line_spacing = ls;
        }
        if let Some(m) = &i.margins {
            let set = |dst: &mut f64, v: &Option<String>| {
                if let Some(mm) = v.as_deref().and_then(length_mm) {
                    *dst = mm;
                }
            };
            set(&mut s.margins_mm.top, &m.top);
            set(&mut s.margins_mm.bottom, &m.bottom);
            set(&mut s.margins_mm.left, &m.left);
            set(&mut s.margins_mm.right, &m.right);
        }
        s
    }

    /// Width of the text block in mm.
    pub fn text_width_mm(&self) -> f64 {
        self.page.width_mm - self.margins_mm.left - self.margins_mm.right
    }

    /// Baseline-to-baseline distance of body lines at `size` pt.
    pub fn line_pitch_pt(&self, size: f64) -> f64 {
        let single = (self.metrics.ascent + self.metrics.descent + self.metrics.gap) * size;
        match self.line_spacing {
            LineSpacing::Multiple(m) => single * m,
            LineSpacing::Exact(pt) => pt,
        }
    }
}
