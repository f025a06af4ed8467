//! Pictures in a body: `{"image": {"data" | "src", "width", "align", "caption"}}`.
//!
//! The contract takes PNG and JPEG only; what a picture is (size in pixels, resolution,
//! transparency, CMYK) is read here from the file's own header, once, and both writers use
//! it. `src` names a file beside the input and is read before the typed model is built
//! ([`inline_sources`]); where there is no input file (standard input, the service) only
//! `data` is taken.

use base64::Engine as _;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;
use std::path::{Component, Path};
use std::sync::Arc;

/// Largest picture, bytes (decoded).
pub const MAX_BYTES: usize = 20 << 20;
/// Largest picture, pixels.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Resolution assumed when a picture states none (Word's and the browsers' default).
pub const DEFAULT_DPI: f64 = 96.0;

/// How a picture's bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpeg",
        }
    }
}

/// A picture as the file says it is.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The file (PNG or JPEG).
    pub bytes: Arc<Vec<u8>>,
    /// Its encoding.
    pub format: Format,
    /// Width and height, pixels.
    pub px: (u32, u32),
    /// Resolution (x, y) in dots per inch, when the file states one.
    pub dpi: Option<(f64, f64)>,
    /// It has transparency (an alpha channel or a transparent colour).
    pub alpha: bool,
}

impl Picture {
    /// Its own size at its resolution, mm.
    pub fn natural_mm(&self) -> (f64, f64) {
        let (dx, dy) = self.dpi.unwrap_or((DEFAULT_DPI, DEFAULT_DPI));
        (self.px.0 as f64 / dx * 25.4, self.px.1 as f64 / dy * 25.4)
    }
}

/// A body's picture block.
#[derive(Debug, Clone)]
pub struct Image {
    /// The picture.
    pub picture: Picture,
    /// "80mm", "8cm", "60%" (of the text width); none: its own size, at most the text width.
    pub width: Option<String>,
    /// left | center (default) | right.
    pub align: Option<String>,
    /// A line under it ("Hình 1. Sơ đồ tổ chức").
    pub caption: Option<String>,
}

/// The picture object as written: exactly one of `data` and `src`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawImage {
    /// The picture, base64 (PNG or JPEG; a `data:image/png;base64,` prefix is allowed).
    data: Option<String>,
    /// A PNG or JPEG file in the input file's folder ("hinh/so-do.png"); not from standard
    /// input or the service.
    src: Option<String>,
    /// "80mm", "8cm", "60%"; default: its own size, at most the text width.
    width: Option<String>,
    /// left | center | right (default center).
    align: Option<String>,
    /// Caption printed under it.
    caption: Option<String>,
}

/// An error message with a code the parser's classifier reads (`\u{1}code\u{1}message`).
fn coded<E: de::Error>(code: &str, msg: impl std::fmt::Display) -> E {
    E::custom(format!("\u{1}{code}\u{1}{msg}"))
}

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = RawImage::deserialize(d)?;
        let data = match (r.data, r.src) {
            (Some(data), None) => data,
            (None, Some(src)) => {
                return Err(coded("picture-src", format!("`src` (\"{src}\") is read from the input file's folder; standard input and the service take the picture itself as `data` (base64)")));
            }
            (Some(_), Some(_)) => return Err(coded("invalid", "a picture has `data` or `src`, not both")),
            (None, None) => return Err(coded("missing-key", "a picture needs `data` (base64 PNG or JPEG) or `src` (a file beside the input)")),
        };
        let bytes = decode_base64(&data).map_err(|m| coded::<D::Error>("picture", m))?;
        let picture = read(bytes).map_err(|(code, m)| coded::<D::Error>(code, m))?;
        if let Some(w) = &r.width {
            width_spec(w).map_err(|m| coded::<D::Error>("invalid", m))?;
        }
        if let Some(a) = &r.align {
            if !["left", "center", "right"].contains(&a.as_str()) {
                return Err(coded("invalid", format!("align \"{a}\": a picture is \"left\", \"center\" or \"right\"")));
            }
        }
        Ok(Image { picture, width: r.width, align: r.align, caption: r.caption.filter(|c| !c.trim().is_empty()) })
    }
}

impl JsonSchema for Image {
    fn schema_name() -> Cow<'static, str> {
        "Image".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let raw = g.subschema_for::<RawImage>();
        json_schema!({
            "description": "A picture (PNG or JPEG): exactly one of data and src — Hình ảnh.",
            "allOf": [ raw, { "oneOf": [ { "required": ["data"] }, { "required": ["src"] } ] } ]
        })
    }
}

/// A picture's width: a length (mm, cm, pt) or a share of the text width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// Millimetres.
    Mm(f64),
    /// Percent of the text width.
    Percent(f64),
}

