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
    let chars = || para.runs.iter().flat_map(|r| r.text.chars());
    let lead = chars().take_while(|c| c.is_whitespace()).count();
    let head: String = chars().skip(lead).take(12).collect();
    let Some(label) = LABELS.iter().find(|l| {
        let n = l.chars().count();
        let typed: String = head.chars().take(n).collect();
        typed != **l && typed.to_lowercase() == l.to_lowercase() && head.chars().nth(n).is_none_or(|c| !c.is_alphabetic())
    }) else {
        return;
    };
    // Rewrite the label's characters where they stand, run by run (it may span runs).
    let mut want = label.chars().peekable();
    let mut at = 0;
    for r in &mut para.runs {
        if want.peek().is_none() {
            break;
        }
        r.text = r
            .text
            .chars()
            .map(|c| {
                at += 1;
                if at > lead { want.next().unwrap_or(c) } else { c }
            })
            .collect();
    }
}

/// Signing prefixes as typed without their dot or with dots inside, and the decree's.
const PREFIXES: [(&str, &str); 16] = [
    ("TM ", "TM."), ("T.M. ", "TM."), ("T.M ", "TM."), ("TM: ", "TM."),
    ("KT ", "KT."), ("K.T. ", "KT."), ("K.T ", "KT."), ("KT: ", "KT."),
    ("TL ", "TL."), ("T.L. ", "TL."), ("T.L ", "TL."), ("TL: ", "TL."),
    ("TUQ ", "TUQ."), ("T.U.Q. ", "TUQ."), ("T.U.Q ", "TUQ."), ("TUQ: ", "TUQ."),
];

/// A signing line's prefix typed without its dot or with dots inside ("KT GIÁM ĐỐC", "T.M.
/// ỦY BAN NHÂN DÂN", "K.T CHỦ TỊCH") gets the decree's spelling ("KT. ", "TM. "), in a short
/// line typed all in capitals (an authority or a title), where no other text starts so.
pub(super) fn prefix_spelling(para: &mut Para) {
    let Some(first) = para.runs.first_mut() else { return };
    let t = first.text.trim_start();
    let short_capitals = |r: &str| r.chars().any(char::is_alphabetic) && !r.chars().any(char::is_lowercase) && (1..=8).contains(&r.split_whitespace().count());
    if let Some((rest, canon)) = PREFIXES.iter().find_map(|(typed, canon)| t.strip_prefix(typed).filter(|r| short_capitals(r)).map(|r| (r, canon))) {
        first.text = format!("{canon} {}", rest.trim_start());
    }
}
