//! Pictures in the contract: `{"image": {"data" | "src", "width", "align", "caption"}}`,
//! laid out by both writers at the same size, refused with a place when they cannot be.

mod common;

use common::{fixture, tempdir, vanban};
use std::path::Path;

const MM: f64 = 72.0 / 25.4;

fn png(w: u32, h: u32, alpha: bool, dpi: Option<u32>) -> Vec<u8> {
    let img: image::DynamicImage = if alpha {
        image::RgbaImage::from_fn(w, h, |x, _| image::Rgba([200, (x % 255) as u8, 40, 128])).into()
    } else {
        image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])).into()
    };
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    let bytes = out.into_inner();
    match dpi {
        Some(dpi) => common::png::with_phys(&bytes, (dpi as f64 / 0.0254).round() as u32),
        None => bytes,
    }
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img: image::DynamicImage = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, 120, (y % 255) as u8])).into();
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn b64(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// The công văn fixture with blocks added after its first paragraph.
fn with_blocks(blocks: serde_json::Value) -> serde_json::Value {
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("cong-van-xa.json")).unwrap()).unwrap();
    let body = doc["body"].as_array_mut().unwrap();
    for (k, b) in blocks.as_array().unwrap().iter().enumerate() {
        body.insert(1 + k, b.clone());
    }
    doc
}

fn write(dir: &Path, doc: &serde_json::Value) {
    std::fs::write(dir.join("in.json"), serde_json::to_vec_pretty(doc).unwrap()).unwrap();
}

/// The diagnostics of `--message-format json` (one report per input).
fn errors(out: &std::process::Output) -> Vec<serde_json::Value> {
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    text.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).flat_map(|r| r["diagnostics"].as_array().cloned().unwrap_or_default()).collect()
}

/// The names of a DOCX package's parts.
fn names(docx: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    z.file_names().map(str::to_string).collect()
}

