//! Fonts: the bundled Liberation Serif (compiled into the binary) plus `--font-dir`, never
//! the system's, so output does not depend on the host. Loaded once per process.
//!
//! Also measures text with the same font files, so that the header grid and the rule
//! lengths are computed once, in Rust, for both writers.

use crate::error::{Error, Result};
use crate::style::LineMetrics;
use std::collections::HashMap;
use std::path::Path;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStyle, FontWeight};
use typst::utils::LazyHash;

/// The bundled faces (Debian fonts-liberation2, SIL OFL; see fonts/LICENSE-LiberationSerif.txt).
const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Every font vanban may use, with the family chosen for the documents.
pub struct FontSet {
    /// All faces, in a fixed order (bundled first, then `--font-dir` files sorted by path).
    pub fonts: Vec<Font>,
    /// Typst's index of them.
    pub book: LazyHash<FontBook>,
    /// The family the layout names: the preferred one when supplied, else the bundled one.
    pub family: String,
    /// Regular, bold, italic, bold italic faces of `family` (indices into `fonts`).
    variants: [usize; 4],
    /// Advance widths (em) of every character each of the four faces maps, read once:
    /// measuring and the glyph lint then cost a lookup.
    advances: [HashMap<char, f32>; 4],
}

/// Every character a face maps, with its advance in em.
fn advance_table(f: &Font) -> HashMap<char, f32> {
    let mut out = HashMap::new();
    let Ok(face) = ttf_parser::Face::parse(f.data(), f.index()) else { return out };
    let upm = face.units_per_em() as f32;
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                if let Some(c) = char::from_u32(cp) {
                    if let Some(adv) = sub.glyph_index(cp).and_then(|g| face.glyph_hor_advance(g)) {
                        out.entry(c).or_insert(adv as f32 / upm);
                    }
                }
            });
        }
    }
    out
}

impl FontSet {
    /// Load the bundled fonts and those in `dirs`; choose `preferred` if present.
    pub fn load(dirs: &[impl AsRef<Path>], bundled_family: &str, preferred: &str) -> Result<FontSet> {
        let mut fonts: Vec<Font> = BUNDLED.iter().flat_map(|b| Font::iter(Bytes::new(*b))).collect();
        for dir in dirs {
            let dir = dir.as_ref();
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| Error::Io(format!("--font-dir {}: {e}", dir.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                    matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
                })
                .collect();
            paths.sort();
            for p in paths {
                let data = std::fs::read(&p).map_err(|e| Error::Io(format!("{}: {e}", p.display())))?;
                fonts.extend(Font::iter(Bytes::new(data)));
            }
        }
        let has = |fam: &str| fonts.iter().any(|f| f.info().family.eq_ignore_ascii_case(fam));
        let family = if has(preferred) { preferred.to_string() } else { bundled_family.to_string() };
        let pick = |bold: bool, italic: bool| -> Option<usize> {
            fonts.iter().position(|f| {
                let v = f.info().variant;
                f.info().family.eq_ignore_ascii_case(&family)
                    && (v.weight >= FontWeight::SEMIBOLD) == bold
                    && (v.style != FontStyle::Normal) == italic
            })
        };
        let mut variants = [0usize; 4];
        for (k, (b, i)) in [(false, false), (true, false), (false, true), (true, true)].into_iter().enumerate() {
            variants[k] = pick(b, i)
                .or_else(|| pick(false, false))
                .ok_or_else(|| Error::Internal(format!("font family {family} has no regular face")))?;
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        let advances = variants.map(|i| advance_table(&fonts[i]));
        Ok(FontSet { fonts, book, family, variants, advances })
    }

    fn face(&self, bold: bool, italic: bool) -> &Font {
        &self.fonts[self.variants[(bold as usize) + 2 * (italic as usize)]]
    }

    /// hhea metrics of the regular face, as Word and LibreOffice lay lines out.
    pub fn metrics(&self) -> LineMetrics {
        let f = self.face(false, false);
        match ttf_parser::Face::parse(f.data(), f.index()) {
            Ok(face) => {
                let upm = face.units_per_em() as f64;
                LineMetrics {
                    ascent: face.ascender() as f64 / upm,
                    descent: -(face.descender() as f64) / upm,
                    gap: face.line_gap() as f64 / upm,
                }
            }
            Err(_) => LineMetrics { ascent: 0.891, descent: 0.216, gap: 0.042 },
        }
    }

    /// Width in pt of `text` on one line at `size` pt (sum of advances; kerning ignored,
    /// as Word does by default).
    pub fn width_pt(&self, text: &str, size: f64, bold: bool, italic: bool) -> f64 {
        let table = &self.advances[(bold as usize) + 2 * (italic as usize)];
        let fallback = table.get(&' ').copied().unwrap_or(0.25);
        let em: f64 = text.chars().filter(|c| !c.is_control()).map(|c| table.get(&c).copied().unwrap_or(fallback) as f64).sum();
        em * size
    }

    /// Whether the chosen family can draw `c` (in any of its faces).
    pub fn covers(&self, c: char) -> bool {
        self.advances.iter().any(|t| t.contains_key(&c))
    }
}
