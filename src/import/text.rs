//! The body as people type or paste it — one paragraph a line, "I.", "1.", "a)", "Điều 1.",
//! "Chương I", "-" and "+" items, `**đậm**`, `*nghiêng*`, tab-separated rows — read by the
//! importer's own paragraph reader (the same blocks as from those lines typed in Word), and
//! blocks written back as such text (`POST /v1/body`, `POST /v1/body/text`).
//!
//! Blocks the text cannot say (a table with spans or cell properties, results, a picture, a
//! block with properties) stay as they are: the text shows a line `⟦N: what⟧` in their
//! place, and reading the text back puts block N of `kept` there.

use super::recognise::{clean, heading_label, Label, Recogniser};
use super::wordml::{Cell, Item, Para, Run, Table};
use crate::error::InputError;
use crate::nd30::numbering::{roman, SectionLabels};
use crate::profile::Profile;
use serde_json::Value;
use std::collections::HashMap;

/// Blocks read from the text, and what the reader noticed (paths into `$.body`).
pub struct Read {
    /// The body's blocks.
    pub blocks: Vec<Value>,
    /// Warnings: typed labels kept as `number`, unknown kept-block lines.
    pub warnings: Vec<InputError>,
}

/// A kept block's line: `⟦3: bảng có ô gộp⟧`.
fn kept_line(n: usize, what: &str) -> String {
    format!("⟦{n}: {what}⟧")
}

fn kept_index(line: &str) -> Option<usize> {
    let t = line.trim();
    let inner = t.strip_prefix('⟦')?.strip_suffix('⟧')?;
    inner.split(':').next()?.trim().parse().ok()
}

