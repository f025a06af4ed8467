//! The prepared document: every string final (numbering, punctuation, case), every width
//! computed, ready for either writer. The Typst layout reads it as JSON data; the DOCX
//! writer walks the same struct. Writers add no text of their own.

mod body;
mod breaks;
mod build;
mod closing;
mod forms;
mod grid;
mod party;

pub use build::prepare;
pub use grid::wrapped_widths;

use crate::nd30::text::Span;
use crate::style::Style;
use serde::Serialize;

/// A document ready to lay out.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// Resolved style (sizes, margins, spacing, metrics).
    pub style: Style,
    /// Document metadata.
    pub meta: Meta,
    /// Header (ô 1–4, 5b, 10).
    pub header: Header,
    /// Type line and trích yếu (ô 5a).
    pub title: Title,
    /// Kính gửi (ô 9a).
    pub recipients: Recipients,
    /// The body, flattened into paragraphs and tables in reading order (the preamble of
    /// decisions first: authority, căn cứ, "QUYẾT ĐỊNH:").
    pub body: Vec<Para>,
    /// Nơi nhận and the signature block.
    pub closing: Closing,
    /// Address lines (ô 13), under a full-width rule.
    pub contact: Vec<String>,
    /// Where the address lines go: "first-page" (the decree: the foot of page 1) or
    /// "after-closing" (the Party guide: the last page, after the closing).
    pub contact_at: &'static str,
    /// A notice at the top right of page 1, 10 mm from the top edge (the Party guide's ô
    /// 11a: "TÀI LIỆU THU HỒI", "LƯU HÀNH NỘI BỘ").
    pub top_notice: Option<Line>,
    /// A notice centred at the foot of the last page, 10 mm from the bottom edge (the Party
    /// guide's "KHÔNG PHỔ BIẾN TRÊN PHƯƠNG TIỆN THÔNG TIN ĐẠI CHÚNG").
    pub foot_notice: Option<Line>,
    /// Signing information of an electronic copy, 10 pt at the top right of page 1 (ô 14).
    pub info: Vec<String>,
    /// The PDF gets signature fields (the engine's choice): an electronic copy's ô 14 is then
    /// the empty `agency` field, whose signed appearance is that text with the signing time.
    pub signable: bool,
    /// An electronic copy's fields at the top right of page 1, left to right, when there are
    /// several (the Party guide's ô 14 the copying body's, ô 15 the person's); empty: the
    /// decree's one `agency` field.
    pub copy_fields: Vec<String>,
    /// Phụ lục and attached documents, each from a new page.
    pub appendices: Vec<AppendixDoc>,
    /// The copy block (Mẫu 3.1), after everything else.
    pub copy: Option<CopyDoc>,
}

/// An appendix or attached document.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixDoc {
    /// "Phụ lục I", "QUY CHẾ", or none.
    pub label: Option<String>,
    /// Title lines.
    pub title: Vec<Vec<Span>>,
    /// "(Kèm theo …)" line, as printed.
    pub caption: String,
    /// Rule under the caption, pt.
    pub rule_pt: f64,
    /// Text under the caption instead of a rule (the Party guide's "-----").
    pub hyphens: Option<String>,
    /// Its body, numbered afresh.
    pub body: Vec<Para>,
    /// Set on landscape pages (it opens with a wide table).
    pub landscape: bool,
}

/// The copy block (Mẫu 3.1).
#[derive(Debug, Clone, Serialize)]
pub struct CopyDoc {
    /// Left column width, mm.
    pub left_mm: f64,
    /// Right column width, mm.
    pub right_mm: f64,
    /// Gutter, mm.
    pub gutter_mm: f64,
    /// Copying agency lines, UPPER.
    pub issuer: Vec<String>,
    /// "Số: 12/SY-VP".
    pub number: String,
    /// "SAO Y", "SAO LỤC", "TRÍCH SAO".
    pub form: String,
    /// Place and date of the copy.
    pub place_date: String,
    /// The copy's Nơi nhận and signature.
    pub closing: Closing,
}

impl Meta {
    /// The files' metadata: the title and subject on one line, the issuer as author, each
    /// cut where PDF/A would not hold it.
    pub fn new(title: &str, issuer: &str, subject: &str, date: &crate::nd30::date::DocDate, ident: &str) -> Meta {
        use chrono::Datelike;
        let one_line = |s: &str| s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ");
        let max = build::META_MAX_CHARS;
        let td = date.timestamp_date();
        Meta {
            title: crate::nd30::text::shorten(&one_line(title), max),
            author: crate::nd30::text::shorten(&one_line(issuer), max),
            subject: crate::nd30::text::shorten(subject, max),
            date: (td.year(), td.month(), td.day()),
            ident: ident.to_string(),
            lang: "vi".into(),
        }
    }
}

