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

pub use crate::messages::vietnamese;

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
        _ if d.source.is_some() => {
            let s = crate::error::source_text(d.source.as_ref().expect("checked"));
            match &d.path {
                Some(p) => place.push_str(&format!("{s} → {p}: ")),
                None => place.push_str(&format!("{s}: ")),
            }
        }
        (Some(p), Some(l), Some(c)) if !p.is_empty() => place.push_str(&format!("{p} (line {l}, column {c}): ")),
        (Some(p), _, _) if !p.is_empty() => place.push_str(&format!("{p}: ")),
        (_, Some(l), Some(c)) => place.push_str(&format!("line {l}, column {c}: ")),
        _ => {}
    }
    let message = match lang {
        Lang::En => d.message.clone(),
        Lang::Vi => crate::messages::message_vi(d),
    };
    let _ = writeln!(out, "{head}{label}[{}]{head:#}: {bold}{place}{bold:#}{message}", d.code);
    if let Some(h) = &d.hint {
        let h = match lang {
            Lang::En => h.clone(),
            Lang::Vi => crate::messages::hint_vi(h),
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
