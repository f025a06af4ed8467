//! Body blocks of the input: a string is a paragraph, an object names its kind by its key.
//!
//! Objects are read into one strict struct holding every block key, then sorted into a
//! [`Block`] variant; a key that belongs to another kind of block is an input error. This
//! keeps serde's JSON paths (`$.body[3].list[2]`) intact, which an untagged enum would lose.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// One block of a body.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph with inline markup.
    Paragraph(Paragraph),
    /// A numbered section: I. → 1. → a).
    Section(Section),
    /// A list of marked items.
    List(List),
    /// A table.
    Table(TableBlock),
    /// Structured figures.
    Results(Results),
    /// "Điều N. Title".
    Article(Article),
    /// Phần / Chương / Mục.
    Division(Division),
    /// A picture.
    Image(super::picture::Image),
    /// A forced page break.
    PageBreak,
}

/// A paragraph.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Inline text.
    pub text: String,
    /// First-line indent (default true).
    pub indent: Option<bool>,
    /// left | center | right | justify.
    pub align: Option<String>,
}

/// A section heading and its body.
#[derive(Debug, Clone)]
pub struct Section {
    /// The title.
    pub title: String,
    /// Label override ("II", "A", "1.1").
    pub number: Option<String>,
    /// The section's blocks.
    pub body: Vec<Block>,
}

/// A list.
#[derive(Debug, Clone)]
pub struct List {
    /// Items.
    pub items: Vec<ListItem>,
    /// "-" (default), "+", "a)", "1.".
    pub marker: Option<String>,
}

/// A list item: text, with optional nested items and its own marker.
#[derive(Debug, Clone)]
pub struct ListItem {
    /// Inline text.
    pub text: String,
    /// Nested items.
    pub items: Vec<ListItem>,
    /// The item's own marker.
    pub marker: Option<String>,
}

/// A table block.
#[derive(Debug, Clone)]
pub struct TableBlock {
    /// The table.
    pub table: Table,
    /// Lay the table on landscape pages.
    pub landscape: bool,
}

/// A table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Columns, with titles.
    pub columns: Vec<Column>,
    /// Rows of cells.
    #[serde(default)]
    pub rows: Vec<Vec<Cell>>,
    /// Lay the table on landscape pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landscape: Option<bool>,
}

/// A table column.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Header text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// "1fr", "2fr", "30mm", "auto".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<String>,
    /// left | center | right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub align: Option<String>,
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Inline text.
    pub text: String,
    /// Columns spanned.
    pub colspan: Option<u32>,
    /// left | center | right.
    pub align: Option<String>,
    /// Bold cell (group and total rows).
    pub bold: Option<bool>,
}

/// Results: figures laid out as a list or a table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// The figures.
    pub items: Vec<ResultItem>,
    /// "list" (default) or "table".
    #[serde(rename = "as")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_: Option<String>,
}

/// One figure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultItem {
    /// "Tiêu chí 15".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What is measured.
    pub label: String,
    /// The value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ResultValue>,
    /// dat | chua-dat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// A note in parentheses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A figure's value.
#[derive(Debug, Clone)]
pub enum ResultValue {
    /// Có / Không.
    Bool(bool),
    /// A number, printed the Vietnamese way.
    Number(serde_json::Number),
    /// A ratio a/b.
    Ratio(Ratio),
    /// A count with a unit.
    Count(Count),
}

/// A ratio a/b with its percentage.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// [a, b].
    pub ratio: [u64; 2],
    /// Decimals of the percentage (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    /// "half-up" (default) or "down".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounding: Option<String>,
    /// "percent" (default: P% (a/b)) or "fraction" (a/b (P%)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<String>,
}

/// A count with a unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// The count.
    pub count: serde_json::Number,
    /// Its unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// An article: "Điều N. Title".
#[derive(Debug, Clone)]
pub struct Article {
    /// Title; empty runs "Điều N." on into the first paragraph.
    pub title: String,
    /// Its blocks.
    pub body: Vec<Block>,
}

/// Which division: Phần, Chương or Mục.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivisionKind {
    /// Phần (Roman).
    Part,
    /// Chương (Roman).
    Chapter,
    /// Mục (Arabic).
    Division,
}

/// Phần / Chương / Mục with a title.
#[derive(Debug, Clone)]
pub struct Division {
    /// Kind.
    pub kind: DivisionKind,
    /// Title (printed UPPER).
    pub title: String,
    /// Its blocks.
    pub body: Vec<Block>,
}

/// Every key a block object may hold; sorted into a [`Block`] afterwards.
/// A block object: exactly one of paragraph, section, list, table, results, article,
/// chapter, part, division, page_break, image, with the keys that belong to it.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    paragraph: Option<String>,
    indent: Option<bool>,
    align: Option<String>,
    #[schemars(length(max = super::validate::LINE_MAX))]
    section: Option<String>,
    number: Option<NumberLabel>,
    body: Option<Vec<Block>>,
    list: Option<Vec<ListItem>>,
    marker: Option<String>,
    table: Option<Table>,
    landscape: Option<bool>,
    results: Option<Results>,
    #[schemars(length(max = super::validate::LINE_MAX))]
    article: Option<String>,
    #[schemars(length(max = super::validate::LINE_MAX))]
    chapter: Option<String>,
    #[schemars(length(max = super::validate::LINE_MAX))]
    part: Option<String>,
    #[schemars(length(max = super::validate::LINE_MAX))]
    division: Option<String>,
    page_break: Option<bool>,
    image: Option<super::picture::Image>,
}

