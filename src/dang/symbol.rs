//! "Số 05-HD/VPTW" (Hướng dẫn 05-HD/VPTW 3.2): "Số", a space, the number zero-padded below 10
//! (the decree's padding, shared), "-", the type's code, "/", the body's code; joint bodies'
//! codes joined by "-". No colon.

use super::types::PartyType;

/// An advisory body's code with its cấp uỷ's appended (BTGDV + TU = BTGDVTU, UBKT + TW =
/// UBKTTW, BTC + TU = BTCTU); a cấp uỷ or chi bộ uses its own code alone.
pub fn body_code(body: &str, cap_uy: Option<&str>) -> String {
    match cap_uy {
        Some(c) if !c.is_empty() && !body.ends_with(c) => format!("{body}{c}"),
        _ => body.to_string(),
    }
}

/// The symbol after the number: "NQ/ĐU", "QC/BTCTU-BNCTU" (joint bodies, the lead first).
pub fn symbol(ty: &PartyType, bodies: &[&str]) -> String {
    format!("{}/{}", ty.code, bodies.join("-"))
}

/// The number line: "Số 01-NQ/ĐU"; an unregistered draft keeps the blank the decree's
/// padding gives ("Số     -NQ/ĐU").
pub fn number_line(n: Option<u32>, symbol: &str) -> String {
    format!("Số {}-{symbol}", crate::nd30::symbol::number(n))
}

/// The symbol of a document: the explicit one, else the type's code and the issuer's
/// ("NQ/ĐU"; joint bodies' codes given as "BTCTU-BNCTU").
pub fn of_document(ty: &PartyType, issuer_code: &str, explicit: Option<&str>) -> String {
    match explicit.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.to_string(),
        None => symbol(ty, &[issuer_code.trim()]),
    }
}

/// The number and symbol as cited (a reference line, the register): "01-NQ/ĐU".
pub fn reference(n: Option<u32>, symbol: &str) -> String {
    format!("{}-{symbol}", crate::nd30::symbol::number(n))
}

/// An unregistered draft's number line cut at its blank (before, blank, after), whose
/// concatenation is [`number_line`]; `None` for a registered number.
pub fn number_line_parts(n: Option<u32>, symbol: &str) -> Option<[String; 3]> {
    n.is_none().then(|| ["Số ".to_string(), crate::nd30::symbol::number(None), format!("-{symbol}")])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dang::types::by_slug;

    #[test]
    fn numbers_as_the_guide_writes_them() {
        let nq = by_slug("nghi-quyet").unwrap();
        assert_eq!(number_line(Some(1), &symbol(nq, &["ĐU"])), "Số 01-NQ/ĐU");
        assert_eq!(number_line(Some(138), &symbol(by_slug("cong-van").unwrap(), &[&body_code("BTGDV", Some("TU"))])), "Số 138-CV/BTGDVTU");
        assert_eq!(number_line(Some(5), &symbol(by_slug("quy-che").unwrap(), &["BTCTU", "BNCTU"])), "Số 05-QC/BTCTU-BNCTU");
        assert_eq!(body_code("UBKT", Some("TW")), "UBKTTW");
        assert_eq!(body_code("ĐU", None), "ĐU");
        assert!(!number_line(Some(5), "HD/VPTW").contains(':'), "no colon after Số");
        assert_eq!(number_line_parts(None, "KH/ĐU").unwrap().concat(), number_line(None, "KH/ĐU"));
        assert_eq!(reference(Some(1), "KH/ĐU"), "01-KH/ĐU");
    }
}
