//! Named paragraph styles: every element's size, weight, alignment and spacing lives in a
//! style, so a paragraph a user adds in Word takes the right format. Values come from the
//! resolved [`Style`](crate::style::Style) the Typst layout also reads.

use super::units::{half, mm, pt};
use crate::doc::Doc;
use crate::style::{LineSpacing as Ls, Style};
use docx_rs::{AlignmentType, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style as WStyle, StyleType};

/// Body paragraph.
pub const BODY: &str = "VBBody";
/// List item (a body paragraph that starts with its marker).
pub const LIST: &str = "VBList";
/// Section headings, by level (1: "I. TITLE", 2: "1. Title", 3: "a) Title").
pub const HEADINGS: [&str; 3] = ["VBHeading1", "VBHeading2", "VBHeading3"];
/// Centred headings (Chương, Phần, Mục and their titles).
pub const HEADING_CENTRED: &str = "VBHeadingCentred";
/// Table text.
pub const TABLE: &str = "VBTable";
/// Quốc hiệu.
pub const QUOC_HIEU: &str = "VBQuocHieu";
/// Tiêu ngữ.
pub const TIEU_NGU: &str = "VBTieuNgu";
/// Parent agency.
pub const PARENT: &str = "VBParent";
/// Issuing agency.
pub const ISSUER: &str = "VBIssuer";
/// "Số: …".
pub const NUMBER: &str = "VBNumber";
/// "V/v …".
pub const VV: &str = "VBVv";
/// Place and date.
pub const PLACE_DATE: &str = "VBPlaceDate";
/// Type line.
pub const TYPE: &str = "VBType";
/// Trích yếu.
pub const SUBJECT: &str = "VBSubject";
/// A short rule: an empty paragraph with a bottom border.
pub const RULE: &str = "VBRule";
/// Kính gửi.
pub const KINH_GUI: &str = "VBKinhGui";
/// "Nơi nhận:".
pub const NOI_NHAN: &str = "VBNoiNhan";
/// Nơi nhận items.
pub const NOI_NHAN_ITEM: &str = "VBNoiNhanItem";
/// Signing lines: the first (authority or one's own title).
pub const SIGNING: &str = "VBSigning";
/// Signing lines after the first (the chức vụ).
pub const SIGNING_TITLE: &str = "VBSigningTitle";
/// The Party title "ĐẢNG CỘNG SẢN VIỆT NAM".
pub const PARTY_TITLE: &str = "VBPartyTitle";
/// The star under a Party issuing body.
pub const STAR: &str = "VBStar";
/// A line under Số (the Party draft mark).
pub const BELOW_NUMBER: &str = "VBBelowNumber";
/// The five hyphens under a Party trích yếu.
pub const HYPHENS: &str = "VBHyphens";
/// A notice at the top or foot of a page (the Party guide's ô 11a).
pub const NOTICE: &str = "VBNotice";
/// The signature space (ô 7c) and its note.
pub const SIGNATURE: &str = "VBSignature";
/// Signer's name.
pub const SIGNER_NAME: &str = "VBSignerName";
/// Page number.
pub const PAGE_NUMBER: &str = "VBPageNumber";
/// Urgency and secrecy marks.
pub const MARK: &str = "VBMark";
/// Circulation mark.
pub const CIRCULATION: &str = "VBCirculation";
/// Authority heading of decisions.
pub const AUTHORITY: &str = "VBAuthority";
/// Căn cứ and "Theo đề nghị của …".
pub const BASIS: &str = "VBBasis";
/// "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:".
pub const DECISION: &str = "VBDecision";
/// Drafter and copies (ô 12).
pub const DRAFTER: &str = "VBDrafter";
/// Contact block (ô 13).
pub const CONTACT: &str = "VBContact";
/// An electronic copy's signing information (ô 14).
pub const SIGNING_INFO: &str = "VBSigningInfo";
/// Appendix label, title and caption.
pub const APPENDIX_LABEL: &str = "VBAppendixLabel";
/// Appendix title.
pub const APPENDIX_TITLE: &str = "VBAppendixTitle";
/// Appendix caption "(Kèm theo …)".
pub const APPENDIX_CAPTION: &str = "VBAppendixCaption";
/// The paragraph that closes a section (holds its properties): as small as it can be.
pub const SECTION_END: &str = "VBSectionEnd";

