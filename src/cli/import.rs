//! `vanban import FILE.docx [-o OUT.json]`: a Word document in, a vanban document out, with a
//! warning for every piece of text left out and every placeholder.

use super::args::ImportArgs;
use super::diagnostics::{self, MessageFormat};
use super::output::write_all;
use super::{read_input, report, MAX_DOCX};

/// Run the command; the exit code.
pub fn import(args: ImportArgs) -> i32 {
    let to_stdout = args.output == "-";
    let result = read_input(&args.input, MAX_DOCX).and_then(crate::import::import);
    match result {
        Ok(imported) => {
            if let Err(e) = write_all(&[(args.output.clone(), imported.json())]) {
                return report(Some(&args.input), &e);
            }
            if !imported.warnings.is_empty() {
                diagnostics::print(&args.input, &imported.warnings, args.report.message_format, args.report.lang, to_stdout);
            }
            0
        }
        Err(e) if args.report.message_format == MessageFormat::Json => {
            diagnostics::print(&args.input, &diagnostics::of(&e), MessageFormat::Json, args.report.lang, to_stdout);
            e.exit_code()
        }
        Err(e) => report(Some(&args.input), &e),
    }
}
