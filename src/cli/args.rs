//! Every command-line definition (clap), in one place.

use super::diagnostics::{Lang, MessageFormat};
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
    /// Render many documents in parallel (files or NDJSON).
    Batch(BatchArgs),
    /// Page images of a document, or a live preview in the browser (--serve).
    Preview(PreviewArgs),
    /// Print where every ND30 element landed, as JSON (mm from each page's top-left).
    Layout(LayoutArgs),
    /// Validate and lint documents without rendering them.
    Check(CheckArgs),
    /// Print the input's JSON Schema (2020-12).
    Schema,
    /// Serve documents over HTTP (render, check, layout, batch) for e-office systems, and the
    /// editor at / for people.
    Serve(ServeArgs),
    /// Write, check, preview, sign and issue documents of a folder in the browser (127.0.0.1).
    Edit(EditArgs),
    /// Sign a field of a PDF (PAdES): the leader's signature, then the agency's.
    Sign(SignArgs),
    /// List a PDF's signature fields and check every signature.
    Verify(VerifyArgs),
    /// Issue a draft the leader signed: the next number, the date, the agency's signature, the
    /// register entry.
    Issue(IssueArgs),
    /// The register of outgoing documents: list, print the book, void an entry.
    Register(RegisterArgs),
    /// Envelopes for a document (Phụ lục IV.II): one page an addressee.
    Envelope(EnvelopeArgs),
    /// Read a Word document (.docx) into a vanban document (JSON), in the decree's parts.
    Import(ImportArgs),
    /// Print a starter JSON for a type (bao-cao, cong-van, quyet-dinh, …).
    New {
        /// The type's slug.
        #[arg(value_name = "TYPE")]
        doc_type: String,
        /// The rules: nd30 (Nghị định 30/2020/NĐ-CP) or dang (a Party document, Hướng dẫn
        /// 05-HD/VPTW).
        #[arg(long, value_name = "PROFILE", default_value = "nd30", value_parser = ["nd30", "dang"])]
        profile: String,
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
    /// Largest input read, in bytes.
    #[arg(long = "max-input-size", value_name = "BYTES", default_value_t = crate::engine::DEFAULT_MAX_INPUT)]
    pub max_input_size: usize,
}

/// How diagnostics are reported.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// human (coloured on a terminal) or json (one object per input).
    #[arg(long = "message-format", value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Language of the messages for people: en or vi (tiếng Việt, for the văn thư).
    #[arg(long = "lang", value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

