//! `vanban envelope DOC.json [-o OUT.pdf]`: the document's envelopes, a page an addressee.

use super::args::EnvelopeArgs;
use super::output::write_all;
use super::{engine_from, read_document, report};
use crate::error::Result;

/// Run the command; the exit code.
pub fn envelope(args: EnvelopeArgs) -> i32 {
    match run(&args) {
        Ok(()) => 0,
        Err(e) => report(Some(&args.input), &e),
    }
}

fn run(args: &EnvelopeArgs) -> Result<()> {
    let engine = engine_from(&args.engine)?;
    let (bytes, _, _) = read_document(&args.input, engine.max_input_size())?;
    let doc = engine.parse(&bytes)?;
    write_all(&[(args.output.clone(), crate::envelope::pdf(&doc, engine.fonts())?)])
}
