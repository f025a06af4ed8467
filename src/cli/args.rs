//! Every command-line definition (clap), in one place.

use crate::pdf::Standard;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// vanban: Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) from JSON.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render documents to PDF (and DOCX).
    Render(RenderArgs),
    /// Print a starter JSON for a type (bao-cao, cong-van, quyet-dinh, …).
    New {
        /// The type's slug.
        #[arg(value_name = "TYPE")]
        doc_type: String,
    },
}

/// Options every command that lays out documents shares.
#[derive(Debug, Clone, Args)]
pub struct EngineArgs {
    /// Add fonts from this folder (a licensed Times New Roman is preferred when present).
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
    /// Use this layout folder instead of the embedded one (needs main.typ).
    #[arg(long, value_name = "DIR")]
    pub layout: Option<PathBuf>,
    /// PDF standard of the output.
    #[arg(long = "pdf-standard", value_enum, default_value_t = Standard::A2b)]
    pub pdf_standard: Standard,
    /// A plain PDF, without the empty signature fields.
    #[arg(long = "no-signature-fields")]
    pub no_signature_fields: bool,
}

/// `vanban render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Input JSON files ("-" reads standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Output file (repeatable with one INPUT; the extension gives the format; "-" is standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<String>,
    /// Formats to write, comma-separated.
    #[arg(long = "to", value_delimiter = ',', value_name = "FORMATS")]
    pub to: Vec<Format>,
    /// Folder for outputs named after the inputs.
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Signable PDF/A.
    Pdf,
    /// Editable Word document.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// The format a file name's extension names.
    pub fn from_path(p: &str) -> Option<Format> {
        let ext = std::path::Path::new(p).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The default formats of `--to`.
    pub fn defaults() -> Vec<Format> {
        vec![Format::Pdf, Format::Docx]
    }
}