#[test]
fn pictures_print_at_their_size_in_pdf_and_docx() {
    let dir = tempdir("pic-sizes");
    std::fs::create_dir_all(dir.join("hinh")).unwrap();
    // 600 px at 150 dpi: 101.6 mm, its own size.
    std::fs::write(dir.join("hinh/so-do.png"), png(600, 300, false, Some(150))).unwrap();
    let doc = with_blocks(serde_json::json!([
        {"image": {"src": "hinh/so-do.png", "caption": "Hình 1. Sơ đồ tổ chức"}},
        {"image": {"data": b64(&jpeg(400, 200)), "width": "80mm", "align": "right"}},
        {"image": {"data": format!("data:image/png;base64,{}", b64(&png(2000, 500, false, None))), "width": "50%"}},
        // 96 dpi and wider than the text: the text width.
        {"image": {"data": b64(&png(1200, 300, false, None))}}
    ]));
    write(&dir, &doc);
    let out = vanban(&dir, &["render", "in.json", "--to", "pdf", "--to", "docx"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let pdf = common::pdf::read(&std::fs::read(dir.join("in.pdf")).unwrap());
    let images: Vec<_> = pdf.pages.iter().flat_map(|p| p.images.iter().cloned()).collect();
    assert_eq!(images.len(), 4, "{images:?}");
    let text_w = 210.0 - 30.0 - 15.0;
    let widths: Vec<f64> = images.iter().map(|i| i.w / MM).collect();
    for (got, want) in widths.iter().zip([101.6, 80.0, text_w * 0.5, text_w]) {
        assert!((got - want).abs() < 0.3, "widths {widths:?}");
    }
    // Aspect kept; the right-aligned one ends at the right margin, the others are centred.
    for (i, (pw, ph)) in images.iter().zip([(600.0, 300.0), (400.0, 200.0), (2000.0, 500.0), (1200.0, 300.0)]) {
        assert!((i.h / i.w - ph / pw).abs() < 0.01, "{i:?}");
    }
    assert!(((images[1].x + images[1].w) / MM - (210.0 - 15.0)).abs() < 0.5, "{:?}", images[1]);
    assert!(((images[0].x + images[0].w / 2.0) / MM - (30.0 + text_w / 2.0)).abs() < 0.5, "{:?}", images[0]);
    // The caption under the first, centred, italic.
    let (_, cap) = pdf.line("Hình 1. Sơ đồ tổ chức").expect("caption printed");
    assert!(cap.italic() && cap.y > images[0].y + images[0].h, "{cap:?}");
    assert!((cap.centre() / MM - (30.0 + text_w / 2.0)).abs() < 1.0);
    assert!(common::pdfa::problems(&std::fs::read(dir.join("in.pdf")).unwrap(), "2").is_empty());

    // The DOCX: four inline drawings of the same sizes, the JPEG as .jpeg, unique ids.
    let parts = common::docx::parts(&std::fs::read(dir.join("in.docx")).unwrap());
    let xml = &parts["word/document.xml"];
    let d = roxmltree::Document::parse(xml).unwrap();
    let extents: Vec<f64> = d.descendants().filter(|n| n.tag_name().name() == "extent").map(|n| n.attribute("cx").unwrap().parse::<f64>().unwrap() / 36000.0).collect();
    assert_eq!(extents.len(), 4);
    for (a, b) in extents.iter().zip(&widths) {
        assert!((a - b).abs() < 0.3, "docx {extents:?} pdf {widths:?}");
    }
    let ids: std::collections::BTreeSet<&str> = d.descendants().filter(|n| n.tag_name().name() == "docPr").map(|n| n.attribute("id").unwrap()).collect();
    assert_eq!(ids.len(), 4);
    let media: Vec<String> = names(&std::fs::read(dir.join("in.docx")).unwrap()).into_iter().filter(|n| n.starts_with("word/media/") && n.len() > 11).collect();
    assert_eq!(media.iter().filter(|n| n.ends_with(".jpeg")).count(), 1, "{media:?}");
    assert_eq!(media.len(), 4, "{media:?}");
    assert!(parts["word/_rels/document.xml.rels"].contains(".jpeg\""));
    let aligns: Vec<&str> = d.descendants().filter(|n| n.tag_name().name() == "p" && n.descendants().any(|x| x.tag_name().name() == "drawing")).map(|p| p.descendants().find(|x| x.tag_name().name() == "jc").and_then(|j| j.attribute(("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "val"))).unwrap_or("")).collect();
    assert_eq!(aligns, ["center", "right", "center", "center"]);

    // `vanban layout`: the picture is a body element of its size.
    let out = vanban(&dir, &["layout", "in.json"], None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let el = report["elements"].as_array().unwrap().iter().find(|e| e["path"] == "$.body[2]").expect("picture in the layout");
    assert!((el["w"].as_f64().unwrap() - 80.0).abs() < 0.3, "{el}");

    // Same input, same bytes; a changed picture file changes the PDF's id.
    let first = std::fs::read(dir.join("in.pdf")).unwrap();
    let docx = std::fs::read(dir.join("in.docx")).unwrap();
    assert!(vanban(&dir, &["render", "in.json", "--to", "pdf", "--to", "docx"], None).status.success());
    assert_eq!(first, std::fs::read(dir.join("in.pdf")).unwrap());
    assert_eq!(docx, std::fs::read(dir.join("in.docx")).unwrap());
    std::fs::write(dir.join("hinh/so-do.png"), png(600, 300, false, Some(300))).unwrap();
    assert!(vanban(&dir, &["render", "in.json", "--to", "pdf"], None).status.success());
    let second = common::pdf::read(&std::fs::read(dir.join("in.pdf")).unwrap());
    assert!((second.pages[0].images[0].w / MM - 50.8).abs() < 0.3);
    assert_ne!(first, std::fs::read(dir.join("in.pdf")).unwrap());
}

#[test]
fn a_picture_src_stays_in_the_input_folder() {
    let dir = tempdir("pic-src");
    std::fs::write(dir.join("a.png"), png(10, 10, false, None)).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for (src, code) in [("../a.png", "picture-src"), ("/etc/hostname", "picture-src"), ("khong-co.png", "picture-src"), ("sub", "picture-src")] {
        let doc = with_blocks(serde_json::json!([{"image": {"src": src}}]));
        std::fs::write(dir.join("sub/in.json"), serde_json::to_vec(&doc).unwrap()).unwrap();
        let out = vanban(&dir, &["render", "sub/in.json", "--to", "pdf", "--message-format", "json"], None);
        assert_eq!(out.status.code(), Some(2), "{src}");
        let e = errors(&out);
        assert!(e.iter().any(|e| e["code"] == code && e["path"] == "$.body[1].image.src"), "{src}: {e:?}");
        assert!(!dir.join("sub/in.pdf").exists());
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("a.png"), dir.join("sub/link.png")).unwrap();
        let doc = with_blocks(serde_json::json!([{"image": {"src": "link.png"}}]));
        std::fs::write(dir.join("sub/in.json"), serde_json::to_vec(&doc).unwrap()).unwrap();
        let out = vanban(&dir, &["render", "sub/in.json", "--to", "pdf"], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("leads out"), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // Standard input has no folder: `src` is refused, `data` taken.
    let doc = with_blocks(serde_json::json!([{"image": {"src": "a.png"}}]));
    let out = vanban(&dir, &["render", "-", "-o", "x.pdf"], Some(&serde_json::to_vec(&doc).unwrap()));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("picture-src"));
    assert!(!dir.join("x.pdf").exists());
}

#[test]
fn pictures_that_cannot_be_printed_are_refused_with_their_place() {
    let dir = tempdir("pic-bad");
    // A PNG whose header says 10,000 × 6,000 pixels: 60 megapixels.
    let mut huge = png(4, 4, false, None);
    huge[16..20].copy_from_slice(&10_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&6_000u32.to_be_bytes());
    let mut damaged = png(40, 40, false, None);
    damaged.truncate(damaged.len() - 30);
    let cases: Vec<(serde_json::Value, &str, &str)> = vec![
        (serde_json::json!({"data": b64(&huge)}), "too-large", "megapixels"),
        (serde_json::json!({"data": b64(b"GIF89a\x01\x00\x01\x00")}), "picture", "not PNG or JPEG"),
        (serde_json::json!({"data": "không phải base64"}), "picture", "base64"),
        (serde_json::json!({"data": b64(&damaged)}), "picture", "damaged"),
        (serde_json::json!({"data": b64(&png(4, 4, false, None)), "src": "a.png"}), "invalid", "not both"),
        (serde_json::json!({"width": "80mm"}), "missing-key", "needs `data`"),
        (serde_json::json!({"data": b64(&png(4, 4, false, None)), "width": "150%"}), "invalid", "1% to 100%"),
        (serde_json::json!({"data": b64(&png(4, 4, false, None)), "align": "justify"}), "invalid", "\"left\""),
        (serde_json::json!({"data": b64(&png(4, 4, false, None)), "alt": "x"}), "unknown-key", "alt"),
    ];
    for (image, code, words) in cases {
        let doc = with_blocks(serde_json::json!([{"section": "Một", "body": [{"image": image}]}]));
        write(&dir, &doc);
        let out = vanban(&dir, &["check", "in.json", "--message-format", "json"], None);
        assert_eq!(out.status.code(), Some(2), "{code}");
        let e = errors(&out);
        assert!(e.iter().any(|e| e["code"] == code && e["path"].as_str().unwrap_or("").starts_with("$.body[1].body[0].image") && e["message"].as_str().unwrap_or("").contains(words)), "{code}: {e:?}");
    }
    // PDF/A-1b has no transparency: refused with the picture's path, no file.
    let doc = with_blocks(serde_json::json!([{"image": {"data": b64(&png(20, 10, true, None))}}]));
    write(&dir, &doc);
    let out = vanban(&dir, &["render", "in.json", "--to", "pdf", "--pdf-standard", "a-1b", "--message-format", "json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(errors(&out).iter().any(|e| e["path"] == "$.body[1].image" && e["message"].as_str().unwrap().contains("PDF/A-1b")), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.join("in.pdf").exists());
    // PDF/A-2b keeps it, with its soft mask.
    assert!(vanban(&dir, &["render", "in.json", "--to", "pdf"], None).status.success());
    let pdf = common::pdf::read(&std::fs::read(dir.join("in.pdf")).unwrap());
    assert!(pdf.pages[0].images[0].smask);
}

#[test]
fn a_cmyk_jpeg_is_printed_in_rgb() {
    // A four-component JPEG, as print shops send them.
    let dir = tempdir("pic-cmyk");
    let cmyk = cmyk_jpeg();
    let doc = with_blocks(serde_json::json!([{"image": {"data": b64(&cmyk), "width": "40mm"}}]));
    write(&dir, &doc);
    let out = vanban(&dir, &["render", "in.json", "--to", "pdf", "--to", "docx"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = std::fs::read(dir.join("in.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let spaces: Vec<String> = doc.objects.values().filter_map(|o| o.as_stream().ok()).filter(|s| s.dict.get(b"Subtype").and_then(|x| x.as_name()).ok() == Some(b"Image")).map(|s| format!("{:?}", s.dict.get(b"ColorSpace").unwrap())).collect();
    assert_eq!(spaces.len(), 1);
    assert!(!spaces[0].contains("CMYK"), "{spaces:?}");
    assert!(names(&std::fs::read(dir.join("in.docx")).unwrap()).iter().any(|k| k.starts_with("word/media/") && k.ends_with(".png")));
}

/// A CMYK JPEG (Adobe APP14, four components), as Pillow writes one (image-rs writes none).
fn cmyk_jpeg() -> Vec<u8> {
    let b = std::fs::read(common::root().join("tests/data/pictures/cmyk.jpg")).unwrap();
    // Its frame header says four components.
    let sof = b.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    assert_eq!(b[sof + 9], 4);
    b
}

#[test]
fn the_service_takes_data_and_refuses_src() {
    let s = common::http::Service::start(&[]);
    let doc = with_blocks(serde_json::json!([{"image": {"data": b64(&png(300, 100, false, None)), "width": "60mm"}}]));
    let body = serde_json::to_vec(&doc).unwrap();
    let pdf = s.post_json("/v1/render?format=pdf", &body);
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    // The same bytes as the command line.
    let dir = tempdir("pic-serve");
    std::fs::write(dir.join("in.json"), &body).unwrap();
    assert!(vanban(&dir, &["render", "in.json", "--to", "pdf"], None).status.success());
    assert!(pdf.body == std::fs::read(dir.join("in.pdf")).unwrap());
    let images = &common::pdf::read(&pdf.body).pages[0].images;
    assert!((images[0].w / MM - 60.0).abs() < 0.3);

    let doc = with_blocks(serde_json::json!([{"image": {"src": "/etc/hostname"}}]));
    let r = s.post_json("/v1/render?format=pdf", &serde_json::to_vec(&doc).unwrap());
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("picture-src") && r.text().contains("$.body[1].image"), "{}", r.text());
}