/// Read a width as written.
pub fn width_spec(s: &str) -> Result<Width, String> {
    let t = s.trim();
    if let Some(p) = t.strip_suffix('%') {
        return match p.trim().parse::<f64>() {
            Ok(x) if x > 0.0 && x <= 100.0 => Ok(Width::Percent(x)),
            _ => Err(format!("width \"{s}\": a share of the text width from 1% to 100%")),
        };
    }
    match crate::nd30::ranges::length_mm(t) {
        Some(mm) if mm >= 1.0 && mm <= 1000.0 => Ok(Width::Mm(mm)),
        _ => Err(format!("width \"{s}\": a length such as \"80mm\", \"8cm\" or a share such as \"60%\"")),
    }
}

fn decode_base64(data: &str) -> Result<Vec<u8>, String> {
    let t = data.trim();
    // A data URL as browsers and editors copy it.
    let t = match t.strip_prefix("data:") {
        Some(rest) => rest.split_once(',').filter(|(head, _)| head.ends_with(";base64")).map(|(_, b)| b).ok_or("a data URL here is base64: data:image/png;base64,…")?,
        None => t,
    };
    if t.len() / 4 * 3 > MAX_BYTES + 3 {
        return Err(format!("the picture is larger than {} MB", MAX_BYTES >> 20));
    }
    // Base64 wrapped in lines (MIME) is common.
    let compact: String = t.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()).map_err(|e| format!("`data` is not base64: {e}"))
}

/// What a PNG or JPEG file is, from its header; a CMYK JPEG becomes an RGB PNG (PDF/A and
/// Word show RGB alike). Errors: (code, message).
pub fn read(bytes: Vec<u8>) -> Result<Picture, (&'static str, String)> {
    if bytes.len() > MAX_BYTES {
        return Err(("too-large", format!("the picture is {:.1} MB; at most {} MB", bytes.len() as f64 / 1048576.0, MAX_BYTES >> 20)));
    }
    let head = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_head(&bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_head(&bytes)
    } else {
        return Err(("picture", "the picture is not PNG or JPEG (convert it first; the importer does so for GIF, BMP and TIFF)".into()));
    };
    let Some(h) = head else { return Err(("picture", "the picture's file is damaged: its header cannot be read".into())) };
    let pixels = h.px.0 as u64 * h.px.1 as u64;
    if h.px.0 == 0 || h.px.1 == 0 {
        return Err(("picture", "the picture has no pixels".into()));
    }
    if pixels > MAX_PIXELS {
        return Err(("too-large", format!("the picture has {:.1} megapixels ({}×{}); at most {}", pixels as f64 / 1e6, h.px.0, h.px.1, MAX_PIXELS / 1_000_000)));
    }
    if h.cmyk {
        let png = to_png(&bytes).map_err(|e| ("picture", format!("a CMYK JPEG that cannot be converted to RGB: {e}")))?;
        return read(png);
    }
    // The whole picture must decode: a damaged file is refused here, not in a writer. A picture
    // decoded once in this process is not decoded again (the editor sends it with every edit).
    let digest: [u8; 32] = sha2::Digest::finalize(sha2::Digest::chain_update(sha2::Sha256::default(), &bytes)).into();
    if !decoded_before(&digest) {
        check_decodes(&bytes, h.format).map_err(|e| ("picture", format!("the picture's file is damaged: {e}")))?;
        remember_decoded(digest);
    }
    Ok(Picture { bytes: Arc::new(bytes), format: h.format, px: h.px, dpi: h.dpi, alpha: h.alpha })
}

/// Pictures that decoded whole, by SHA-256: the last few, for the life of the process.
static DECODED: std::sync::Mutex<Vec<[u8; 32]>> = std::sync::Mutex::new(Vec::new());
const DECODED_KEPT: usize = 64;

fn decoded_before(d: &[u8; 32]) -> bool {
    DECODED.lock().map(|v| v.contains(d)).unwrap_or(false)
}

fn remember_decoded(d: [u8; 32]) {
    if let Ok(mut v) = DECODED.lock() {
        if v.len() >= DECODED_KEPT {
            v.remove(0);
        }
        v.push(d);
    }
}

fn check_decodes(bytes: &[u8], format: Format) -> Result<(), String> {
    let f = match format {
        Format::Png => image::ImageFormat::Png,
        Format::Jpeg => image::ImageFormat::Jpeg,
    };
    let mut r = image::ImageReader::with_format(std::io::Cursor::new(bytes), f);
    r.limits(limits());
    r.decode().map(|_| ()).map_err(|e| e.to_string())
}