/// Runs from a line with inline markup (`***x***`, `**x**`, `*x*`; `\*` a star).
fn runs(line: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut cur = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let flush = |cur: &mut String, bold: bool, italic: bool, out: &mut Vec<Run>| {
        if !cur.is_empty() {
            out.push(Run { text: std::mem::take(cur), bold, italic });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'*') {
            cur.push('*');
            i += 2;
            continue;
        }
        if c == '*' {
            let n = chars[i..].iter().take_while(|c| **c == '*').count().min(3);
            flush(&mut cur, bold, italic, &mut out);
            match n {
                3 => {
                    bold = !bold;
                    italic = !italic;
                }
                2 => bold = !bold,
                _ => italic = !italic,
            }
            i += n;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    flush(&mut cur, bold, italic, &mut out);
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// "I.", "1.1.", "Chương", "Điều", "Phần", "Mục": always a heading.
    High(u8),
    /// "1." or "a)": a heading or a numbered item, by what follows it.
    Low(u8),
    Text,
    Empty,
}

fn kind(line: &str) -> Kind {
    let t = clean(line);
    if t.is_empty() {
        return Kind::Empty;
    }
    // A line in markup ("**1. Một đoạn đậm**") is a paragraph: headings are typed plain.
    if t.starts_with('*') {
        return Kind::Text;
    }
    // "Chương I", "Điều 5.", "Phần II", "Mục 1": the word, then a number (not "Phần mềm").
    for p in ["Chương ", "CHƯƠNG ", "Điều ", "Phần ", "PHẦN ", "Mục ", "MỤC "] {
        if let Some(rest) = t.strip_prefix(p) {
            let head: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            let head = head.trim_end_matches(['.', ':']);
            if head.parse::<u32>().is_ok() || crate::nd30::numbering::from_roman(head).is_some() || (!head.is_empty() && head.chars().all(|c| c == '.' || c == '…')) {
                return Kind::High(0);
            }
        }
    }
    match heading_label(&t) {
        Some((Label::Roman(_), _, _)) => Kind::High(1),
        Some((Label::Arabic(v), _, _)) if v.len() > 1 => Kind::High(2),
        Some((Label::Arabic(_), _, _)) => Kind::Low(3),
        Some((Label::Letter(_), _, _)) => Kind::Low(4),
        None => Kind::Text,
    }
}

/// Which lines are headings. A "1." or "a)" line with text under it before the next label of
/// its kind heads a section; one followed at once by the next ("1. …;" "2. …;") is a numbered
/// item, and so is the last of such a run. Alone, a short line without a sentence's end heads.
fn headings(lines: &[&str], profile: Profile) -> Vec<bool> {
    let kinds: Vec<Kind> = lines.iter().map(|l| kind(l)).collect();
    let short_title = |line: &str| {
        let t = clean(line);
        let at = heading_label(&t).map_or(0, |(_, _, at)| at);
        let rest: String = t.chars().skip(at).collect();
        let rest = rest.trim().to_string();
        rest.chars().count() <= 120 && !rest.ends_with(['.', ';', ',', ':', '…'])
    };
    if profile == Profile::Dang {
        // The Party guide numbers its parts freely and types labels into paragraphs: past
        // "I.", "Chương", "Điều", a labelled line heads only as a short title.
        return lines
            .iter()
            .zip(&kinds)
            .map(|(l, k)| match k {
                Kind::High(1) | Kind::High(0) => true,
                Kind::High(_) | Kind::Low(_) => short_title(l),
                _ => false,
            })
            .collect();
    }
    let mut out = vec![false; lines.len()];
    let mut prev_item: Option<(usize, u8)> = None; // the last "1."/"a)" read as an item
    for i in 0..lines.len() {
        match kinds[i] {
            Kind::High(_) => {
                out[i] = true;
                prev_item = None;
            }
            Kind::Low(k) => {
                let mut content = false;
                let mut next_same = false;
                for kj in kinds.iter().skip(i + 1) {
                    match *kj {
                        Kind::Empty => continue,
                        Kind::Low(k2) if k2 == k => {
                            next_same = true;
                            break;
                        }
                        Kind::High(_) => break,
                        Kind::Low(k2) if k2 < k => break,
                        _ => {
                            content = true;
                            break;
                        }
                    }
                }
                let heading = if prev_item.is_some_and(|(_, pk)| pk == k) {
                    false // the run of items goes on (its last one too)
                } else if content {
                    true
                } else if next_same {
                    false
                } else {
                    short_title(lines[i])
                };
                out[i] = heading;
                prev_item = if heading { None } else { Some((i, k)) };
            }
            Kind::Text => prev_item = None,
            Kind::Empty => {}
        }
    }
    out
}

fn para(index: usize, line: &str, heading: bool, profile: Profile) -> Para {
    // A Party document keeps its typed labels as written ("a) …" is a paragraph, as the
    // importer reads it from Word); a line in markup is a paragraph in either profile.
    let typed_label = profile == Profile::Dang && matches!(kind(line), Kind::Low(_) | Kind::High(2));
    let mut p = Para { index, runs: runs(line), plain: !heading && (line.trim_start().starts_with('*') || typed_label), ..Para::default() };
    // Typed as people type in Word, where a heading is bold: the label decides here.
    if heading {
        for r in &mut p.runs {
            r.bold = true;
        }
    }
    p
}

fn table(index: usize, rows: &[&str]) -> Table {
    let cells = |l: &str| -> Vec<Cell> { l.split('\t').map(|c| Cell { paras: vec![Para { runs: runs(c.trim()), ..Para::default() }], span: 1, merged: false }).collect() };
    let mut rows: Vec<Vec<Cell>> = rows.iter().map(|l| cells(l)).collect();
    // Rows shorter than the widest get empty cells: the validator wants every row whole.
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        while r.len() < n {
            r.push(Cell { paras: Vec::new(), span: 1, merged: false });
        }
    }
    Table { index, rows, grid: Vec::new(), landscape: false }
}

/// Read typed text into blocks; `kept` are the blocks the text showed as `⟦N: …⟧` lines.
pub fn read(text: &str, kept: &[Value], profile: Profile) -> Read {
    let numbering = HashMap::new();
    let mut r = Recogniser::new(&numbering);
    // Typed text says its headings by their labels (the rule above), for either profile: the
    // Party reader's caution about an author's own bold numbering is for Word files.
    r.profile = Profile::Nd30;
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let heads = headings(&lines, profile);
    // A kept block's line becomes a placeholder paragraph, read in its place (inside the
    // section or article it stands in), then swapped for the block.
    let mut warnings = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    let mut paragraphs = 0;
    let mut tables = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(n) = kept_index(line) {
            if kept.get(n.wrapping_sub(1)).is_some() {
                paragraphs += 1;
                items.push(Item::P(Para { index: paragraphs, runs: vec![Run { text: placeholder(n), bold: false, italic: false }], ..Para::default() }));
            } else {
                warnings.push(InputError::at("$.body", format!("line {}: \"{}\" names no kept block (there are {})", i + 1, line.trim(), kept.len())).code("import-dropped").warning());
            }
            i += 1;
            continue;
        }
        if line.contains('\t') && !line.trim().is_empty() {
            let start = i;
            while i < lines.len() && lines[i].contains('\t') && !lines[i].trim().is_empty() {
                i += 1;
            }
            if i - start >= 2 {
                tables += 1;
                items.push(Item::T(table(tables, &lines[start..i])));
                continue;
            }
            i = start;
        }
        if !clean(line).is_empty() {
            paragraphs += 1;
            items.push(Item::P(para(paragraphs, &line.replace('\t', " "), heads[i], profile)));
        }
        i += 1;
    }
    // The reader's blocks as the contract writes them, with the kept blocks (JSON the editor
    // sent back) put in their places.
    let mut blocks: Vec<Value> = r.blocks(&items).iter().filter_map(|b| serde_json::to_value(b).ok()).collect();
    swap_kept(&mut blocks, kept);
    // Typed labels are said below, each at the block that keeps it.
    warnings.extend(r.warnings.into_iter().filter(|w| w.code != "import-numbering").map(|mut w| {
        w.path = Some("$.body".into());
        w
    }));
    numbered(&blocks, "$.body", &mut warnings);
    Read { blocks, warnings }
}