/// Metadata written into the files.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// Title: type, number and subject.
    pub title: String,
    /// Author: the issuer.
    pub author: String,
    /// Subject on one line.
    pub subject: String,
    /// Document date (year, month, day) for timestamps.
    pub date: (i32, u32, u32),
    /// Stable identifier derived from the input.
    pub ident: String,
    /// Language.
    pub lang: String,
}

/// One line of text with its size and face, named for `vanban layout`.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The element's name (`quoc_hieu`, `dang_title`, `draft`…).
    pub element: &'static str,
    /// The text, as printed.
    pub text: String,
    /// Size, pt.
    pub size: f64,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// The header table: two columns.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// Left column width, mm.
    pub left_mm: f64,
    /// Right column width, mm.
    pub right_mm: f64,
    /// Clear space at the right end of the left column (its text never reaches the right one), mm.
    pub gutter_mm: f64,
    /// Parent agency lines (UPPER).
    pub parent: Vec<String>,
    /// Issuing agency lines (UPPER).
    pub issuer: Vec<String>,
    /// Rule under the issuer, pt.
    pub issuer_rule_pt: f64,
    /// "Số: 612/BC-UBND".
    pub number: String,
    /// Công văn: "V/v …" lines.
    pub vv: Vec<Vec<Span>>,
    /// A mark under the issuer instead of a rule (the Party guide's star), centred.
    pub star: Option<String>,
    /// The right column's lines (the decree: Quốc hiệu and Tiêu ngữ; the Party guide: its
    /// title).
    pub right: Vec<Line>,
    /// The rule under them: its element name and length (the text width of the last), pt.
    pub right_rule: (&'static str, f64),
    /// Place and date; none for biên bản.
    pub place_date: Option<String>,
    /// The place and date sit in the right column under its rule (the Party guide), not on
    /// the Số row (the decree).
    pub date_under_title: bool,
    /// Lines under Số and the marks (the Party guide's draft mark).
    pub below_number: Vec<Line>,
    /// An unregistered draft's number line cut at its blank (before, blank, after).
    pub number_parts: Option<[String; 3]>,
    /// An undated draft's date line cut at its blanks (before, day, middle, month, after).
    pub date_parts: Option<[String; 5]>,
    /// Urgency and secrecy marks (ô 10), boxed, in the left column under Số / V/v.
    pub marks: Vec<Mark>,
}

/// A boxed mark: KHẨN, MẬT, LƯU HÀNH NỘI BỘ.
#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    /// The text, UPPER.
    pub text: String,
    /// Red (urgency marks).
    pub red: bool,
    /// Box width, mm.
    pub w_mm: f64,
    /// Box height, mm.
    pub h_mm: f64,
    /// Space between the text line and the box's top and bottom, whole pt (Word's border
    /// spacing is in points), so that the box is `h_mm` high around a single line.
    pub pad_pt: f64,
    /// Drawn in a box (the decree; a Party urgency mark is bold text without one).
    pub boxed: bool,
}

/// Type line and trích yếu.
#[derive(Debug, Clone, Serialize)]
pub struct Title {
    /// "BÁO CÁO"; none for công văn.
    pub type_line: Option<String>,
    /// Trích yếu lines (a `"\n"` starts a line).
    pub subject: Vec<Vec<Span>>,
    /// Rule under the title block, pt (0: none).
    pub rule_pt: f64,
    /// Text under the title block instead of a rule (the Party guide's "-----").
    pub hyphens: Option<String>,
    /// Circulation mark (ô 11), centred under the title block.
    pub circulation: Option<Mark>,
}

/// Kính gửi, or a form's own lead line (công điện "… điện:", giấy mời "… trân trọng kính mời:").
#[derive(Debug, Clone, Serialize)]
pub struct Recipients {
    /// "none", "single" (one line), "list", or "lead" (the lead line, then "- X;" items).
    pub mode: &'static str,
    /// The lead line in "lead" mode.
    pub lead: Vec<Span>,
    /// "Kính gửi:" ("Kính trình:" for a Party tờ trình).
    pub label: String,
    /// Single: "UBND huyện Nam Đông." — list: "- UBND huyện Nam Đông;" …
    pub items: Vec<String>,
    /// Left indent of the block, pt (list mode: the block is centred).
    pub indent_pt: f64,
    /// Width of "Kính gửi: " (where the dashes align), pt.
    pub label_pt: f64,
}

