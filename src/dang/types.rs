//! Party document types and their codes (Quy định 399-QĐ/TW; Hướng dẫn 05-HD/VPTW 3.1.2a).
//! Codes are the initials of the name's syllables, except where they collide: Quyết định and
//! Quy định are both QĐ (HD05; HD36's "QĐi" is gone), Chỉ thị CT, Chương trình CTr, Thông tri
//! TT, Tờ trình TTr. Slugs are made as the decree's: the name without diacritics, hyphenated.

/// A Party document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyType {
    /// The input's slug (`nghi-quyet`).
    pub slug: &'static str,
    /// The name in sentence case (`Nghị quyết`).
    pub name: &'static str,
    /// The code in "Số 01-NQ/ĐU".
    pub code: &'static str,
    /// Whether the code is the guide's (fixed or shown in its examples) or vanban's choice
    /// where the guide is silent (listed in the README's Party section).
    pub chosen: bool,
}

const fn t(slug: &'static str, name: &'static str, code: &'static str, chosen: bool) -> PartyType {
    PartyType { slug, name, code, chosen }
}

/// Every type, documents first, then the giấy tờ hành chính.
pub const TYPES: &[PartyType] = &[
    t("nghi-quyet", "Nghị quyết", "NQ", false),
    t("quyet-dinh", "Quyết định", "QĐ", false),
    t("chi-thi", "Chỉ thị", "CT", false),
    t("ket-luan", "Kết luận", "KL", false),
    t("quy-che", "Quy chế", "QC", false),
    t("quy-dinh", "Quy định", "QĐ", false),
    t("thong-tri", "Thông tri", "TT", false),
    t("huong-dan", "Hướng dẫn", "HD", false),
    t("thong-bao", "Thông báo", "TB", true),
    t("thong-cao", "Thông cáo", "TC", true),
    t("bao-cao", "Báo cáo", "BC", false),
    t("ke-hoach", "Kế hoạch", "KH", true),
    t("quy-hoach", "Quy hoạch", "QH", true),
    t("chuong-trinh", "Chương trình", "CTr", false),
    t("de-an", "Đề án", "ĐA", true),
    t("phuong-an", "Phương án", "PA", true),
    t("du-an", "Dự án", "DA", true),
    t("to-trinh", "Tờ trình", "TTr", false),
    t("cong-van", "Công văn", "CV", false),
    t("bien-ban", "Biên bản", "BB", false),
    // Giấy tờ hành chính: the guide fixes no codes; these are the initials, with thư công
    // taking "TCg" so as not to collide with thông cáo.
    t("giay-gioi-thieu", "Giấy giới thiệu", "GGT", true),
    t("giay-chung-nhan", "Giấy chứng nhận", "GCN", true),
    t("giay-di-duong", "Giấy đi đường", "GĐĐ", true),
    t("giay-nghi-phep", "Giấy nghỉ phép", "GNP", true),
    t("giay-moi", "Giấy mời", "GM", true),
    t("phieu-chuyen", "Phiếu chuyển", "PC", true),
    t("phieu-gui", "Phiếu gửi", "PG", true),
    t("thu-cong", "Thư công", "TCg", true),
];

/// A type by its slug.
pub fn by_slug(slug: &str) -> Option<&'static PartyType> {
    TYPES.iter().find(|t| t.slug == slug)
}

impl PartyType {
    /// Whether its tên loại is printed on its own line (every type but công văn).
    pub fn prints_name(&self) -> bool {
        self.slug != "cong-van"
    }

    /// Whether it cites its bases (căn cứ): nghị quyết and quyết định.
    pub fn has_bases(&self) -> bool {
        matches!(self.slug, "nghi-quyet" | "quyet-dinh")
    }

    /// The label of its addressees: "Kính gửi" for công văn, "Kính trình" for tờ trình.
    pub fn addressee_label(&self) -> Option<&'static str> {
        match self.slug {
            "cong-van" => Some("Kính gửi"),
            "to-trinh" => Some("Kính trình"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name without diacritics, lower case, hyphenated.
    fn slug(name: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        name.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c }).collect::<String>().to_lowercase().replace(' ', "-")
    }

    #[test]
    fn codes_as_the_guide_fixes_them() {
        assert_eq!(by_slug("quy-dinh").unwrap().code, "QĐ", "HD05: Quy định is QĐ (HD36's QĐi is gone)");
        assert_eq!(by_slug("quyet-dinh").unwrap().code, "QĐ");
        assert_eq!(by_slug("chuong-trinh").unwrap().code, "CTr");
        assert_eq!(by_slug("to-trinh").unwrap().code, "TTr");
        assert_eq!(by_slug("thong-tri").unwrap().code, "TT");
        assert!(!by_slug("cong-van").unwrap().prints_name());
        assert_eq!(by_slug("to-trinh").unwrap().addressee_label(), Some("Kính trình"));
        assert!(by_slug("nghi-quyet").unwrap().has_bases());
        // Slugs are the names without diacritics, hyphenated; each once.
        for t in TYPES {
            assert_eq!(TYPES.iter().filter(|x| x.slug == t.slug).count(), 1, "{}", t.slug);
            assert_eq!(slug(t.name), t.slug, "{}", t.name);
        }
        assert_eq!(TYPES.len(), 28);
    }
}
