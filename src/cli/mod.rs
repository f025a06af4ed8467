//! The command line: one file per command, definitions in `args.rs`.

pub mod args;
pub mod batch;
pub mod check;
pub mod diagnostics;
pub mod edit;
pub mod envelope;
pub mod import;
pub mod issue;
pub mod new;
pub mod output;
pub mod preview;
pub mod register;
pub mod render;
pub mod serve;
pub mod sign;
pub mod verify;

use crate::error::{Error, Result};
use crate::{Engine, Options};
use std::io::Read;
use std::path::Path;

/// Build the engine from the shared options.
pub fn engine_from(a: &args::EngineArgs) -> Result<Engine> {
    Engine::new(Options {
        font_dirs: a.font_dirs.clone(),
        layout_dir: a.layout.clone(),
        standard: a.pdf_standard,
        no_signature_fields: a.no_signature_fields,
        max_input_size: a.max_input_size,
    })
}

fn too_large(n: usize, limit: usize) -> Error {
    Error::Input(vec![crate::error::InputError::at("$", format!("the input is {n} bytes or more; at most {limit} are read"))
        .code("too-large")
        .hint("raise the limit with --max-input-size")])
}

/// Read an input file, or standard input for "-", refusing more than `limit` bytes.
pub fn read_input(input: &str, limit: usize) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let reader: Box<dyn Read> = if input == "-" {
        Box::new(std::io::stdin())
    } else {
        let f = std::fs::File::open(input).map_err(|e| Error::Io(format!("{input}: {e}")))?;
        Box::new(f)
    };
    // Read one byte past the limit: enough to know, never the whole of a huge file.
    reader.take(limit as u64 + 1).read_to_end(&mut buf).map_err(|e| Error::Io(format!("{input}: {e}")))?;
    if buf.len() > limit {
        return Err(too_large(buf.len(), limit));
    }
    Ok(buf)
}

/// Largest Word file read, 64 MiB (pictures make them large; the text is small).
pub const MAX_DOCX: usize = 64 << 20;

/// The input's JSON: the bytes as given, or a Word document imported first (its warnings
/// returned, and whether it was Word). A .docx name, or ZIP / OLE bytes, mean Word.
pub fn read_document(input: &str, limit: usize) -> Result<(Vec<u8>, Vec<crate::error::InputError>, bool)> {
    let lower = input.to_ascii_lowercase();
    let word_name = lower.ends_with(".docx") || lower.ends_with(".doc");
    let bytes = read_input(input, limit.max(MAX_DOCX))?;
    if word_name || crate::import::looks_like_word(&bytes) {
        let imported = crate::import::import(bytes)?;
        return Ok((imported.json(), imported.warnings, true));
    }
    if bytes.len() > limit {
        return Err(too_large(bytes.len(), limit));
    }
    Ok((bytes, Vec::new(), false))
}

/// The folder of an input file, where its pictures' `src` are read; none for standard input.
pub fn base_of(input: &str) -> Option<std::path::PathBuf> {
    if input == "-" {
        return None;
    }
    let parent = Path::new(input).parent().map(Path::to_path_buf).unwrap_or_default();
    Some(if parent.as_os_str().is_empty() { ".".into() } else { parent })
}

/// Errors in a document imported from Word: where to see and complete it.
pub fn imported_hint(e: Error, input: &str) -> Error {
    match e {
        Error::Input(errs) => Error::Input(
            errs.into_iter()
                .map(|x| if x.hint.is_some() { x } else { x.hint(format!("the document was imported from Word: `vanban import {input} -o document.json` writes it, to complete and render")) })
                .collect(),
        ),
        other => other,
    }
}

/// Print an error once, in one style (human, English); its exit code.
pub fn report(input: Option<&str>, e: &Error) -> i32 {
    diagnostics::print(input.unwrap_or("vanban"), &diagnostics::of(e), diagnostics::MessageFormat::Human, diagnostics::Lang::En, true);
    e.exit_code()
}
