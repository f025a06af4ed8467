//! Number and symbol (ô 3): "Số: 612/BC-UBND", zero-padded below 10, blank when unregistered.

use super::date::BLANK;
use super::types::DocType;

/// The symbol: `TYPE-ISSUER` for typed documents, `ISSUER-UNIT` for công văn and thư công,
/// or the input's override.
pub fn symbol(doc_type: &DocType, issuer_code: &str, unit: Option<&str>, explicit: Option<&str>) -> String {
    if let Some(s) = explicit.map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_string();
    }
    let code = issuer_code.trim();
    match doc_type.abbr {
        Some(abbr) => format!("{abbr}-{code}"),
        None => match unit.map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => format!("{code}-{u}"),
            None => code.to_string(),
        },
    }
}

/// A number as printed: "05", "612"; blank space when not yet registered.
pub fn number(n: Option<u32>) -> String {
    match n {
        Some(n) => format!("{n:02}"),
        None => format!("{BLANK}\u{a0}"),
    }
}

/// "Số: 612/BC-UBND" (or "Số:      /BC-UBND").
pub fn number_line(n: Option<u32>, symbol: &str) -> String {
    match n {
        Some(_) => format!("Số: {}/{symbol}", number(n)),
        None => format!("Số:{}/{symbol}", number(n)),
    }
}

/// The number line cut where an unregistered draft's blank is: (before, blank, after), whose
/// concatenation is [`number_line`]; `None` for a registered number. The blank is where the
/// văn thư's number goes at issuance (a form field in the signable PDF).
pub fn number_line_parts(n: Option<u32>, symbol: &str) -> Option<[String; 3]> {
    n.is_none().then(|| ["Số:".to_string(), number(None), format!("/{symbol}")])
}

/// The number and symbol as cited in a caption: "612/BC-UBND".
pub fn reference(n: Option<u32>, symbol: &str) -> String {
    format!("{}/{symbol}", number(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nd30::types::by_slug;

    #[test]
    fn the_decree_examples() {
        let bc = by_slug("bao-cao").unwrap();
        assert_eq!(number_line(Some(612), &symbol(bc, "UBND", None, None)), "Số: 612/BC-UBND");
        let qd = by_slug("quyet-dinh").unwrap();
        assert_eq!(number_line(Some(15), &symbol(qd, "UBND", None, None)), "Số: 15/QĐ-UBND");
        assert_eq!(number_line(Some(5), &symbol(bc, "UBND", None, None)), "Số: 05/BC-UBND");
        let cv = by_slug("cong-van").unwrap();
        assert_eq!(number_line(Some(123), &symbol(cv, "UBND", Some("VP"), None)), "Số: 123/UBND-VP");
        assert_eq!(symbol(bc, "UBND", None, Some("BC-X")), "BC-X");
        let blank = number_line(None, "BC-UBND");
        assert_eq!(number_line_parts(None, "BC-UBND").unwrap().concat(), blank);
        assert!(number_line_parts(Some(5), "BC-UBND").is_none());
        assert!(blank.starts_with("Số:\u{a0}") && blank.ends_with("/BC-UBND"));
    }
}
