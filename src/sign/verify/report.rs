//! What `verify` reports: a verdict for the file and one for each signature, with stable
//! reason codes and messages in English or Vietnamese.

use super::super::tsa::TimestampReport;
use serde::Serialize;

/// A verdict, worst first: the file's is its signatures' worst, `unsigned` without any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// A signature or timestamp does not verify, or the file's structure was tampered with.
    Invalid,
    /// A change after a signature that its permissions do not allow.
    Modified,
    /// With trust anchors: a chain reaches none of them.
    Untrusted,
    /// No signature at all.
    Unsigned,
    /// Every signature intact and unmodified (and trusted, when anchors were given).
    Valid,
}

impl Verdict {
    /// The code as the JSON writes it.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Invalid => "invalid",
            Verdict::Modified => "modified",
            Verdict::Untrusted => "untrusted",
            Verdict::Unsigned => "unsigned",
            Verdict::Valid => "valid",
        }
    }
}

/// A language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Tiếng Việt.
    Vi,
}

/// A reason or warning: a stable code and a sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Stable code (`digest`, `byte-range`, `time-mismatch`, …).
    pub code: &'static str,
    /// The sentence, in the report's language.
    pub message: String,
    /// The page it concerns, when one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The objects it concerns (`"12 0"`), when known.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<String>,
    #[serde(skip)]
    vi: String,
}

impl Note {
    /// A note with its English and Vietnamese sentences.
    pub fn new(code: &'static str, en: impl Into<String>, vi: impl Into<String>) -> Note {
        Note { code, message: en.into(), vi: vi.into(), page: None, objects: Vec::new() }
    }

    /// The page it concerns.
    pub fn page(mut self, page: Option<u32>) -> Note {
        self.page = page;
        self
    }

    /// The objects it concerns.
    pub fn objects(mut self, ids: impl IntoIterator<Item = lopdf::ObjectId>) -> Note {
        self.objects = ids.into_iter().map(|(n, g)| format!("{n} {g}")).collect();
        self
    }

    fn localise(&mut self, lang: Lang) {
        if lang == Lang::Vi && !self.vi.is_empty() {
            self.message = std::mem::take(&mut self.vi);
        }
    }
}

/// How one certificate's revocation was judged.
#[derive(Debug, Clone, Serialize)]
pub struct CertStatus {
    /// The certificate's subject CN.
    pub subject: String,
    /// Its serial, hex.
    pub serial: String,
    /// `good`, `revoked`, `unknown` (a responder said so) or `none` (no data counted).
    pub status: &'static str,
    /// `ocsp` or `crl`, for the data that counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
    /// Where that data was: `dss` or `cms` (Adobe's adbe-revocationInfoArchival).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'static str>,
    /// When it was revoked, +07:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// The response's or list's thisUpdate, +07:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub this_update: Option<String>,
}

/// The revocation data a signature's file carries, judged offline.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Revocation {
    /// `none` (no data), `dss`, `cms` (Adobe's older form), or `dss+cms`.
    pub source: String,
    /// Each certificate of the signer's chain (the anchor excepted), and the TSA's.
    pub certificates: Vec<CertStatus>,
    /// Responses and lists the file carries that did not count, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<Note>,
}

/// One signature field or signature dictionary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FieldReport {
    /// Field name (a dictionary found only by reference: "object N G").
    pub field: String,
    /// How it was found: `acroform`, `page-annotation` or `reference`.
    pub found: &'static str,
    /// Page of its widget.
    pub page: Option<u32>,
    /// Whether it holds a signature.
    pub signed: bool,
    /// `approval`, `certification` or `document-timestamp`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// This signature's verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Why it is not valid.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Note>,
    /// What is worth knowing but changes no verdict (`weak-hash`, `time-mismatch`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Note>,
    /// The signer's common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// The signer certificate's subject (RFC 4514).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Its issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Its serial number, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The signing time: the CMS signing-time when there is one (as pdfsig shows), else `/M`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_time: Option<String>,
    /// `/M` of the signature dictionary, +07:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_time: Option<String>,
    /// The CMS signing-time attribute, +07:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cms_signing_time: Option<String>,
    /// The time the signature is judged at, +07:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_time: Option<String>,
    /// Where that time comes from: `timestamp`, `signing-time` or `claimed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_time_source: Option<&'static str>,
    /// Digest algorithm (`sha256`, `sha1`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash_algorithm: Option<String>,
    /// Signature algorithm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_algorithm: Option<String>,
    /// `/SubFilter`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_filter: Option<String>,
    /// Whether the signed bytes are as signed (digest and signature both check).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intact: Option<bool>,
    /// Whether the signature covers the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole_file: Option<bool>,
    /// What revisions after it did: `none`, `dss`, `form-filling`, `annotations`, `other`,
    /// `rewritten` or `trailing-data`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub later_changes: Option<&'static str>,
    /// The changes after it, each named (objects, pages).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Note>,
    /// A certification signature's DocMDP permission (1, 2 or 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docmdp: Option<u8>,
    /// With trust anchors: whether the chain reaches one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted: Option<bool>,
    /// The chain's subject CNs from the signer up to the anchor, or as far as it goes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<String>,
    /// Whether the certificate was valid at the validity time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_valid: Option<bool>,
    /// The signature timestamp (PAdES B-T), when the CMS carries one; for a document
    /// timestamp, the token itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<TimestampReport>,
    /// The revocation data the file carries for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<Revocation>,
    /// The PAdES level reached: `B-B`, `B-T`, `B-LT` or `B-LTA`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'static str>,
}

impl FieldReport {
    /// Add a reason.
    pub fn reason(&mut self, n: Note) {
        if !self.reasons.iter().any(|r| r.code == n.code && r.message == n.message) {
            self.reasons.push(n);
        }
    }

    /// Whether this field passes: empty, or signed and valid.
    pub fn ok(&self) -> bool {
        !self.signed || self.verdict == Some(Verdict::Valid)
    }
}

/// The report on one file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The file's verdict.
    pub verdict: Verdict,
    /// Whether chains were judged against trust anchors (`--trust`, `--trust-dir`); without,
    /// `valid` means intact and unmodified.
    pub trust_checked: bool,
    /// The file's size in bytes.
    pub size: usize,
    /// How many revisions (incremental updates, the first included) the file has.
    pub revisions: usize,
    /// How many signatures (document timestamps included); empty fields do not count.
    pub signatures: usize,
    /// Every signature field, empty or signed, and every other signature found.
    pub fields: Vec<FieldReport>,
    /// What is wrong with the file as a whole (also among each signature's reasons).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Note>,
    /// Warnings about the file as a whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Note>,
}

impl Report {
    /// The messages in `lang`.
    pub fn localise(&mut self, lang: Lang) {
        let all = self.problems.iter_mut().chain(self.warnings.iter_mut());
        for n in all {
            n.localise(lang);
        }
        for f in &mut self.fields {
            for n in f.reasons.iter_mut().chain(f.warnings.iter_mut()).chain(f.changes.iter_mut()) {
                n.localise(lang);
            }
            if let Some(r) = &mut f.revocation {
                for n in &mut r.ignored {
                    n.localise(lang);
                }
            }
        }
    }

    /// The exit code: 0 for `valid`, 3 for any other verdict.
    pub fn exit_code(&self) -> i32 {
        if self.verdict == Verdict::Valid { 0 } else { 3 }
    }
}