/// `vanban batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Input JSON files.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// One document per line ("-" reads standard input).
    #[arg(long, value_name = "FILE")]
    pub ndjson: Option<String>,
    /// Folder for the outputs.
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// Formats to write, comma-separated.
    #[arg(long = "to", value_delimiter = ',', value_name = "FORMATS")]
    pub to: Vec<Format>,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `vanban preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Input JSON file ("-" reads standard input).
    #[arg(value_name = "INPUT")]
    pub input: String,
    /// Folder for the images.
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// png or svg.
    #[arg(long, value_enum, default_value_t = crate::preview::ImageFormat::Png)]
    pub image: crate::preview::ImageFormat,
    /// Resolution of PNG images.
    #[arg(long, default_value_t = 144.0)]
    pub ppi: f64,
    /// Serve a live preview on 127.0.0.1 instead of writing images.
    #[arg(long)]
    pub serve: bool,
    /// Port of the live preview (0: any free port).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `vanban layout`.
#[derive(Debug, Args)]
pub struct LayoutArgs {
    /// Input JSON file ("-" reads standard input).
    #[arg(value_name = "INPUT")]
    pub input: String,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `vanban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Input JSON files ("-" reads standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Warnings fail too (exit 2).
    #[arg(long)]
    pub strict: bool,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `vanban serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback unless told otherwise; put the organisation's gateway in front).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Renders at once (default: one per core).
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Requests that may wait for a worker; beyond, 503 at once (default: 8 per worker).
    #[arg(long, value_name = "N")]
    pub queue: Option<usize>,
    /// Largest request body, in bytes (a /v1/batch body included).
    #[arg(long = "max-body", value_name = "BYTES", default_value_t = 32 << 20)]
    pub max_body: usize,
    /// Seconds allowed to receive a request's body.
    #[arg(long = "read-timeout", value_name = "S", default_value_t = 10.0)]
    pub read_timeout: f64,
    /// Seconds a render may take before the answer is 504.
    #[arg(long = "render-timeout", value_name = "S", default_value_t = 30.0)]
    pub render_timeout: f64,
    /// Seconds allowed, after SIGTERM or SIGINT, to finish what is in flight.
    #[arg(long = "shutdown-timeout", value_name = "S", default_value_t = 30.0)]
    pub shutdown_timeout: f64,
    /// Allow this origin to call from a browser (CORS); none by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// A trusted CA certificate for /v1/verify (PEM or DER; repeatable), read at start.
    #[arg(long, value_name = "CA.pem")]
    pub trust: Vec<PathBuf>,
    /// A folder of trusted CA certificates for /v1/verify (repeatable), read at start.
    #[arg(long = "trust-dir", value_name = "DIR")]
    pub trust_dir: Vec<PathBuf>,
    /// Who may call which route with which key: one `NAME SHA256 KEYS ROUTES` a line.
    #[arg(long, value_name = "FILE")]
    pub tokens: Option<PathBuf>,
    /// The keys the service signs with and the numbering series (JSON; needs --tokens).
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
    /// The register of outgoing documents: sqlite:PATH or postgres://USER@HOST/DB.
    #[arg(long, value_name = "URL")]
    pub register: Option<String>,
    /// Do not serve the editor at / (404).
    #[arg(long = "no-editor")]
    pub no_editor: bool,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `vanban edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The folder of documents (<stem>.json, with <stem>.pdf and <stem>.docx beside).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, value_name = "N", default_value_t = 7879)]
    pub port: u16,
    /// Do not open the browser (the link is printed on standard error).
    #[arg(long = "no-open")]
    pub no_open: bool,
    /// The register the văn thư numbers from: sqlite:PATH or postgres://USER@HOST/DB.
    #[arg(long, value_name = "URL")]
    pub register: Option<String>,
    /// The numbering series of the register (JSON, as `vanban issue --series`).
    #[arg(long, value_name = "SERIES.json")]
    pub series: Option<PathBuf>,
    /// A PKCS#11 module whose tokens may sign (the page never names a module).
    #[arg(long, value_name = "MODULE.so")]
    pub pkcs11: Option<PathBuf>,
    /// An organisation's agency profiles (JSON, read only), offered beside the folder's own.
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
    /// A trusted CA certificate for checking signatures (repeatable).
    #[arg(long, value_name = "CA.pem")]
    pub trust: Vec<PathBuf>,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
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
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

pub use crate::formats::Format;

/// `vanban sign`: one step with a key file or a token, or two phases (`prepare`, `finish`)
/// for a remote signing service.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SignArgs {
    /// Two phases, for a key vanban does not hold.
    #[command(subcommand)]
    pub phase: Option<SignPhase>,
    /// The PDF to sign ("-" reads standard input).
    #[arg(value_name = "IN.pdf", required = true)]
    pub input: Option<String>,
    /// The signed PDF ("-" is standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT.pdf", required = true)]
    pub output: Option<String>,
    /// What is signed and how it looks.
    #[command(flatten)]
    pub look: LookArgs,
    /// The key.
    #[command(flatten)]
    pub key: KeyArgs,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// The two phases of a signature made elsewhere.
#[derive(Debug, Subcommand)]
pub enum SignPhase {
    /// Write the PDF with the appearance and a reserved signature, and print the base64
    /// SHA-256 digest of the signed attributes: the value a remote service signs.
    Prepare(PrepareArgs),
    /// Check the signature a remote service returned and write it into the prepared PDF.
    Finish(FinishArgs),
}

