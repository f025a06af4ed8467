//! The layout's files: the embedded `layouts/nd30`, or a directory given with `--layout`.

use crate::error::{Error, Result};
use crate::style::StyleFile;
use std::collections::BTreeMap;
use std::path::Path;

/// The embedded layout, compiled into the binary (works from any folder, offline).
const EMBEDDED: [(&str, &[u8]); 7] = [
    ("main.typ", include_bytes!("../../layouts/nd30/main.typ")),
    ("common.typ", include_bytes!("../../layouts/nd30/common.typ")),
    ("header.typ", include_bytes!("../../layouts/nd30/header.typ")),
    ("body.typ", include_bytes!("../../layouts/nd30/body.typ")),
    ("closing.typ", include_bytes!("../../layouts/nd30/closing.typ")),
    ("forms.typ", include_bytes!("../../layouts/nd30/forms.typ")),
    ("style.json", include_bytes!("../../layouts/nd30/style.json")),
];

/// The Party profile's style file: the same Typst program draws both profiles' prepared
/// documents; their sizes, columns and faces differ.
const PARTY_STYLE: &[u8] = include_bytes!("../../layouts/dang/style.json");

/// A layout: its files by name, and its parsed style files.
pub struct Layout {
    /// File name (relative, `/`-separated) → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The parsed `style.json` (the decree's profile).
    pub style: StyleFile,
    /// The Party profile's style file (`dang/style.json` in a layout directory, else the
    /// embedded one).
    pub party_style: StyleFile,
}

impl Layout {
    /// The layout compiled into vanban.
    pub fn embedded() -> Layout {
        let files: BTreeMap<String, Vec<u8>> = EMBEDDED.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        let style = StyleFile::parse(&files["style.json"]).expect("the embedded style.json is valid");
        Layout { files, style, party_style: Layout::embedded_party_style().clone() }
    }

    /// The embedded Party style file, parsed once per process.
    pub fn embedded_party_style() -> &'static StyleFile {
        static STYLE: std::sync::OnceLock<StyleFile> = std::sync::OnceLock::new();
        STYLE.get_or_init(|| StyleFile::parse(PARTY_STYLE).expect("the embedded dang/style.json is valid"))
    }

    /// The style file of a profile.
    pub fn style_for(&self, profile: crate::profile::Profile) -> &StyleFile {
        match profile {
            crate::profile::Profile::Nd30 => &self.style,
            crate::profile::Profile::Dang => &self.party_style,
        }
    }

    /// The embedded layout's style, parsed once per process (for readers that need the
    /// layout's defaults, such as the DOCX importer).
    pub fn embedded_style() -> &'static StyleFile {
        static STYLE: std::sync::OnceLock<StyleFile> = std::sync::OnceLock::new();
        STYLE.get_or_init(|| StyleFile::parse(EMBEDDED.iter().find(|(n, _)| *n == "style.json").map(|(_, b)| *b).unwrap_or_default()).expect("the embedded style.json is valid"))
    }

    /// A layout directory: needs `main.typ`; `style.json` defaults to the embedded one.
    pub fn from_dir(dir: &Path) -> Result<Layout> {
        let mut files = BTreeMap::new();
        read_dir(dir, dir, &mut files)?;
        if !files.contains_key("main.typ") {
            return Err(Error::Usage(format!("--layout {}: no main.typ in it", dir.display())));
        }
        if !files.contains_key("style.json") {
            files.insert("style.json".into(), Layout::embedded().files["style.json"].clone());
        }
        let style = StyleFile::parse(&files["style.json"])
            .map_err(|e| Error::Usage(format!("--layout {}: {e}", dir.display())))?;
        let party_style = match files.get("dang/style.json") {
            Some(b) => StyleFile::parse(b).map_err(|e| Error::Usage(format!("--layout {}: dang/{e}", dir.display())))?,
            None => Layout::embedded_party_style().clone(),
        };
        Ok(Layout { files, style, party_style })
    }
}

fn read_dir(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io(format!("--layout {}: {e}", dir.display())))?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            read_dir(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            let name = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&p).map_err(|e| Error::Io(format!("{}: {e}", p.display())))?;
            out.insert(name, bytes);
        }
    }
    Ok(())
}
