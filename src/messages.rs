//! Diagnostics in Vietnamese (`--lang vi` on the command line, `?lang=vi` in the service and
//! the editor): a sentence per stable code, the English detail after it. One place, read by
//! both faces.

use crate::error::InputError;

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
        "wrong-profile" => "Thông tin này không thuộc hệ thống văn bản đã chọn",
        "seal-size" => "Kích thước con dấu ngoài phạm vi cho phép",
        "not-docx" => "Tệp không phải văn bản Word (.docx)",
        // What the Word importer noticed (warnings: the document is still made).
        "import-dropped" => "Phần chữ trong tệp Word không đưa vào văn bản",
        "import-style" => "Định dạng trong tệp Word khác quy định, dùng mặc định",
        "import-placeholder" => "Chỗ trống trong tệp Word được giữ để điền sau",
        "import-date" => "Ngày tháng trong tệp Word chưa rõ",
        "import-guessed" => "vanban đã đoán phần này của tệp Word, cần xem lại",
        "import-numbering" => "Số thứ tự gõ tay khác thứ tự của Nghị định, được giữ như đã gõ",
        "import-deleted" => "Phần bị xóa (theo dõi thay đổi) không đưa vào văn bản",
        "import-missing" => "Tệp Word thiếu thành phần bắt buộc, để trống (…) để điền sau",
        "import-picture" => "Hình ảnh trong tệp Word không đưa được vào văn bản",
        "import-object" => "Đối tượng nhúng (OLE, tài liệu nhúng) không đưa vào văn bản",
        "picture" => "Hình ảnh không đọc được hoặc không phải PNG, JPEG",
        "picture-src" => "Không đọc được tệp hình ảnh (src) bên cạnh văn bản",
        "import-footnote" => "Chú thích cuối trang không đưa vào văn bản",
        "import-comment" => "Nhận xét (comment) không đưa vào văn bản",
        "import-header-footer" => "Tiêu đề hoặc chân trang của Word không đưa vào văn bản",
        // The Party guide's lint (Hướng dẫn 05-HD/VPTW).
        "dang-kt" => "Văn bản của cấp uỷ không ký K/T",
        "dang-chuc-vu" => "Chức vụ người ký không kèm tên cơ quan",
        "dang-qdi" => "Ký hiệu \"QĐi\" không còn dùng",
        "dang-kinh-gui" => "Tờ trình của Đảng không có \"Kính gửi\"",
        "dang-punctuation" => "Dấu câu chưa đúng Hướng dẫn năm 2026",
        "dang-so-colon" => "Văn bản của Đảng ghi \"Số\" không có dấu hai chấm",
        "dang-recipients" => "Nơi nhận chưa đúng Hướng dẫn 05-HD/VPTW",
        _ => "Dữ liệu không hợp lệ",
    }
}

/// A diagnostic's message as `--lang vi` prints it.
pub fn message_vi(d: &InputError) -> String {
    format!("{} ({})", vietnamese(d.code), d.message)
}

/// A hint in Vietnamese where its words are known.
pub fn hint_vi(h: &str) -> String {
    h.replace("did you mean", "có phải là")
}

/// The diagnostics with their message and hint in Vietnamese (codes and paths unchanged).
pub fn localise(diags: Vec<InputError>) -> Vec<InputError> {
    diags
        .into_iter()
        .map(|mut d| {
            d.message = message_vi(&d);
            d.hint = d.hint.as_deref().map(hint_vi);
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_editor_shows_has_its_own_sentence() {
        let codes = ["invalid-date", "import-style", "import-dropped", "import-numbering", "import-placeholder", "wrong-profile", "dang-kt", "dang-punctuation", "no-luu-vt", "district-level"];
        for c in codes {
            assert_ne!(vietnamese(c), vietnamese("no-such-code"), "{c}");
        }
    }
}