/// A section label override: a string, or an integer for convenience.
struct NumberLabel(String);

impl<'de> Deserialize<'de> for NumberLabel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(NumberLabel(s)),
            serde_json::Value::Number(n) if n.is_u64() => Ok(NumberLabel(n.to_string())),
            other => Err(de::Error::custom(format!(
                "invalid type: {}, expected a label string such as \"II\", \"A\" or \"1.1\"",
                kind_of(&other)
            ))),
        }
    }
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

const BLOCK_KINDS: &str =
    "a string, or an object with one of paragraph, section, list, table, results, article, chapter, part, division, page_break, image";

impl RawBlock {
    fn into_block<E: de::Error>(self) -> Result<Block, E> {
        let mut kinds: Vec<&str> = Vec::new();
        let present = [
            ("paragraph", self.paragraph.is_some()),
            ("section", self.section.is_some()),
            ("list", self.list.is_some()),
            ("table", self.table.is_some()),
            ("results", self.results.is_some()),
            ("article", self.article.is_some()),
            ("chapter", self.chapter.is_some()),
            ("part", self.part.is_some()),
            ("division", self.division.is_some()),
            ("page_break", self.page_break.is_some()),
            ("image", self.image.is_some()),
        ];
        for (k, p) in present {
            if p {
                kinds.push(k);
            }
        }
        if kinds.len() != 1 {
            return Err(E::custom(if kinds.is_empty() {
                format!("a block needs a kind: expected {BLOCK_KINDS}")
            } else {
                format!("one block has one kind, found {}", kinds.join(" and "))
            }));
        }
        let kind = kinds[0];
        // Keys allowed beside the kind key.
        let allowed: &[&str] = match kind {
            "paragraph" => &["indent", "align"],
            "section" => &["number", "body"],
            "list" => &["marker"],
            "table" => &["landscape"],
            "article" | "chapter" | "part" | "division" => &["body"],
            _ => &[],
        };
        let extras = [
            ("indent", self.indent.is_some()),
            ("align", self.align.is_some()),
            ("number", self.number.is_some()),
            ("body", self.body.is_some()),
            ("marker", self.marker.is_some()),
            ("landscape", self.landscape.is_some()),
        ];
        for (k, p) in extras {
            if p && !allowed.contains(&k) {
                return Err(E::custom(format!("key `{k}` does not belong to a {kind} block")));
            }
        }
        let body = self.body.unwrap_or_default();
        Ok(match kind {
            "paragraph" => Block::Paragraph(Paragraph {
                text: self.paragraph.unwrap_or_default(),
                indent: self.indent,
                align: self.align,
            }),
            "section" => Block::Section(Section {
                title: self.section.unwrap_or_default(),
                number: self.number.map(|n| n.0),
                body,
            }),
            "list" => Block::List(List { items: self.list.unwrap_or_default(), marker: self.marker }),
            "table" => {
                let table = self.table.expect("kind checked");
                let landscape = self.landscape.or(table.landscape).unwrap_or(false);
                Block::Table(TableBlock { table, landscape })
            }
            "results" => Block::Results(self.results.expect("kind checked")),
            "article" => Block::Article(Article { title: self.article.unwrap_or_default(), body }),
            "chapter" => Block::Division(Division {
                kind: DivisionKind::Chapter,
                title: self.chapter.unwrap_or_default(),
                body,
            }),
            "part" => Block::Division(Division {
                kind: DivisionKind::Part,
                title: self.part.unwrap_or_default(),
                body,
            }),
            "division" => Block::Division(Division {
                kind: DivisionKind::Division,
                title: self.division.unwrap_or_default(),
                body,
            }),
            "image" => Block::Image(self.image.expect("kind checked")),
            _ => Block::PageBreak,
        })
    }
}

/// A visitor that accepts a string or delegates a map to `F`, keeping serde's path tracking.
struct StrOrMap<T>(fn(String) -> T, &'static str);

impl<'de, T> Visitor<'de> for StrOrMap<T>
where
    T: FromMap<'de>,
{
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.0)(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        Ok((self.0)(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Types built from a JSON object by way of a strict raw struct.
trait FromMap<'de>: Sized {
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

impl<'de> FromMap<'de> for Block {
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let raw = RawBlock::deserialize(de::value::MapAccessDeserializer::new(map))?;
        raw.into_block()
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrOrMap(
            |s| Block::Paragraph(Paragraph { text: s, indent: None, align: None }),
            BLOCK_KINDS,
        ))
    }
}

/// A list item with nested items or its own marker.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawItem {
    text: String,
    #[serde(default)]
    items: Option<Vec<ListItem>>,
    marker: Option<String>,
}

impl<'de> FromMap<'de> for ListItem {
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let r = RawItem::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(ListItem { text: r.text, items: r.items.unwrap_or_default(), marker: r.marker })
    }
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrOrMap(
            |s| ListItem { text: s, items: Vec::new(), marker: None },
            "a string, or an object {\"text\", \"items\", \"marker\"}",
        ))
    }
}