/// Times New Roman in all four slots, so Word never falls back to a theme font.
pub fn fonts(s: &Style) -> RunFonts {
    let f = s.font.docx.as_str();
    RunFonts::new().ascii(f).hi_ansi(f).east_asia(f).cs(f)
}

/// Single spacing, nothing before or after.
pub fn single() -> LineSpacing {
    LineSpacing::new().before(0).after(0).line(240).line_rule(LineSpacingType::Auto)
}

/// The body's line spacing (multiple or exact), with `before` pt above.
pub fn body_spacing(s: &Style, before: f64) -> LineSpacing {
    let ls = LineSpacing::new().before(pt(before) as u32).after(0);
    match s.line_spacing {
        Ls::Multiple(m) => ls.line((240.0 * m).round() as i32).line_rule(LineSpacingType::Auto),
        Ls::Exact(p) => ls.line(pt(p)).line_rule(LineSpacingType::Exact),
    }
}

fn base(id: &str, name: &str, s: &Style, size: f64) -> WStyle {
    WStyle::new(id, StyleType::Paragraph).name(name).q_format(true).fonts(fonts(s)).size(half(size)).line_spacing(single())
}

fn centred(id: &str, name: &str, s: &Style, size: f64) -> WStyle {
    base(id, name, s, size).align(AlignmentType::Center)
}

/// A style in a face of the style file (underline is set on the runs it applies to).
fn faced(st: WStyle, f: crate::style::Face) -> WStyle {
    let st = if f.bold { st.bold() } else { st };
    if f.italic { st.italic() } else { st }
}

