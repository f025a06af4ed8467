//! The parts of an office document, found in Word's paragraphs and tables: the header (a
//! table, tab-aligned paragraphs or text boxes), the type line and the subject, Kính gửi, the
//! preamble of decisions, the body with its numbered headings and lists, and the closing
//! (Nơi nhận and the signing lines, as a table or tab-aligned). Every piece of text lands in
//! the document or in a warning that says where it was and why it was left out.

use super::case::{is_upper, sentence};
use super::wordml::{Cell, Item, Para, Table};
use crate::error::InputError;
use crate::nd30::numbering::{from_roman, SectionLabels};
use crate::nd30::ranges::{BODY_SIZE, INDENTS_MM};
use crate::nd30::{QUOC_HIEU, TIEU_NGU};
use crate::nd30::types::{DocType, SECRECY, TYPES, URGENCY};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The imported document, in the contract's order.
#[derive(Debug, Default, Serialize)]
pub struct Out {
    #[serde(rename = "type")]
    pub doc_type: String,
    pub issuer: Issuer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub place: String,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    pub body: Vec<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signers: Option<Vec<Value>>,
    pub distribution: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drafter: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<Value>,
}

/// The issuing agency.
#[derive(Debug, Default, Serialize)]
pub struct Issuer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub name: String,
    pub code: String,
}

/// A named placeholder, for a value the source leaves as dots (the decree's sample forms).
pub const PLACEHOLDER: &str = "…";

/// The recogniser's state.
pub struct Recogniser<'a> {
    pub out: Out,
    pub warnings: Vec<InputError>,
    numbering: &'a HashMap<(String, u32), String>,
}

/// One line of a header or closing column, with where it came from.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    bold: bool,
    place: String,
}

fn clean(s: &str) -> String {
    s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line of rule characters (the short line under the agency, the type and the date).
fn is_rule(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| "_-–—=~.·…*".contains(c) || c.is_whitespace()) && t.chars().filter(|c| *c == '_' || *c == '-' || *c == '–' || *c == '—' || *c == '=').count() >= 3
}

/// Only dots and ellipses: a placeholder.
fn is_dots(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| c == '.' || c == '…' || c.is_whitespace() || c.is_ascii_digit())
}

fn upper_key(s: &str) -> String {
    clean(s).to_uppercase().replace("HOÀ", "HÒA").replace("UỶ", "ỦY").replace(" - ", "-").replace('–', "-")
}

fn quote(s: &str) -> String {
    let t = clean(s);
    // Whole, up to a long paragraph's length: what is left out can be put back from it.
    if t.chars().count() > 2000 {
        format!("\"{}…\"", t.chars().take(1997).collect::<String>())
    } else {
        format!("\"{t}\"")
    }
}

/// A contract list item from a typed line: "- Như trên;" → "Như trên".
fn item_text(s: &str) -> String {
    let t = clean(s);
    let t = t.trim_start_matches(['-', '–', '—', '+', '•']).trim_start();
    t.trim_end_matches([';', ',']).trim_end_matches('.').trim_end().to_string()
}


/// A heading's label and title: "II. TITLE" → (Roman, "II", title chars offset).
#[derive(Debug, Clone, PartialEq)]
enum Label {
    Roman(u32),
    Arabic(Vec<u32>),
    Letter(char),
}

fn heading_label(text: &str) -> Option<(Label, String, usize)> {
    let t = text.trim_start();
    let lead = text.chars().count() - t.chars().count();
    let head: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    let rest_at = lead + head.chars().count();
    if let Some(r) = head.strip_suffix('.').and_then(from_roman).filter(|_| head.len() > 1) {
        return Some((Label::Roman(r), head.trim_end_matches('.').to_string(), rest_at));
    }
    if let Some(body) = head.strip_suffix('.') {
        let parts: Option<Vec<u32>> = body.split('.').map(|p| p.parse().ok()).collect();
        if let Some(p) = parts.filter(|p| !p.is_empty() && p.len() <= 4) {
            return Some((Label::Arabic(p), body.to_string(), rest_at));
        }
    }
    let mut cs = head.chars();
    if let (Some(c), Some(')'), None) = (cs.next(), cs.next(), cs.next()) {
        if c.is_lowercase() && c.is_alphabetic() {
            return Some((Label::Letter(c), c.to_string(), rest_at));
        }
    }
    None
}

/// Inline markup for a paragraph's runs: `**bold**`, `*italic*`; stars and backslashes
/// before stars escaped.
pub fn markup(p: &Para, drop_bold: bool) -> String {
    let mut s = String::new();
    for r in &p.runs {
        // Only a star is markup; every other backslash prints as itself (the contract).
        let text = r.text.replace('*', "\\*").replace('\t', " ");
        let t = text.trim();
        if t.is_empty() {
            s.push_str(&text);
            continue;
        }
        let (lead, trail) = (&text[..text.len() - text.trim_start().len()], &text[text.trim_end().len()..]);
        let wrap = match (r.bold && !drop_bold, r.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            _ => "",
        };
        s.push_str(lead);
        s.push_str(wrap);
        s.push_str(t);
        s.push_str(wrap);
        s.push_str(trail);
    }
    // Markers side by side ("**a****b**") join into one.
    let s = s.replace("****", "").replace("**\u{0}", "");
    s.split('\n').map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n").trim().to_string()
}

fn type_by_line(text: &str) -> Option<&'static DocType> {
    let k = upper_key(text);
    TYPES.iter().filter(|t| t.has_type_line()).find(|t| upper_key(t.name) == k || k.strip_suffix(" (CÁ BIỆT)").is_some_and(|x| x == upper_key(t.name)))
}

fn mark_of(text: &str) -> Option<(&'static str, &'static str)> {
    let k = upper_key(text);
    if let Some((s, _)) = URGENCY.iter().find(|(_, m)| *m == k) {
        return Some(("urgency", s));
    }
    SECRECY.iter().find(|(_, m)| *m == k).map(|(s, _)| ("secrecy", *s))
}

