//! The book of outgoing documents (Phụ lục IV.I): the ten numbered columns, one row an
//! entry, a voided number printed with its reason under Ghi chú.

use super::Entry;


/// The book in `format` (`pdf`, `xlsx` or `csv`).
pub fn make(entries: &[Entry], format: &str, issuer: &str, year: i32, fonts: &crate::fonts::FontSet) -> crate::Result<Vec<u8>> {
    match format {
        "pdf" => pdf(entries, issuer, year, fonts, &crate::pdf::layout::Layout::embedded_style().font.family),
        "xlsx" => xlsx(entries),
        "csv" => Ok(csv(entries)),
        f => Err(super::refuse("--format", "bad-format", format!("\"{f}\" is not a book format"), "use pdf, xlsx or csv")),
    }
}

/// One entry's ten cells (Ngày chuyển and Ký nhận are filled by hand on paper).
pub fn row(e: &Entry) -> [String; 10] {
    let date = chrono::NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|_| e.date.clone());
    let what = if e.subject.is_empty() { e.doc_type.clone() } else { format!("{} {}", e.doc_type, e.subject) };
    let note = e.voided.as_ref().map(|v| format!("Đã hủy: {}", v.reason)).unwrap_or_default();
    [e.symbol.clone(), date, what, e.signer.clone(), e.recipients.join("; "), e.archive.join(", "), e.copies.map(|c| c.to_string()).unwrap_or_default(), String::new(), String::new(), note]
}

/// The book as CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheet programs read
/// the Vietnamese right): a heading row "(1) Số, ký hiệu văn bản" … "(10) Ghi chú", then a row
/// an entry in the order given.
pub fn csv(entries: &[Entry]) -> Vec<u8> {
    let cell = |s: &str| if s.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() };
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = crate::nd30::register::BOOK_COLUMNS.iter().enumerate().map(|(i, h)| cell(&format!("({}) {h}", i + 1))).collect();
    out += &head.join(",");
    out += "\r\n";
    for e in entries {
        let r: Vec<String> = row(e).iter().map(|c| cell(c)).collect();
        out += &r.join(",");
        out += "\r\n";
    }
    out.into_bytes()
}

/// The book as a PDF laid out by vanban (landscape A4, `layouts/nd30/book.typ`): the cover
/// (Năm, Từ ngày … đến ngày …, Từ số … đến số …, Quyển số), then the ten columns.
pub fn pdf(entries: &[Entry], issuer: &str, year: i32, fonts: &crate::fonts::FontSet, font: &str) -> crate::Result<Vec<u8>> {
    let (name, parent) = entries.first().map(|e| e.issuer_name.clone()).unwrap_or_else(|| (issuer.to_string(), String::new()));
    let dates: Vec<&str> = entries.iter().map(|e| e.date.as_str()).collect();
    let show = |d: Option<&&str>| d.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…".into());
    let numbers: Vec<u32> = entries.iter().map(|e| e.number).collect();
    let data = serde_json::json!({
        "font": font,
        "name": name,
        "parent": parent,
        "year": year.to_string(),
        "from_date": show(dates.iter().min()),
        "to_date": show(dates.iter().max()),
        "from_no": numbers.iter().min().map(|n| crate::nd30::symbol::number(Some(*n))).unwrap_or_else(|| "…".into()),
        "to_no": numbers.iter().max().map(|n| crate::nd30::symbol::number(Some(*n))).unwrap_or_else(|| "…".into()),
        "volume": "01",
        "title": crate::nd30::register::BOOK_TITLE,
        "headings": crate::nd30::register::BOOK_COLUMNS,
        "rows": entries.iter().map(row).collect::<Vec<_>>(),
    });
    let json = serde_json::to_vec(&data).map_err(|e| crate::Error::Internal(e.to_string()))?;
    crate::pdf::small::render("/book.typ", include_str!("../../layouts/nd30/book.typ"), vec![("/book.json", json)], fonts, "vanban-register-book", true)
        .unwrap_or_else(|m| Err(crate::Error::Internal(format!("the book's layout: {m}"))))
}

/// The book as an XLSX workbook (one sheet, the heading row, the column numbers, a row an
/// entry), written as SpreadsheetML with inline strings.
pub fn xlsx(entries: &[Entry]) -> crate::Result<Vec<u8>> {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let col = |i: usize| ((b'A' + i as u8) as char).to_string();
    let cells = |r: usize, values: &[String]| -> String {
        let c: String = values.iter().enumerate().map(|(i, v)| format!("<c r=\"{}{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>", col(i), esc(v))).collect();
        format!("<row r=\"{r}\">{c}</row>")
    };
    let mut rows = vec![cells(1, &crate::nd30::register::BOOK_COLUMNS.iter().map(|h| h.to_string()).collect::<Vec<_>>()), cells(2, &(1..=10).map(|i| format!("({i})")).collect::<Vec<_>>())];
    rows.extend(entries.iter().enumerate().map(|(i, e)| cells(i + 3, &row(e))));
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{}</sheetData></worksheet>",
        rows.concat()
    );
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".into()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".into()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sổ đăng ký văn bản đi\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".into()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".into()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let err = |e: zip::result::ZipError| crate::Error::Internal(format!("XLSX: {e}"));
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        z.start_file(name, opts).map_err(err)?;
        z.write_all(text.as_bytes()).map_err(|e| crate::Error::Internal(format!("XLSX: {e}")))?;
    }
    z.finish().map_err(err)?;
    Ok(out.into_inner())
}
