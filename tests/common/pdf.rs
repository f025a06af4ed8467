//! A small PDF reader for tests: text runs with their position, size and font, decoded
//! through each font's ToUnicode map. Reads what Typst (krilla) writes; enough to assert
//! on real output without external tools.

use lopdf::content::Content;
use lopdf::{Document, Object};
use std::collections::HashMap;

/// A run of text drawn by one TJ/Tj.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    /// Left edge, pt from the page's left.
    pub x0: f64,
    /// Right edge, pt.
    pub x1: f64,
    /// Baseline, pt from the page's top.
    pub y: f64,
    pub size: f64,
    /// BaseFont name without the subset tag ("LiberationSerif-Bold").
    pub font: String,
    /// Fill colour as the last colour operator set it (RGB 0–1).
    pub fill: Vec<f64>,
}

/// A line: runs sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub runs: Vec<Run>,
}

impl Line {
    pub fn size(&self) -> f64 {
        self.runs.iter().map(|r| r.size).fold(0.0, f64::max)
    }
    pub fn bold(&self) -> bool {
        self.runs.iter().filter(|r| !r.text.trim().is_empty()).all(|r| r.font.contains("Bold"))
    }
    pub fn italic(&self) -> bool {
        self.runs.iter().filter(|r| !r.text.trim().is_empty()).all(|r| r.font.contains("Italic"))
    }
    pub fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

pub struct Page {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<Run>,
    pub lines: Vec<Line>,
    /// Pictures drawn (image XObjects), where and how large.
    pub images: Vec<Placed>,
}

/// An image XObject as drawn: its box in pt (top-left origin) and its pixels.
#[derive(Debug, Clone)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub px: (i64, i64),
    /// Whether it carries a soft mask (transparency).
    pub smask: bool,
}

pub struct Pdf {
    pub doc: Document,
    pub pages: Vec<Page>,
}

struct FontInfo {
    name: String,
    cmap: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

fn parse_hex(s: &str) -> Option<u32> {
    u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok()
}

fn utf16_hex(s: &str) -> String {
    let h = s.trim_matches(|c| c == '<' || c == '>');
    let units: Vec<u16> = (0..h.len() / 4).filter_map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).ok()).collect();
    String::from_utf16_lossy(&units)
}

