//! Printing diagnostics: short and coloured for people (English, or Vietnamese for the văn
//! thư), or one JSON object per input for e-office systems.

use crate::error::{Error, InputError, Severity};
use anstyle::{AnsiColor, Style};
use std::io::Write;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// For people: short, coloured on a terminal.
    #[default]
    Human,
    /// One JSON object per input: {"input", "ok", "diagnostics": [...]}.
    Json,
}

/// Language of the human messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Tiếng Việt.
    Vi,
}

/// What a code means, in Vietnamese.
pub fn vietnamese(code: &str) -> &'static str {
    match code {
        "syntax" => "Lỗi cú pháp JSON",
        "not-utf8" => "Tệp không phải văn bản UTF-8",
        "duplicate-key" => "Một khóa được ghi hai lần",
        "unknown-key" => "Khóa không có trong mẫu dữ liệu",
        "missing-key" => "Thiếu thông tin bắt buộc",
        "invalid-type" => "Sai kiểu dữ liệu",
        "unknown-value" => "Giá trị không hợp lệ",
        "invalid-number" => "Số không hợp lệ",
        "invalid-date" => "Ngày tháng không hợp lệ",
        "out-of-range" => "Ngoài phạm vi Nghị định 30/2020/NĐ-CP cho phép",
        "signer" => "Thông tin người ký chưa đúng",
        "table" => "Bảng chưa đúng",
        "zero-denominator" => "Tỷ lệ có mẫu số bằng 0",
        "empty" => "Không được để trống",
        "empty-body" => "Văn bản chưa có nội dung",
        "too-deep" => "Các mục lồng nhau quá sâu",
        "too-large" => "Dữ liệu quá lớn",
        "missing-glyph" => "Phông chữ không có ký tự này",
        "symbol-mismatch" => "Ký hiệu không khớp với loại văn bản và cơ quan ban hành",
        "future-date" => "Ngày ban hành ở tương lai",
        "no-nhu-tren" => "Nơi nhận thiếu \"Như trên\"",
        "no-luu-vt" => "Nơi nhận thiếu \"Lưu: VT\"",
        "academic-title" => "Tên người ký có học hàm, học vị",
        "long-subject" => "Trích yếu dài quá hai dòng",
        "invalid-char" => "Ký tự không được phép trong văn bản",
        "removed-char" => "Đã xóa ký tự ẩn",
        "too-long" => "Nội dung dài quá giới hạn",
        "district-level" => "Nêu tên cơ quan cấp huyện (đã chấm dứt hoạt động từ ngày 01/7/2025)",
        "empty-section" => "Mục chưa có nội dung",
        _ => "Dữ liệu không hợp lệ",
    }
}

/// The diagnostics of an error (I/O and internal errors become one diagnostic).
pub fn of(e: &Error) -> Vec<InputError> {
    e.diagnostics()
}

fn human(input: Option<&str>, d: &InputError, lang: Lang, out: &mut dyn Write) {
    let (label, colour) = match (d.severity, lang) {
        (Severity::Error, Lang::En) => ("error", AnsiColor::Red),
        (Severity::Error, Lang::Vi) => ("lỗi", AnsiColor::Red),
        (Severity::Warning, Lang::En) => ("warning", AnsiColor::Yellow),
        (Severity::Warning, Lang::Vi) => ("cảnh báo", AnsiColor::Yellow),
    };
    let head = Style::new().fg_color(Some(colour.into())).bold();
    let bold = Style::new().bold();
    let mut place = String::new();
    if let Some(i) = input {
        place.push_str(i);
        place.push_str(": ");
    }
    match (&d.path, d.line, d.column) {
        (Some(p), Some(l), Some(c)) if !p.is_empty() => place.push_str(&format!("{p} (line {l}, column {c}): ")),
        (Some(p), _, _) if !p.is_empty() => place.push_str(&format!("{p}: ")),
        (_, Some(l), Some(c)) => place.push_str(&format!("line {l}, column {c}: ")),
        _ => {}
    }
    let message = match lang {
        Lang::En => d.message.clone(),
        Lang::Vi => format!("{} ({})", vietnamese(d.code), d.message),
    };
    let _ = writeln!(out, "{head}{label}[{}]{head:#}: {bold}{place}{bold:#}{message}", d.code);
    if let Some(h) = &d.hint {
        let h = match lang {
            Lang::En => h.clone(),
            Lang::Vi => h.replace("did you mean", "có phải là"),
        };
        let word = if lang == Lang::Vi { "gợi ý" } else { "hint" };
        let _ = writeln!(out, "  {bold}= {word}:{bold:#} {h}");
    }
}

/// Print one input's diagnostics in the chosen format. JSON goes to standard output unless
/// `json_to_stderr` (when standard output carries a document).
pub fn print(input: &str, diags: &[InputError], format: MessageFormat, lang: Lang, json_to_stderr: bool) {
    match format {
        MessageFormat::Human => {
            let mut err = anstream::stderr().lock();
            for d in diags {
                human(Some(input), d, lang, &mut err);
            }
        }
        MessageFormat::Json => {
            let ok = diags.iter().all(|d| d.severity == Severity::Warning);
            let v = serde_json::json!({ "input": input, "ok": ok, "diagnostics": diags });
            if json_to_stderr {
                eprintln!("{v}");
            } else {
                println!("{v}");
            }
        }
    }
}
