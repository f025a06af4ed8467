//! The DOCX package: a ZIP with limits (entries, sizes, XML depth), so that a zip bomb is an
//! input error and not a hang; an old binary .doc or an encrypted DOCX (both OLE compound
//! files) is named as such.

use crate::error::{Error, InputError, Result};
use std::io::Read;

/// Most entries read from a package.
const MAX_ENTRIES: usize = 10_000;
/// Largest part read, uncompressed (a long report's document.xml is a few MB).
const MAX_PART: u64 = 64 << 20;
/// Most bytes read from all parts together.
const MAX_TOTAL: u64 = 256 << 20;
/// Deepest XML nesting accepted.
const MAX_DEPTH: usize = 256;

fn refuse(code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::Input(vec![InputError::at("INPUT", message).code(code).hint(hint)])
}

/// Whether bytes look like a Word file vanban should import (a ZIP or an OLE file).
pub fn looks_like_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&OLE)
}

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An opened package.
pub struct Package {
    zip: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
    read: u64,
}

impl Package {
    /// Open a DOCX, refusing what is not one.
    pub fn open(bytes: Vec<u8>) -> Result<Package> {
        if bytes.starts_with(&OLE) {
            // An encrypted DOCX is an OLE file holding "EncryptionInfo" (UTF-16 names).
            let name: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
                return Err(refuse("encrypted-docx", "the Word file is encrypted (it has a password to open)", "open it in Word, remove the password (File › Info › Protect Document) and save it again"));
            }
            return Err(refuse("doc-format", "this is an old binary Word file (.doc), not a .docx", "open it in Word or LibreOffice and save it as .docx (Word Document)"));
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(refuse("not-docx", "not a Word .docx file (not a ZIP package)", "give a .docx file saved by Word, LibreOffice or WPS"));
        }
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| refuse("not-docx", format!("the .docx package cannot be read: {e}"), "check that the file is whole"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(refuse("too-large", format!("the package has {} entries; at most {MAX_ENTRIES} are read", zip.len()), "a Word document has a few dozen"));
        }
        let mut p = Package { zip, read: 0 };
        if !p.has("word/document.xml") {
            return Err(refuse("not-docx", "the package has no word/document.xml: it is not a Word document", "give a .docx file (not .xlsx, .pptx or .odt)"));
        }
        p.read = 0;
        Ok(p)
    }

    /// Whether the package holds a part.
    pub fn has(&mut self, name: &str) -> bool {
        self.zip.by_name(name).is_ok()
    }

    /// The names of the parts.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// A part's bytes (a picture), within the limits; `None` when absent.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Ok(f) = self.zip.by_name(name) else { return Ok(None) };
        let mut buf = Vec::new();
        f.take(MAX_PART + 1).read_to_end(&mut buf).map_err(|e| refuse("not-docx", format!("{name} cannot be read: {e}"), "check that the file is whole"))?;
        self.read += buf.len() as u64;
        if buf.len() as u64 > MAX_PART || self.read > MAX_TOTAL {
            return Err(refuse("too-large", format!("the package unpacks to more than {} MB", MAX_TOTAL >> 20), "a zip bomb, or a document far larger than any office document"));
        }
        Ok(Some(buf))
    }

    /// A part as text, within the limits; `None` when absent.
    pub fn text(&mut self, name: &str) -> Result<Option<String>> {
        let Ok(f) = self.zip.by_name(name) else { return Ok(None) };
        let declared = f.size();
        if declared > MAX_PART {
            return Err(refuse("too-large", format!("{name} is {declared} bytes uncompressed; at most {MAX_PART} are read"), "a zip bomb, or a document far larger than any office document"));
        }
        let mut buf = Vec::new();
        // Read one byte past the limit: a lying header cannot make us read more.
        f.take(MAX_PART + 1).read_to_end(&mut buf).map_err(|e| refuse("not-docx", format!("{name} cannot be read: {e}"), "check that the file is whole"))?;
        self.read += buf.len() as u64;
        if buf.len() as u64 > MAX_PART || self.read > MAX_TOTAL {
            return Err(refuse("too-large", format!("the package unpacks to more than {} MB", MAX_TOTAL >> 20), "a zip bomb, or a document far larger than any office document"));
        }
        let text = String::from_utf8(buf).map_err(|_| refuse("not-docx", format!("{name} is not UTF-8 XML"), "save the document again in Word"))?;
        if depth(&text) > MAX_DEPTH {
            return Err(refuse("too-deep", format!("{name} nests XML deeper than {MAX_DEPTH} levels"), "no Word document does; the file was made to break readers"));
        }
        Ok(Some(text))
    }
}

/// The deepest element nesting of an XML text (comments, declarations and CDATA aside).
fn depth(xml: &str) -> usize {
    let b = xml.as_bytes();
    let (mut d, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        if b[i] == b'<' {
            match b.get(i + 1) {
                Some(b'/') => d = d.saturating_sub(1),
                Some(b'?') | Some(b'!') => {}
                Some(_) => {
                    // Find the tag's end; `/>` closes it at once.
                    let end = b[i..].iter().position(|&c| c == b'>').map(|p| i + p).unwrap_or(b.len());
                    if end == 0 || b.get(end - 1) != Some(&b'/') {
                        d += 1;
                        max = max.max(d);
                    }
                    i = end;
                }
                None => {}
            }
        }
        i += 1;
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths() {
        assert_eq!(depth("<a><b/><c><d></d></c></a>"), 3);
        assert_eq!(depth("<?xml version=\"1.0\"?><!-- x --><a x=\"1\"/>"), 0);
    }
}