fn limits() -> image::Limits {
    let mut l = image::Limits::default();
    l.max_image_width = Some(60_000);
    l.max_image_height = Some(60_000);
    // 50 megapixels of 16-bit RGBA, and a margin.
    l.max_alloc = Some(512 << 20);
    l
}

/// Any picture image-rs reads (GIF, BMP, TIFF, a CMYK JPEG) as PNG.
pub fn to_png(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut r = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    r.limits(limits());
    let img = r.decode().map_err(|e| e.to_string())?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

struct Head {
    format: Format,
    px: (u32, u32),
    dpi: Option<(f64, f64)>,
    alpha: bool,
    cmyk: bool,
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|x| u32::from_be_bytes([x[0], x[1], x[2], x[3]]))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|x| u16::from_be_bytes([x[0], x[1]]))
}

/// PNG: IHDR (size, colour type), pHYs (resolution), tRNS (a transparent colour).
fn png_head(b: &[u8]) -> Option<Head> {
    if b.get(12..16)? != b"IHDR" {
        return None;
    }
    let (w, h, colour) = (be32(b, 16)?, be32(b, 20)?, *b.get(25)?);
    let mut head = Head { format: Format::Png, px: (w, h), dpi: None, alpha: colour == 4 || colour == 6, cmyk: false };
    let mut at = 8;
    while let (Some(len), Some(kind)) = (be32(b, at), b.get(at + 4..at + 8)) {
        let data = at + 8;
        match kind {
            b"pHYs" if b.get(data + 8) == Some(&1) => {
                let (x, y) = (be32(b, data)? as f64 * 0.0254, be32(b, data + 4)? as f64 * 0.0254);
                if x >= 10.0 && y >= 10.0 {
                    head.dpi = Some((x, y));
                }
            }
            b"tRNS" => head.alpha = true,
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at = data.checked_add(len as usize)?.checked_add(4)?;
    }
    Some(head)
}

/// JPEG: the frame header (size, components: four is CMYK or YCCK) and JFIF's density.
fn jpeg_head(b: &[u8]) -> Option<Head> {
    let mut at = 2;
    let mut dpi = None;
    while at + 4 <= b.len() {
        if b[at] != 0xFF {
            return None;
        }
        let marker = b[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = be16(b, at + 2)? as usize;
        let seg = at + 4;
        match marker {
            0xE0 if b.get(seg..seg + 5) == Some(b"JFIF\0") => {
                let unit = *b.get(seg + 7)?;
                let (x, y) = (be16(b, seg + 8)? as f64, be16(b, seg + 10)? as f64);
                let k = match unit {
                    1 => Some(1.0),
                    2 => Some(2.54),
                    _ => None,
                };
                if let Some(k) = k.filter(|k| x * k >= 10.0 && y * k >= 10.0) {
                    dpi = Some((x * k, y * k));
                }
            }
            0xC0..=0xCF if marker != 0xC4 && marker != 0xC8 && marker != 0xCC => {
                let (h, w, comps) = (be16(b, seg + 1)?, be16(b, seg + 3)?, *b.get(seg + 5)?);
                return Some(Head { format: Format::Jpeg, px: (w as u32, h as u32), dpi, alpha: false, cmyk: comps == 4 });
            }
            0xDA | 0xD9 => return None,
            _ => {}
        }
        at = seg + len - 2;
    }
    None
}

/// Every picture of a document, in reading order (body, then appendices).
pub fn each(doc: &super::Document, f: &mut dyn FnMut(&Picture)) {
    fn blocks(bs: &[super::Block], f: &mut dyn FnMut(&Picture)) {
        for b in bs {
            match b {
                super::Block::Image(i) => f(&i.picture),
                super::Block::Section(s) => blocks(&s.body, f),
                super::Block::Article(a) => blocks(&a.body, f),
                super::Block::Division(d) => blocks(&d.body, f),
                _ => {}
            }
        }
    }
    blocks(&doc.body, f);
    for a in doc.appendices.iter().flatten() {
        blocks(&a.body, f);
    }
}

/// Replace every picture's `src` with its file's bytes as `data`, read from `base` (the
/// input file's folder): a relative path inside it, no `..`, no link leading out.
pub fn inline_sources(value: &mut serde_json::Value, base: &Path) -> Result<(), crate::error::Error> {
    let mut errors = Vec::new();
    walk(value, "$", &mut |path, image| {
        let Some(src) = image.get("src").and_then(|s| s.as_str()).map(str::to_string) else { return };
        if image.get("data").is_some() {
            return; // both: the model says so
        }
        match read_beside(base, &src) {
            Ok(bytes) => {
                image.remove("src");
                image.insert("data".into(), serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)));
            }
            Err((code, msg)) => errors.push(crate::error::InputError::at(format!("{path}.src"), msg).code(code)),
        }
    });
    if errors.is_empty() { Ok(()) } else { Err(crate::error::Error::Input(errors)) }
}