/// The placeholder paragraph of kept block `n` (a private-use character no one types).
fn placeholder(n: usize) -> String {
    format!("\u{E000}{n}")
}

fn swap_kept(blocks: &mut [Value], kept: &[Value]) {
    for b in blocks.iter_mut() {
        if let Some(n) = b.as_str().and_then(|s| s.strip_prefix('\u{E000}')).and_then(|n| n.parse::<usize>().ok()) {
            if let Some(k) = kept.get(n.wrapping_sub(1)) {
                *b = k.clone();
            }
        } else if let Some(inner) = b.get_mut("body").and_then(Value::as_array_mut) {
            swap_kept(inner, kept);
        }
    }
}

/// A warning for each typed label kept as `number` (it differs from the decree's sequence).
fn numbered(blocks: &[Value], path: &str, out: &mut Vec<InputError>) {
    for (k, b) in blocks.iter().enumerate() {
        let here = format!("{path}[{k}]");
        if let Some(n) = b.get("number").and_then(Value::as_str) {
            out.push(InputError::at(&here, format!("the typed label \"{n}\" is not the next one of the decree's sequence: it is kept as number")).code("import-numbering").warning());
        }
        if let Some(inner) = b.get("body").and_then(Value::as_array) {
            numbered(inner, &format!("{here}.body"), out);
        }
    }
}

/// What a block the text cannot say is, in the editor's words.
fn kept_kind(b: &Value) -> Option<&'static str> {
    let o = b.as_object()?;
    if o.contains_key("results") {
        return Some("bảng kết quả");
    }
    if o.contains_key("image") {
        return Some("hình ảnh");
    }
    if let Some(t) = o.get("table") {
        let plain = |c: &Value| c.is_string();
        let rows_plain = t.get("rows").and_then(Value::as_array).is_some_and(|rows| rows.iter().all(|r| r.as_array().is_some_and(|cs| cs.iter().all(plain))));
        let cols_plain = t.get("columns").and_then(Value::as_array).is_some_and(|cs| cs.iter().all(|c| c.is_string() || c.as_object().is_some_and(|o| o.keys().all(|k| k == "title") && o["title"].is_string())));
        let extra = o.keys().any(|k| k != "table") || t.as_object().is_some_and(|t| t.keys().any(|k| k != "columns" && k != "rows"));
        let one_line = |v: &Value| v.as_str().is_none_or(|s| !s.contains('\n') && !s.contains('\t'));
        let cells_one_line = t.get("rows").and_then(Value::as_array).is_some_and(|rows| rows.iter().all(|r| r.as_array().is_some_and(|cs| cs.iter().all(one_line))));
        return (!(rows_plain && cols_plain && !extra && cells_one_line)).then_some("bảng có ô gộp hoặc định dạng riêng");
    }
    if o.contains_key("paragraph") {
        return Some("đoạn có định dạng riêng");
    }
    if let Some(n) = o.get("number").and_then(Value::as_str) {
        // A label the text reader would not take for one ("A.", "Phần 1") keeps its block.
        let said = if o.contains_key("section") { heading_label(&format!("{} x", n.trim_end_matches(['.', ')']).to_string() + if n.ends_with(')') { ")" } else { "." })).is_some() } else { false };
        if !said && !o.contains_key("chapter") {
            return Some("mục đánh số riêng");
        }
    }
    if o.contains_key("list") {
        let simple = |v: &Value| v.is_string() || v.as_object().is_some_and(|o| o.get("text").is_some_and(Value::is_string) && o.get("items").and_then(Value::as_array).is_some_and(|a| a.iter().all(Value::is_string)) && o.len() == 2);
        let ok = o.get("list").and_then(Value::as_array).is_some_and(|a| a.iter().all(simple)) && o.keys().all(|k| k == "list" || k == "marker");
        return (!ok).then_some("danh sách có định dạng riêng");
    }
    if o.contains_key("section") || o.contains_key("article") || o.contains_key("chapter") || o.contains_key("part") {
        return None;
    }
    Some("khối có định dạng riêng")
}