/// What is signed and how it looks: the same for one step and for prepare.
#[derive(Debug, Args)]
pub struct LookArgs {
    /// The signature field to fill: signer, agency, signer_2, agency_2, ….
    #[arg(long, value_name = "NAME", required_unless_present = "corner")]
    pub field: Option<String>,
    /// Sign any PDF (an attachment, a scan, a copy) in a new field at the top right of page 1,
    /// with the decree's 10 pt text and no image; needs --of, or --copy and --copier.
    #[arg(long, conflicts_with = "field")]
    pub corner: bool,
    /// With --corner: the number and symbol of the document the file belongs to.
    #[arg(long, value_name = "NUMBER/SYMBOL", requires = "corner")]
    pub of: Option<String>,
    /// With --corner: the copy's form (sao-y, sao-luc, trich-sao).
    #[arg(long, value_name = "FORM", requires = "corner")]
    pub copy: Option<String>,
    /// With --copy: the copying agency.
    #[arg(long, value_name = "AGENCY", requires = "corner")]
    pub copier: Option<String>,
    /// The signature image (signer) or seal image (agency): PNG with transparency.
    #[arg(long, value_name = "PNG")]
    pub image: Option<PathBuf>,
    /// The signing time, RFC 3339 (e.g. 2026-03-09T10:00:00+07:00); default: now.
    #[arg(long, value_name = "TIME")]
    pub time: Option<String>,
    /// With --field agency on an unregistered draft: the number given at issuance.
    #[arg(long, value_name = "N")]
    pub number: Option<u32>,
    /// With --number on an undated draft: the issue date (YYYY-MM-DD); default: the signing day.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// With --field agency: also fill the signing information at the top right of page 1
    /// (who signed, the agency, the time), as CA tools do. Off by default.
    #[arg(long)]
    pub info: bool,
    /// An RFC 3161 timestamp authority (PAdES B-T): the signature's timestamp is asked there.
    /// vanban's only network use, and only with this option.
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// Extra font folders (as for render).
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
}

/// Where the key is: a PKCS#12 file, or a PKCS#11 token.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// The signer's key and certificate chain (PKCS#12: .p12, .pfx).
    #[arg(long, value_name = "FILE", required_unless_present = "pkcs11", conflicts_with = "pkcs11")]
    pub p12: Option<PathBuf>,
    /// A file holding the PKCS#12 password (its first line); none: an empty password.
    #[arg(long = "pass-file", value_name = "FILE", requires = "p12")]
    pub pass_file: Option<PathBuf>,
    /// A token's PKCS#11 module (the vendor's .so); the key never leaves the token.
    #[arg(long, value_name = "MODULE.so", requires_all = ["token", "pin_file"])]
    pub pkcs11: Option<PathBuf>,
    /// With --pkcs11: the token's label.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub token: Option<String>,
    /// With --pkcs11: the key's label.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub key: Option<String>,
    /// With --pkcs11: the key's id (CKA_ID), hex.
    #[arg(long = "key-id", value_name = "HEX", requires = "pkcs11")]
    pub key_id: Option<String>,
    /// With --pkcs11: a file holding the user PIN (its first line).
    #[arg(long = "pin-file", value_name = "FILE", requires = "pkcs11")]
    pub pin_file: Option<PathBuf>,
    /// With --pkcs11: the certificate chain (PEM, the signer's first); default: read from the
    /// token.
    #[arg(long, value_name = "CHAIN.pem", requires = "pkcs11")]
    pub cert: Option<PathBuf>,
}