/// Every `image` object of a block list, wherever blocks nest (bodies, appendices).
fn walk(v: &mut serde_json::Value, path: &str, f: &mut dyn FnMut(&str, &mut serde_json::Map<String, serde_json::Value>)) {
    match v {
        serde_json::Value::Object(o) => {
            for (k, child) in o.iter_mut() {
                let p = format!("{path}.{k}");
                if k == "image" {
                    if let serde_json::Value::Object(img) = child {
                        f(&p, img);
                        continue;
                    }
                }
                walk(child, &p, f);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, child) in a.iter_mut().enumerate() {
                walk(child, &format!("{path}[{i}]"), f);
            }
        }
        _ => {}
    }
}

fn read_beside(base: &Path, src: &str) -> Result<Vec<u8>, (&'static str, String)> {
    let rel = Path::new(src);
    if src.trim().is_empty() || rel.is_absolute() || src.contains('\\') || rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(("picture-src", format!("\"{src}\": a picture's `src` is a path inside the input file's folder (no absolute path, no `..`)")));
    }
    let inside = |p: &Path| -> Option<std::path::PathBuf> { p.canonicalize().ok() };
    let (Some(root), Some(file)) = (inside(base), inside(&base.join(rel))) else {
        return Err(("picture-src", format!("\"{src}\": no such file beside the input")));
    };
    if !file.starts_with(&root) {
        return Err(("picture-src", format!("\"{src}\" leads out of the input file's folder (a link)")));
    }
    let meta = std::fs::metadata(&file).map_err(|e| ("picture-src", format!("\"{src}\": {e}")))?;
    if !meta.is_file() {
        return Err(("picture-src", format!("\"{src}\" is not a file")));
    }
    if meta.len() > MAX_BYTES as u64 {
        return Err(("too-large", format!("\"{src}\" is {:.1} MB; a picture is at most {} MB", meta.len() as f64 / 1048576.0, MAX_BYTES >> 20)));
    }
    std::fs::read(&file).map_err(|e| ("picture-src", format!("\"{src}\": {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
        let img: image::DynamicImage = if alpha { image::RgbaImage::new(w, h).into() } else { image::RgbImage::new(w, h).into() };
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn reads_png_size_and_transparency() {
        let p = read(png(30, 20, true)).unwrap();
        assert_eq!((p.format, p.px, p.alpha), (Format::Png, (30, 20), true));
        assert!(!read(png(3, 2, false)).unwrap().alpha);
        let (w, _) = read(png(96, 10, false)).unwrap().natural_mm();
        assert!((w - 25.4).abs() < 1e-9);
    }

    #[test]
    fn refuses_what_is_not_a_picture() {
        assert_eq!(read(b"GIF89a....".to_vec()).unwrap_err().0, "picture");
        let mut bad = png(4, 4, false);
        bad.truncate(40);
        assert!(read(bad).is_err());
    }

    #[test]
    fn gif_bmp_and_tiff_become_png() {
        let img: image::DynamicImage = image::RgbImage::from_fn(8, 4, |x, _| image::Rgb([x as u8 * 30, 0, 0])).into();
        for f in [image::ImageFormat::Gif, image::ImageFormat::Bmp, image::ImageFormat::Tiff] {
            let mut b = std::io::Cursor::new(Vec::new());
            img.write_to(&mut b, f).unwrap();
            let p = read(to_png(&b.into_inner()).unwrap()).unwrap();
            assert_eq!((p.format, p.px), (Format::Png, (8, 4)), "{f:?}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(width_spec("60%"), Ok(Width::Percent(60.0)));
        assert_eq!(width_spec("8cm"), Ok(Width::Mm(80.0)));
        assert!(width_spec("120%").is_err() && width_spec("wide").is_err());
    }

    #[test]
    fn sources_stay_in_their_folder() {
        let dir = std::env::temp_dir().join(format!("vanban-pic-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("hinh")).unwrap();
        std::fs::write(dir.join("hinh/a.png"), png(2, 2, false)).unwrap();
        assert!(read_beside(&dir, "hinh/a.png").is_ok());
        for bad in ["../a.png", "/etc/passwd", "hinh/../../a.png", ""] {
            assert_eq!(read_beside(&dir, bad).unwrap_err().0, "picture-src", "{bad}");
        }
        #[cfg(unix)]
        {
            let _ = std::os::unix::fs::symlink("/etc/hostname", dir.join("out.png"));
            assert!(read_beside(&dir, "out.png").unwrap_err().1.contains("leads out"));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
