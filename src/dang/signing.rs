//! The signing block of Party documents (Hướng dẫn 05-HD/VPTW 7.1): the authority prefixes
//! with a slash, who may use which, and the chức vụ line.

/// How a signer signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// In their own name: the one title line, bold.
    Own,
    /// T/M (thay mặt): a cấp uỷ, its ban thường vụ, an uỷ ban kiểm tra, a hội đồng, congress organs.
    OnBehalf,
    /// K/T (ký thay): the deputy of a body run by one head. Never for a cấp uỷ.
    For,
    /// T/L (thừa lệnh): delegated by the ban thường vụ or the head.
    ByOrder,
    /// Q.: an acting head.
    Acting,
}

impl Authority {
    /// The prefix as printed ("T/M", "K/T", "T/L", "Q."); none in one's own name.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            Authority::Own => None,
            Authority::OnBehalf => Some("T/M"),
            Authority::For => Some("K/T"),
            Authority::ByOrder => Some("T/L"),
            Authority::Acting => Some("Q."),
        }
    }

    /// The contract's signer key that holds the collective or head it names (`on_behalf_of`
    /// for T/M, `for` for K/T, `by_order_of` for T/L); Q. and one's own name have none.
    pub fn contract_key(self) -> Option<&'static str> {
        match self {
            Authority::OnBehalf => Some("on_behalf_of"),
            Authority::For => Some("for"),
            Authority::ByOrder => Some("by_order_of"),
            Authority::Own | Authority::Acting => None,
        }
    }

    /// The choices an editor offers for the Party profile (the "Quyền hạn ký" select).
    pub const CHOICES: [Authority; 5] = [Authority::Own, Authority::OnBehalf, Authority::For, Authority::ByOrder, Authority::Acting];
}

/// The collectives a cấp uỷ signs for: they never take K/T (a phó bí thư signs "T/M ĐẢNG UỶ /
/// PHÓ BÍ THƯ").
const CAP_UY: &[&str] = &["đảng uỷ", "đảng ủy", "chi bộ", "tỉnh uỷ", "tỉnh ủy", "thành uỷ", "thành ủy", "ban thường vụ", "ban chấp hành"];

/// Whether `body` (the collective's name) is a cấp uỷ.
pub fn is_cap_uy(body: &str) -> bool {
    let b = body.to_lowercase();
    CAP_UY.iter().any(|c| b.starts_with(c))
}

/// Whether a chức vụ names a body ("Bí thư Tỉnh uỷ" instead of "BÍ THƯ"): the guide's
/// chức vụ carries no body name (7.1.2). "Chánh Văn phòng" is a chức vụ of its own (HD05
/// signs "K/T CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG").
pub fn title_names_body(title: &str) -> bool {
    let t = title.to_lowercase();
    CAP_UY.iter().chain(&["uỷ ban kiểm tra", "ủy ban kiểm tra", "ban tổ chức", "ban tuyên giáo"]).any(|c| t.contains(c) && !t.starts_with(c))
}

/// Whether a member signing for a collective gets a chức vụ line: bí thư, phó bí thư, chủ
/// nhiệm, phó chủ nhiệm, chủ tịch, phó chủ tịch do; an uỷ viên does not.
pub fn has_title_line(title: &str) -> bool {
    let t = title.to_lowercase();
    !(t.starts_with("uỷ viên") || t.starts_with("ủy viên"))
}

/// The lines above the signature: "T/M ĐẢNG UỶ" then "PHÓ BÍ THƯ"; in one's own name, the
/// title alone; "Q. TRƯỞNG BAN" for an acting head; "K/T TRƯỞNG BAN" then "PHÓ TRƯỞNG BAN".
/// `collective` is the body (T/M) or the head's title (K/T, T/L).
pub fn lines(authority: Authority, collective: &str, title: &str) -> Vec<String> {
    let up = crate::nd30::text::upper;
    match authority {
        Authority::Own => vec![up(title)],
        Authority::Acting => vec![format!("Q. {}", up(title))],
        Authority::OnBehalf if !has_title_line(title) || title.is_empty() => vec![format!("T/M {}", up(collective))],
        a => vec![format!("{} {}", a.prefix().unwrap_or_default(), up(collective)), up(title)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_lines_as_the_guide_shows_them() {
        assert_eq!(lines(Authority::OnBehalf, "Đảng uỷ", "Phó Bí thư"), ["T/M ĐẢNG UỶ", "PHÓ BÍ THƯ"]);
        assert_eq!(lines(Authority::OnBehalf, "Đảng uỷ", "Uỷ viên"), ["T/M ĐẢNG UỶ"], "an uỷ viên has no chức vụ line");
        assert_eq!(lines(Authority::For, "Trưởng ban", "Phó Trưởng ban"), ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]);
        assert_eq!(lines(Authority::Acting, "", "Trưởng ban"), ["Q. TRƯỞNG BAN"]);
        assert_eq!(lines(Authority::Own, "", "Trưởng ban"), ["TRƯỞNG BAN"]);
        assert!(is_cap_uy("Đảng uỷ xã Hương Xuân") && is_cap_uy("Chi bộ thôn 3") && !is_cap_uy("Ban Tổ chức Tỉnh uỷ"));
        assert!(title_names_body("Bí thư Tỉnh uỷ") && !title_names_body("Bí thư"));
    }
}

/// The signing lines of a contract signer in a Party document: `on_behalf_of` T/M, `for`
/// K/T, `by_order_of` T/L, `acting` Q., else the title alone (bold); explicit `lines` as
/// given, upper case.
pub fn signer_lines(s: &crate::model::Signer) -> Vec<String> {
    if let Some(lines) = &s.lines {
        return lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(crate::nd30::text::upper).collect();
    }
    let title = s.title.as_deref().unwrap_or("").trim();
    let (authority, collective) = if let Some(c) = &s.on_behalf_of {
        (Authority::OnBehalf, c.as_str())
    } else if let Some(c) = &s.for_ {
        (Authority::For, c.as_str())
    } else if let Some(c) = &s.by_order_of {
        (Authority::ByOrder, c.as_str())
    } else if s.acting == Some(true) {
        (Authority::Acting, "")
    } else {
        (Authority::Own, "")
    };
    lines(authority, collective.trim(), title).into_iter().filter(|l| !l.trim().is_empty()).collect()
}
