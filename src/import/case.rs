//! Capitals back to the case the contract wants: a Word document types the agency, the titles
//! and the authority in capitals ("ỦY BAN NHÂN DÂN XÃ HƯƠNG XUÂN"), the input writes them as
//! names ("Ủy ban nhân dân xã Hương Xuân"); vanban prints them in capitals again, so the page
//! is the same either way.

use crate::nd30::levels::ends_unit;

const VOWELS: &str = "aeiouyăâêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";

/// Whether a word (letters only) is one Vietnamese syllable: an initial consonant, a vowel
/// nucleus, a final consonant. "UBND", "HĐND", "SNV" are not: they are abbreviations.
fn is_syllable(w: &str) -> bool {
    let w = w.to_lowercase();
    const INITIALS: [&str; 27] = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"];
    const FINALS: [&str; 9] = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
    let rest = INITIALS.iter().find_map(|i| w.strip_prefix(i)).unwrap_or(&w);
    let vowels: String = rest.chars().take_while(|c| VOWELS.contains(*c)).collect();
    let n = vowels.chars().count();
    if n == 0 && !(w.starts_with("gi") && rest.is_empty()) {
        return false;
    }
    n <= 3 && FINALS.contains(&&rest[vowels.len()..])
}

/// Whether a text is typed in capitals (no lower-case letter, some letter).
pub fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Nouns of an agency's kind: written with a capital, as is the first word of its field
/// ("Sở Tài chính", "Văn phòng Ủy ban nhân dân", "Trung tâm Phục vụ hành chính công";
/// Phụ lục II of the decree). Two-word kinds are matched on the word before.
const KINDS: [&str; 4] = ["sở", "bộ", "cục", "ban"];
const KINDS2: [(&str, &str); 7] = [("văn", "phòng"), ("trung", "tâm"), ("chi", "cục"), ("tổng", "cục"), ("học", "viện"), ("ủy", "ban"), ("hội", "đồng")];
/// Words before "sở", "bộ" that make them ordinary words ("cơ sở", "cán bộ", "đảng bộ").
const NOT_KIND: [&str; 11] = ["cơ", "trụ", "toàn", "cán", "đầy", "nội", "đảng", "ủy", "uỷ", "tổng", "chi"];
/// Words of agencies' and titles' names that are written in lower case after their first
/// word (Phụ lục II): a word outside them, where no rule decides its case, keeps its capitals.
const COMMON: &[&str] = &[
    "nhân", "dân", "chủ", "tịch", "giám", "đốc", "bí", "thư", "ký", "trưởng", "phó", "thường", "trực", "vụ", "hành", "chính",
    "công", "và", "của", "về", "các", "cấp", "chấp", "ban", "phòng", "văn", "tổ", "chức", "cơ", "quan", "tên", "hội", "đồng",
    "bộ", "chi", "ủy", "uỷ", "thành", "phố", "tỉnh", "xã", "phường", "đặc", "khu", "huyện", "quận", "thị", "trấn", "quyền",
    "hạn", "trung", "ương", "kiểm", "tra", "người", "làm", "đơn", "tọa", "trì", "viên", "thẩm", "nội", "ngoại", "giao",
    "tài", "nguyên", "môi", "trường", "y", "tế", "giáo", "dục", "đào", "tạo", "khoa", "học", "nghệ", "thông", "tin",
    "truyền", "văn", "hóa", "hoá", "thể", "thao", "du", "lịch", "xây", "dựng", "giao", "vận", "tải", "nông", "nghiệp",
    "phát", "triển", "lao", "động", "thương", "binh", "xã", "hội", "tư", "pháp", "kế", "hoạch", "đầu", "an", "ninh", "quốc",
    "phòng", "sự", "điều", "hành", "quản", "lý", "đô", "thị", "kinh", "tế", "hạ", "tầng", "phục", "một", "cửa", "hành",
    "chính", "cán", "chuyên", "môn", "lưu", "trữ", "lịch", "sử", "tổng", "hợp", "đại", "biểu", "thường", "vụ", "mặt",
    "trận", "đoàn", "thanh", "niên", "phụ", "nữ", "cựu", "chiến", "liên", "nông", "dân", "chấp", "hành", "tuyên", "vận",
    "đảng", "quân", "sự", "biên", "phòng", "chỉ", "huy", "tham", "mưu", "tịch", "chánh", "sở", "cục", "tổng", "viện",
    "trợ", "lý", "đội", "tòa", "án", "sát", "bảo", "hiểm", "kho", "bạc", "thuế", "hải", "quan", "ngân", "hàng", "nhà",
    "nước", "trường", "bệnh", "đa", "sao", "y", "lục", "trích", "số", "năm", "mục", "ty", "cổ", "phần", "hữu", "hạn",
];

