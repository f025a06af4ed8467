//! Pictures, charts and embedded objects of a Word file: each becomes an `image` block of the
//! contract (PNG and JPEG as they are; GIF, BMP and TIFF made PNG; a chart, SVG, EMF or WMF
//! through the PNG or JPEG fallback the package has) or a warning naming its paragraph.

use super::package::Package;
use super::wordml::PicRef;
use crate::error::{InputError, Result};
use crate::model::picture::Image;
use crate::model::Block;
use std::collections::HashMap;

/// Each picture's block, by its index among the document's pictures; the warnings for those
/// that cannot be one.
pub fn resolve(pkg: &mut Package, pictures: &[PicRef]) -> Result<(HashMap<usize, Block>, Vec<InputError>)> {
    let mut blocks = HashMap::new();
    let mut warnings = Vec::new();
    if pictures.is_empty() {
        return Ok((blocks, warnings));
    }
    let rels = relationships(pkg)?;
    for (k, p) in pictures.iter().enumerate() {
        let place = format!("paragraph {}", p.paragraph);
        let warn = |code: &'static str, msg: String| InputError::at(place.clone(), msg).code(code).warning();
        if p.what == "altChunk" {
            let target = p.part.as_ref().and_then(|r| rels.get(r)).cloned().unwrap_or_default();
            warnings.push(warn("import-object", format!("an embedded document ({target}) left out: open it in Word and paste its text instead")));
            continue;
        }
        let what = match p.what {
            "chart" => "a chart",
            "object" => "an embedded object",
            _ => "a picture",
        };
        let named = p.name.as_deref().filter(|n| !n.trim().is_empty()).map(|n| format!(" (\"{n}\")")).unwrap_or_default();
        // Its own picture, else the fallback Word keeps beside it (a PNG for an EMF or a chart).
        let candidates: Vec<&String> = [p.embed.as_ref(), p.fallback.as_ref()].into_iter().flatten().filter_map(|r| rels.get(r)).collect();
        if candidates.is_empty() {
            let code = if p.what == "object" { "import-object" } else { "import-picture" };
            warnings.push(warn(code, format!("{what}{named} without a picture vanban can print, left out")));
            continue;
        }
        let mut picture: std::result::Result<crate::model::picture::Picture, String> = Err(String::new());
        for target in candidates {
            picture = if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("file:") {
                Err(format!("linked from {target}, not in the file"))
            } else {
                match pkg.bytes(target)? {
                    None => Err(format!("its part {target} is missing from the file")),
                    Some(bytes) => match sniff(&bytes) {
                        Kind::PngOrJpeg => Ok(bytes),
                        Kind::Convert => crate::model::picture::to_png(&bytes),
                        Kind::Vector(f) => Err(format!("a {f} drawing, which vanban cannot print (save it as PNG in Word)")),
                        Kind::Unknown => Err("a kind of picture vanban does not read".into()),
                    }
                    .and_then(|b| crate::model::picture::read(b).map_err(|(_, m)| m)),
                }
            };
            if picture.is_ok() {
                break;
            }
        }
        match picture {
            Ok(pic) => {
                // The width the author gave it in Word, when it is not the picture's own.
                let width = p.width_emu.filter(|e| *e > 0).map(|emu| (emu as f64 / 36_000.0 * 10.0).round() / 10.0).filter(|mm| (mm - pic.natural_mm().0).abs() > 0.5).map(|mm| format!("{mm}mm"));
                blocks.insert(k, Block::Image(Image { picture: pic, width, align: None, caption: None }));
                if p.what == "object" {
                    warnings.push(warn("import-object", format!("{what}{named}: its picture is kept, the object's own data (to edit it) is left out")));
                }
            }
            Err(m) => warnings.push(warn("import-picture", format!("{what}{named} left out: {m}"))),
        }
    }
    Ok((blocks, warnings))
}

enum Kind {
    PngOrJpeg,
    Convert,
    Vector(&'static str),
    Unknown,
}

fn sniff(b: &[u8]) -> Kind {
    if b.starts_with(b"\x89PNG") || b.starts_with(&[0xFF, 0xD8]) {
        Kind::PngOrJpeg
    } else if b.starts_with(b"GIF8") || b.starts_with(b"BM") || b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Kind::Convert
    } else if b.get(40..44) == Some(b" EMF") {
        Kind::Vector("EMF")
    } else if b.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]) || b.starts_with(&[0x01, 0x00, 0x09, 0x00]) {
        Kind::Vector("WMF")
    } else if b.windows(4).take(512).any(|w| w == b"<svg") {
        Kind::Vector("SVG")
    } else {
        Kind::Unknown
    }
}

/// `word/_rels/document.xml.rels`: relationship id → part name in the package.
fn relationships(pkg: &mut Package) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    let Some(xml) = pkg.text("word/_rels/document.xml.rels")? else { return Ok(out) };
    let Ok(doc) = roxmltree::Document::parse(&xml) else { return Ok(out) };
    for r in doc.descendants().filter(|n| n.tag_name().name() == "Relationship") {
        let (Some(id), Some(target)) = (r.attribute("Id"), r.attribute("Target")) else { continue };
        let external = r.attribute("TargetMode") == Some("External");
        let name = if external {
            target.to_string()
        } else if let Some(abs) = target.strip_prefix('/') {
            abs.to_string()
        } else {
            normalise(&format!("word/{target}"))
        };
        out.insert(id.to_string(), name);
    }
    Ok(out)
}

/// "word/../media/x.png" → "media/x.png".
fn normalise(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for s in p.split('/') {
        match s {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}
