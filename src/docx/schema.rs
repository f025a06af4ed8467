//! What docx-rs writes that the OOXML schema (ECMA-376, as the Open XML SDK checks it)
//! refuses, mended in the package step. LibreOffice forgives all of it; Word may "repair"
//! the file, which a user must never see.
//!
//! - `w:type` on `w:gridCol` (the schema gives a grid column a width alone);
//! - `w:rPr` inside the `w:pPr` of a style, of the paragraph defaults or of a numbering
//!   level (allowed only in a paragraph's own `w:pPr`): its properties go to the style's or
//!   level's own `w:rPr`;
//! - the children of `w:settings` in schema order;
//! - a theme part, whose fonts are the document's, related from the main part.

/// The theme part's name inside the package.
pub const THEME_PART: &str = "word/theme/theme1.xml";

/// Children of `w:settings` in the order of CT_Settings.
pub const SETTINGS: &[&str] = &[
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime", "doNotDisplayPageBoundaries",
    "displayBackgroundShape", "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
    "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
    "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength",
    "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
    "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
    "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving",
    "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
];

/// A grid column with its width alone.
pub fn grid_columns(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<w:gridCol ") {
        let Some(len) = rest[i..].find('>') else { break };
        out.push_str(&rest[..i]);
        let tag = &rest[i..i + len + 1];
        out.push_str(&without_attr(tag, "w:type"));
        rest = &rest[i + len + 1..];
    }
    out.push_str(rest);
    out
}

fn without_attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    match tag.find(&key) {
        Some(a) => {
            let v = a + key.len();
            let end = tag[v..].find('"').map_or(tag.len(), |e| v + e + 1);
            format!("{}{}", &tag[..a], &tag[end..])
        }
        None => tag.to_string(),
    }
}

/// Move a `w:rPr` out of every `w:pPr` of styles.xml or numbering.xml: dropped when empty,
/// else its properties join the `w:rPr` that follows the `w:pPr` (made when there is none).
pub fn hoist_mark_run_properties(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<w:pPr>") {
        let body_start = i + "<w:pPr>".len();
        let Some(body_len) = rest[body_start..].find("</w:pPr>") else { break };
        let body = &rest[body_start..body_start + body_len];
        let after = &rest[body_start + body_len + "</w:pPr>".len()..];
        let (kept, moved) = take_rpr(body);
        out.push_str(&rest[..body_start]);
        out.push_str(&kept);
        out.push_str("</w:pPr>");
        rest = after;
        if moved.is_empty() {
            continue;
        }
        if let Some(tail) = rest.strip_prefix("<w:rPr />") {
            out.push_str(&format!("<w:rPr>{moved}</w:rPr>"));
            rest = tail;
        } else if let Some(tail) = rest.strip_prefix("<w:rPr>") {
            out.push_str("<w:rPr>");
            out.push_str(&moved);
            rest = tail;
        } else {
            out.push_str(&format!("<w:rPr>{moved}</w:rPr>"));
        }
    }
    out.push_str(rest);
    out
}

/// The body without its `w:rPr` child, and that child's content.
fn take_rpr(body: &str) -> (String, String) {
    if let Some(i) = body.find("<w:rPr />") {
        return (format!("{}{}", &body[..i], &body[i + "<w:rPr />".len()..]), String::new());
    }
    if let Some(i) = body.find("<w:rPr>") {
        if let Some(len) = body[i..].find("</w:rPr>") {
            let inner = &body[i + "<w:rPr>".len()..i + len];
            return (format!("{}{}", &body[..i], &body[i + len + "</w:rPr>".len()..]), inner.to_string());
        }
    }
    (body.to_string(), String::new())
}

/// The relationship from the main part to the theme.
pub fn with_theme_relationship(rels: &str) -> String {
    let rel = "<Relationship Id=\"rIdTheme1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\" />";
    if rels.contains("relationships/theme\"") {
        return rels.to_string();
    }
    rels.replacen("</Relationships>", &format!("{rel}</Relationships>"), 1)
}