/// Labels a Roman number follows.
const ROMAN_AFTER: [&str; 6] = ["lục", "phần", "chương", "mục", "khóa", "khoá"];
/// Titles whose next word takes a capital ("Phó Giám đốc", "Chánh Văn phòng").
const TITLE_LEADS: [&str; 2] = ["phó", "chánh"];

/// A name typed in capitals, in sentence case with its places, its agencies' kinds and
/// fields and its titles capitalised as the decree writes them, and its abbreviations (UBND,
/// HĐND, CNTT) kept; any other text as it is. A word no rule decides keeps its capitals (it
/// may be a person's or a place's name).
pub fn sentence(s: &str) -> String {
    cased(s, true)
}

/// A heading or title typed in capitals ("QUẢN LÝ VÀ SỬ DỤNG", "LƯU HÀNH NỘI BỘ"), in
/// sentence case by the same rules, except that a word no rule decides is an ordinary word:
/// a heading is a phrase, not a name.
pub fn heading(s: &str) -> String {
    cased(s, false)
}

fn cased(s: &str, names: bool) -> String {
    if !is_upper(s) {
        return s.to_string();
    }
    let mut out_lines = Vec::new();
    let mut first = true;
    for line in s.split('\n') {
        let mut words: Vec<String> = Vec::new();
        let mut place = false;
        let mut cap_next = false;
        // Inside an agency's field: "và" joins a second one ("Giáo dục và Đào tạo").
        let mut field = false;
        // Inside a name kept in its capitals.
        let mut proper = false;
        let mut prev = String::new();
        for raw in line.split(' ') {
            let lower = raw.to_lowercase();
            let letters: String = raw.chars().filter(|c| c.is_alphabetic()).collect();
            let acronym = letters.chars().count() >= 2 && !is_syllable(&letters);
            // "Phòng" is a kind only where a name starts with it ("Phòng Tài chính - Kế hoạch").
            let kind1 = KINDS.contains(&lower.as_str()) && !NOT_KIND.contains(&prev.as_str()) || lower == "phòng" && prev.is_empty();
            let kind2 = KINDS2.iter().find(|(a, b)| prev == *a && lower == *b).copied();
            // "Cục trưởng", "Bộ trưởng", "Vụ phó": a title, not a kind and its field.
            let title_tail = (lower == "trưởng" || lower == "phó") && (KINDS.contains(&prev.as_str()) || prev == "vụ" || prev == "phòng" || prev == "viện");
            // A designating letter ("Công ty B", "Khu A") and a Roman number after a label
            // ("Phụ lục II", "Chương IV") stay capitals.
            let designator = letters.chars().count() == 1 && raw.chars().count() == 1 && !first;
            let roman = ROMAN_AFTER.contains(&prev.as_str()) && crate::nd30::numbering::from_roman(&letters).is_some() && letters == raw;
            let w = if acronym || designator || roman {
                raw.to_string()
            } else if title_tail {
                lower.clone()
            } else if names && !(first || place || cap_next || kind1 || field || kind2.is_some() || lower == "đảng") && (proper || !COMMON.contains(&letters.to_lowercase().as_str()) && is_syllable(&letters)) {
                // A word no rule decides (a person's or a place's name with no unit word before
                // it: "TRƯỜNG THCS NGUYỄN DU"), and the rest of that name: its capitals as
                // typed, never guessed.
                proper = true;
                raw.to_string()
            } else if first || place || cap_next || kind1 || lower == "đảng" {
                // "Đảng" in a name is the Party's ("Ban Chấp hành Đảng bộ xã").
                capitalise(&lower)
            } else {
                lower.clone()
            };
            if let Some(k) = kind2 {
                if let Some(last) = words.last_mut() {
                    *last = capitalise(last);
                }
                // "Ủy ban nhân dân", "Hội đồng nhân dân": the kind is the whole phrase.
                cap_next = !matches!(k.0, "ủy" | "hội");
                field = false;
            } else if title_tail {
                cap_next = false;
            } else if kind1 || TITLE_LEADS.contains(&lower.as_str()) {
                cap_next = true;
                field = false;
            } else if lower == "và" && field {
                cap_next = true;
            } else {
                field |= cap_next && !acronym;
                cap_next = false;
            }
            if !raw.is_empty() {
                first = false;
            }
            // After a unit of local government, the rest of the name is a place.
            if ends_unit(&prev, &lower) {
                place = true;
                field = false;
            }
            // "Việt Nam" is always written so.
            if prev == "việt" && lower == "nam" {
                if let Some(last) = words.last_mut() {
                    *last = capitalise(last);
                }
                prev = lower;
                words.push("Nam".into());
                continue;
            }
            prev = lower;
            words.push(w);
        }
        out_lines.push(words.join(" "));
    }
    out_lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn names() {
        assert_eq!(sentence("ỦY BAN NHÂN DÂN XÃ HƯƠNG XUÂN"), "Ủy ban nhân dân xã Hương Xuân");
        assert_eq!(sentence("ỦY BAN NHÂN DÂN\nXÃ NAM ĐÔNG"), "Ủy ban nhân dân\nxã Nam Đông");
        assert_eq!(sentence("VĂN PHÒNG HĐND VÀ UBND THÀNH PHỐ HUẾ"), "Văn phòng HĐND và UBND thành phố Huế");
        assert_eq!(sentence("CHỦ TỊCH"), "Chủ tịch");
        assert_eq!(sentence("Sở Nội vụ"), "Sở Nội vụ");
        assert_eq!(sentence("UBND TỈNH QUẢNG TRỊ"), "UBND tỉnh Quảng Trị");
        assert_eq!(sentence("TRUNG TÂM CNTT"), "Trung tâm CNTT");
        assert_eq!(sentence("SỞ TÀI CHÍNH"), "Sở Tài chính");
        assert_eq!(sentence("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), "Sở Giáo dục và Đào tạo");
        assert_eq!(sentence("SỞ NỘI VỤ"), "Sở Nội vụ");
        assert_eq!(sentence("GIÁM ĐỐC SỞ TÀI CHÍNH TỈNH QUẢNG TRỊ"), "Giám đốc Sở Tài chính tỉnh Quảng Trị");
        assert_eq!(sentence("VĂN PHÒNG ỦY BAN NHÂN DÂN\nTỈNH KON TUM"), "Văn phòng Ủy ban nhân dân\ntỉnh Kon Tum");
        assert_eq!(sentence("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH"), "Trung tâm Phục vụ hành chính công tỉnh");
        assert_eq!(sentence("PHÓ GIÁM ĐỐC"), "Phó Giám đốc");
        assert_eq!(sentence("CHÁNH VĂN PHÒNG"), "Chánh Văn phòng");
        assert_eq!(sentence("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP"), "Chủ tịch Ủy ban nhân dân xã Tân Lập");
        assert_eq!(sentence("BỘ THÔNG TIN VÀ TRUYỀN THÔNG"), "Bộ Thông tin và Truyền thông");
        assert_eq!(sentence("PHÒNG CÔNG TÁC CÁN BỘ"), "Phòng Công tác cán bộ");
        assert_eq!(sentence("BAN THƯỜNG VỤ"), "Ban Thường vụ");
        assert_eq!(sentence("BAN CHẤP HÀNH ĐẢNG BỘ XÃ"), "Ban Chấp hành Đảng bộ xã");
        assert_eq!(sentence("ĐẢNG BỘ THÀNH PHỐ HUẾ"), "Đảng bộ thành phố Huế");
        assert_eq!(sentence("PHÓ BÍ THƯ"), "Phó Bí thư");
        assert_eq!(sentence("BỘ TRƯỞNG"), "Bộ trưởng");
        assert_eq!(sentence("CỤC TRƯỞNG"), "Cục trưởng");
        assert_eq!(sentence("PHÓ CỤC TRƯỞNG"), "Phó Cục trưởng");
        assert_eq!(sentence("PHỤ LỤC II"), "Phụ lục II");
        assert_eq!(sentence("CÔNG TY B"), "Công ty B");
        assert_eq!(sentence("TỔNG CỤC DU LỊCH VIỆT NAM"), "Tổng cục Du lịch Việt Nam");
        // A name no rule decides keeps the capitals it was typed in.
        assert_eq!(sentence("TRƯỜNG THCS NGUYỄN DU"), "Trường THCS NGUYỄN DU");
        assert_eq!(sentence("BỆNH VIỆN CHỢ RẪY"), "Bệnh viện CHỢ RẪY");
        assert_eq!(sentence("ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC"), "Ủy ban nhân dân đặc khu Phú Quốc");
    }

    #[test]
    fn headings() {
        use super::heading;
        assert_eq!(heading("QUẢN LÝ VÀ SỬ DỤNG"), "Quản lý và sử dụng");
        assert_eq!(heading("TỔ CHỨC THỰC HIỆN"), "Tổ chức thực hiện");
        assert_eq!(heading("LƯU HÀNH NỘI BỘ"), "Lưu hành nội bộ");
        assert_eq!(heading("DANH SÁCH CÁC THÔN THUỘC XÃ HƯƠNG XUÂN"), "Danh sách các thôn thuộc xã Hương Xuân");
        assert_eq!(heading("KẾT QUẢ CHUYỂN ĐỔI SỐ TẠI VIỆT NAM"), "Kết quả chuyển đổi số tại Việt Nam");
        assert_eq!(heading("NHIỆM VỤ CỦA UBND CÁC XÃ"), "Nhiệm vụ của UBND các xã");
    }
}
