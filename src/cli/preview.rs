//! `vanban preview INPUT [--out-dir DIR] [--image png|svg] [--ppi N] [--serve [--port N]]`
//! and `vanban layout INPUT`.

use super::args::{LayoutArgs, PreviewArgs};
use super::diagnostics;
use super::output::write_all;
use super::{engine_from, read_input, report};
use crate::error::Result;
use std::path::Path;

/// Run `preview`; the exit code.
pub fn preview(args: PreviewArgs) -> i32 {
    if args.serve {
        let options = crate::Options {
            font_dirs: args.engine.font_dirs.clone(),
            layout_dir: args.engine.layout.clone(),
            standard: args.engine.pdf_standard,
            no_signature_fields: args.engine.no_signature_fields,
            max_input_size: args.engine.max_input_size,
        };
        return match crate::preview::serve::serve(args.input.clone().into(), options, args.port) {
            Ok(()) => 0,
            Err(e) => report(None, &e),
        };
    }
    let run = || -> Result<()> {
        let engine = engine_from(&args.engine)?;
        let bytes = read_input(&args.input, args.engine.max_input_size)?;
        let model = engine.parse_with_warnings_in(&bytes, super::base_of(&args.input).as_deref())?.0;
        let doc = engine.prepare(&model, &bytes);
        let pages = engine.images(&doc, args.image, args.ppi)?;
        let stem = if args.input == "-" { "stdin".into() } else { Path::new(&args.input).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default() };
        let dir = args.out_dir.clone().unwrap_or_default();
        let files: Vec<(String, Vec<u8>)> = pages
            .into_iter()
            .enumerate()
            .map(|(k, b)| (dir.join(format!("{stem}-{}.{}", k + 1, args.image.ext())).to_string_lossy().into_owned(), b))
            .collect();
        write_all(&files)
    };
    match run() {
        Ok(()) => 0,
        Err(e) => {
            diagnostics::print(&args.input, &diagnostics::of(&e), args.report.message_format, args.report.lang, false);
            e.exit_code()
        }
    }
}

/// Run `layout`; the exit code.
pub fn layout(args: LayoutArgs) -> i32 {
    let run = || -> Result<String> {
        let engine = engine_from(&args.engine)?;
        let bytes = read_input(&args.input, args.engine.max_input_size)?;
        let model = engine.parse_with_warnings_in(&bytes, super::base_of(&args.input).as_deref())?.0;
        let doc = engine.prepare(&model, &bytes);
        let report = engine.layout(&doc)?;
        Ok(serde_json::to_string_pretty(&report).expect("JSON"))
    };
    match run() {
        Ok(s) => {
            println!("{s}");
            0
        }
        Err(e) => {
            diagnostics::print(&args.input, &diagnostics::of(&e), args.report.message_format, args.report.lang, true);
            e.exit_code()
        }
    }
}