fn para_place(p: &Para) -> String {
    format!("paragraph {}", p.index)
}

impl<'a> Recogniser<'a> {
    /// A recogniser with the document's numbering formats.
    pub fn new(numbering: &'a HashMap<(String, u32), String>) -> Recogniser<'a> {
        Recogniser { out: Out::default(), warnings: Vec::new(), numbering }
    }

    fn warn(&mut self, place: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.warnings.push(InputError::at(place, message).code(code).warning());
    }

    fn left_out(&mut self, place: &str, text: &str, why: &str) {
        if !clean(text).is_empty() {
            self.warn(place, "import-dropped", format!("{} left out: {why}", quote(text)));
        }
    }

    /// Recognise the whole document.
    pub fn run(&mut self, items: Vec<Item>) {
        let mut i = self.header(&items);
        i = self.type_and_subject(&items, i);
        i = self.preamble(&items, i);
        let end = self.closing_start(&items, i);
        self.body(&items[i..end]);
        self.closing(&items[end..]);
        self.finish_values();
    }

    // ---- header ----

    /// The header's left and right columns; the index of the first item after it.
    fn header(&mut self, items: &[Item]) -> usize {
        let mut left: Vec<Line> = Vec::new();
        let mut right: Vec<Line> = Vec::new();
        let mut i = 0;
        // Leading empty paragraphs.
        while let Some(Item::P(p)) = items.get(i) {
            if !clean(&p.text()).is_empty() {
                break;
            }
            i += 1;
        }
        match items.get(i) {
            Some(Item::T(t)) if table_is_header(t) => {
                for (r, row) in t.rows.iter().enumerate() {
                    let cells: Vec<&Cell> = row.iter().filter(|c| !c.merged).collect();
                    for (c, cell) in cells.iter().enumerate() {
                        let place = format!("table {}, row {}, cell {}", t.index, r + 1, c + 1);
                        let lines = cell_lines(cell, &place);
                        if c == 0 && cells.len() > 1 { left.extend(lines) } else { right.extend(lines) }
                    }
                }
                i += 1;
            }
            _ => {
                // Tab-aligned paragraphs (or text boxes): as long as they read as header lines.
                let mut seen_date = false;
                while let Some(Item::P(p)) = items.get(i) {
                    let text = p.text();
                    if clean(&text).is_empty() {
                        i += 1;
                        if seen_date {
                            break;
                        }
                        continue;
                    }
                    if type_by_line(&text).is_some() || clean(&text).starts_with("Kính gửi") {
                        break;
                    }
                    let parts: Vec<&str> = text.split('\t').map(str::trim).filter(|s| !s.is_empty()).collect();
                    let place = para_place(p);
                    let bold = p.all_bold();
                    let mk = |t: &str| Line { text: t.to_string(), bold, place: place.clone() };
                    let header_like = |t: &str| is_quoc_hieu(t) || is_tieu_ngu(t) || parse_date_line(t).is_some() || clean(t).starts_with("Số") || is_upper(t) || is_rule(t) || clean(t).starts_with("V/v");
                    if !parts.iter().all(|t| header_like(t)) && !left.is_empty() {
                        break;
                    }
                    match parts.as_slice() {
                        [one] => {
                            let right_side = is_quoc_hieu(one) || is_tieu_ngu(one) || parse_date_line(one).is_some() || p.align.as_deref() == Some("right");
                            if right_side { right.push(mk(one)) } else { left.push(mk(one)) }
                        }
                        [first, .., last] => {
                            left.push(mk(first));
                            right.push(mk(last));
                            for mid in &parts[1..parts.len() - 1] {
                                right.push(mk(mid));
                            }
                        }
                        [] => {}
                    }
                    if parts.iter().any(|t| parse_date_line(t).is_some()) {
                        seen_date = true;
                    }
                    i += 1;
                    if i > 40 {
                        break;
                    }
                }
            }
        }
        self.header_left(left);
        self.header_right(right);
        i
    }

    fn header_left(&mut self, lines: Vec<Line>) {
        let mut agency: Vec<Line> = Vec::new();
        let mut subject: Vec<String> = Vec::new();
        let mut in_subject = false;
        for l in lines {
            let t = clean(&l.text);
            if t.is_empty() || is_rule(&t) {
                continue;
            }
            if let Some((k, v)) = mark_of(&t) {
                self.set_mark(k, v);
                continue;
            }
            if t.starts_with("Số") && (t.contains(':') || t.contains('/')) {
                self.number_line(&t, &l.place);
                in_subject = false;
                continue;
            }
            if let Some(rest) = t.strip_prefix("V/v") {
                subject.push(rest.trim_start_matches([':', ' ']).to_string());
                in_subject = true;
                continue;
            }
            if in_subject {
                subject.push(t);
                continue;
            }
            agency.push(Line { text: t, ..l });
        }
        if !subject.is_empty() {
            self.out.doc_type = "cong-van".into();
            self.out.subject = Some(subject.join("\n"));
        }
        // The parent is typed regular, the agency bold (Phụ lục I, ô 2).
        let bold_from = agency.iter().position(|l| l.bold);
        let (parent, name): (Vec<Line>, Vec<Line>) = match bold_from {
            Some(b) if b > 0 => (agency[..b].to_vec(), agency[b..].to_vec()),
            _ if agency.len() >= 3 => (agency[..1].to_vec(), agency[1..].to_vec()),
            _ => (Vec::new(), agency),
        };
        if !parent.is_empty() {
            self.out.issuer.parent = Some(sentence(&parent.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")));
        }
        self.out.issuer.name = sentence(&name.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"));
    }

    fn set_mark(&mut self, kind: &str, value: &str) {
        if kind == "urgency" {
            self.out.urgency = Some(value.into());
        } else {
            self.out.secrecy = Some(value.into());
        }
    }

    /// "Số: 454/UBND-NCTH", "Số:    /BC-UBND", "Số: …/QĐ-…".
    fn number_line(&mut self, t: &str, place: &str) {
        let rest = t.trim_start_matches("Số").trim_start_matches([':', ' ']).trim();
        let (num, symbol) = match rest.split_once('/') {
            Some((n, s)) => (n.trim(), s.trim()),
            None => (rest, ""),
        };
        if symbol.chars().any(char::is_whitespace) || symbol.contains('/') {
            self.left_out(place, t, "not a number line the decree knows (Số: 15/BC-UBND)");
            return;
        }
        let digits: String = num.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) {
            match digits.parse::<u32>() {
                Ok(n) if n > 0 => self.out.number = Some(n),
                _ => self.warn(place, "import-placeholder", format!("the number {} is not a positive integer: left unregistered", quote(num))),
            }
        } else if !num.chars().all(|c| c == '.' || c == '…' || c.is_whitespace()) {
            self.warn(place, "import-placeholder", format!("the number {} is not a number: left unregistered", quote(num)));
        }
        if !symbol.is_empty() {
            self.out.symbol = Some(symbol.to_string());
        }
    }

    fn header_right(&mut self, lines: Vec<Line>) {
        for l in lines {
            let t = clean(&l.text);
            if t.is_empty() || is_rule(&t) || is_quoc_hieu(&t) || is_tieu_ngu(&t) {
                continue;
            }
            if let Some((k, v)) = mark_of(&t) {
                self.set_mark(k, v);
                continue;
            }
            if let Some((place, date)) = parse_date_line(&t) {
                self.out.place = place;
                self.out.date = date;
                continue;
            }
            self.left_out(&l.place, &t, "in the header, neither the national title, the motto nor the date line");
        }
    }

    // ---- type line, subject ----

    fn type_and_subject(&mut self, items: &[Item], mut i: usize) -> usize {
        // Marks and empty paragraphs between the header and the type line.
        while let Some(Item::P(p)) = items.get(i) {
            let t = clean(&p.text());
            if let Some((k, v)) = mark_of(&t) {
                self.set_mark(k, v);
            } else if !t.is_empty() && !is_rule(&t) {
                break;
            }
            i += 1;
        }
        let Some(Item::P(p)) = items.get(i) else { return i };
        let text = clean(&p.text());
        let found = type_by_line(&text);
        if found.is_none() && text.to_uppercase() != "TÊN LOẠI VĂN BẢN" {
            return i;
        }
        let type_centred = p.align.as_deref() == Some("center");
        match found {
            Some(t) => self.out.doc_type = t.slug.into(),
            None => self.warn(para_place(p), "import-placeholder", "the type line is the placeholder \"TÊN LOẠI VĂN BẢN\": the type is left as a placeholder"),
        }
        i += 1;
        let mut subject = Vec::new();
        while let Some(Item::P(p)) = items.get(i) {
            let t = p.text();
            let c = clean(&t);
            if c.is_empty() || is_rule(&c) {
                i += 1;
                if is_rule(&c) || !subject.is_empty() {
                    break;
                }
                continue;
            }
            // The subject is centred under a centred type line; body text is not.
            let centred = |x: &Para| x.align.as_deref() == Some("center");
            if c.starts_with("Kính gửi") || c.starts_with("Căn cứ") || subject.len() >= 6 || (type_centred && !centred(p)) {
                break;
            }
            subject.extend(t.split('\n').map(clean).filter(|s| !s.is_empty()));
            i += 1;
        }
        if !subject.is_empty() {
            self.out.subject = Some(subject.join("\n"));
        }
        i
    }

    // ---- Kính gửi, authority, căn cứ ----

    fn preamble(&mut self, items: &[Item], mut i: usize) -> usize {
        let decision = matches!(self.out.doc_type.as_str(), "quyet-dinh" | "nghi-quyet");
        loop {
            let Some(Item::P(p)) = items.get(i) else { return i };
            let t = clean(&p.text());
            if t.is_empty() || is_rule(&t) {
                i += 1;
                continue;
            }
            if let Some(rest) = t.strip_prefix("Kính gửi") {
                i = self.recipients(items, i, rest.trim_start_matches([':', ' ']));
                continue;
            }
            // The lead lines of công điện ("… điện:") and giấy mời ("… trân trọng kính mời:").
            let lead = match self.out.doc_type.as_str() {
                "cong-dien" => t.strip_suffix(" điện:").map(|l| sentence(l.trim_matches('*'))),
                "giay-moi" => t.strip_suffix(" trân trọng kính mời:").map(str::to_string),
                _ => None,
            };
            if let Some(l) = lead.filter(|_| self.out.recipients.is_empty() && self.out.lead.is_none()) {
                self.out.lead = Some(l);
                i = self.recipients(items, i, "");
                continue;
            }
            if decision {
                if t.starts_with("Căn cứ") {
                    self.out.bases.push(t.trim_end_matches([';', ',', '.']).trim_end().to_string());
                    i += 1;
                    continue;
                }
                if t.starts_with("Theo đề nghị") || t.starts_with("Xét đề nghị") {
                    self.out.proposal = Some(t.trim_end_matches([';', ',', '.']).trim_end().to_string());
                    i += 1;
                    continue;
                }
                let k = upper_key(&t);
                if k == "QUYẾT ĐỊNH:" || k == "QUYẾT NGHỊ:" || k == "QUYẾT ĐỊNH" || k == "QUYẾT NGHỊ" {
                    i += 1;
                    return i;
                }
                if is_upper(&t) && self.out.authority.is_none() && self.out.bases.is_empty() {
                    self.out.authority = Some(sentence(&t));
                    i += 1;
                    continue;
                }
            }
            return i;
        }
    }

    fn recipients(&mut self, items: &[Item], mut i: usize, first: &str) -> usize {
        let mut lines: Vec<String> = Vec::new();
        if !first.is_empty() {
            lines.push(first.to_string());
        }
        i += 1;
        // A dash list under it: as long as lines start with a dash.
        if lines.is_empty() || lines[0].starts_with('-') {
            while let Some(Item::P(p)) = items.get(i) {
                let t = clean(&p.text());
                if t.starts_with('-') || t.starts_with('–') {
                    lines.push(t);
                    i += 1;
                } else if t.is_empty() && lines.is_empty() {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        for l in lines {
            for part in l.split('\n') {
                let item = item_text(part);
                if !item.is_empty() {
                    self.out.recipients.push(item);
                }
            }
        }
        i
    }

    // ---- closing ----

    /// Where the closing starts: the Nơi nhận table or paragraph, or a signing table.
    fn closing_start(&self, items: &[Item], from: usize) -> usize {
        for (k, it) in items.iter().enumerate().skip(from) {
            match it {
                Item::T(t) if table_is_closing(t) => return k,
                Item::P(p) if clean(&p.text()).starts_with("Nơi nhận") => return k,
                _ => {}
            }
        }
        // A signing block typed as paragraphs at the end: TM./KT./… lines.
        for (k, it) in items.iter().enumerate().skip(from).rev() {
            if let Item::P(p) = it {
                if is_signing_prefix(&clean(&p.text())) {
                    return k;
                }
            }
        }
        items.len()
    }

    fn closing(&mut self, items: &[Item]) {
        let mut left: Vec<Line> = Vec::new();
        let mut signer_cells: Vec<Vec<Line>> = Vec::new();
        let mut after: Vec<(String, String)> = Vec::new();
        let mut done = false;
        for it in items {
            match it {
                Item::T(t) if !done && table_is_closing(t) => {
                    let ncols = t.rows.iter().map(|r| r.iter().filter(|c| !c.merged).count()).max().unwrap_or(0);
                    let mut cols: Vec<Vec<Line>> = vec![Vec::new(); ncols];
                    for (r, row) in t.rows.iter().enumerate() {
                        for (c, cell) in row.iter().filter(|c| !c.merged).enumerate() {
                            cols[c].extend(cell_lines(cell, &format!("table {}, row {}, cell {}", t.index, r + 1, c + 1)));
                        }
                    }
                    for col in cols {
                        if col.iter().any(|l| clean(&l.text).starts_with("Nơi nhận")) {
                            left.extend(col);
                        } else if col.iter().any(|l| !clean(&l.text).is_empty()) {
                            signer_cells.push(col);
                        }
                    }
                    done = true;
                }
                Item::T(t) => {
                    for (r, row) in t.rows.iter().enumerate() {
                        for (c, cell) in row.iter().enumerate() {
                            for l in cell.lines() {
                                after.push((format!("table {}, row {}, cell {}", t.index, r + 1, c + 1), l));
                            }
                        }
                    }
                }
                Item::P(p) if !done => {
                    // Tab-aligned: Nơi nhận on the left, the signing lines on the right.
                    let text = p.text();
                    let parts: Vec<&str> = text.split('\t').collect();
                    let bold = p.all_bold();
                    let place = para_place(p);
                    let (l, r) = if parts.len() > 1 {
                        (parts[0].trim().to_string(), parts[1..].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" "))
                    } else if p.align.as_deref() == Some("center") || p.align.as_deref() == Some("right") || left.is_empty() && !clean(&text).starts_with("Nơi nhận") {
                        (String::new(), text.trim().to_string())
                    } else {
                        (text.trim().to_string(), String::new())
                    };
                    for part in l.split('\n') {
                        left.push(Line { text: part.to_string(), bold, place: place.clone() });
                    }
                    if signer_cells.is_empty() {
                        signer_cells.push(Vec::new());
                    }
                    for part in r.split('\n') {
                        signer_cells[0].push(Line { text: part.to_string(), bold, place: place.clone() });
                    }
                    if is_drafter(&clean(&text)) || is_contact(&clean(&text)).is_some() {
                        done = true;
                    }
                }
                Item::P(p) => {
                    for l in p.text().split('\n') {
                        after.push((para_place(p), l.to_string()));
                    }
                }
            }
        }
        // Nơi nhận.
        let mut in_list = false;
        for l in &left {
            let t = clean(&l.text);
            if t.is_empty() {
                continue;
            }
            if let Some(rest) = t.strip_prefix("Nơi nhận") {
                in_list = true;
                let rest = rest.trim_start_matches([':', ' ']);
                if !rest.is_empty() {
                    self.out.distribution.push(item_text(rest));
                }
                continue;
            }
            if in_list && (t.starts_with('-') || t.starts_with('–') || t.starts_with('+')) {
                self.out.distribution.push(item_text(&t));
            } else if self.drafter_or_contact(&t).is_none() {
                self.left_out(&l.place, &t, "under Nơi nhận, not an item of it");
            }
        }
        let mut signers = Vec::new();
        for cell in signer_cells {
            if let Some(s) = self.signer(&cell) {
                signers.push(s);
            }
        }
        match signers.len() {
            0 => self.warn("closing", "import-placeholder", "no signing block was found: the signer is left as a placeholder"),
            1 => self.out.signer = signers.pop(),
            _ => self.out.signers = Some(signers),
        }
        for (place, t) in after {
            let c = clean(&t);
            if c.is_empty() || self.drafter_or_contact(&c).is_some() {
                continue;
            }
            self.left_out(&place, &c, "after the signing block (notes, file paths and such are not part of the document)");
        }
    }

    /// Contact lines (ô 13) from a page footer, where vanban's own DOCX puts them; the rest
    /// of the footer's text is returned.
    pub fn footer_contact(&mut self, lines: &[String]) -> Vec<String> {
        let mut rest = Vec::new();
        for l in lines {
            for part in l.split(';') {
                let p = clean(part);
                if !p.is_empty() && self.drafter_or_contact(&p).is_none() {
                    rest.push(p);
                }
            }
        }
        rest
    }

    /// Ô 12 and ô 13 lines: "PL.300", "Địa chỉ: …", "ĐT: …", "Email: …", "Website: …".
    fn drafter_or_contact(&mut self, t: &str) -> Option<()> {
        if is_drafter(t) {
            let (ini, copies) = t.split_once('.').map(|(a, b)| (a, b.trim_start_matches('(').trim_end_matches(')').parse::<u32>().ok())).unwrap_or((t, None));
            let mut d = json!({ "initials": ini });
            if let Some(c) = copies {
                d["copies"] = json!(c);
            }
            self.out.drafter = Some(d);
            return Some(());
        }
        let (key, value) = is_contact(t)?;
        let c = self.out.contact.get_or_insert_with(|| json!({}));
        c[key] = json!(value);
        Some(())
    }

    /// A signing cell: prefixes (TM./KT./TL./TUQ./Q.), the title, the space, the name.
    fn signer(&mut self, lines: &[Line]) -> Option<Value> {
        let lines: Vec<&Line> = lines.iter().filter(|l| !clean(&l.text).is_empty()).collect();
        if lines.is_empty() {
            return None;
        }
        let mut s = serde_json::Map::new();
        let mut titles: Vec<String> = Vec::new();
        let mut name: Option<String> = None;
        for (k, l) in lines.iter().enumerate() {
            let t = clean(&l.text);
            let last = k + 1 == lines.len();
            if t.starts_with('(') && t.ends_with(')') {
                let inner = &t[1..t.len() - 1];
                if inner.starts_with("Đã ký") || inner.starts_with("đã ký") {
                    s.insert("note".into(), json!(t));
                } else {
                    self.left_out(&l.place, &t, "the decree's note in the signature space, not text of the document");
                }
                continue;
            }
            if let Some(rest) = strip_prefix_ci(&t, "TM.") {
                s.insert("on_behalf_of".into(), json!(sentence(rest)));
            } else if let Some(rest) = strip_prefix_ci(&t, "KT.") {
                s.insert("for".into(), json!(sentence(rest)));
            } else if let Some(rest) = strip_prefix_ci(&t, "TUQ.") {
                s.insert("by_delegation_of".into(), json!(sentence(rest)));
            } else if let Some(rest) = strip_prefix_ci(&t, "TL.") {
                s.insert("by_order_of".into(), json!(sentence(rest)));
            } else if is_upper(&t) && !(last && titles.is_empty() && k > 0) {
                titles.push(t);
            } else if last || name.is_none() && !is_upper(&t) {
                if let Some(prev) = name.replace(t.clone()) {
                    self.left_out(&l.place, &prev, "in the signing block, neither a signing line nor the name");
                }
            } else {
                self.left_out(&l.place, &t, "in the signing block, neither a signing line nor the name");
            }
        }
        if titles.is_empty() && s.is_empty() && name.is_none() {
            return None;
        }
        let mut title = titles.join(" ");
        if let Some(rest) = strip_prefix_ci(&title, "Q.") {
            s.insert("acting".into(), json!(true));
            title = rest.to_string();
        }
        if !title.is_empty() {
            s.insert("title".into(), json!(sentence(&title)));
        }
        match name.filter(|n| !is_dots(n)) {
            Some(n) => s.insert("name".into(), json!(n)),
            None => {
                self.warn(lines[0].place.clone(), "import-placeholder", "the signer's name is missing or a placeholder");
                s.insert("name".into(), json!(PLACEHOLDER))
            }
        };
        Some(Value::Object(s))
    }

    // ---- body ----

    /// The body's font size and first-line indent, where they are the decree's other choice
    /// (13 pt; a 1 cm indent); other values are said and left to the decree's defaults.
    fn body_style(&mut self, items: &[Item]) {
        let mut sizes: HashMap<u32, usize> = HashMap::new();
        let mut indents: HashMap<i32, usize> = HashMap::new();
        for it in items {
            if let Item::P(p) = it {
                let n = p.text().chars().count();
                if n < 40 || p.num.is_some() {
                    continue; // headings and short lines say little about the body
                }
                if let Some(s) = p.size {
                    *sizes.entry(s).or_default() += n;
                }
                if let Some(i) = p.first_line.filter(|i| *i > 0) {
                    *indents.entry(i).or_default() += n;
                }
            }
        }
        // The decree's two choices (src/nd30/ranges.rs); the larger size and indent are the
        // layout's defaults, so only the smaller ones are written.
        let mut style = serde_json::Map::new();
        if let Some((half_points, _)) = sizes.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let pt = half_points as f64 / 2.0;
            if pt == BODY_SIZE.0 {
                style.insert("body_size".into(), json!(pt as u32));
            } else if pt != BODY_SIZE.1 {
                self.warn("body", "import-style", format!("the body is {pt} pt; the decree's body is {} or {} pt: the default is used", BODY_SIZE.0, BODY_SIZE.1));
            }
        }
        if let Some((twips, _)) = indents.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let mm = twips as f64 * 25.4 / 1440.0;
            let near = |x: f64| (mm - x).abs() < 0.3;
            if near(INDENTS_MM[0]) {
                style.insert("indent".into(), json!(format!("{}cm", INDENTS_MM[0] / 10.0)));
            } else if !near(INDENTS_MM[1]) {
                self.warn("body", "import-style", format!("the first-line indent is {mm:.1} mm; the decree's is {} or {} mm: the default is used", INDENTS_MM[0], INDENTS_MM[1]));
            }
        }
        if !style.is_empty() {
            self.out.style = Some(Value::Object(style));
        }
    }

    fn body(&mut self, items: &[Item]) {
        self.body_style(items);
        let mut b = BodyBuilder::default();
        for it in items {
            match it {
                Item::T(t) => {
                    if let Some(block) = self.table(t) {
                        b.push_block(block);
                    }
                }
                Item::P(p) => {
                    if p.page_break {
                        b.push_block(json!({ "page_break": true }));
                    }
                    let text = p.text();
                    if clean(&text).is_empty() {
                        continue;
                    }
                    if is_rule(&text) {
                        self.left_out(&para_place(p), &text, "a typed rule line");
                        continue;
                    }
                    self.body_para(&mut b, p);
                }
            }
        }
        self.out.body = b.finish();
    }

    fn body_para(&mut self, b: &mut BodyBuilder, p: &Para) {
        let text = clean(&p.text());
        // Chương, Điều.
        if let Some(rest) = text.strip_prefix("Chương ") {
            let (label, title) = rest.split_once(' ').unwrap_or((rest, ""));
            let label = label.trim_end_matches(['.', ':']);
            if from_roman(label).is_some() || label.parse::<u32>().is_ok() {
                b.open_chapter(title.trim_start_matches(['.', ':', '-', ' ']).to_string(), label.to_string());
                return;
            }
        }
        if b.chapter_needs_title() && is_upper(&text) {
            b.set_chapter_title(sentence(&text));
            return;
        }
        if let Some(rest) = text.strip_prefix("Điều ") {
            let (label, title) = rest.split_once('.').unwrap_or((rest, ""));
            if let Ok(n) = label.trim().parse::<u32>() {
                let prefix = text.chars().count() - title.chars().count();
                let tail = p.from_char(prefix);
                if p.all_bold() || title.trim().is_empty() {
                    b.open_article(markup(&tail, true), n);
                } else {
                    // Only "Điều N." is bold: an article without a title, its text running on.
                    b.open_article(String::new(), n);
                    b.push_block(json!(markup(&tail, false)));
                }
                return;
            }
        }
        // Numbered headings: bold (Word's own numbering aside).
        if let Some((label, shown, at)) = heading_label(&text) {
            let tail = p.from_char(at);
            let is_heading = p.all_bold();
            if is_heading && p.num.is_none() {
                b.open_section(label, shown, markup(&tail, true));
                return;
            }
            // A typed "1." or "a)" list item.
            let marker = match label {
                Label::Arabic(ref v) if v.len() == 1 => Some("1."),
                Label::Letter(_) => Some("a)"),
                _ => None,
            };
            if let Some(m) = marker {
                b.push_item(m, markup(&tail, false));
                return;
            }
        }
        // Typed dashes and pluses.
        let trimmed = p.text();
        let t = trimmed.trim_start();
        if let Some(c) = t.chars().next().filter(|c| "-–—+•".contains(*c)) {
            let after: String = t.chars().skip(1).collect();
            if after.starts_with(' ') || after.starts_with('\t') {
                let lead = trimmed.chars().count() - after.trim_start().chars().count();
                let marker = if c == '+' { "+" } else { "-" };
                b.push_item(marker, markup(&p.from_char(lead), false));
                return;
            }
        }
        // Word's automatic numbering.
        if let Some((id, lvl)) = &p.num {
            let fmt = self.numbering.get(&(id.clone(), *lvl)).cloned().unwrap_or_default();
            let marker = if fmt.starts_with("bullet") {
                if fmt.contains('+') { "+" } else { "-" }
            } else if fmt.starts_with("lowerLetter") {
                "a)"
            } else {
                "1."
            };
            b.push_item(marker, markup(p, false));
            return;
        }
        let text_m = markup(p, false);
        match p.align.as_deref() {
            Some("center") | Some("right") => b.push_block(json!({ "paragraph": text_m, "align": p.align.as_deref().unwrap_or("center") })),
            _ => b.push_block(json!(text_m)),
        }
    }

    fn table(&mut self, t: &Table) -> Option<Value> {
        let align_of = |c: &Cell| -> Option<String> {
            let a = c.paras.iter().find(|p| !p.text().trim().is_empty())?.align.clone()?;
            Some(match a.as_str() {
                "center" => "center",
                "right" | "end" => "right",
                _ => "left",
            }
            .to_string())
        };
        // A column's alignment: that of most of its data cells.
        let ncols = t.rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let mut col_align: Vec<Option<String>> = vec![None; ncols];
        for (k, slot) in col_align.iter_mut().enumerate() {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for row in t.rows.iter().skip(1) {
                if let Some(c) = row.get(k).filter(|c| c.span == 1 && !c.merged) {
                    if let Some(a) = align_of(c) {
                        *counts.entry(a).or_default() += 1;
                    }
                }
            }
            *slot = counts.into_iter().max_by_key(|(a, n)| (*n, a.clone())).map(|(a, _)| a).filter(|a| a != "left");
        }
        let mut rows: Vec<Vec<Value>> = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            let mut out = Vec::new();
            for (k, c) in row.iter().enumerate() {
                let bold = c.paras.iter().any(|p| !p.text().trim().is_empty()) && c.paras.iter().filter(|p| !p.text().trim().is_empty()).all(Para::all_bold);
                // The header row is bold by the layout; a bold cell says so as a property.
                let text = if c.merged { String::new() } else { c.paras.iter().map(|p| markup(p, bold)).collect::<Vec<_>>().join("\n") };
                let mut cell = serde_json::Map::new();
                if c.span > 1 {
                    cell.insert("colspan".into(), json!(c.span));
                }
                let a = align_of(c);
                let col = col_align.get(k).cloned().flatten();
                if r > 0 && a.is_some() && a != col && !(a.as_deref() == Some("left") && col.is_none()) {
                    cell.insert("align".into(), json!(a));
                }
                if bold && r > 0 {
                    cell.insert("bold".into(), json!(true));
                }
                if cell.is_empty() {
                    out.push(json!(text));
                } else {
                    cell.insert("text".into(), json!(text));
                    out.push(Value::Object(cell));
                }
            }
            rows.push(out);
        }
        if rows.is_empty() {
            return None;
        }
        let head = rows.remove(0);
        let total: u32 = t.grid.iter().sum::<u32>().max(1);
        let columns: Vec<Value> = head
            .iter()
            .enumerate()
            .map(|(k, h)| {
                let title = h.get("text").cloned().unwrap_or_else(|| h.clone());
                let mut c = json!({ "title": title });
                let w = t.grid.get(k).copied().unwrap_or(0);
                if w > 0 && t.grid.len() == head.len() {
                    c["width"] = json!(format!("{}fr", (w * 100 / total).max(1)));
                }
                if let Some(a) = col_align.get(k).cloned().flatten() {
                    c["align"] = json!(a);
                }
                c
            })
            .collect();
        Some(json!({ "table": { "columns": columns, "rows": rows } }))
    }

    /// Placeholders for what the contract requires and the source did not give.
    fn finish_values(&mut self) {
        let slug = self.out.doc_type.clone();
        if slug.is_empty() {
            self.warn("document", "import-placeholder", "no type line and no V/v: the type is left as a placeholder (set \"type\")");
            self.out.doc_type = PLACEHOLDER.into();
        }
        if self.out.issuer.name.is_empty() || is_dots(&self.out.issuer.name) {
            self.warn("header", "import-placeholder", "the issuing agency was not found");
            self.out.issuer.name = PLACEHOLDER.into();
        }
        // The symbol: the issuer's code (and a công văn's unit) when it is the decree's.
        let doc_type = crate::nd30::types::by_slug(&self.out.doc_type);
        match (self.out.symbol.clone(), doc_type) {
            (Some(sym), Some(t)) => {
                let parts: Vec<&str> = sym.split('-').collect();
                if t.is_cong_van() && parts.len() == 2 && !parts[0].is_empty() {
                    self.out.issuer.code = parts[0].into();
                    self.out.unit = Some(parts[1].into());
                    self.out.symbol = None;
                } else if let (Some(abbr), [a, rest @ ..]) = (t.abbr, parts.as_slice()) {
                    if *a == abbr && !rest.is_empty() {
                        self.out.issuer.code = rest.join("-");
                        self.out.symbol = None;
                    } else {
                        self.out.issuer.code = parts.last().unwrap_or(&"").to_string();
                    }
                } else {
                    self.out.issuer.code = parts.last().unwrap_or(&"").to_string();
                }
            }
            (Some(sym), None) => self.out.issuer.code = sym.split('-').next_back().unwrap_or("").to_string(),
            (None, _) => {}
        }
        if self.out.issuer.code.is_empty() || is_dots(&self.out.issuer.code) || self.out.issuer.code.contains('…') {
            self.warn("header", "import-placeholder", "no issuer code in the number line (Số: …/BC-UBND): left as a placeholder");
            self.out.issuer.code = PLACEHOLDER.into();
            self.out.symbol = None;
        }
        if self.out.place.is_empty() || is_dots(&self.out.place) {
            self.warn("header", "import-placeholder", "no place in the date line: left as a placeholder");
            self.out.place = PLACEHOLDER.into();
        }
        if self.out.date.is_empty() {
            self.warn("header", "import-placeholder", "no date line (…, ngày … tháng … năm …): the date is left as a placeholder");
            self.out.date = PLACEHOLDER.into();
        }
        if self.out.distribution.is_empty() {
            self.warn("closing", "import-placeholder", "no Nơi nhận was found");
        }
    }
}

fn strip_prefix_ci<'s>(t: &'s str, p: &str) -> Option<&'s str> {
    t.strip_prefix(p).map(str::trim).filter(|r| !r.is_empty())
}

