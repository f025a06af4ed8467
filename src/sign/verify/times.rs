//! A signature's times: the claimed `/M`, the CMS signing-time, the timestamp's; which one the
//! signature is judged at; and a warning when they disagree (many Vietnamese signing tools
//! write local time labelled UTC, seven hours off).

use super::report::{FieldReport, Note};
use chrono::{DateTime, FixedOffset};

/// Two minutes: clocks and tools that round.
const TOLERANCE: i64 = 120;

/// A PDF date (`D:20260309100000+07'00'`) as a time; `None` when it cannot be read.
pub fn pdf_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let iso = crate::sign::pdf::iso_date(s)?;
    DateTime::parse_from_rfc3339(&iso).ok()
}

/// Fill the times of `r` and choose the validity time: a verified timestamp, else the CMS
/// signing-time, else `/M`.
pub fn judge(r: &mut FieldReport, claimed: Option<DateTime<FixedOffset>>, cms: Option<DateTime<FixedOffset>>, stamp: Option<DateTime<FixedOffset>>) -> Option<DateTime<FixedOffset>> {
    let vn = crate::sign::vietnam();
    let show = |t: DateTime<FixedOffset>| t.with_timezone(&vn).to_rfc3339();
    r.claimed_time = claimed.map(show);
    r.cms_signing_time = cms.map(show);
    r.signing_time = cms.or(claimed).map(show);
    let (time, source) = match (stamp, cms, claimed) {
        (Some(t), _, _) => (Some(t), "timestamp"),
        (None, Some(t), _) => (Some(t), "signing-time"),
        (None, None, Some(t)) => (Some(t), "claimed"),
        _ => (None, "claimed"),
    };
    r.validity_time = time.map(show);
    r.validity_time_source = time.map(|_| source);
    let named = [("/M", "thời điểm ký khai trong /M", claimed), ("the CMS signing-time", "thời điểm ký trong CMS", cms), ("the timestamp", "dấu thời gian", stamp)];
    for i in 0..named.len() {
        for j in i + 1..named.len() {
            let ((an, avi, Some(a)), (bn, bvi, Some(b))) = (named[i], named[j]) else {
                continue;
            };
            let d = (b - a).num_seconds();
            if d.abs() <= TOLERANCE {
                continue;
            }
            let seven = (d.abs() - 7 * 3600).abs() <= TOLERANCE;
            let (en_hint, vi_hint) = if seven {
                ("; the difference is seven hours: the signing tool probably wrote local time (+07:00) as UTC", "; lệch đúng bảy giờ: phần mềm ký có lẽ đã ghi giờ Việt Nam (+07:00) như giờ UTC")
            } else {
                ("", "")
            };
            r.warnings.push(Note::new(
                "time-mismatch",
                format!("{an} ({}) and {bn} ({}) differ by {}{en_hint}", show(a), show(b), span(d, false)),
                format!("{avi} ({}) và {bvi} ({}) lệch nhau {}{vi_hint}", show(a), show(b), span(d, true)),
            ));
        }
    }
    time
}

fn span(seconds: i64, vi: bool) -> String {
    let s = seconds.abs();
    let (h, m) = (s / 3600, (s % 3600) / 60);
    match (vi, h) {
        (false, 0) => format!("{m} min"),
        (false, _) => format!("{h} h {m} min"),
        (true, 0) => format!("{m} phút"),
        (true, _) => format!("{h} giờ {m} phút"),
    }
}

/// Seconds since the epoch of a certificate or CRL time.
pub fn unix(t: &x509_cert::time::Time) -> i64 {
    t.to_unix_duration().as_secs() as i64
}

/// A unix time in +07:00.
pub fn show_unix(secs: i64) -> Option<String> {
    DateTime::from_timestamp(secs, 0).map(|d| d.with_timezone(&crate::sign::vietnam()).to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_as_utc_is_named() {
        let mut r = FieldReport::default();
        let claimed = pdf_date("D:20260309100000+07'00'");
        let cms = DateTime::parse_from_rfc3339("2026-03-09T17:00:30+07:00").ok();
        let t = judge(&mut r, claimed, cms, None);
        assert_eq!(r.validity_time_source, Some("signing-time"));
        assert_eq!(t, cms);
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].message.contains("local time"), "{}", r.warnings[0].message);
        let mut r = FieldReport::default();
        judge(&mut r, claimed, DateTime::parse_from_rfc3339("2026-03-09T10:01:00+07:00").ok(), None);
        assert!(r.warnings.is_empty());
    }
}
