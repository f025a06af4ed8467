//! The command line: one file per command, definitions in `args.rs`.

pub mod args;
pub mod new;
pub mod output;
pub mod render;

use crate::error::{Error, Result};
use crate::{Engine, Options};
use std::io::Read;

/// Build the engine from the shared options.
pub fn engine_from(a: &args::EngineArgs) -> Result<Engine> {
    Engine::new(Options {
        font_dirs: a.font_dirs.clone(),
        layout_dir: a.layout.clone(),
        standard: a.pdf_standard,
        no_signature_fields: a.no_signature_fields,
    })
}

/// Read an input file, or standard input for "-".
pub fn read_input(input: &str) -> Result<Vec<u8>> {
    if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::Io(format!("standard input: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(input).map_err(|e| Error::Io(format!("{input}: {e}")))
}

/// Print an error once, in one style; its exit code.
pub fn report(input: Option<&str>, e: &Error) -> i32 {
    let prefix = input.map(|i| format!("{i}: ")).unwrap_or_default();
    match e {
        Error::Input(errs) => {
            for err in errs {
                eprintln!("error: {prefix}{err}");
            }
        }
        other => eprintln!("error: {prefix}{other}"),
    }
    e.exit_code()
}
