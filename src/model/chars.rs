//! The character rule: what every string of the input may hold, beside NFC.
//!
//! Text reaches vanban pasted from Word and read out of e-office databases, with Word's own
//! control characters, invisible marks and debris in it. Each character is printed as
//! itself, given the meaning Word gives it, removed with a warning, or refused at its path:
//!
//! | characters | become |
//! |---|---|
//! | U+000B (Shift+Enter), U+2028, U+2029, LF, a lone CR, CR LF | a line break where the field takes `"\n"`, a space elsewhere |
//! | U+0009 | a space |
//! | U+001E (Word's non-breaking hyphen) | U+2011 (the writers keep it unbroken) |
//! | U+001F (Word's optional hyphen), U+00AD | removed: vanban never hyphenates |
//! | U+200B–U+200D, U+2060, U+FEFF, U+200E, U+200F, U+061C | removed, warning `removed-char` |
//! | other C0 and C1 controls, DEL, noncharacters, bidi embeddings, overrides and isolates | error `invalid-char` |
//!
//! Private-use code points and characters the fonts lack are left to the `missing-glyph`
//! check, which knows the fonts.

use crate::error::InputError;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// What the rule makes of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Printed as itself.
    Keep,
    /// A line break (or a space in a one-line field).
    Break,
    /// A plain space.
    Space,
    /// Word's non-breaking hyphen.
    NoBreakHyphen,
    /// Removed without a word: formatting hints that change nothing vanban prints.
    Drop,
    /// Removed, with a warning: invisible, so the person who typed it cannot see it.
    Invisible,
    /// Refused: a control, a noncharacter or a bidi control, with what it is.
    Invalid(&'static str),
}

fn class(c: char) -> Class {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{2028}' | '\u{2029}' => Class::Break,
        '\t' => Class::Space,
        '\u{1E}' => Class::NoBreakHyphen,
        '\u{1F}' | '\u{AD}' => Class::Drop,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => Class::Invisible,
        '\u{0C}' => Class::Invalid("a form feed (page break)"),
        '\u{00}'..='\u{1F}' | '\u{7F}' => Class::Invalid("a control character"),
        '\u{80}'..='\u{9F}' => Class::Invalid("a C1 control character"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Class::Invalid("a bidirectional embedding, override or isolate"),
        c if is_noncharacter(c) => Class::Invalid("a noncharacter"),
        _ => Class::Keep,
    }
}

/// Whether the rule refuses this character (`invalid-char`): other checks leave it alone.
pub fn is_refused(c: char) -> bool {
    matches!(class(c), Class::Invalid(_))
}

/// What a reader of other people's files (the Word importer) does with a character before
/// the text reaches the model: `None` keep it; `Some(None)` drop it without a word (Word's
/// optional hyphens); `Some(Some(what))` remove it and say so — an invisible mark, or a
/// control the rule would refuse, so that the reader's output is always input the rule takes.
pub fn removed_by_readers(c: char) -> Option<Option<&'static str>> {
    match class(c) {
        Class::Drop => Some(None),
        Class::Invisible => Some(Some(invisible_name(c))),
        Class::Invalid(what) => Some(Some(what)),
        _ => None,
    }
}

/// Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte-order mark",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        _ => "Arabic letter mark",
    }
}

/// The non-breaking hyphen the writers print for Word's U+001E.
pub const NO_BREAK_HYPHEN: char = '\u{2011}';

/// Whether a string at this JSON path takes `"\n"` as a line break (spec/input.md: inline
/// text, agency names, titles and signing lines break where the input says). Elsewhere a
/// break would mean something different in the PDF and in Word, so it becomes a space.
pub fn takes_breaks(path: &str) -> bool {
    let in_body = path.starts_with("$.body") || path.contains(".body[");
    let key = last_key(path);
    if in_body {
        // Everything printed in a body is inline text, but the few enumerated values.
        return !matches!(key, "align" | "marker" | "width" | "as" | "status" | "rounding" | "show" | "number");
    }
    // A signer's name is one line in both writers; an agency's name breaks where it says.
    let agency_name = key == "name" && path.ends_with("issuer.name");
    agency_name
        || matches!(
            key,
            "subject" | "authority" | "bases" | "proposal" | "lead" | "parent" | "title" | "caption" | "on_behalf_of"
                | "for" | "by_order_of" | "by_delegation_of" | "lines" | "note"
        )
}

/// The last object key of a path: `$.signers[1].lines[0]` → `lines`.
fn last_key(path: &str) -> &str {
    let key = path.rsplit('.').next().unwrap_or(path);
    key.split('[').next().unwrap_or(key)
}

