//! JSON text → [`Document`]: byte-order mark, syntax (line and column), duplicate keys,
//! NFC normalisation, then the typed model with JSON paths in every error.

use super::Document;
use crate::error::{Error, InputError};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A parsed and validated document, or the errors found.
pub type ParseOutcome = Result<Document, Error>;

/// Parse and validate one document from its JSON bytes.
pub fn parse_document(bytes: &[u8]) -> ParseOutcome {
    parse_document_in(bytes, None)
}

/// Parse and validate one document read from a file in `base` (its pictures' `src` are read
/// from there); `None`: standard input or a request, where pictures come as `data`.
pub fn parse_document_in(bytes: &[u8], base: Option<&std::path::Path>) -> ParseOutcome {
    let mut value = read_value(bytes)?;
    if let Some(base) = base {
        super::picture::inline_sources(&mut value, base)?;
    }
    let refused: Vec<_> = super::chars::apply(&mut value).into_iter().filter(|d| d.severity == crate::error::Severity::Error).collect();
    if !refused.is_empty() {
        return Err(Error::Input(refused));
    }
    let doc = to_document(value)?;
    super::validate::validate(&doc)?;
    Ok(doc)
}

/// Read JSON text into a [`Value`]: strict about duplicates, every string and key in NFC.
pub fn read_value(bytes: &[u8]) -> Result<Value, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(bytes, e.valid_up_to());
        Error::Input(vec![InputError {
            line: Some(line),
            column: Some(column),
            path: None,
            ..InputError::at("", "the input is not UTF-8 text").code("not-utf8")
        }])
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = StrictSeed { path: "$".into() }.deserialize(&mut de).and_then(|v| de.end().map(|_| v));
    value.map_err(|e| syntax_error(text, e))
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, col)
}

fn syntax_error(text: &str, e: serde_json::Error) -> Error {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; our duplicate-key errors carry a path prefix.
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let (path, message) = match msg.strip_prefix("\u{0}") {
        Some(rest) => match rest.split_once('\u{0}') {
            Some((p, m)) => (Some(p.to_string()), m.to_string()),
            None => (None, rest.to_string()),
        },
        None => (None, msg),
    };
    let line = e.line();
    let src = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let shown: String = src.chars().take(120).collect();
    let message = if message.contains("EOF") || shown.trim().is_empty() {
        message
    } else {
        format!("{message}\n    {shown}")
    };
    let code = if message.contains("given twice") {
        "duplicate-key"
    } else if message.contains("recursion limit") {
        "too-deep"
    } else {
        "syntax"
    };
    Error::Input(vec![InputError { path, line: Some(line), column: Some(e.column()), ..InputError::at("", message).code(code) }])
}

/// Builds a [`Value`], refusing duplicate keys and normalising strings to NFC.
struct StrictSeed {
    path: String,
}

impl<'de> DeserializeSeed<'de> for StrictSeed {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("a finite number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        // ASCII is already NFC (a picture's base64 runs to megabytes).
        if v.is_ascii() {
            return Ok(Value::String(v.to_string()));
        }
        Ok(Value::String(v.nfc().collect()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(StrictSeed { path: format!("{}[{}]", self.path, out.len()) })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let key: String = key.nfc().collect();
            let path = format!("{}.{}", self.path, key);
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("\u{0}{path}\u{0}the key `{key}` is given twice")));
            }
            let v = map.next_value_seed(StrictSeed { path })?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Typed model from a value; the error names the JSON path, a stable code and, for a near
/// miss, the name that was probably meant.
pub fn to_document(value: Value) -> Result<Document, Error> {
    if !value.is_object() {
        return Err(Error::Input(vec![InputError::at("$", "expected a JSON object (one document)").code("invalid-type")]));
    }
    serde_path_to_error::deserialize::<_, Document>(value).map_err(|e| {
        let path = json_path(&e.path().to_string());
        Error::Input(vec![classify(path, e.inner().to_string())])
    })
}

/// Code and hint for a serde message.
fn classify(path: String, message: String) -> InputError {
    // A message that carries its own code (`\u{1}code\u{1}message`: the pictures').
    if let Some((code, msg)) = message.strip_prefix('\u{1}').and_then(|m| m.split_once('\u{1}')) {
        let code: &'static str = ["picture", "picture-src", "too-large", "missing-key", "invalid"].into_iter().find(|c| *c == code).unwrap_or("invalid");
        return InputError::at(path, msg).code(code);
    }
    let ticked = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = ticked(rest);
        let (got, expected) = names.split_first().map(|(g, e)| (g.clone(), e.to_vec())).unwrap_or_default();
        let mut err = InputError::at(path, format!("unknown key `{got}`")).code("unknown-key");
        match super::suggest::nearest(&got, expected.iter().map(String::as_str)) {
            Some(near) => err = err.hint(format!("did you mean `{near}`?")),
            None if !expected.is_empty() => err = err.hint(format!("allowed here: {}", expected.join(", "))),
            None => {}
        }
        return err;
    }
    if message.starts_with("missing field ") {
        let name = ticked(&message).into_iter().next().unwrap_or_default();
        return InputError::at(path, format!("required key `{name}` is missing")).code("missing-key");
    }
    if message.starts_with("invalid type") {
        return InputError::at(path, message).code("invalid-type");
    }
    if message.starts_with("invalid value") || message.contains("expected u") {
        return InputError::at(path, message).code("invalid-number");
    }
    InputError::at(path, message).code("invalid")
}

/// serde_path_to_error's `body[3].list` → `$.body[3].list`.
fn json_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "$".into()
    } else {
        format!("$.{p}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_key_is_an_error_with_path_and_line() {
        let e = read_value(b"{\n \"a\": {\"b\": 1,\n \"b\": 2}}").unwrap_err();
        let Error::Input(v) = e else { panic!() };
        assert_eq!(v[0].path.as_deref(), Some("$.a.b"));
        assert_eq!(v[0].line, Some(3));
        assert!(v[0].message.contains("twice"), "{}", v[0].message);
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let Error::Input(v) = read_value(b"{\"a\": 1,,}").unwrap_err() else { panic!() };
        assert_eq!(v[0].line, Some(1));
        assert!(v[0].column.unwrap() >= 8);
    }

    #[test]
    fn bom_and_nfc() {
        // "ủ" as u + combining hook above + combining... use a decomposed "ệ" (e + ̣ + ̂)
        let v = read_value("\u{feff}{\"x\": \"e\u{323}\u{302}\"}".as_bytes()).unwrap();
        assert_eq!(v["x"], "ệ");
    }
}
