//! `vanban verify FILE.pdf [--trust CA.pem]… [--trust-dir DIR]… [--message-format json]
//! [--lang vi]`: exit 0 when the verdict is `valid`, 3 for any other (unsigned, modified,
//! invalid, untrusted), 2 for a file that is not a readable PDF.

use super::args::VerifyArgs;
use super::diagnostics::{Lang, MessageFormat};
use super::report;
use crate::error::Result;
use crate::sign::verify::{self, FieldReport, Report, trust};

/// Largest PDF read.
const MAX_PDF: usize = 512 << 20;

/// Run the command; the exit code.
pub fn verify(args: VerifyArgs) -> i32 {
    let lang = match args.lang {
        Lang::En => verify::Lang::En,
        Lang::Vi => verify::Lang::Vi,
    };
    let result = (|| -> Result<Report> {
        let anchors = trust::anchors(&args.trust, &args.trust_dir)?;
        let pdf = super::read_input(&args.input, MAX_PDF)?;
        let mut r = verify::verify(&pdf, &anchors)?;
        r.localise(lang);
        Ok(r)
    })();
    let r = match result {
        Ok(r) => r,
        Err(e) => return report(Some(&args.input), &e),
    };
    match args.message_format {
        MessageFormat::Json => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
        MessageFormat::Human => print!("{}", human(&args.input, &r, lang == verify::Lang::Vi)),
    }
    r.exit_code()
}

/// The words of the human report, in English or Vietnamese.
struct Words {
    vi: bool,
}

impl Words {
    fn t<'a>(&self, en: &'a str, vi: &'a str) -> &'a str {
        if self.vi { vi } else { en }
    }

    fn verdict(&self, v: verify::Verdict) -> &'static str {
        use verify::Verdict::*;
        match (v, self.vi) {
            (Valid, false) => "VALID",
            (Valid, true) => "HỢP LỆ",
            (Invalid, false) => "INVALID",
            (Invalid, true) => "KHÔNG HỢP LỆ",
            (Modified, false) => "MODIFIED after signing",
            (Modified, true) => "BỊ SỬA sau khi ký",
            (Untrusted, false) => "NOT TRUSTED",
            (Untrusted, true) => "KHÔNG TIN CẬY",
            (Unsigned, false) => "NOT SIGNED",
            (Unsigned, true) => "CHƯA KÝ",
        }
    }
}

/// The report for people.
fn human(input: &str, r: &Report, vi: bool) -> String {
    let w = Words { vi };
    let mut s = format!("{input}: {}", w.verdict(r.verdict));
    s += &match vi {
        false => format!(" ({} signature{}, {} revision{})\n", r.signatures, if r.signatures == 1 { "" } else { "s" }, r.revisions, if r.revisions == 1 { "" } else { "s" }),
        true => format!(" ({} chữ ký, {} lần lưu)\n", r.signatures, r.revisions),
    };
    if !r.trust_checked && r.signatures > 0 {
        s += &format!("  {}\n", w.t("trust not checked: give the roots with --trust or --trust-dir", "chưa kiểm tra độ tin cậy: chỉ định chứng thư gốc bằng --trust hoặc --trust-dir"));
    }
    for n in r.problems.iter().chain(&r.warnings) {
        s += &format!("  {}[{}]: {}\n", w.t("note", "lưu ý"), n.code, n.message);
    }
    for f in &r.fields {
        s += &field(&w, f);
    }
    s
}

fn field(w: &Words, f: &FieldReport) -> String {
    let page = f.page.map(|p| format!(" ({} {p})", w.t("page", "trang"))).unwrap_or_default();
    if !f.signed {
        return format!("  {}{page}: {}\n", f.field, w.t("empty", "trống"));
    }
    let mut s = format!(
        "  {}{page}: {} — {} {}, {}\n",
        f.field,
        f.verdict.map(|v| w.verdict(v)).unwrap_or("?"),
        w.t("signed by", "ký bởi"),
        f.signer.as_deref().unwrap_or("?"),
        f.validity_time.as_deref().or(f.signing_time.as_deref()).unwrap_or("?")
    );
    if f.found != "acroform" {
        s += &format!("    {}: {}\n", w.t("found as", "tìm thấy dưới dạng"), f.found);
    }
    if let Some(sub) = &f.subject {
        s += &format!("    {}: {sub}\n    {}: {}\n", w.t("subject", "chủ thể"), w.t("issuer", "cấp bởi"), f.issuer.as_deref().unwrap_or("?"));
    }
    if f.hash_algorithm.is_some() || f.sub_filter.is_some() {
        s += &format!(
            "    {} / {} / {}{}\n",
            f.hash_algorithm.as_deref().unwrap_or("?"),
            f.signature_algorithm.as_deref().unwrap_or("?"),
            f.sub_filter.as_deref().unwrap_or("?"),
            f.level.map(|l| format!(" / PAdES {l}")).unwrap_or_default()
        );
    }
    if let Some(c) = f.later_changes {
        s += &format!("    {}: {c}\n", w.t("later revisions", "các lần lưu sau"));
    }
    if !f.chain.is_empty() {
        s += &format!("    {}: {}\n", w.t("chain", "chuỗi chứng thư"), f.chain.join(" → "));
    }
    if let Some(t) = &f.timestamp {
        s += &format!("    {}: {} ({})\n", w.t("timestamp", "dấu thời gian"), t.time.as_deref().unwrap_or("?"), t.tsa.as_deref().unwrap_or("?"));
    }
    if let Some(rev) = f.revocation.as_ref() {
        if rev.source == "none" {
            s += &format!("    {}\n", w.t("revocation: the file carries no revocation data", "thu hồi: tệp không mang dữ liệu thu hồi"));
        }
        for c in rev.certificates.iter().filter(|_| rev.source != "none") {
            let status = match (c.status, w.vi) {
                ("good", true) => "chưa bị thu hồi",
                ("revoked", true) => "ĐÃ BỊ THU HỒI",
                ("unknown", true) => "không rõ",
                ("none", true) => "không có dữ liệu",
                ("good", false) => "not revoked",
                ("revoked", false) => "REVOKED",
                ("none", false) => "no data",
                (other, _) => other,
            };
            let by = c.by.map(|b| format!(" ({b}, {})", c.source.unwrap_or("?"))).unwrap_or_default();
            s += &format!("    {} {}: {status}{by}\n", w.t("revocation of", "thu hồi của"), c.subject);
        }
        for n in &rev.ignored {
            s += &format!("    {}: {}\n", w.t("not counted", "không tính"), n.message);
        }
    }
    for n in &f.reasons {
        s += &format!("    {}[{}]: {}\n", w.t("reason", "lý do"), n.code, n.message);
    }
    for n in &f.warnings {
        s += &format!("    {}[{}]: {}\n", w.t("warning", "cảnh báo"), n.code, n.message);
    }
    s
}
