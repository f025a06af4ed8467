//! `vanban issue DRAFT.pdf --document DOC.json --register URL (--p12 … | --pkcs11 …) [--date D]
//! -o OUT.pdf`: the văn thư's step on one machine; prints the number and symbol given.

use super::args::IssueArgs;
use super::output::write_all;
use super::{engine_from, read_input, report};
use crate::error::{Error, Result};
use crate::register::Series;

/// Run the command; the exit code.
pub fn issue(args: IssueArgs) -> i32 {
    match run(&args) {
        Ok(line) => {
            eprintln!("{line}");
            0
        }
        Err(e) => report(Some(&args.input), &e),
    }
}

fn run(args: &IssueArgs) -> Result<String> {
    let date = args
        .date
        .as_ref()
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| crate::sign::refuse("--date", "bad-date", format!("\"{d}\" is not a date"), "write it as 2026-03-09")))
        .transpose()?;
    let series: Vec<Series> = args.series.as_deref().map(crate::register::series::load).transpose()?.unwrap_or_default();
    if let Some(url) = &args.tsa {
        crate::sign::tsa::check_url(url)?;
    }
    let document = std::fs::read(&args.document).map_err(|e| Error::Io(format!("--document {}: {e}", args.document.display())))?;
    let draft = read_input(&args.input, 512 << 20)?;
    let image = args.image.as_ref().map(|p| std::fs::read(p).map_err(|e| Error::Io(format!("--image {}: {e}", p.display())))).transpose()?;
    let signer = super::sign::signer(&args.key)?;
    let store = crate::register::open(&args.register)?;
    let engine = engine_from(&args.engine)?;
    let key = crate::issue::AgencyKey { name: "cli", signer: &signer, image, tsa: args.tsa.clone() };
    let issued = crate::issue::issue(&engine, store.as_ref(), &series, &key, &document, super::base_of(&args.document.to_string_lossy()).as_deref(), &draft, date)?;
    write_all(&[(args.output.clone(), issued.pdf)])?;
    let again = if issued.fresh { "" } else { " (issued before: the same entry)" };
    Ok(format!("{} {} (register entry {}){again}", issued.entry.symbol, issued.entry.date, issued.entry.id))
}
