//! The 29 types of Phụ lục III: slug, name, abbreviation for the symbol.

/// One document type of Phụ lục III.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocType {
    /// The input's slug (`bao-cao`).
    pub slug: &'static str,
    /// The name in sentence case (`Báo cáo`).
    pub name: &'static str,
    /// Abbreviation in the symbol (`BC`); `None` for công văn and thư công.
    pub abbr: Option<&'static str>,
}

impl DocType {
    /// Công văn: no type line, "V/v" subject, symbol ISSUER-UNIT.
    pub fn is_cong_van(&self) -> bool {
        self.slug == "cong-van"
    }
    /// Whether a type line ("BÁO CÁO") is printed (not for công văn, thư công).
    pub fn has_type_line(&self) -> bool {
        self.abbr.is_some()
    }
}

const fn t(slug: &'static str, name: &'static str, abbr: Option<&'static str>) -> DocType {
    DocType { slug, name, abbr }
}

/// All 29 types, in the decree's order.
pub const TYPES: [DocType; 29] = [
    t("nghi-quyet", "Nghị quyết", Some("NQ")),
    t("quyet-dinh", "Quyết định", Some("QĐ")),
    t("chi-thi", "Chỉ thị", Some("CT")),
    t("quy-che", "Quy chế", Some("QC")),
    t("quy-dinh", "Quy định", Some("QyĐ")),
    t("thong-cao", "Thông cáo", Some("TC")),
    t("thong-bao", "Thông báo", Some("TB")),
    t("huong-dan", "Hướng dẫn", Some("HD")),
    t("chuong-trinh", "Chương trình", Some("CTr")),
    t("ke-hoach", "Kế hoạch", Some("KH")),
    t("phuong-an", "Phương án", Some("PA")),
    t("de-an", "Đề án", Some("ĐA")),
    t("du-an", "Dự án", Some("DA")),
    t("bao-cao", "Báo cáo", Some("BC")),
    t("bien-ban", "Biên bản", Some("BB")),
    t("to-trinh", "Tờ trình", Some("TTr")),
    t("hop-dong", "Hợp đồng", Some("HĐ")),
    t("cong-van", "Công văn", None),
    t("cong-dien", "Công điện", Some("CĐ")),
    t("ban-ghi-nho", "Bản ghi nhớ", Some("BGN")),
    t("ban-thoa-thuan", "Bản thỏa thuận", Some("BTT")),
    t("giay-uy-quyen", "Giấy ủy quyền", Some("GUQ")),
    t("giay-moi", "Giấy mời", Some("GM")),
    t("giay-gioi-thieu", "Giấy giới thiệu", Some("GGT")),
    t("giay-nghi-phep", "Giấy nghỉ phép", Some("GNP")),
    t("phieu-gui", "Phiếu gửi", Some("PG")),
    t("phieu-chuyen", "Phiếu chuyển", Some("PC")),
    t("phieu-bao", "Phiếu báo", Some("PB")),
    t("thu-cong", "Thư công", None),
];

/// The type with this slug.
pub fn by_slug(slug: &str) -> Option<&'static DocType> {
    TYPES.iter().find(|t| t.slug == slug)
}

/// Copy forms (Mẫu 3.1 / 3.2): slug, printed form, symbol code.
pub const COPY_FORMS: [(&str, &str, &str); 3] =
    [("sao-y", "SAO Y", "SY"), ("sao-luc", "SAO LỤC", "SL"), ("trich-sao", "TRÍCH SAO", "TrS")];

/// Urgency marks (ô 10b): slug and printed mark.
pub const URGENCY: [(&str, &str); 3] = [("khan", "KHẨN"), ("thuong-khan", "THƯỢNG KHẨN"), ("hoa-toc", "HỎA TỐC")];

/// The decree's box for a mark, in mm: KHẨN 20 × 8, THƯỢNG KHẨN 40 × 8, HỎA TỐC 30 × 8; other
/// marks (secrecy, circulation) are 8 mm high and fit their text.
pub fn mark_box_mm(mark: &str) -> (Option<f64>, f64) {
    let w = match mark {
        "KHẨN" => Some(20.0),
        "THƯỢNG KHẨN" => Some(40.0),
        "HỎA TỐC" => Some(30.0),
        _ => None,
    };
    (w, MARK_HEIGHT_MM)
}

/// Height of every boxed mark, mm.
pub const MARK_HEIGHT_MM: f64 = 8.0;

/// Secrecy marks (ô 10a).
pub const SECRECY: [(&str, &str); 3] = [("mat", "MẬT"), ("toi-mat", "TỐI MẬT"), ("tuyet-mat", "TUYỆT MẬT")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_nine_types_with_the_decree_abbreviations() {
        assert_eq!(TYPES.len(), 29);
        let abbrs: Vec<_> = TYPES.iter().filter_map(|t| t.abbr).collect();
        assert_eq!(abbrs.len(), 27);
        assert_eq!(by_slug("quy-dinh").unwrap().abbr, Some("QyĐ"));
        assert_eq!(by_slug("chuong-trinh").unwrap().abbr, Some("CTr"));
        assert_eq!(by_slug("to-trinh").unwrap().abbr, Some("TTr"));
        assert_eq!(by_slug("de-an").unwrap().abbr, Some("ĐA"));
        assert!(by_slug("cong-van").unwrap().is_cong_van());
        assert!(!by_slug("thu-cong").unwrap().has_type_line());
        let mut slugs: Vec<_> = TYPES.iter().map(|t| t.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 29);
    }
}
