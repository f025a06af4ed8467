//! The register of outgoing documents as the decree prints it (Phụ lục IV): the book's
//! title and columns. The register itself is `crate::register`.

/// The book's title on its cover.
pub const BOOK_TITLE: &str = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";

/// The book's ten columns (Phụ lục IV.I), numbered (1)–(10) as the form numbers them.
pub const BOOK_COLUMNS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];
