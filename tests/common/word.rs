//! Word files typed as offices type them, built from their XML parts (no Word library
//! between the test and the bytes).

use std::io::Write;

/// A package from parts.
pub fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt = zip::write::SimpleFileOptions::default();
        for (name, text) in parts {
            z.start_file(*name, opt).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const QH: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

pub const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

pub fn para(text: &str, bold: bool, jc: Option<&str>) -> String {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    let ppr = jc.map(|j| format!("<w:pPr><w:jc w:val=\"{j}\"/></w:pPr>")).unwrap_or_default();
    let runs: String = text
        .split('\t')
        .enumerate()
        .map(|(i, part)| format!("{}<w:r>{rpr}<w:t xml:space=\"preserve\">{part}</w:t></w:r>", if i > 0 { format!("<w:r>{rpr}<w:tab/></w:r>") } else { String::new() }))
        .collect();
    format!("<w:p>{ppr}{runs}</w:p>")
}

pub fn cell(paras: &[String]) -> String {
    format!("<w:tc>{}</w:tc>", paras.concat())
}

/// document.xml around a body.
pub fn document_xml(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>")
}

/// A one-row table of two cells (widths in twips): a header, a closing, Kính gửi.
pub fn two_cells(widths: (u32, u32), left: &[String], right: &[String]) -> String {
    format!("<w:tbl><w:tblGrid><w:gridCol w:w=\"{}\"/><w:gridCol w:w=\"{}\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>", widths.0, widths.1, cell(left), cell(right))
}

/// The seed report (../shared/seeds) typed in Word as an office types it: the header and the
/// closing in tables, headings bold; its text and the .docx.
pub fn seed_report() -> Option<(String, Vec<u8>)> {
    let seed = std::fs::read_to_string(super::root().join("../shared/seeds/000_15f4fa13e11e664e.txt")).ok()?;
    let runs = |line: &str, bold_all: bool| -> String {
        // "**645/645**" is bold in the source; "<http://…>" a link's text.
        let line = line.replace(['<', '>'], "").replace('&', "&amp;");
        line.split("**")
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(k, t)| format!("<w:r>{}<w:t xml:space=\"preserve\">{t}</w:t></w:r>", if bold_all || k % 2 == 1 { "<w:rPr><w:b/></w:rPr>" } else { "" }))
            .collect()
    };
    let p = |line: &str, bold: bool, jc: Option<&str>| format!("<w:p>{}{}</w:p>", jc.map(|j| format!("<w:pPr><w:jc w:val=\"{j}\"/></w:pPr>")).unwrap_or_default(), runs(line, bold));
    let lines: Vec<&str> = seed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap();
    let (number, date, noi_nhan) = (lines[at("Số:")], lines[at("Hương Xuân, ngày")], at("Nơi nhận"));
    let left = [p("ỦY BAN NHÂN DÂN", true, Some("center")), p("XÃ HƯƠNG XUÂN", true, Some("center")), p(number, false, Some("center"))];
    let right = [p(QH, true, Some("center")), p("Độc lập - Tự do - Hạnh phúc", true, Some("center")), p(date, false, Some("center"))];
    let mut body = two_cells((3800, 5600), &left, &right);
    let mut k = at("BÁO CÁO");
    body += &p(lines[k], true, Some("center"));
    body += &p(lines[k + 1], true, Some("center"));
    body += &p(lines[k + 2], true, Some("center"));
    k += 3;
    let heading = |l: &str| {
        let head = l.split(' ').next().unwrap_or("");
        head.ends_with('.') && head.len() <= 5 && head.trim_end_matches('.').chars().all(|c| c.is_ascii_digit() || "IVX".contains(c))
    };
    while k < noi_nhan {
        let l = lines[k];
        let centred = l.starts_with("Kính gửi") || k > 0 && lines[k - 1].starts_with("Kính gửi") || lines[k - 1].starts_with("- UBND huyện Nam Đông");
        body += &p(l, heading(l), centred.then_some("center"));
        k += 1;
    }
    let items: Vec<String> = lines[noi_nhan..].iter().take_while(|l| !l.starts_with("**")).map(|l| p(l, l.starts_with("Nơi nhận"), None)).collect();
    let signer = [p("TM. ỦY BAN NHÂN DÂN", true, Some("center")), p("CHỦ TỊCH", true, Some("center")), p("", false, None), p("Nguyễn Thị Bích Ngọc", true, Some("center"))];
    body += &two_cells((4500, 4900), &items, &signer);
    Some((seed.clone(), docx(&[("[Content_Types].xml", TYPES), ("word/document.xml", &document_xml(&body))])))
}
