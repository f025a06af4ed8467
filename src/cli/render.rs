//! `vanban render INPUT... [-o FILE]... [--to pdf,docx] [--out-dir DIR]`.

use super::args::{Format, RenderArgs};
use super::output::write_all;
use crate::formats::render_formats;
use super::diagnostics::{self, MessageFormat};
use super::{engine_from, report};
use crate::error::{Error, Result};
use crate::Engine;
use std::path::Path;

/// Run the command; the exit code.
pub fn render(args: RenderArgs) -> i32 {
    if args.inputs.len() > 1 && !args.outputs.is_empty() {
        return report(None, &Error::Usage("-o names the output of one INPUT; with several, use --out-dir".into()));
    }
    let engine = match engine_from(&args.engine) {
        Ok(e) => e,
        Err(e) => return report(None, &e),
    };
    let mut code = 0;
    let to_stdout = args.outputs.iter().any(|o| o == "-");
    for input in &args.inputs {
        let (result, warnings) = render_one(&engine, input, &args);
        let mut diags = warnings;
        if let Err(e) = &result {
            diags.extend(diagnostics::of(e));
            code = code.max(e.exit_code());
        }
        if !diags.is_empty() || args.report.message_format == MessageFormat::Json {
            diagnostics::print(input, &diags, args.report.message_format, args.report.lang, to_stdout);
        }
    }
    code
}

/// The (path, format) pairs to write for one input.
fn targets(input: &str, args: &RenderArgs) -> Result<Vec<(String, Format)>> {
    if !args.outputs.is_empty() {
        return args
            .outputs
            .iter()
            .map(|o| {
                if o == "-" {
                    match args.to.as_slice() {
                        [] => Ok((o.clone(), Format::Pdf)),
                        [f] => Ok((o.clone(), *f)),
                        _ => Err(Error::Usage("-o - writes one format: name it with --to".into())),
                    }
                } else {
                    Format::from_path(o)
                        .map(|f| (o.clone(), f))
                        .ok_or_else(|| Error::Usage(format!("-o {o}: the extension must name a format (.pdf, .docx)")))
                }
            })
            .collect();
    }
    let stem = if input == "-" {
        "stdin".to_string()
    } else {
        Path::new(input).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into())
    };
    let dir = args.out_dir.clone().unwrap_or_default();
    let formats = if args.to.is_empty() { Format::defaults() } else { args.to.clone() };
    Ok(formats.into_iter().map(|f| (dir.join(format!("{stem}.{}", f.ext())).to_string_lossy().into_owned(), f)).collect())
}

/// Render one input; the result and the warnings found.
fn render_one(engine: &Engine, input: &str, args: &RenderArgs) -> (Result<()>, Vec<crate::error::InputError>) {
    let mut warnings = Vec::new();
    let result = (|| {
        let targets = targets(input, args)?;
        let (bytes, imported, from_word) = super::read_document(input, args.engine.max_input_size)?;
        warnings = imported;
        let base = if from_word { None } else { super::base_of(input) };
        let (model, w) = engine.parse_with_warnings_in(&bytes, base.as_deref()).map_err(|e| if from_word { super::imported_hint(e, input) } else { e })?;
        warnings.extend(w);
        write_outputs(engine, &model, &bytes, targets)
    })();
    (result, warnings)
}

fn write_outputs(engine: &Engine, model: &crate::model::Document, bytes: &[u8], targets: Vec<(String, Format)>) -> Result<()> {
    let doc = engine.prepare(model, bytes);
    let formats: Vec<Format> = targets.iter().map(|t| t.1).collect();
    let made = render_formats(engine, &doc, &formats, true)?;
    let files: Vec<(String, Vec<u8>)> = targets
        .into_iter()
        .filter_map(|(path, format)| made.iter().find(|m| m.0 == format).map(|m| (path, m.1.clone())))
        .collect();
    write_all(&files)
}
