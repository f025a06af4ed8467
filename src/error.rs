//! Errors as values: carried to `main`, printed once.

use std::fmt;

/// What went wrong, and so which exit code the CLI gives.
#[derive(Debug)]
pub enum Error {
    /// The input is not a valid document (exit 2).
    Input(Vec<InputError>),
    /// Usage error (exit 2).
    Usage(String),
    /// Reading or writing a file failed (exit 1).
    Io(String),
    /// A failure inside vanban or its layout (exit 1).
    Internal(String),
}

impl Error {
    /// The error as diagnostic objects (`--message-format json`, problem documents): input
    /// errors as they are, the others as one diagnostic coded `usage`, `io` or `internal`.
    pub fn diagnostics(&self) -> Vec<InputError> {
        let one = |m: &String, code| vec![InputError { path: None, ..InputError::at("", m.clone()).code(code) }];
        match self {
            Error::Input(v) => v.clone(),
            Error::Usage(m) => one(m, "usage"),
            Error::Io(m) => one(m, "io"),
            Error::Internal(m) => one(m, "internal"),
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Usage(_) => 2,
            Error::Io(_) | Error::Internal(_) => 1,
        }
    }

    /// One input error at a JSON path.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input(vec![InputError::at(path, message)])
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be rendered.
    Error,
    /// The document renders, but a văn thư would query it.
    Warning,
}

/// One problem in the input, located by JSON path or by line and column. The `code` is
/// stable (documented in the README) for systems that act on it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InputError {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, such as `unknown-key`.
    pub code: &'static str,
    /// JSON path such as `$.body[3].list[2]`.
    pub path: Option<String>,
    /// 1-based line for syntax errors.
    pub line: Option<usize>,
    /// 1-based column for syntax errors.
    pub column: Option<usize>,
    /// What was expected.
    pub message: String,
    /// A suggestion (`recipents` → `recipients`).
    pub hint: Option<String>,
    /// Where in an imported Word file the text was: `{"paragraph": N}` or `{"table": T,
    /// "row": R, "cell": C}` (1-based, document order); `path` is then where it went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<serde_json::Value>,
}

impl InputError {
    /// An error at a JSON path.
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            severity: Severity::Error,
            code: "invalid",
            path: Some(path.into()),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    /// With this code.
    pub fn code(mut self, code: &'static str) -> InputError {
        self.code = code;
        self
    }

    /// With a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> InputError {
        self.hint = Some(hint.into());
        self
    }

    /// As a warning.
    pub fn warning(mut self) -> InputError {
        self.severity = Severity::Warning;
        self
    }
}

/// A source place as people read it: "paragraph 12", "table 2, row 1, cell 3".
pub fn source_text(s: &serde_json::Value) -> String {
    let n = |k: &str| s.get(k).and_then(serde_json::Value::as_u64);
    match (n("paragraph"), n("table"), n("row"), n("cell")) {
        (_, Some(t), Some(r), Some(c)) => format!("table {t}, row {r}, cell {c}"),
        (Some(p), _, _, _) => format!("paragraph {p}"),
        _ => String::new(),
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = &self.source {
            return match &self.path {
                Some(p) => write!(f, "{} → {p}: {}", source_text(s), self.message),
                None => write!(f, "{}: {}", source_text(s), self.message),
            };
        }
        match (&self.path, self.line, self.column) {
            (Some(p), Some(l), Some(c)) => write!(f, "{p} (line {l}, column {c}): {}", self.message),
            (Some(p), _, _) => write!(f, "{p}: {}", self.message),
            (None, Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(errs) => {
                for (i, e) in errs.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            Error::Usage(m) | Error::Io(m) | Error::Internal(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// Result with vanban's error.
pub type Result<T> = std::result::Result<T, Error>;
