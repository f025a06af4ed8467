//! Reading a DOCX in tests: its parts, as text and as XML trees.

use std::collections::BTreeMap;
use std::io::Read;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Every part of the package by name.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().to_string(), s);
        }
    }
    out
}

/// The `w:val` (or another `w:` attribute) of a node.
pub fn attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The first child element with this local name.
pub fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// All descendants with this local name.
pub fn all<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    n.descendants().filter(|c| c.is_element() && c.tag_name().name() == name).collect()
}

/// A paragraph's text.
pub fn text(p: roxmltree::Node) -> String {
    p.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.text()).collect()
}

/// Every entry of a ZIP (a DOCX, a batch's archive): name and bytes, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}
