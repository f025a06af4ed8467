//! `vanban register list|book --register URL --issuer CODE --year Y [--format csv] [-o FILE]`
//! and `vanban register void ID --reason TEXT --register URL`.

use super::args::{RegisterAction, RegisterArgs};
use super::output::write_all;
use super::report;
use crate::error::Result;

/// Run the command; the exit code.
pub fn register(args: RegisterArgs) -> i32 {
    match run(&args) {
        Ok(()) => 0,
        Err(e) => report(Some("register"), &e),
    }
}

fn run(args: &RegisterArgs) -> Result<()> {
    match &args.action {
        RegisterAction::List(q) => {
            let entries = crate::register::open(&q.register)?.list(&q.issuer, q.year)?;
            let mut json = serde_json::to_vec_pretty(&entries).unwrap_or_default();
            json.push(b'\n');
            write_all(&[(q.output.clone(), json)])
        }
        RegisterAction::Book(q) => {
            let entries = crate::register::open(&q.register)?.list(&q.issuer, q.year)?;
            let style = crate::pdf::layout::Layout::embedded_style();
            let fonts = crate::fonts::FontSet::load(&[] as &[std::path::PathBuf], &style.font.family, &style.font.preferred)?;
            write_all(&[(q.output.clone(), crate::register::book::make(&entries, &q.format, &q.issuer, q.year, &fonts)?)])
        }
        RegisterAction::Void { id, reason, register } => {
            if reason.trim().is_empty() {
                return Err(crate::sign::refuse("--reason", "reason-required", "give the reason", "--reason \"Sai trích yếu, đã ban hành văn bản thay thế\""));
            }
            let e = crate::register::open(register)?.void(*id, reason.trim())?;
            println!("{}", serde_json::to_string_pretty(&e).unwrap_or_default());
            Ok(())
        }
    }
}