/// The theme's content type.
pub fn with_theme_content_type(types: &str) -> String {
    let ov = "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\" />";
    if types.contains("/word/theme/theme1.xml") {
        return types.to_string();
    }
    types.replacen("</Types>", &format!("{ov}</Types>"), 1)
}

/// A theme whose major and minor fonts are the document's (Word shows theme fonts in its font
/// list, and a style without fonts would fall back to them).
pub fn theme(font: &str) -> String {
    let font = font.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let colors = [
        ("dk1", "<a:sysClr val=\"windowText\" lastClr=\"000000\" />"),
        ("lt1", "<a:sysClr val=\"window\" lastClr=\"FFFFFF\" />"),
        ("dk2", "<a:srgbClr val=\"44546A\" />"),
        ("lt2", "<a:srgbClr val=\"E7E6E6\" />"),
        ("accent1", "<a:srgbClr val=\"4472C4\" />"),
        ("accent2", "<a:srgbClr val=\"ED7D31\" />"),
        ("accent3", "<a:srgbClr val=\"A5A5A5\" />"),
        ("accent4", "<a:srgbClr val=\"FFC000\" />"),
        ("accent5", "<a:srgbClr val=\"5B9BD5\" />"),
        ("accent6", "<a:srgbClr val=\"70AD47\" />"),
        ("hlink", "<a:srgbClr val=\"0563C1\" />"),
        ("folHlink", "<a:srgbClr val=\"954F72\" />"),
    ];
    let clr: String = colors.iter().map(|(n, c)| format!("<a:{n}>{c}</a:{n}>")).collect();
    let fonts = format!("<a:latin typeface=\"{font}\" /><a:ea typeface=\"\" /><a:cs typeface=\"{font}\" />");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\" /></a:solidFill>";
    let line = format!("<a:ln w=\"6350\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{fill}<a:prstDash val=\"solid\" /></a:ln>");
    let effect = "<a:effectStyle><a:effectLst /></a:effectStyle>";
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"vanban\"><a:themeElements><a:clrScheme name=\"vanban\">{clr}</a:clrScheme><a:fontScheme name=\"vanban\"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme><a:fmtScheme name=\"vanban\"><a:fillStyleLst>{f3}</a:fillStyleLst><a:lnStyleLst>{l3}</a:lnStyleLst><a:effectStyleLst>{e3}</a:effectStyleLst><a:bgFillStyleLst>{f3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults /><a:extraClrSchemeLst /></a:theme>",
        f3 = fill.repeat(3),
        l3 = line.repeat(3),
        e3 = effect.repeat(3),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_column_width_alone() {
        assert_eq!(grid_columns(r#"<w:tblGrid><w:gridCol w:w="100" w:type="dxa" /></w:tblGrid>"#), r#"<w:tblGrid><w:gridCol w:w="100" /></w:tblGrid>"#);
    }

    #[test]
    fn mark_properties_move_to_the_style() {
        let xml = r#"<w:style><w:pPr><w:jc w:val="center" /><w:rPr /></w:pPr><w:rPr /></w:style>"#;
        assert_eq!(hoist_mark_run_properties(xml), r#"<w:style><w:pPr><w:jc w:val="center" /></w:pPr><w:rPr /></w:style>"#);
        let xml = r#"<w:style><w:pPr><w:rPr><w:b /></w:rPr></w:pPr><w:rPr /></w:style>"#;
        assert_eq!(hoist_mark_run_properties(xml), r#"<w:style><w:pPr></w:pPr><w:rPr><w:b /></w:rPr></w:style>"#);
        let xml = r#"<w:style><w:pPr><w:rPr><w:b /></w:rPr></w:pPr><w:rPr><w:i /></w:rPr></w:style>"#;
        assert_eq!(hoist_mark_run_properties(xml), r#"<w:style><w:pPr></w:pPr><w:rPr><w:b /><w:i /></w:rPr></w:style>"#);
    }

    #[test]
    fn theme_names_the_font() {
        let t = theme("Times New Roman");
        assert!(t.contains("<a:latin typeface=\"Times New Roman\" />"));
        assert!(roxmltree::Document::parse(&t).is_ok());
    }
}
