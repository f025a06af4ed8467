//! Signing lines (ô 7a): TM. / TL. / TUQ. / KT. prefixes, each on its own line, then the
//! signer's title (Q. when acting), all UPPER.

use super::text::{parts, upper};
use crate::model::Signer;

/// The signing lines, in the decree's order: TM., TL., TUQ., KT., then the title.
/// Explicit `lines` replace all of it. A `"\n"` in a value starts a new line.
pub fn signing_lines(s: &Signer) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(lines) = &s.lines {
        for l in lines {
            out.extend(parts(&upper(l)));
        }
        return out;
    }
    let mut push = |prefix: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            out.extend(parts(&format!("{prefix}{}", upper(v))));
        }
    };
    push("TM. ", &s.on_behalf_of);
    push("TL. ", &s.by_order_of);
    push("TUQ. ", &s.by_delegation_of);
    push("KT. ", &s.for_);
    let q = if s.acting == Some(true) { "Q. " } else { "" };
    push(q, &s.title);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(f: impl FnOnce(&mut Signer)) -> Vec<String> {
        let mut x = Signer::default();
        f(&mut x);
        signing_lines(&x)
    }

    #[test]
    fn every_form_of_the_decree() {
        assert_eq!(s(|x| { x.on_behalf_of = Some("Ủy ban nhân dân".into()); x.title = Some("Chủ tịch".into()) }),
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
        assert_eq!(s(|x| {
            x.on_behalf_of = Some("Ủy ban nhân dân".into());
            x.for_ = Some("Chủ tịch".into());
            x.title = Some("Phó Chủ tịch".into())
        }), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(s(|x| { x.for_ = Some("Bộ trưởng".into()); x.title = Some("Thứ trưởng".into()) }),
            ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]);
        assert_eq!(s(|x| { x.by_order_of = Some("Bộ trưởng".into()); x.title = Some("Vụ trưởng Vụ Pháp chế".into()) }),
            ["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ"]);
        assert_eq!(s(|x| {
            x.by_order_of = Some("Bộ trưởng".into());
            x.for_ = Some("Vụ trưởng".into());
            x.title = Some("Phó Vụ trưởng".into())
        }), ["TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG"]);
        assert_eq!(s(|x| { x.by_delegation_of = Some("Chủ tịch".into()); x.title = Some("Giám đốc Sở Nội vụ".into()) }),
            ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]);
        assert_eq!(s(|x| { x.acting = Some(true); x.title = Some("Giám đốc".into()) }), ["Q. GIÁM ĐỐC"]);
        assert_eq!(s(|x| x.title = Some("Chủ tịch".into())), ["CHỦ TỊCH"]);
        assert_eq!(s(|x| { x.lines = Some(vec!["Thư ký".into()]); x.title = Some("ignored".into()) }), ["THƯ KÝ"]);
    }
}