/// Every style the document uses.
pub fn styles(doc: &Doc) -> Vec<WStyle> {
    let s = &doc.style;
    let z = &s.sizes_pt;
    let indent = Some(SpecialIndentType::FirstLine(mm(s.body.indent_mm)));
    let gutter = Some(mm(doc.header.gutter_mm));
    let body = base(BODY, "VB Body", s, z.body)
        .align(AlignmentType::Both)
        .indent(Some(0), indent, Some(0), None)
        .line_spacing(body_spacing(s, s.body.paragraph_spacing_pt))
        .next(BODY);
    let mut out = vec![body];
    out.push(WStyle::new(LIST, StyleType::Paragraph).name("VB List").q_format(true).based_on(BODY).next(LIST));
    for (k, id) in HEADINGS.iter().enumerate() {
        out.push(WStyle::new(*id, StyleType::Paragraph).name(format!("VB Heading {}", k + 1)).q_format(true).based_on(BODY).bold().next(BODY));
    }
    out.push(
        WStyle::new(HEADING_CENTRED, StyleType::Paragraph)
            .name("VB Heading Centred")
            .q_format(true)
            .based_on(BODY)
            .bold()
            .align(AlignmentType::Center)
            .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), Some(0), None)
            .next(BODY),
    );
    out.push(base(TABLE, "VB Table", s, z.table));
    out.push(centred(QUOC_HIEU, "VB Quoc Hieu", s, z.quoc_hieu).bold());
    out.push(centred(TIEU_NGU, "VB Tieu Ngu", s, z.tieu_ngu).bold());
    out.push(centred(PARENT, "VB Parent Agency", s, z.parent).indent(Some(0), None, gutter, None));
    out.push(centred(ISSUER, "VB Issuer", s, z.issuer).bold().indent(Some(0), None, gutter, None));
    out.push(centred(NUMBER, "VB Number", s, z.number).indent(Some(0), None, gutter, None));
    out.push(faced(centred(VV, "VB Subject VV", s, z.vv).indent(Some(0), None, gutter, None), s.faces.vv));
    out.push(centred(PARTY_TITLE, "VB Party Title", s, z.party_title).bold());
    out.push(centred(STAR, "VB Star", s, z.issuer).indent(Some(0), None, gutter, None));
    out.push(centred(BELOW_NUMBER, "VB Draft Mark", s, z.number).italic().indent(Some(0), None, gutter, None));
    out.push(centred(HYPHENS, "VB Hyphens", s, z.subject));
    out.push(base(NOTICE, "VB Notice", s, z.circulation).bold());
    out.push(centred(PLACE_DATE, "VB Place Date", s, z.place_date).italic());
    out.push(centred(TYPE, "VB Type", s, z.type_).bold());
    out.push(centred(SUBJECT, "VB Subject", s, z.subject).bold());
    out.push(
        base(RULE, "VB Rule", s, 2.0)
            .line_spacing(LineSpacing::new().before(0).after(0).line(pt(s.header.rule_gap_pt)).line_rule(LineSpacingType::Exact)),
    );
    out.push(base(KINH_GUI, "VB Kinh Gui", s, z.kinh_gui).line_spacing(body_spacing(s, 0.0)));
    // Enter after "Nơi nhận:" gives an item; after an item, another item.
    out.push(faced(base(NOI_NHAN, "VB Noi Nhan", s, z.noi_nhan_label), s.faces.noi_nhan_label).indent(Some(0), None, gutter, None).next(NOI_NHAN_ITEM));
    let hang = s.closing.item_hang_mm;
    let item_indent = if hang > 0.0 { (Some(mm(hang)), Some(SpecialIndentType::Hanging(mm(hang)))) } else { (Some(0), None) };
    out.push(base(NOI_NHAN_ITEM, "VB Noi Nhan Item", s, z.noi_nhan_item).indent(item_indent.0, item_indent.1, gutter, None).next(NOI_NHAN_ITEM));
    out.push(centred(SIGNING, "VB Signing", s, z.signing).bold().next(SIGNING_TITLE));
    out.push(faced(centred(SIGNING_TITLE, "VB Signing Title", s, z.signing), s.faces.signing_title));
    out.push(centred(SIGNATURE, "VB Signature Space", s, z.signer_note));
    out.push(centred(SIGNER_NAME, "VB Signer Name", s, z.signer_name).bold());
    out.push(centred(PAGE_NUMBER, "VB Page Number", s, z.page_number));
    out.push(centred(MARK, "VB Mark", s, z.mark).bold());
    out.push(centred(CIRCULATION, "VB Circulation", s, z.circulation).bold());
    out.push(centred(AUTHORITY, "VB Authority", s, z.authority).bold().line_spacing(body_spacing(s, s.body.paragraph_spacing_pt)).next(BASIS));
    out.push(
        faced(WStyle::new(BASIS, StyleType::Paragraph).name("VB Basis").q_format(true).based_on(BODY).size(half(z.authority)).next(BASIS), s.faces.basis),
    );
    out.push(centred(DECISION, "VB Decision", s, z.authority).bold().line_spacing(body_spacing(s, s.body.paragraph_spacing_pt)).next(BODY));
    out.push(base(DRAFTER, "VB Drafter", s, z.drafter));
    out.push(centred(CONTACT, "VB Contact", s, z.contact));
    out.push(base(SIGNING_INFO, "VB Signing Info", s, z.signing_info).align(AlignmentType::Right));
    out.push(centred(APPENDIX_LABEL, "VB Appendix Label", s, z.appendix_label).bold());
    out.push(centred(APPENDIX_TITLE, "VB Appendix Title", s, z.appendix_title).bold());
    out.push(centred(APPENDIX_CAPTION, "VB Appendix Caption", s, z.appendix_caption).italic());
    out.push(base(SECTION_END, "VB Section End", s, 1.0).line_spacing(LineSpacing::new().before(0).after(0).line(20).line_rule(LineSpacingType::Exact)));
    out
}
