//! The place and date line (ô 4): "Hương Xuân, ngày 05 tháng 10 năm 2020".

use chrono::{Datelike, NaiveDate};

/// Blank space left for a hand-written day or month (no-break spaces: they never collapse).
pub const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// A document date: a full date, or a year alone for an undated draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocDate {
    /// A registered date.
    Full(NaiveDate),
    /// An undated draft: day and month left blank.
    Year(i32),
}

impl DocDate {
    /// Read "2020-10-05" or "2026".
    pub fn parse(s: &str) -> Option<DocDate> {
        let s = s.trim();
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = s.parse().ok()?;
            return (y >= 1).then_some(DocDate::Year(y));
        }
        if s.len() != 10 {
            return None;
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(DocDate::Full)
    }

    /// The date output timestamps use: the date, or 1 January of the year (deterministic).
    pub fn timestamp_date(&self) -> NaiveDate {
        match *self {
            DocDate::Full(d) => d,
            DocDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
        }
    }

    /// "ngày 05 tháng 10 năm 2020": day padded below 10, month padded only for 1 and 2.
    pub fn words(&self) -> String {
        match *self {
            DocDate::Full(d) => format!("ngày {:02} tháng {} năm {}", d.day(), month(d.month()), d.year()),
            DocDate::Year(y) => format!("ngày{BLANK}tháng{BLANK}năm {y}"),
        }
    }
}

/// Month as the decree writes it: "01", "02", then "3" … "12".
pub fn month(m: u32) -> String {
    if m < 3 { format!("{m:02}") } else { m.to_string() }
}

/// "Place, ngày DD tháng M năm YYYY".
pub fn date_line(place: &str, date: &DocDate) -> String {
    format!("{}, {}", place.trim(), date.words())
}

/// The date line of an undated draft cut at its two blanks: (before, day blank, middle, month
/// blank, after), whose concatenation is [`date_line`]; `None` for a full date. The blanks are
/// where the day and month go at issuance (form fields in the signable PDF).
pub fn date_line_parts(place: &str, date: &DocDate) -> Option<[String; 5]> {
    match *date {
        DocDate::Full(_) => None,
        DocDate::Year(y) => Some([format!("{}, ngày", place.trim()), BLANK.into(), "tháng".into(), BLANK.into(), format!("năm {y}")]),
    }
}

/// The day and month as printed once given: "09" and "3" for 9 March (Điều 9 of Phụ lục I:
/// days below 10 and months below 3 take a leading zero).
pub fn day_month(d: NaiveDate) -> (String, String) {
    (format!("{:02}", d.day()), month(d.month()))
}

/// A date line's words read back, the inverse of [`DocDate::words`]: "ngày 6 tháng 4 năm
/// 2011" (padded or not), an undated draft's "ngày … tháng … năm 2026" (a year alone), or
/// the blanks of a form ("ngày …… tháng …… năm ……"). `None` when `s` does not start with the
/// words; the rest after the year is ignored ("… năm 2026./." in a biên bản's body).
pub fn read_words(s: &str) -> Option<ReadDate> {
    let rest = s.trim_start().strip_prefix("ngày")?;
    let (day, rest) = rest.split_once("tháng")?;
    let (month, after) = rest.split_once("năm")?;
    let after = after.trim_start();
    let year: String = after.chars().take_while(char::is_ascii_digit).collect();
    let num = |s: &str| -> Option<u32> { s.trim().parse().ok().filter(|_| !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit())) };
    let blank = |s: &str| s.chars().all(|c| c == '.' || c == '…' || c == '_' || c.is_whitespace());
    if !blank(day) && num(day).is_none() || !blank(month) && num(month).is_none() {
        return None;
    }
    Some(match (num(day), num(month), year.parse::<i32>().ok()) {
        (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y, m, d).map(|x| ReadDate::Date(DocDate::Full(x))).unwrap_or(ReadDate::Blank),
        (None, None, Some(y)) if y >= 1 => ReadDate::Date(DocDate::Year(y)),
        // A draft dated to its month ("ngày … tháng 02 năm 2026"): the contract's undated
        // document is the year alone; the day and the month are the văn thư's to give.
        (None, Some(m), Some(y)) if y >= 1 && (1..=12).contains(&m) => ReadDate::Date(DocDate::Year(y)),
        _ => ReadDate::Blank,
    })
}

/// What [`read_words`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadDate {
    /// A date the contract takes (a day, or a year alone).
    Date(DocDate),
    /// Blanks or an impossible day: a placeholder.
    Blank,
}

impl DocDate {
    /// The contract's form: "2020-10-05" or "2026".
    pub fn contract(&self) -> String {
        match *self {
            DocDate::Full(d) => d.format("%Y-%m-%d").to_string(),
            DocDate::Year(y) => y.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DocDate {
        DocDate::parse(s).unwrap()
    }

    #[test]
    fn the_decree_examples() {
        assert_eq!(date_line("Hương Xuân", &d("2020-10-05")), "Hương Xuân, ngày 05 tháng 10 năm 2020");
        assert_eq!(d("2026-01-15").words(), "ngày 15 tháng 01 năm 2026");
        assert_eq!(d("2026-02-03").words(), "ngày 03 tháng 02 năm 2026");
        assert_eq!(d("2026-03-09").words(), "ngày 09 tháng 3 năm 2026");
        assert_eq!(d("2026-10-10").words(), "ngày 10 tháng 10 năm 2026");
        assert_eq!(d("2026-12-31").words(), "ngày 31 tháng 12 năm 2026");
    }

    #[test]
    fn undated_draft() {
        let w = d("2026").words();
        assert!(w.starts_with("ngày\u{a0}") && w.ends_with("năm 2026"), "{w}");
        assert_eq!(d("2026").timestamp_date(), NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(date_line_parts("Hương Xuân", &d("2026")).unwrap().concat(), date_line("Hương Xuân", &d("2026")));
        assert!(date_line_parts("Hương Xuân", &d("2026-03-09")).is_none());
        assert_eq!(day_month(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()), ("09".into(), "3".into()));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(DocDate::parse("2026-02-30"), None);
        assert_eq!(DocDate::parse("2026-13-01"), None);
        assert_eq!(DocDate::parse("05/10/2020"), None);
        assert_eq!(DocDate::parse("0000"), None);
    }

    #[test]
    fn date_words_read_back() {
        for s in ["2020-10-05", "2026-03-09", "2026"] {
            assert_eq!(read_words(&d(s).words()), Some(ReadDate::Date(d(s))), "{s}");
        }
        assert_eq!(read_words("ngày 6 tháng 4 năm 2011"), Some(ReadDate::Date(d("2011-04-06"))));
        assert_eq!(read_words("ngày …… tháng …… năm ……"), Some(ReadDate::Blank));
        assert_eq!(read_words("ngày 31 tháng 2 năm 2026"), Some(ReadDate::Blank));
        assert_eq!(read_words("ngày      tháng 02 năm 2026"), Some(ReadDate::Date(d("2026"))));
        assert_eq!(read_words("ngày 28 tháng 9 năm 2026./."), Some(ReadDate::Date(d("2026-09-28"))));
        assert_eq!(read_words("ngày làm việc tháng này năm nay"), None);
    }
}