/// `vanban sign prepare`.
#[derive(Debug, Args)]
pub struct PrepareArgs {
    /// The PDF to sign ("-" reads standard input).
    #[arg(value_name = "IN.pdf")]
    pub input: String,
    /// The prepared PDF (a file: the digest goes to standard output).
    #[arg(short = 'o', long = "output", value_name = "PREPARED.pdf")]
    pub output: String,
    /// Where to write the state finish needs (JSON).
    #[arg(long, value_name = "STATE.json")]
    pub state: PathBuf,
    /// The signer's certificate, then its issuers (PEM, or one DER certificate).
    #[arg(long, value_name = "CHAIN.pem")]
    pub cert: PathBuf,
    /// What is signed and how it looks.
    #[command(flatten)]
    pub look: LookArgs,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `vanban sign finish`.
#[derive(Debug, Args)]
pub struct FinishArgs {
    /// The PDF prepare wrote.
    #[arg(value_name = "PREPARED.pdf")]
    pub input: String,
    /// The state prepare wrote.
    #[arg(long, value_name = "STATE.json")]
    pub state: PathBuf,
    /// The raw signature of the printed digest, base64 (RSA PKCS#1 v1.5; ECDSA as DER or r‖s).
    #[arg(long, value_name = "SIG.b64", required_unless_present = "cms", conflicts_with = "cms")]
    pub signature: Option<PathBuf>,
    /// Instead: a whole CMS SignedData made elsewhere over the document's digest (DER or base64).
    #[arg(long, value_name = "FILE.der")]
    pub cms: Option<PathBuf>,
    /// The signed PDF ("-" is standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
    pub output: String,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `vanban import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Word document (.docx; "-" reads standard input).
    #[arg(value_name = "FILE.docx")]
    pub input: String,
    /// The vanban document (JSON); default: standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT.json", default_value = "-")]
    pub output: String,
    /// Reporting.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `vanban verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The PDF to check ("-" reads standard input).
    #[arg(value_name = "FILE.pdf")]
    pub input: String,
    /// A trusted CA certificate (PEM or DER; repeatable): also judge each chain.
    #[arg(long, value_name = "CA.pem")]
    pub trust: Vec<PathBuf>,
    /// A folder of trusted CA certificates (every .pem, .crt, .cer, .der file in it; repeatable).
    #[arg(long = "trust-dir", value_name = "DIR")]
    pub trust_dir: Vec<PathBuf>,
    /// human or json.
    #[arg(long = "message-format", value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Language of the messages: en or vi.
    #[arg(long = "lang", value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
}

/// `vanban issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The draft, rendered by vanban and signed by the leader.
    #[arg(value_name = "DRAFT.pdf")]
    pub input: String,
    /// The JSON the draft was rendered from.
    #[arg(long, value_name = "DOC.json")]
    pub document: PathBuf,
    /// The register: sqlite:PATH or postgres://USER@HOST/DB.
    #[arg(long, value_name = "URL")]
    pub register: String,
    /// The numbering series (JSON: `[{"issuer": "UBND", "types": null, "secret": false}]`);
    /// default: one series per issuer, and one for its secret documents.
    #[arg(long, value_name = "SERIES.json")]
    pub series: Option<PathBuf>,
    /// The issue date (YYYY-MM-DD); default today, +07:00.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The seal image (PNG).
    #[arg(long, value_name = "FILE")]
    pub image: Option<PathBuf>,
    /// A timestamp authority (http:// or https://).
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// The issued PDF ("-" is standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
    pub output: String,
    /// The agency's key.
    #[command(flatten)]
    pub key: KeyArgs,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// `vanban register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: RegisterAction,
}

/// What `vanban register` does.
#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// The entries of an issuer's year, as JSON.
    List(RegisterQuery),
    /// The book of Phụ lục IV (pdf, xlsx or csv).
    Book(RegisterQuery),
    /// Void an entry: its number is never given again.
    Void {
        /// The entry's id.
        #[arg(value_name = "ID")]
        id: i64,
        /// Why (printed under Ghi chú).
        #[arg(long)]
        reason: String,
        /// The register.
        #[arg(long, value_name = "URL")]
        register: String,
    },
}

/// Which part of the register.
#[derive(Debug, Args)]
pub struct RegisterQuery {
    /// The register.
    #[arg(long, value_name = "URL")]
    pub register: String,
    /// The issuer's code.
    #[arg(long)]
    pub issuer: String,
    /// The year.
    #[arg(long)]
    pub year: i32,
    /// The book's format: pdf, xlsx or csv.
    #[arg(long, default_value = "pdf")]
    pub format: String,
    /// Where to write ("-": standard output).
    #[arg(short = 'o', long = "output", default_value = "-")]
    pub output: String,
}

/// `vanban envelope`.
#[derive(Debug, Args)]
pub struct EnvelopeArgs {
    /// The document (JSON; "-" reads standard input).
    #[arg(value_name = "DOC.json")]
    pub input: String,
    /// The envelopes' PDF ("-" is standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT.pdf", default_value = "envelopes.pdf")]
    pub output: String,
    /// Engine options.
    #[command(flatten)]
    pub engine: EngineArgs,
}
