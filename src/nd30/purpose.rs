//! A line on what each type of Phụ lục III is for, shown where a person chooses a type (the
//! editor's "Văn bản mới", `/v1/types`). From the decree's Điều 7 and common office use.

/// What a document of this type is for, in Vietnamese.
pub fn purpose(slug: &str) -> &'static str {
    match slug {
        "nghi-quyet" => "Quyết định của tập thể về chủ trương, nhiệm vụ, giải pháp",
        "quyet-dinh" => "Quyết định cá biệt: ban hành, phê duyệt, bổ nhiệm, thành lập…",
        "chi-thi" => "Giao nhiệm vụ, đôn đốc cấp dưới thực hiện chủ trương",
        "quy-che" => "Quy định cách làm việc, phối hợp (ban hành kèm quyết định)",
        "quy-dinh" => "Quy định cụ thể về một lĩnh vực (ban hành kèm quyết định)",
        "thong-cao" => "Công bố sự kiện, quyết định quan trọng cho công chúng",
        "thong-bao" => "Báo tin, kết luận cuộc họp, thông tin cho cơ quan, người liên quan",
        "huong-dan" => "Hướng dẫn cách thực hiện một văn bản hoặc nhiệm vụ",
        "chuong-trinh" => "Chương trình công tác, hội nghị: các việc theo thời gian",
        "ke-hoach" => "Mục đích, nội dung, tiến độ, phân công thực hiện một việc",
        "phuong-an" => "Cách giải quyết một việc, có lựa chọn và điều kiện thực hiện",
        "de-an" => "Đề xuất giải quyết vấn đề lớn, trình cấp có thẩm quyền",
        "du-an" => "Dự án đầu tư, dự án luật hoặc chương trình có mục tiêu, kinh phí",
        "bao-cao" => "Báo cáo kết quả, tình hình thực hiện lên cấp trên",
        "bien-ban" => "Ghi lại diễn biến, kết luận của cuộc họp, sự việc",
        "to-trinh" => "Trình cấp trên xem xét, phê duyệt một đề xuất",
        "hop-dong" => "Thỏa thuận có ràng buộc giữa các bên",
        "cong-van" => "Trao đổi, đề nghị, đôn đốc, trả lời giữa các cơ quan",
        "cong-dien" => "Chỉ đạo khẩn, xử lý việc gấp",
        "ban-ghi-nho" => "Ghi nhận ý định hợp tác giữa các bên",
        "ban-thoa-thuan" => "Thỏa thuận giữa các bên về một việc",
        "giay-uy-quyen" => "Ủy quyền cho người khác thực hiện một việc",
        "giay-moi" => "Mời dự họp, hội nghị, sự kiện",
        "giay-gioi-thieu" => "Giới thiệu cán bộ đến liên hệ công tác",
        "giay-nghi-phep" => "Cho phép cán bộ nghỉ phép",
        "phieu-gui" => "Gửi kèm tài liệu, văn bản",
        "phieu-chuyen" => "Chuyển văn bản, đơn thư đến nơi giải quyết",
        "phieu-bao" => "Báo một việc cho cơ quan, người liên quan",
        "thu-cong" => "Thư chúc mừng, cảm ơn, thăm hỏi của lãnh đạo",
        _ => "Văn bản của Đảng theo Hướng dẫn 05-HD/VPTW",
    }
}