/// Apply the rule to one string; the errors and warnings it raises go to `out`.
pub fn clean(path: &str, s: &str, out: &mut Vec<InputError>) -> String {
    let breaks = takes_breaks(path);
    let mut text = String::with_capacity(s.len());
    let mut refused: Vec<char> = Vec::new();
    let mut removed: Vec<char> = Vec::new();
    let mut chars = s.chars().enumerate().peekable();
    while let Some((at, c)) = chars.next() {
        match class(c) {
            Class::Keep => text.push(c),
            Class::Break => {
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    continue;
                }
                text.push(if breaks { '\n' } else { ' ' });
            }
            Class::Space => text.push(' '),
            Class::NoBreakHyphen => text.push(NO_BREAK_HYPHEN),
            Class::Drop => {}
            Class::Invisible => {
                if !removed.contains(&c) {
                    removed.push(c);
                    out.push(
                        InputError::at(path, format!("removed an invisible {} (U+{:04X}) at character {}", invisible_name(c), c as u32, at + 1))
                            .code("removed-char")
                            .warning(),
                    );
                }
            }
            Class::Invalid(what) => {
                if !refused.contains(&c) {
                    refused.push(c);
                    let hint = match c {
                        '\u{0C}' => "delete it; a page break in the body is the block {\"page_break\": true}",
                        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                            "delete it: in an official document it can make a number or a name read differently from what it is"
                        }
                        _ => "delete it: it prints as nothing and Word cannot open a file that holds it",
                    };
                    out.push(
                        InputError::at(path, format!("{what} (U+{:04X}) at character {} is not allowed in a document", c as u32, at + 1))
                            .code("invalid-char")
                            .hint(hint),
                    );
                }
            }
        }
    }
    if text == s {
        return text;
    }
    // A removed mark between a letter and its combining marks can change what composes.
    text.nfc().collect()
}

/// Apply the rule to every string of an input value (`meta` and `$schema`, which vanban does
/// not print, are left as they are). The diagnostics in input order.
pub fn apply(value: &mut Value) -> Vec<InputError> {
    let mut out = Vec::new();
    walk(value, "$".to_string(), &mut out);
    out
}

fn walk(v: &mut Value, path: String, out: &mut Vec<InputError>) {
    match v {
        Value::String(s) => {
            if s.chars().any(|c| class(c) != Class::Keep) {
                *s = clean(&path, s, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                walk(x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if path == "$" && (k == "meta" || k == "$schema") {
                    continue;
                }
                walk(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(path: &str, s: &str) -> (String, Vec<InputError>) {
        let mut out = Vec::new();
        let t = clean(path, s, &mut out);
        (t, out)
    }

    #[test]
    fn word_controls_mean_what_word_means() {
        assert_eq!(run("$.subject", "a\u{0B}b\u{2028}c\u{2029}d\r\ne\rf").0, "a\nb\nc\nd\ne\nf");
        assert_eq!(run("$.place", "a\u{0B}b\nc").0, "a b c");
        assert_eq!(run("$.body[0]", "a\tb").0, "a b");
        assert_eq!(run("$.body[0]", "Quyết\u{1E}định").0, "Quyết\u{2011}định");
        assert_eq!(run("$.body[0]", "chuyển\u{1F}đổi so\u{AD}ft").0, "chuyểnđổi soft");
        assert!(run("$.body[0]", "a\u{1F}b").1.is_empty());
    }

    #[test]
    fn invisible_marks_are_removed_with_a_warning() {
        let (t, d) = run("$.recipients[1]", "Sở\u{200B} Nội\u{FEFF} vụ\u{200E}");
        assert_eq!(t, "Sở Nội vụ");
        assert_eq!(d.len(), 3);
        assert!(d.iter().all(|e| e.code == "removed-char" && e.severity == crate::error::Severity::Warning));
        assert!(d[0].message.contains("U+200B"), "{}", d[0].message);
        assert_eq!(d[0].path.as_deref(), Some("$.recipients[1]"));
        // Removing a joiner between a letter and its mark composes them.
        assert_eq!(run("$.place", "e\u{200D}\u{301}").0, "é");
    }

    #[test]
    fn controls_noncharacters_and_bidi_are_refused() {
        for c in ['\u{0}', '\u{7}', '\u{0C}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}', '\u{FFFE}', '\u{FFFF}', '\u{1FFFE}', '\u{10FFFF}', '\u{FDD0}', '\u{202E}', '\u{2066}'] {
            let (_, d) = run("$.signer.name", &format!("Nguyễn{c}Văn"));
            assert_eq!(d.len(), 1, "{:04X}", c as u32);
            assert_eq!(d[0].code, "invalid-char");
            assert!(d[0].message.contains(&format!("U+{:04X}", c as u32)), "{}", d[0].message);
        }
    }

    #[test]
    fn fields_that_take_breaks() {
        assert!(takes_breaks("$.issuer.name"));
        assert!(takes_breaks("$.signers[1].lines[0]"));
        assert!(takes_breaks("$.body[2].table.rows[0][1]"));
        assert!(takes_breaks("$.appendices[0].body[1].list[0]"));
        assert!(!takes_breaks("$.body[2].align"));
        assert!(!takes_breaks("$.place"));
        assert!(!takes_breaks("$.distribution[0]"));
        assert!(!takes_breaks("$.contact.address"));
        assert!(takes_breaks("$.copy.issuer.name"));
        assert!(!takes_breaks("$.signer.name"));
        assert_eq!(run("$.signers[0].name", "Lê\nVăn").0, "Lê Văn");
    }

    #[test]
    fn apply_skips_meta() {
        let mut v = serde_json::json!({ "place": "Huế\u{200B}", "meta": { "x": "\u{7}" } });
        let d = apply(&mut v);
        assert_eq!(v["place"], "Huế");
        assert_eq!(v["meta"]["x"], "\u{7}");
        assert_eq!(d.len(), 1);
    }
}
