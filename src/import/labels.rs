//! The decree's labels as people type them: "NƠI NHẬN:", "Kính Gửi:", "V/V", "KT GIÁM ĐỐC",
//! "T.L." are given the decree's spelling as Word's paragraphs are read, so that every reader
//! of the parts (header, preamble, closing) finds them by one spelling.

use super::wordml::Para;

/// The decree's labels the parts are found by, as it writes them.
const LABELS: [&str; 4] = ["Nơi nhận", "Kính gửi", "Kính trình", "V/v"];

/// A paragraph that starts with one of the decree's labels typed in another case ("NƠI
/// NHẬN:", "Kính Gửi:", "V/V") gets the decree's spelling, so that every reader finds it: the
/// letters are the same, one for one, only their case changes.
pub(super) fn label_case(para: &mut Para) {
    let text: String = para.runs.iter().map(|r| r.text.as_str()).collect();
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let head: String = text.chars().skip(lead).take(12).collect();
    let Some(label) = LABELS.iter().find(|l| {
        let n = l.chars().count();
        let typed: String = head.chars().take(n).collect();
        typed != **l && typed.to_lowercase() == l.to_lowercase() && head.chars().nth(n).is_none_or(|c| !c.is_alphabetic())
    }) else {
        return;
    };
    // Rewrite the label's characters where they stand, run by run.
    let mut want = label.chars();
    let mut at = 0;
    let end = lead + label.chars().count();
    for r in &mut para.runs {
        let mut out = String::with_capacity(r.text.len());
        for c in r.text.chars() {
            out.push(if at >= lead && at < end { want.next().unwrap_or(c) } else { c });
            at += 1;
        }
        r.text = out;
    }
}

/// A signing line's prefix typed without its dot or with dots inside ("KT GIÁM ĐỐC", "T.M.
/// ỦY BAN NHÂN DÂN", "K.T CHỦ TỊCH") gets the decree's spelling ("KT. ", "TM. "), in a short
/// line typed all in capitals (an authority or a title), where no other text starts so.
pub(super) fn signing_prefix(para: &mut Para) {
    let Some(first) = para.runs.first_mut() else { return };
    let t = first.text.trim_start();
    let rest_upper = |r: &str| r.chars().any(char::is_alphabetic) && !r.chars().any(char::is_lowercase);
    for canon in ["TM", "KT", "TL", "TUQ"] {
        let dotted: String = canon.chars().map(|c| format!("{c}.")).collect();
        for typed in [format!("{canon} "), format!("{dotted} "), format!("{} ", dotted.trim_end_matches('.')), format!("{canon}: ")] {
            if let Some(rest) = t.strip_prefix(typed.as_str()) {
                if rest_upper(rest) && (1..=8).contains(&rest.split_whitespace().count()) {
                    first.text = format!("{canon}. {}", rest.trim_start());
                    return;
                }
            }
        }
    }
}
