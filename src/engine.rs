//! The engine: fonts, layout and Typst's library loaded once, then any number of documents.

use crate::doc::{prepare, Doc};
use crate::error::Result;
use crate::fonts::FontSet;
use crate::error::{Error, InputError, Severity};
use crate::lint;
use crate::model::parse::{read_value, to_document};
use crate::model::validate::validate;
use crate::model::Document;
use crate::preview::{self, ImageFormat, LayoutReport};
use crate::style::Style;
use crate::pdf::layout::Layout;
use crate::pdf::world::Env;
use crate::pdf::boxes::marked;
use crate::pdf::fields::{description, issue_description, Field, Kind, COPY_FIELD};
use crate::pdf::{self, Standard};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// How the engine is built.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra font folders (a licensed Times New Roman is preferred when found).
    pub font_dirs: Vec<PathBuf>,
    /// A layout folder replacing the embedded one.
    pub layout_dir: Option<PathBuf>,
    /// PDF standard.
    pub standard: Standard,
    /// Leave out the empty signature fields (a plain PDF).
    pub no_signature_fields: bool,
    /// Largest input accepted, in bytes (0: the default, 16 MiB).
    pub max_input_size: usize,
}

/// Default largest input: 16 MiB.
pub const DEFAULT_MAX_INPUT: usize = 16 << 20;

/// What `check` found: the document when it has no error, and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    /// The validated document, when there is no error.
    pub document: Option<Document>,
    /// Errors and warnings, in input order.
    pub diagnostics: Vec<InputError>,
}

/// Renders documents; build once, use for many.
pub struct Engine {
    env: Env,
    layout: Layout,
    options: Options,
}

impl Engine {
    /// Load fonts, layout and library.
    pub fn new(options: Options) -> Result<Engine> {
        let layout = match &options.layout_dir {
            Some(dir) => Layout::from_dir(dir)?,
            None => Layout::embedded(),
        };
        // Typst's library and the layout's sources are built on a second thread while the
        // fonts load: a fresh process renders one document, and each costs about 1.5 ms.
        let (env, fonts) = std::thread::scope(|scope| {
            let env = scope.spawn(|| pdf::world::Env::without_fonts(&layout));
            let fonts = FontSet::load(&options.font_dirs, &layout.style.font.family, &layout.style.font.preferred);
            (env.join(), fonts)
        });
        let env = env.map_err(|_| Error::Internal("loading Typst's library failed".into()))?.with_fonts(fonts?);
        Ok(Engine { env, layout, options })
    }

    /// Parse, validate and lint JSON input: every error and warning found.
    pub fn check(&self, bytes: &[u8]) -> Checked {
        self.check_in(bytes, None)
    }

    /// [`Engine::check`] of a document read from a file in `base`: its pictures' `src` are
    /// read from that folder.
    pub fn check_in(&self, bytes: &[u8], base: Option<&std::path::Path>) -> Checked {
        let limit = self.max_input_size();
        if bytes.len() > limit {
            let e = InputError::at("$", format!("the input is {} bytes; at most {limit} are read", bytes.len()))
                .code("too-large")
                .hint("raise the limit with --max-input-size");
            return Checked { document: None, diagnostics: vec![e] };
        }
        let mut value = match read_value(bytes) {
            Ok(v) => v,
            Err(e) => return Checked { document: None, diagnostics: input_errors(e) },
        };
        if let Some(base) = base {
            if let Err(e) = crate::model::picture::inline_sources(&mut value, base) {
                return Checked { document: None, diagnostics: input_errors(e) };
            }
        }
        let mut diagnostics = crate::model::chars::apply(&mut value);
        diagnostics.extend(lint::glyphs(&value, &self.env.fonts));
        let document = match to_document(value).and_then(|d| validate(&d).map(|_| d)) {
            Ok(d) => Some(d),
            Err(e) => {
                diagnostics.extend(input_errors(e));
                None
            }
        };
        if let Some(d) = &document {
            let style = Style::resolve(self.layout.style_for(crate::profile::Profile::of(d)), d.style.as_ref(), &self.env.fonts.family, self.env.fonts.metrics());
            diagnostics.extend(lint::warnings(d, &style, &self.env.fonts));
        }
        let ok = diagnostics.iter().all(|d| d.severity == Severity::Warning);
        Checked { document: if ok { document } else { None }, diagnostics }
    }

    /// Parse and validate JSON input; the document and its warnings, or the errors.
    pub fn parse_with_warnings(&self, bytes: &[u8]) -> Result<(Document, Vec<InputError>)> {
        self.parse_with_warnings_in(bytes, None)
    }

    /// [`Engine::parse_with_warnings`] of a document read from a file in `base`.
    pub fn parse_with_warnings_in(&self, bytes: &[u8], base: Option<&std::path::Path>) -> Result<(Document, Vec<InputError>)> {
        let c = self.check_in(bytes, base);
        match c.document {
            Some(d) => Ok((d, c.diagnostics)),
            None => Err(Error::Input(c.diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect())),
        }
    }

    /// Parse and validate JSON input.
    pub fn parse(&self, bytes: &[u8]) -> Result<Document> {
        self.parse_with_warnings(bytes).map(|(d, _)| d)
    }