/// One body unit.
#[derive(Debug, Clone, Serialize)]
pub struct Para {
    /// "p", "heading", "item", "table", "page_break", or a preamble kind: "authority",
    /// "basis", "decision".
    pub kind: &'static str,
    /// Depth for headings and items (1 = top).
    pub level: usize,
    /// The text, label included ("I. ", "- ").
    pub spans: Vec<Span>,
    /// First-line indent.
    pub indent: bool,
    /// "justify", "left", "center", "right".
    pub align: &'static str,
    /// JSON path of the top-level input block it comes from.
    pub path: String,
    /// The table, for kind "table".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<TableData>,
    /// Text size when not the body's (authority heading, căn cứ), pt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// The picture, for kind "picture".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<PictureData>,
}

/// A picture at its printed size; the layout reads its bytes from `file`.
#[derive(Debug, Clone, Serialize)]
pub struct PictureData {
    /// The layout's virtual file ("/pictures/0.png"), numbered in reading order.
    pub file: String,
    /// Printed width and height, mm.
    pub width_mm: f64,
    pub height_mm: f64,
    /// Its caption as plain text: the picture's alternative text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// The file.
    #[serde(skip)]
    pub picture: crate::model::picture::Picture,
    /// Its own JSON path (`$.body[2].body[0].image`), for messages.
    #[serde(skip)]
    pub at: String,
}

impl Doc {
    /// Every picture paragraph, in reading order (body, then appendices).
    pub fn pictures(&self) -> impl Iterator<Item = &Para> {
        self.body.iter().chain(self.appendices.iter().flat_map(|a| a.body.iter())).filter(|p| p.picture.is_some())
    }

    /// Number the pictures' files in reading order (both writers name them so).
    pub(crate) fn number_pictures(&mut self) {
        let paras = self.body.iter_mut().chain(self.appendices.iter_mut().flat_map(|a| a.body.iter_mut()));
        for (n, p) in paras.filter_map(|p| p.picture.as_mut()).enumerate() {
            p.file = format!("/pictures/{n}.{}", p.picture.format.ext());
        }
    }
}

/// A table with resolved column widths.
#[derive(Debug, Clone, Serialize)]
pub struct TableData {
    /// Column widths, mm (summing to the text width).
    pub widths_mm: Vec<f64>,
    /// Column alignments.
    pub aligns: Vec<&'static str>,
    /// Header cells (repeated on each page); empty when no column has a title.
    pub head: Vec<CellData>,
    /// Body rows.
    pub rows: Vec<Vec<CellData>>,
    /// Laid out on landscape pages.
    pub landscape: bool,
}

/// A table cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellData {
    /// Text.
    pub spans: Vec<Span>,
    /// Columns spanned.
    pub colspan: usize,
    /// Alignment.
    pub align: &'static str,
}

/// Nơi nhận and the signatures.
#[derive(Debug, Clone, Serialize)]
pub struct Closing {
    /// Left (Nơi nhận) column width, mm, with one signer.
    pub left_mm: f64,
    /// Right (signature) column width, mm, with one signer.
    pub right_mm: f64,
    /// Clear space at the right end of the left column, mm.
    pub gutter_mm: f64,
    /// "Nơi nhận:" (the decree), or "Nơi nhận" whose `label_suffix` ":" is printed apart,
    /// not underlined (the Party guide).
    pub label: String,
    /// Printed right after the label in the plain face.
    pub label_suffix: String,
    /// "- Như trên;" … "- Lưu: VT."
    pub distribution: Vec<String>,
    /// Drafter and copies (ô 12), "PL.(300)".
    pub drafter: Option<String>,
    /// A boxed mark in the left column under Nơi nhận (the Party guide's "Bản sao văn bản"
    /// stamp of a copy, beside the copier's block).
    pub left_mark: Option<Mark>,
    /// The signature blocks, left to right. One: beside Nơi nhận; several: side by side
    /// (biên bản: THƯ KÝ, CHỦ TỌA), Nơi nhận under them.
    pub signers: Vec<SignBlock>,
}

/// One signature block.
#[derive(Debug, Clone, Serialize)]
pub struct SignBlock {
    /// Signing lines, UPPER.
    pub signing: Vec<String>,
    /// Text in the signature space.
    pub note: Vec<String>,
    /// Signer's name.
    pub name: String,
    /// Signature fields in its space: the signer's then the seal's ("signer", "agency"),
    /// the seal's alone (a copy), or none.
    pub fields: Vec<String>,
    /// Every signing line bold (the Party guide's joint documents: "CHÁNH VĂN PHÒNG / UỶ BAN
    /// NHÂN DÂN TỈNH"); otherwise the first bold and the rest in the style's face.
    pub all_bold: bool,
}