/// The text of blocks, and the blocks it shows as `⟦N: …⟧` lines (numbered from 1).
pub struct Text {
    /// One paragraph a line.
    pub text: String,
    /// The blocks kept as they are.
    pub kept: Vec<Value>,
}

/// Write blocks as the text people type (the inverse of [`read`] for what text can say).
pub fn write(blocks: &[Value]) -> Text {
    let mut w = Writer { lines: Vec::new(), kept: Vec::new(), articles: 0, chapters: 0 };
    w.blocks(blocks, &mut Vec::new());
    Text { text: w.lines.join("\n"), kept: w.kept }
}

struct Writer {
    lines: Vec<String>,
    kept: Vec<Value>,
    articles: u32,
    chapters: u32,
}

impl Writer {
    fn blocks(&mut self, blocks: &[Value], labels: &mut Vec<SectionLabels>) {
        let depth = labels.len();
        labels.push(SectionLabels::new(depth + 1));
        for b in blocks {
            if let Some(what) = kept_kind(b) {
                self.kept.push(b.clone());
                self.lines.push(kept_line(self.kept.len(), what));
                continue;
            }
            match b {
                Value::String(s) => self.lines.push(s.clone()),
                Value::Object(o) => {
                    let body = o.get("body").and_then(Value::as_array).cloned().unwrap_or_default();
                    let number = o.get("number").and_then(Value::as_str);
                    if let Some(t) = o.get("paragraph").and_then(Value::as_str) {
                        self.lines.push(t.to_string());
                    } else if let Some(t) = o.get("chapter").and_then(Value::as_str) {
                        self.chapters += 1;
                        let n = number.map(str::to_string).unwrap_or_else(|| roman(self.chapters));
                        self.lines.push(format!("Chương {n}. {t}").trim_end_matches([' ', '.']).to_string());
                        self.blocks(&body, &mut Vec::new());
                    } else if let Some(t) = o.get("article").and_then(Value::as_str) {
                        self.articles += 1;
                        self.lines.push(format!("Điều {}. {t}", self.articles).trim_end().to_string());
                        self.blocks(&body, &mut Vec::new());
                    } else if let Some(t) = o.get("section").and_then(Value::as_str) {
                        let label = labels.last_mut().map(|l| l.next(number)).unwrap_or_default();
                        self.lines.push(format!("{label} {t}"));
                        self.blocks(&body, labels);
                    } else if let Some(items) = o.get("list").and_then(Value::as_array) {
                        let marker = o.get("marker").and_then(Value::as_str).unwrap_or("-");
                        self.list(items, marker);
                    } else if let Some(t) = o.get("table") {
                        let cell = |v: &Value| v.as_str().map(str::to_string).or_else(|| v.get("title").and_then(Value::as_str).map(str::to_string)).unwrap_or_default();
                        let cols: Vec<String> = t.get("columns").and_then(Value::as_array).map(|c| c.iter().map(cell).collect()).unwrap_or_default();
                        self.lines.push(cols.join("\t"));
                        for row in t.get("rows").and_then(Value::as_array).into_iter().flatten() {
                            self.lines.push(row.as_array().map(|c| c.iter().map(cell).collect::<Vec<_>>().join("\t")).unwrap_or_default());
                        }
                    }
                }
                _ => {}
            }
        }
        labels.pop();
    }