fn is_signing_prefix(t: &str) -> bool {
    ["TM. ", "KT. ", "TL. ", "TUQ. ", "Q. "].iter().any(|p| t.starts_with(p))
}

fn is_drafter(t: &str) -> bool {
    let (a, b) = t.split_once('.').unwrap_or((t, ""));
    let b = b.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(b);
    !a.is_empty() && a.chars().count() <= 8 && a.chars().all(|c| c.is_uppercase()) && (b.is_empty() || b.chars().all(|c| c.is_ascii_digit())) && t.contains('.')
}

fn is_contact(t: &str) -> Option<(&'static str, String)> {
    let keys: [(&str, &'static str); 7] = [("Địa chỉ", "address"), ("Điện thoại", "phone"), ("ĐT", "phone"), ("Email", "email"), ("E-mail", "email"), ("Website", "website"), ("Trang thông tin điện tử", "website")];
    for (k, v) in keys {
        if let Some(rest) = t.strip_prefix(k) {
            if let Some(r) = rest.trim_start().strip_prefix(':') {
                return Some((v, r.trim().to_string()));
            }
        }
    }
    None
}

fn is_quoc_hieu(t: &str) -> bool {
    upper_key(t) == upper_key(QUOC_HIEU)
}

fn is_tieu_ngu(t: &str) -> bool {
    upper_key(t) == upper_key(TIEU_NGU)
}

/// "Hương Xuân, ngày 05 tháng 10 năm 2020" → (place, "2020-10-05"); blanks give the year
/// alone ("2026") or a placeholder.
fn parse_date_line(t: &str) -> Option<(String, String)> {
    let t = clean(t);
    let at = t.find(", ngày").or_else(|| t.find(",ngày"))?;
    let place = t[..at].trim().to_string();
    let rest = t[at..].trim_start_matches(',').trim();
    let rest = rest.strip_prefix("ngày")?;
    let (day, rest) = rest.split_once("tháng")?;
    let (month, year) = rest.split_once("năm")?;
    let num = |s: &str| -> Option<u32> {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        (!d.is_empty() && s.trim().chars().all(|c| c.is_ascii_digit())).then(|| d.parse().ok()).flatten()
    };
    let year_s: String = year.trim().trim_end_matches('.').to_string();
    let date = match (num(day), num(month), num(&year_s)) {
        (Some(d), Some(m), Some(y)) => chrono::NaiveDate::from_ymd_opt(y as i32, m, d).map(|x| x.format("%Y-%m-%d").to_string()).unwrap_or_else(|| PLACEHOLDER.into()),
        (None, None, Some(y)) => y.to_string(),
        _ => PLACEHOLDER.into(),
    };
    let place = if place.chars().all(|c| c == '.' || c == '…' || c.is_whitespace() || c.is_ascii_digit()) { PLACEHOLDER.to_string() } else { place };
    Some((place, date))
}

fn table_is_header(t: &Table) -> bool {
    let text: String = t.rows.iter().flatten().flat_map(|c| c.lines()).collect::<Vec<_>>().join("\n");
    let up = upper_key(&text);
    up.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || text.contains("Số:") && text.contains("ngày")
}

fn table_is_closing(t: &Table) -> bool {
    let lines: Vec<String> = t.rows.iter().flatten().flat_map(|c| c.lines()).map(|l| clean(&l)).collect();
    lines.iter().any(|l| l.starts_with("Nơi nhận")) || lines.iter().any(|l| is_signing_prefix(l)) && t.rows.len() <= 3
}

fn cell_lines(cell: &Cell, place: &str) -> Vec<Line> {
    cell.paras
        .iter()
        .flat_map(|p| {
            let bold = p.all_bold();
            p.text().split('\n').map(|t| Line { text: t.to_string(), bold, place: format!("{place}, paragraph {}", p.index) }).collect::<Vec<_>>()
        })
        .collect()
}

/// The body as nested blocks: chapters hold articles and sections, sections nest by depth,
/// list items gather into lists; `number` is set where the source's label is not the next
/// one the decree would give.
#[derive(Default)]
struct BodyBuilder {
    /// Open containers: (kind, value under construction, depth).
    stack: Vec<(Kind, Value)>,
    root: Vec<Value>,
    /// The current list, when the last block was a list item.
    list: Option<(String, Vec<Value>)>,
    /// The decree's labels at each open section depth.
    counters: Vec<SectionLabels>,
    chapters: u32,
    /// Which label style is at which depth (Roman, Arabic, letter), as the source shows.
    styles: Vec<Label>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Chapter,
    Article,
    Section(usize),
}

impl BodyBuilder {
    fn target(&mut self) -> &mut Vec<Value> {
        match self.stack.last_mut() {
            Some((_, v)) => v["body"].as_array_mut().expect("container body"),
            None => &mut self.root,
        }
    }

    fn flush_list(&mut self) {
        if let Some((marker, items)) = self.list.take() {
            let mut l = json!({ "list": items });
            if marker != "-" {
                l["marker"] = json!(marker);
            }
            self.target().push(l);
        }
    }

    fn push_block(&mut self, v: Value) {
        self.flush_list();
        self.target().push(v);
    }

    fn push_item(&mut self, marker: &str, text: String) {
        match &mut self.list {
            Some((m, items)) if m == marker => items.push(json!(text)),
            Some((m, items)) if marker == "+" && m != "+" => {
                // A "+" under a "-": a nested item.
                let last = items.pop().unwrap_or(json!(""));
                let mut obj = match last {
                    Value::String(s) => json!({ "text": s, "items": [] }),
                    o => o,
                };
                if obj.get("items").is_none() {
                    obj["items"] = json!([]);
                }
                obj["items"].as_array_mut().expect("items").push(json!(text));
                items.push(obj);
            }
            _ => {
                self.flush_list();
                self.list = Some((marker.to_string(), vec![json!(text)]));
            }
        }
    }

    fn close_to(&mut self, keep: impl Fn(Kind) -> bool) {
        self.flush_list();
        while let Some((k, _)) = self.stack.last() {
            if keep(*k) {
                break;
            }
            let (_, v) = self.stack.pop().expect("non-empty");
            self.target().push(v);
        }
    }

    fn open_chapter(&mut self, title: String, label: String) {
        self.close_to(|_| false);
        self.chapters += 1;
        let mut v = json!({ "chapter": title, "body": [] });
        if from_roman(&label) != Some(self.chapters) && label.parse::<u32>().ok() != Some(self.chapters) {
            v["number"] = json!(label);
        }
        self.stack.push((Kind::Chapter, v));
    }

    fn chapter_needs_title(&self) -> bool {
        matches!(self.stack.last(), Some((Kind::Chapter, v)) if v["chapter"] == "" && v["body"].as_array().is_some_and(|b| b.is_empty()))
    }

    fn set_chapter_title(&mut self, t: String) {
        if let Some((_, v)) = self.stack.last_mut() {
            v["chapter"] = json!(t);
        }
    }

    fn open_article(&mut self, title: String, _n: u32) {
        self.close_to(|k| k == Kind::Chapter);
        self.counters.clear();
        self.styles.clear();
        self.stack.push((Kind::Article, json!({ "article": title, "body": [] })));
    }

    fn open_section(&mut self, label: Label, shown: String, title: String) {
        // The depth: where this label style was seen, else one deeper than the open sections.
        let style_of = |l: &Label| match l {
            Label::Roman(_) => 0,
            Label::Arabic(v) => v.len(),
            Label::Letter(_) => 10,
        };
        let open = self.stack.iter().filter(|(k, _)| matches!(k, Kind::Section(_))).count();
        let depth = match self.styles.iter().take(open + 1).position(|s| style_of(s) == style_of(&label)) {
            Some(d) => d,
            None => {
                self.styles.truncate(open);
                self.styles.push(label.clone());
                self.styles.len() - 1
            }
        };
        self.close_to(|k| match k {
            Kind::Section(d) => d < depth,
            _ => true,
        });
        // The decree's own numbering (src/nd30): `number` only where the source differs.
        self.counters.truncate(depth + 1);
        while self.counters.len() < depth + 1 {
            self.counters.push(SectionLabels::new(self.counters.len() + 1));
        }
        let suffix = if matches!(label, Label::Letter(_)) { ")" } else { "." };
        let shown = format!("{shown}{suffix}");
        let mut v = json!({ "section": title, "body": [] });
        let counter = &mut self.counters[depth];
        if counter.clone().next(None) == shown {
            counter.next(None);
        } else {
            counter.next(Some(&shown));
            v["number"] = json!(shown);
        }
        self.stack.push((Kind::Section(depth), v));
    }

    fn finish(mut self) -> Vec<Value> {
        self.close_to(|_| false);
        self.root
    }
}
