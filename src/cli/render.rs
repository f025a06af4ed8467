//! `vanban render INPUT... [-o FILE]... [--to pdf,docx] [--out-dir DIR]`.

use super::args::{Format, RenderArgs};
use super::output::write_all;
use super::{engine_from, read_input, report};
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
    for input in &args.inputs {
        if let Err(e) = render_one(&engine, input, &args) {
            code = code.max(report(Some(input), &e));
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

fn render_one(engine: &Engine, input: &str, args: &RenderArgs) -> Result<()> {
    let targets = targets(input, args)?;
    let bytes = read_input(input)?;
    let model = engine.parse(&bytes)?;
    let doc = engine.prepare(&model, &bytes);
    let mut files = Vec::new();
    for (path, format) in targets {
        let out = match format {
            Format::Pdf => engine.pdf(&doc)?,
            Format::Docx => engine.docx(&doc)?,
        };
        files.push((path, out));
    }
    write_all(&files)
}
