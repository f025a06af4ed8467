//! The decree as code (Nghị định 30/2020/NĐ-CP, Phụ lục I and III): every string rule that
//! both writers need. Neither the PDF nor the DOCX writer re-derives any of this.

pub mod appendix;
pub mod date;
pub mod distribution;
pub mod levels;
pub mod numbering;
pub mod numbers;
pub mod purpose;
pub mod ranges;
pub mod register;
pub mod results;
pub mod signing;
pub mod symbol;
pub mod text;
pub mod types;

/// Quốc hiệu (ô 1), exactly as the decree writes it.
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ (ô 1), exactly as the decree writes it.
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// The label of ô 9a.
pub const KINH_GUI: &str = "Kính gửi:";
/// The label of ô 9b.
pub const NOI_NHAN: &str = "Nơi nhận:";