/// bfchar / bfrange of a ToUnicode CMap.
fn parse_cmap(text: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let toks: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            "beginbfchar" => {
                i += 1;
                while i + 1 < toks.len() && toks[i] != "endbfchar" {
                    if let Some(c) = parse_hex(toks[i]) {
                        map.insert(c, utf16_hex(toks[i + 1]));
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < toks.len() && toks[i] != "endbfrange" {
                    let (lo, hi) = (parse_hex(toks[i]).unwrap_or(0), parse_hex(toks[i + 1]).unwrap_or(0));
                    let dst = utf16_hex(toks[i + 2]);
                    let base = dst.chars().next().map(|c| c as u32).unwrap_or(0);
                    for (k, c) in (lo..=hi).enumerate() {
                        if let Some(ch) = char::from_u32(base + k as u32) {
                            map.insert(c, ch.to_string());
                        }
                    }
                    i += 3;
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

fn font_info(doc: &Document, font: &lopdf::Dictionary) -> FontInfo {
    let name = font
        .get(b"BaseFont")
        .and_then(|o| o.as_name())
        .map(|n| String::from_utf8_lossy(n).to_string())
        .unwrap_or_default();
    let name = name.split_once('+').map(|(_, n)| n.to_string()).unwrap_or(name);
    let cmap = font
        .get(b"ToUnicode")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_object(r))
        .and_then(|o| o.as_stream())
        .ok()
        .and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())))
        .map(|b| parse_cmap(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    let mut widths = HashMap::new();
    let mut default_width = 1000.0;
    let desc = font
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| match o {
            Object::Array(a) => a.first().cloned(),
            Object::Reference(r) => doc.get_object(*r).ok().and_then(|o| o.as_array().ok()).and_then(|a| a.first().cloned()),
            _ => None,
        })
        .and_then(|o| match o {
            Object::Reference(r) => doc.get_dictionary(r).ok().cloned(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
    if let Some(d) = desc {
        if let Ok(dw) = d.get(b"DW").and_then(|o| o.as_float()) {
            default_width = dw as f64;
        }
        let w = d.get(b"W").ok().and_then(|o| match o {
            Object::Array(a) => Some(a.clone()),
            Object::Reference(r) => doc.get_object(*r).ok().and_then(|o| o.as_array().ok().cloned()),
            _ => None,
        });
        if let Some(w) = w {
            let num = |o: &Object| o.as_float().map(|f| f as f64).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap_or(0.0);
            let mut i = 0;
            while i < w.len() {
                let first = num(&w[i]) as u32;
                match w.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, x) in list.iter().enumerate() {
                            widths.insert(first + k as u32, num(x));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let last = num(last) as u32;
                        let wd = w.get(i + 2).map(num).unwrap_or(0.0);
                        for c in first..=last {
                            widths.insert(c, wd);
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    }
    FontInfo { name, cmap, widths, default_width }
}

type M = [f64; 6];
fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}
fn nums(ops: &[Object]) -> Vec<f64> {
    ops.iter().map(|o| o.as_float().map(|f| f as f64).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap_or(0.0)).collect()
}

/// The page's XObjects by resource name (references followed).
fn page_xobjects(doc: &Document, page: &lopdf::Dictionary) -> HashMap<Vec<u8>, lopdf::Dictionary> {
    let deref = |o: &Object| -> Option<Object> {
        match o {
            Object::Reference(r) => doc.get_object(*r).ok().cloned(),
            o => Some(o.clone()),
        }
    };
    let mut out = HashMap::new();
    let Some(Object::Dictionary(res)) = page.get(b"Resources").ok().and_then(deref) else { return out };
    let Some(Object::Dictionary(xo)) = res.get(b"XObject").ok().and_then(deref) else { return out };
    for (k, v) in xo.iter() {
        if let Some(Object::Stream(s)) = deref(v) {
            out.insert(k.clone(), s.dict.clone());
        }
    }
    out
}

pub fn read(bytes: &[u8]) -> Pdf {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let mb = nums(page.get(b"MediaBox").unwrap().as_array().unwrap());
        let (width, height) = (mb[2] - mb[0], mb[3] - mb[1]);
        let mut fonts: HashMap<Vec<u8>, FontInfo> = HashMap::new();
        for (k, f) in doc.get_page_fonts(page_id).unwrap_or_default() {
            fonts.insert(k, font_info(&doc, f));
        }
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut ctm: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut stack: Vec<M> = Vec::new();
        let mut tm: M = ctm;
        let (mut font, mut size) = (Vec::new(), 0.0);
        let mut fill: Vec<f64> = vec![0.0, 0.0, 0.0];
        let mut fill_stack: Vec<Vec<f64>> = Vec::new();
        let mut runs = Vec::new();
        let mut images = Vec::new();
        let xobjects: HashMap<Vec<u8>, lopdf::Dictionary> = page_xobjects(&doc, page);
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => {
                    stack.push(ctm);
                    fill_stack.push(fill.clone());
                }
                "Q" => {
                    ctm = stack.pop().unwrap_or(ctm);
                    fill = fill_stack.pop().unwrap_or(fill);
                }
                "rg" | "sc" | "scn" => {
                    let n = nums(&op.operands);
                    if n.len() == 3 {
                        fill = n;
                    } else if n.len() == 1 {
                        fill = vec![n[0]; 3];
                    }
                }
                "g" => fill = vec![nums(&op.operands)[0]; 3],
                "cm" => {
                    let n = nums(&op.operands);
                    ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &ctm);
                }
                "Do" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
                    if let Some(x) = xobjects.get(name).filter(|x| x.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")) {
                        let int = |k: &[u8]| x.get(k).and_then(Object::as_i64).unwrap_or(0);
                        let (w, h) = (ctm[0].abs() + ctm[2].abs(), ctm[1].abs() + ctm[3].abs());
                        images.push(Placed { x: ctm[4], y: height - ctm[5] - h, w, h, px: (int(b"Width"), int(b"Height")), smask: x.has(b"SMask") });
                    }
                }
                "BT" => tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                "Tf" => {
                    font = op.operands[0].as_name().map(|n| n.to_vec()).unwrap_or_default();
                    size = nums(&op.operands[1..2])[0];
                }
                "Tm" => {
                    let n = nums(&op.operands);
                    tm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                }
                "TJ" | "Tj" => {
                    let Some(fi) = fonts.get(&font) else { continue };
                    let items: Vec<Object> = match &op.operands[0] {
                        Object::Array(a) => a.clone(),
                        o => vec![o.clone()],
                    };
                    let mut adv = 0.0; // text space units (pt at size)
                    let mut text = String::new();
                    let mut start: Option<f64> = None;
                    for it in items {
                        match it {
                            Object::String(bytes, _) => {
                                for ch in bytes.chunks(2) {
                                    let code = if ch.len() == 2 { (ch[0] as u32) << 8 | ch[1] as u32 } else { ch[0] as u32 };
                                    start.get_or_insert(adv);
                                    text.push_str(fi.cmap.get(&code).map(String::as_str).unwrap_or("\u{fffd}"));
                                    adv += fi.widths.get(&code).copied().unwrap_or(fi.default_width) / 1000.0 * size;
                                }
                            }
                            o => adv -= nums(&[o])[0] / 1000.0 * size,
                        }
                    }
                    let m = mul(&tm, &ctm);
                    let p = |x: f64| (x * m[0] + m[4], x * m[1] + m[5]);
                    let (x0, y0) = p(start.unwrap_or(0.0));
                    let (x1, _) = p(adv);
                    runs.push(Run { text, x0, x1, y: height - y0, size: size * m[3].abs().max(m[0].abs()), font: fi.name.clone(), fill: fill.clone() });
                    tm[4] += adv * tm[0];
                }
                _ => {}
            }
        }
        let lines = group_lines(&runs);
        pages.push(Page { width, height, runs, lines, images });
    }
    Pdf { doc, pages }
}

fn group_lines(runs: &[Run]) -> Vec<Line> {
    let mut sorted: Vec<Run> = runs.to_vec();
    sorted.sort_by(|a, b| a.y.partial_cmp(&b.y).unwrap().then(a.x0.partial_cmp(&b.x0).unwrap()));
    let mut lines: Vec<Line> = Vec::new();
    for r in sorted {
        match lines.last_mut() {
            // A gap wider than a stretched space separates columns.
            Some(l) if (l.y - r.y).abs() < 1.0 && r.x0 - l.x1 < 0.4 * r.size => {
                let gap = r.x0 - l.x1;
                if gap > 1.0 && !l.text.ends_with(' ') && !r.text.starts_with(' ') {
                    l.text.push(' ');
                }
                l.text.push_str(&r.text);
                l.x1 = l.x1.max(r.x1);
                l.runs.push(r);
            }
            _ => lines.push(Line { text: r.text.clone(), x0: r.x0, x1: r.x1, y: r.y, runs: vec![r] }),
        }
    }
    for l in &mut lines {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

impl Pdf {
    /// All text, page by page, line by line.
    pub fn text(&self) -> String {
        self.pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.clone())).collect::<Vec<_>>().join("\n")
    }
    /// The first line equal to `text` (any page).
    pub fn line(&self, text: &str) -> Option<(usize, &Line)> {
        self.pages.iter().enumerate().find_map(|(i, p)| p.lines.iter().find(|l| l.text == text).map(|l| (i + 1, l)))
    }
}

pub const MM: f64 = 72.0 / 25.4;