    /// Prepare a validated document; `input` (its JSON bytes) seeds the document id.
    pub fn prepare(&self, doc: &Document, input: &[u8]) -> Doc {
        // Pictures read from files beside the input are part of what it says.
        let mut h = Sha256::new();
        h.update(input);
        crate::model::picture::each(doc, &mut |p| h.update(p.bytes.as_slice()));
        let ident = hex(&h.finalize()[..16]);
        let mut d = prepare(doc, self.layout.style_for(crate::profile::Profile::of(doc)), &self.env.fonts, &ident);
        d.signable = !self.options.no_signature_fields;
        d
    }

    /// The PDF of a prepared document, with its empty signature fields unless disabled.
    pub fn pdf(&self, doc: &Doc) -> Result<Vec<u8>> {
        let paged = pdf::compile(&self.env, doc);
        // Typst's memo cache grows with every document: keep it bounded.
        let result = paged.and_then(|paged| {
            let bytes = pdf::export(&paged, doc, self.options.standard)?;
            if self.options.no_signature_fields {
                return Ok(bytes);
            }
            let sz = &doc.style.sizes_pt;
            let fields: Vec<Field> = marked(&paged)
                .into_iter()
                .filter_map(|b| match b.element.as_str() {
                    "signature_field" => {
                        // An electronic copy's ô 14: the field names what its signed
                        // appearance will say ("SAO LỤC, <agency>").
                        let d = match (b.name.as_str(), doc.info.first()) {
                            ("agency", Some(line)) => format!("{COPY_FIELD}: {line}"),
                            _ => description(&b.name).to_string(),
                        };
                        Some(Field { description: d, name: b.name.clone(), rect: b, kind: Kind::Signature })
                    }
                    "issue_field" => {
                        let kind = match b.name.as_str() {
                            "number" => Kind::Issue { size: sz.number, italic: false },
                            "signing_info" => Kind::Issue { size: sz.signing_info, italic: false },
                            _ => Kind::Issue { size: sz.place_date, italic: true },
                        };
                        Some(Field { description: issue_description(&b.name, doc.meta.date.0), name: b.name.clone(), rect: b, kind })
                    }
                    _ => None,
                })
                .collect();
            pdf::fields::add(bytes, &fields)
        });
        typst::comemo::evict(10);
        result
    }

    /// Page images of a prepared document, from the very layout the PDF uses.
    pub fn images(&self, doc: &Doc, format: ImageFormat, ppi: f64) -> Result<Vec<Vec<u8>>> {
        let paged = pdf::compile(&self.env, doc);
        let out = paged.and_then(|p| preview::images(&p, format, ppi).map_err(Error::Internal));
        typst::comemo::evict(10);
        out
    }

    /// The editor's preview: every page as SVG and the element boxes, from one layout.
    pub fn svg_pages_and_layout(&self, doc: &Doc) -> Result<(Vec<String>, LayoutReport)> {
        let paged = pdf::compile(&self.env, doc);
        let out = paged.and_then(|p| {
            let pages = preview::images(&p, ImageFormat::Svg, 72.0).map_err(Error::Internal)?;
            let fields = marked(&p).into_iter().filter(|b| b.element == "signature_field").collect();
            let report = preview::report(&p, pdf::geometry::elements(&p, doc.style.metrics), fields);
            Ok((pages.into_iter().map(|b| String::from_utf8_lossy(&b).into_owned()).collect(), report))
        });
        typst::comemo::evict(10);
        out
    }

    /// Where every ND30 element landed (mm), and the signature fields.
    pub fn layout(&self, doc: &Doc) -> Result<LayoutReport> {
        let paged = pdf::compile(&self.env, doc);
        let out = paged.map(|p| {
            let fields = marked(&p).into_iter().filter(|b| b.element == "signature_field").collect();
            preview::report(&p, pdf::geometry::elements(&p, doc.style.metrics), fields)
        });
        typst::comemo::evict(10);
        out
    }

    /// The PDF and the DOCX of a prepared document, the DOCX written on a second thread
    /// while the PDF is laid out (one document on a machine with a core to spare).
    pub fn pdf_and_docx(&self, doc: &Doc) -> Result<(Vec<u8>, Vec<u8>)> {
        std::thread::scope(|scope| {
            let docx = scope.spawn(|| self.docx(doc));
            let pdf = self.pdf(doc);
            let docx = docx.join().unwrap_or_else(|_| Err(Error::Internal("the DOCX writer failed".into())));
            Ok((pdf?, docx?))
        })
    }

    /// The DOCX of a prepared document.
    pub fn docx(&self, doc: &Doc) -> Result<Vec<u8>> {
        crate::docx::write(doc, &self.env.fonts)
    }

    /// The largest input accepted, in bytes.
    pub fn max_input_size(&self) -> usize {
        if self.options.max_input_size == 0 { DEFAULT_MAX_INPUT } else { self.options.max_input_size }
    }

    /// The options it was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The fonts in use.
    pub fn fonts(&self) -> &FontSet {
        &self.env.fonts
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn input_errors(e: Error) -> Vec<InputError> {
    match e {
        Error::Input(v) => v,
        other => vec![InputError::at("$", other.to_string()).code("invalid")],
    }
}

/// `batch` and servers share one engine between threads: keep it `Send + Sync`.
#[allow(dead_code)]
fn engine_is_shareable() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
}