    fn list(&mut self, items: &[Value], marker: &str) {
        let letters = crate::nd30::numbering::VN_LETTERS;
        for (k, it) in items.iter().enumerate() {
            let label = match marker {
                "1." => format!("{}.", k + 1),
                "a)" => format!("{})", letters[k % letters.len()]),
                m => m.to_string(),
            };
            let (text, sub) = match it {
                Value::String(s) => (s.clone(), Vec::new()),
                o => (o.get("text").and_then(Value::as_str).unwrap_or("").to_string(), o.get("items").and_then(Value::as_array).cloned().unwrap_or_default()),
            };
            self.lines.push(format!("{label} {text}"));
            for s in sub {
                self.lines.push(format!("+ {}", s.as_str().unwrap_or("")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_outline_reads_as_sections_lists_and_tables() {
        let text = "I. KẾT QUẢ ĐẠT ĐƯỢC\n1. Công tác chỉ đạo\nỦy ban nhân dân xã đã **ban hành** kế hoạch.\n- Tuyên truyền;\n+ trên loa;\n- Tập huấn.\nSTT\tNội dung\tKết quả\n1\tCấp chữ ký số\t120\n2\tTập huấn\t3";
        let r = read(text, &[], Profile::Nd30);
        let v = json!(r.blocks);
        assert_eq!(v[0]["section"], "KẾT QUẢ ĐẠT ĐƯỢC", "{v}");
        let inner = &v[0]["body"][0];
        assert_eq!(inner["section"], "Công tác chỉ đạo", "{v}");
        assert_eq!(inner["body"][0], "Ủy ban nhân dân xã đã **ban hành** kế hoạch.");
        assert_eq!(inner["body"][1]["list"][0]["text"], "Tuyên truyền;");
        assert_eq!(inner["body"][1]["list"][0]["items"][0], "trên loa;");
        assert_eq!(inner["body"][2]["table"]["rows"][1][1], "Tập huấn");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn numbered_lines_with_text_under_them_are_sections_and_runs_are_items() {
        let r = read("I. NHÓM TIÊU CHÍ.\n1. Các tiêu chí về hạ tầng.\n- Tiêu chí 15;\n2. Các tiêu chí về nhân lực.\nĐoạn.\nII. KẾT LUẬN\nĐề nghị:\n1. Rà soát;\n2. Bảo đảm;\n3. Báo cáo.\nĐây là nhiệm vụ trọng tâm.", &[], Profile::Nd30);
        let v = json!(r.blocks);
        assert_eq!(v[0]["body"][0]["section"], "Các tiêu chí về hạ tầng.", "{v}");
        assert_eq!(v[0]["body"][1]["section"], "Các tiêu chí về nhân lực.", "{v}");
        assert_eq!(v[1]["body"][1]["list"], json!(["Rà soát;", "Bảo đảm;", "Báo cáo."]), "{v}");
        assert_eq!(v[1]["body"][1]["marker"], "1.", "{v}");
        assert_eq!(v[1]["body"][2], "Đây là nhiệm vụ trọng tâm.", "{v}");
    }

    #[test]
    fn a_label_out_of_sequence_is_kept_and_said() {
        let r = read("I. MỘT\nIII. BA", &[], Profile::Nd30);
        assert_eq!(r.blocks[1]["number"], "III.");
        assert_eq!(r.warnings[0].code, "import-numbering");
        assert_eq!(r.warnings[0].path.as_deref(), Some("$.body[1]"));
    }

    #[test]
    fn text_round_trips_and_keeps_what_it_cannot_say() {
        let blocks = json!([
            {"section": "TÌNH HÌNH", "body": ["Đoạn một.", {"list": ["a;", "b."]}, {"table": {"columns": ["A", "B"], "rows": [[{"text": "x", "colspan": 2}]]}}]},
            {"article": "Phạm vi", "body": ["Nội dung."]}
        ]);
        let t = write(blocks.as_array().unwrap());
        assert_eq!(t.kept.len(), 1);
        assert!(t.text.contains("⟦1: "), "{}", t.text);
        let back = read(&t.text, &t.kept, Profile::Nd30);
        assert_eq!(json!(back.blocks), blocks, "{}", t.text);
    }
}
