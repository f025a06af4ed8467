//! What an answer is called: the file name (`meta.output`, else `<number>-<symbol>`, as
//! batch names files), its `Content-Disposition`, and the ETag.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// The output name of a document's JSON: `meta.output`, else `<number>-<symbol>`
/// (`05-BC-UBND`), else "document".
pub fn stem(bytes: &[u8]) -> String {
    let name = crate::batch::document_name(bytes).unwrap_or_default();
    if name.is_empty() { "document".into() } else { name }
}

/// `attachment; filename="ASCII"; filename*=UTF-8''percent-encoded` (RFC 6266).
pub fn disposition(name: &str) -> String {
    format!("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii(name), percent(name))
}

/// The name without diacritics, for clients that read only `filename`.
fn ascii(name: &str) -> String {
    name.nfd()
        .filter_map(|c| match c {
            'đ' => Some('d'),
            'Đ' => Some('D'),
            c if unicode_normalization::char::is_combining_mark(c) => None,
            c if c.is_ascii_alphanumeric() || "-_.,()+ ".contains(c) => Some(c),
            _ => Some('_'),
        })
        .collect()
}

fn percent(name: &str) -> String {
    let mut out = String::new();
    for b in name.nfc().collect::<String>().bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A strong ETag from the version, the engine's options, what was asked and the body.
pub fn etag(fingerprint: &str, asked: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    for part in [env!("CARGO_PKG_VERSION").as_bytes(), fingerprint.as_bytes(), asked.as_bytes()] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update(body);
    let d = h.finalize();
    format!("\"{}\"", d[..16].iter().map(|b| format!("{b:02x}")).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(disposition("05-BC-UBND.pdf"), "attachment; filename=\"05-BC-UBND.pdf\"; filename*=UTF-8''05-BC-UBND.pdf");
        assert_eq!(
            disposition("Báo cáo Đà Nẵng.pdf"),
            "attachment; filename=\"Bao cao Da Nang.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%90%C3%A0%20N%E1%BA%B5ng.pdf"
        );
        assert_eq!(ascii("a\"b\\c;d"), "a_b_c_d");
        assert_ne!(etag("a", "pdf", b"x"), etag("a", "docx", b"x"));
        assert_eq!(etag("a", "pdf", b"x"), etag("a", "pdf", b"x"));
    }
}
