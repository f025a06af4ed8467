//! `vanban check INPUT... [--strict]`: validate and lint without rendering. Errors exit 2;
//! warnings exit 0, or 2 with --strict; I/O failures exit 1.

use super::args::CheckArgs;
use super::diagnostics;
use super::{engine_from, report};
use crate::error::Severity;

/// Run the command; the exit code.
pub fn check(args: CheckArgs) -> i32 {
    let engine = match engine_from(&args.engine) {
        Ok(e) => e,
        Err(e) => return report(None, &e),
    };
    let mut code = 0;
    for input in &args.inputs {
        let diags = match super::read_document(input, args.engine.max_input_size) {
            Ok((bytes, mut imported, from_word)) => {
                let base = if from_word { None } else { super::base_of(input) };
                imported.extend(engine.check_in(&bytes, base.as_deref()).diagnostics);
                imported
            }
            Err(e) => {
                code = code.max(e.exit_code());
                diagnostics::print(input, &diagnostics::of(&e), args.report.message_format, args.report.lang, false);
                continue;
            }
        };
        if diags.iter().any(|d| d.severity == Severity::Error) {
            code = code.max(2);
        } else if args.strict && !diags.is_empty() {
            code = code.max(2);
        }
        diagnostics::print(input, &diags, args.report.message_format, args.report.lang, false);
    }
    code
}