/// A cell that spans columns, is aligned or bold.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawCell {
    text: String,
    colspan: Option<u32>,
    align: Option<String>,
    bold: Option<bool>,
}

impl<'de> FromMap<'de> for Cell {
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let r = RawCell::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Cell { text: r.text, colspan: r.colspan, align: r.align, bold: r.bold })
    }
}

/// Cells also accept numbers (printed as written) for convenience.
struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, or an object {\"text\", \"colspan\", \"align\", \"bold\"}")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell { text: v.to_string(), ..Cell::default() })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::default())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
        Ok(Cell { text: v.to_string(), ..Cell::default() })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
        Ok(Cell { text: v.to_string(), ..Cell::default() })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
        Ok(Cell { text: v.to_string(), ..Cell::default() })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
        Cell::from_map(map)
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

/// Values: true/false, a number, {"ratio": …} or {"count": …}.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = ResultValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("true/false, a number, {\"ratio\": [a, b]} or {\"count\": n, \"unit\": …}")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ResultValue, E> {
        Ok(ResultValue::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ResultValue, E> {
        Ok(ResultValue::Number(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ResultValue, E> {
        Ok(ResultValue::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ResultValue, E> {
        serde_json::Number::from_f64(v)
            .map(ResultValue::Number)
            .ok_or_else(|| E::custom("a finite number"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ResultValue, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawValue {
            ratio: Option<[u64; 2]>,
            decimals: Option<u8>,
            rounding: Option<String>,
            show: Option<String>,
            count: Option<serde_json::Number>,
            unit: Option<String>,
        }
        let r = RawValue::deserialize(de::value::MapAccessDeserializer::new(map))?;
        match (r.ratio, r.count) {
            (Some(ratio), None) => {
                if r.unit.is_some() {
                    return Err(de::Error::custom("`unit` belongs to a count, not a ratio"));
                }
                Ok(ResultValue::Ratio(Ratio { ratio, decimals: r.decimals, rounding: r.rounding, show: r.show }))
            }
            (None, Some(count)) => {
                if r.decimals.is_some() || r.rounding.is_some() || r.show.is_some() {
                    return Err(de::Error::custom("`decimals`, `rounding` and `show` belong to a ratio"));
                }
                Ok(ResultValue::Count(Count { count, unit: r.unit }))
            }
            (Some(_), Some(_)) => Err(de::Error::custom("a value is a ratio or a count, not both")),
            (None, None) => Err(de::Error::custom("expected {\"ratio\": [a, b]} or {\"count\": n}")),
        }
    }
}

impl<'de> Deserialize<'de> for ResultValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// "A string or an object" schemas for the types read by hand above.
fn string_or(g: &mut SchemaGenerator, object: Schema, description: &str) -> Schema {
    let _ = g;
    json_schema!({ "description": description, "anyOf": [ { "type": "string" }, object ] })
}

impl JsonSchema for Block {
    fn schema_name() -> Cow<'static, str> {
        "Block".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let raw = g.subschema_for::<RawBlock>();
        string_or(g, raw, "A paragraph (string, with **bold** and *italic*) or a block object — Một đoạn văn hoặc một khối nội dung.")
    }
}

impl JsonSchema for ListItem {
    fn schema_name() -> Cow<'static, str> {
        "ListItem".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let raw = g.subschema_for::<RawItem>();
        string_or(g, raw, "A list item — Một ý của danh sách.")
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> Cow<'static, str> {
        "Cell".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let raw = g.subschema_for::<RawCell>();
        json_schema!({
            "description": "A table cell: text, a number, or an object — Ô của bảng.",
            "anyOf": [ { "type": "string" }, { "type": "number" }, { "type": "null" }, raw ]
        })
    }
}

impl JsonSchema for NumberLabel {
    fn schema_name() -> Cow<'static, str> {
        "NumberLabel".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A section label overriding the numbering (\"II\", \"A\", \"1.1\") — Số thứ tự mục tự đặt.",
            "anyOf": [ { "type": "string" }, { "type": "integer", "minimum": 0 } ]
        })
    }
}

impl JsonSchema for ResultValue {
    fn schema_name() -> Cow<'static, str> {
        "ResultValue".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let ratio = g.subschema_for::<Ratio>();
        let count = g.subschema_for::<Count>();
        json_schema!({
            "description": "true/false (Có/Không), a number, a ratio or a count — Giá trị kết quả.",
            "anyOf": [ { "type": "boolean" }, { "type": "number" }, ratio, count ]
        })
    }
}
