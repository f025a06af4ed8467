//! Appendices and attached documents (Mẫu 2.1, 1.3): the "Phụ lục I" label and the
//! "(Kèm theo …)" caption, as vanban derives them when the input gives none.

use super::numbering::roman;

/// "Phụ lục" for a lone appendix, else "Phụ lục I", "Phụ lục II", … (`n` from 1) among
/// `plain` appendices that are not attached documents.
pub fn label(plain: usize, n: usize) -> String {
    if plain == 1 { "Phụ lục".to_string() } else { format!("Phụ lục {}", roman(n as u32)) }
}

/// "(Kèm theo Báo cáo số 612/BC-UBND ngày 05 tháng 10 năm 2020 của Ủy ban nhân dân xã …)";
/// an attached document's reads "(Ban hành kèm theo …)". `reference` and `date` are as
/// printed (`symbol::reference`, `DocDate::words`).
pub fn caption(attached: bool, type_name: &str, reference: &str, date: &str, issuer: &str) -> String {
    format!("({} {type_name} số {reference} {date} của {issuer})", if attached { "Ban hành kèm theo" } else { "Kèm theo" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decree_forms() {
        assert_eq!(label(1, 1), "Phụ lục");
        assert_eq!(label(3, 2), "Phụ lục II");
        assert_eq!(caption(false, "Báo cáo", "612/BC-UBND", "ngày 05 tháng 10 năm 2020", "UBND xã Hương Xuân"), "(Kèm theo Báo cáo số 612/BC-UBND ngày 05 tháng 10 năm 2020 của UBND xã Hương Xuân)");
        assert!(caption(true, "Quyết định", "05/QĐ-SGDĐT", "ngày 02 tháng 01 năm 2026", "Sở").starts_with("(Ban hành kèm theo Quyết định số"));
    }
}
