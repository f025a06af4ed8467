//! The parts of an office document, found in Word's paragraphs and tables: the header (a
//! table, tab-aligned paragraphs or text boxes), the type line and the subject, Kính gửi, the
//! preamble of decisions, the body with its numbered headings and lists, and the closing
//! (Nơi nhận and the signing lines, as a table or tab-aligned). Every piece of text lands in
//! the document or in a warning that says where it was and why it was left out.

use super::case::is_upper;
use super::wordml::{Cell, Item, Para, Table};
use crate::error::InputError;
use crate::nd30::date::{read_words, ReadDate};
use crate::nd30::numbering::from_roman;
use crate::nd30::{QUOC_HIEU, TIEU_NGU};
use crate::nd30::types::{DocType, SECRECY, TYPES, URGENCY};
use crate::model::{Appendix, Block, Contact, Copy, Document, Drafter, Issuer, Signer, StyleInput};
use serde_json::Value;
use std::collections::HashMap;

/// The document as the reader finds it, part by part (lists the reader appends to are
/// plain vectors); [`Out::document`] makes it the model's [`Document`].
#[derive(Debug, Default, Clone)]
pub struct Out {
    pub profile: Option<String>,
    pub doc_type: String,
    pub issuer: Issuer,
    pub number: Option<u32>,
    pub symbol: Option<String>,
    pub unit: Option<String>,
    pub place: String,
    pub date: String,
    pub subject: Option<String>,
    pub lead: Option<String>,
    pub urgency: Option<String>,
    pub secrecy: Option<String>,
    pub draft: Option<String>,
    pub circulation: Option<String>,
    pub authority: Option<String>,
    pub bases: Vec<String>,
    pub proposal: Option<String>,
    pub recipients: Vec<String>,
    pub body: Vec<Block>,
    pub signer: Option<Signer>,
    pub signers: Option<Vec<Signer>>,
    pub distribution: Vec<String>,
    pub drafter: Option<Drafter>,
    pub contact: Option<Contact>,
    pub appendices: Vec<Appendix>,
    pub copy: Option<Copy>,
    pub style: Option<StyleInput>,
    /// `meta.import.found`: how each part was found.
    pub meta: Option<Value>,
}

impl Out {
    /// The model's document (serialised, the import's JSON).
    pub fn document(self) -> Document {
        let some = |v: Vec<String>| (!v.is_empty()).then_some(v);
        Document {
            schema: None,
            profile: self.profile,
            doc_type: self.doc_type,
            issuer: self.issuer,
            number: self.number,
            symbol: self.symbol,
            unit: self.unit,
            place: self.place,
            date: self.date,
            subject: self.subject,
            urgency: self.urgency,
            secrecy: self.secrecy,
            draft: self.draft,
            circulation: self.circulation,
            authority: self.authority,
            bases: some(self.bases),
            proposal: self.proposal,
            recipients: some(self.recipients),
            lead: self.lead,
            body: self.body,
            signer: self.signer,
            signers: self.signers,
            // Always written: the renderer asks for Nơi nhận, empty or not.
            distribution: Some(self.distribution),
            drafter: self.drafter,
            contact: self.contact,
            appendices: (!self.appendices.is_empty()).then_some(self.appendices),
            copy: self.copy,
            style: self.style,
            meta: self.meta,
        }
    }
}

/// A named placeholder, for a value the source leaves as dots (the decree's sample forms).
pub const PLACEHOLDER: &str = "…";

/// The recogniser's state.
pub struct Recogniser<'a> {
    pub out: Out,
    pub warnings: Vec<InputError>,
    pub(super) numbering: &'a HashMap<(String, u32), String>,
    /// The Quốc hiệu's size in the source, pt.
    pub(super) header_size: Option<u32>,
    /// The rules the document follows (a Party title in the header makes it the Party's).
    pub(super) profile: crate::profile::Profile,
    /// The pictures' blocks, by picture index, until the body takes them.
    pub pictures: HashMap<usize, crate::model::Block>,
    /// How each part was found (`meta.import.found`), in reading order.
    pub found: Vec<Value>,
    /// How the header was typed, for `found`.
    pub(super) header_how: &'static str,
}

/// One line of a header or closing column, with where it came from.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    /// How the paragraph it came from looks (one reading for header, subject and closing).
    pub(super) shape: super::shape::Shape,
    pub(super) place: String,
}

pub(super) fn clean(s: &str) -> String {
    s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line of rule characters (the short line under the agency, the type and the date).
pub(super) fn is_rule(s: &str) -> bool {
    let t = s.trim();
    // Box-drawing lines ("────", "━━━", "═══") are typed as rules too.
    !t.is_empty() && t.chars().all(|c| "_-–—=~.·…*─━═".contains(c) || c.is_whitespace()) && t.chars().filter(|c| "_-–—=─━═".contains(*c)).count() >= 3
}

/// Only dots and ellipses: a placeholder.
pub(super) fn is_dots(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| c == '.' || c == '…' || c.is_whitespace() || c.is_ascii_digit())
}

pub(super) fn upper_key(s: &str) -> String {
    // Word's autocorrect turns " - " into an en dash (" – "); an em dash is typed too.
    clean(&s.replace(['–', '—'], "-")).to_uppercase().replace("HOÀ", "HÒA").replace("UỶ", "ỦY").replace(" - ", "-").replace("- ", "-").replace(" -", "-")
}

pub(super) fn quote(s: &str) -> String {
    let t = clean(s);
    // Whole, up to a long paragraph's length: what is left out can be put back from it.
    if t.chars().count() > 2000 {
        format!("\"{}…\"", t.chars().take(1997).collect::<String>())
    } else {
        format!("\"{t}\"")
    }
}

/// A contract list item from a typed line: "- Như trên;" → "Như trên".
pub(super) fn item_text(s: &str) -> String {
    let t = clean(s);
    let t = t.trim_start_matches(['-', '–', '—', '+', '•']).trim_start();
    t.trim_end_matches([';', ',']).trim_end_matches('.').trim_end().to_string()
}


/// A heading's label and title: "II. TITLE" → (Roman, "II", title chars offset).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Label {
    Roman(u32),
    Arabic(Vec<u32>),
    Letter(char),
}

pub(super) fn heading_label(text: &str) -> Option<(Label, String, usize)> {
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

/// A division's or an article's number as typed: Arabic ("3") or Roman ("IV").
pub(super) fn is_label_number(n: &str) -> bool {
    !n.is_empty() && (n.bytes().all(|b| b.is_ascii_digit()) || from_roman(n).is_some())
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

pub(super) fn type_by_line(text: &str) -> Option<&'static DocType> {
    let k = upper_key(text);
    TYPES.iter().filter(|t| t.has_type_line()).find(|t| upper_key(t.name) == k || k.strip_suffix(" (CÁ BIỆT)").is_some_and(|x| x == upper_key(t.name)))
}

/// The type a type line names, in the document's profile: its slug.
pub(super) fn type_slug_by_line(profile: crate::profile::Profile, text: &str) -> Option<&'static str> {
    match profile {
        crate::profile::Profile::Nd30 => type_by_line(text).map(|t| t.slug),
        crate::profile::Profile::Dang => {
            let k = upper_key(text);
            crate::dang::types::TYPES.iter().filter(|t| t.prints_name()).find(|t| upper_key(t.name) == k).map(|t| t.slug)
        }
    }
}

pub(super) fn mark_of(text: &str) -> Option<(&'static str, &'static str)> {
    let k = upper_key(text);
    if let Some((s, _)) = URGENCY.iter().find(|(_, m)| *m == k) {
        return Some(("urgency", s));
    }
    SECRECY.iter().find(|(_, m)| *m == k).map(|(s, _)| ("secrecy", *s))
}

/// Ô 11, the instruction on circulation: "LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI",
/// "TRẢ LẠI SAU KHI HỌP (HỘI NGHỊ)".
pub(super) fn circulation_of(text: &str) -> Option<String> {
    let t = clean(text);
    let k = upper_key(t.trim_matches(['(', ')']));
    // The Party guide's notices too: "TÀI LIỆU THU HỒI", "KHÔNG PHỔ BIẾN TRÊN PHƯƠNG TIỆN …".
    (is_upper(&t) && ["LƯU HÀNH", "XEM XONG", "TRẢ LẠI SAU", "TÀI LIỆU THU HỒI", "KHÔNG PHỔ BIẾN"].iter().any(|p| k.starts_with(p))).then(|| super::case::heading(t.trim_matches(['(', ')'])))
}

/// Where an item starts: "paragraph N", or a table's first cell.
pub(super) fn item_place(it: &Item) -> String {
    match it {
        Item::P(p) => para_place(p),
        Item::T(t) => format!("table {}, row 1, cell 1", t.index),
    }
}

pub(super) fn para_place(p: &Para) -> String {
    format!("paragraph {}", p.index)
}

impl<'a> Recogniser<'a> {
    /// A recogniser with the document's numbering formats.
    pub fn new(numbering: &'a HashMap<(String, u32), String>) -> Recogniser<'a> {
        Recogniser { out: Out::default(), warnings: Vec::new(), numbering, header_size: None, profile: Default::default(), pictures: HashMap::new(), found: Vec::new(), header_how: "" }
    }

    pub fn warn(&mut self, place: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.warnings.push(InputError::at(place, message).code(code).warning());
    }

    /// Say how a part was found (`meta.import.found`); the first finding of a path stands.
    pub(super) fn found(&mut self, path: &str, how: &str, place: &str) {
        if self.found.iter().any(|f| f["path"] == path) {
            return;
        }
        let mut v = serde_json::json!({ "path": path, "how": how });
        if let Some(s) = super::source_of(place) {
            v["source"] = s;
        }
        self.found.push(v);
    }

    pub(super) fn left_out(&mut self, place: &str, text: &str, why: &str) {
        if !clean(text).is_empty() {
            self.warn(place, "import-dropped", format!("{} left out: {why}", quote(text)));
        }
    }

    /// Recognise the whole document.
    pub fn run(&mut self, items: Vec<Item>) {
        self.profile = super::party::profile_of(&items);
        if self.profile == crate::profile::Profile::Dang {
            self.out.profile = Some(self.profile.slug().into());
        }
        let mut i = self.header(&items);
        i = self.type_and_subject(&items, i);
        i = self.preamble(&items, i);
        let end = self.closing_start(&items, i);
        let end = self.best_closing(&items, i, end);
        self.rest(&items, i, end);
        self.finish_values();
        self.settle_captions();
    }

    /// Body, closing and appendices, the closing starting at `end`.
    fn rest(&mut self, items: &[Item], i: usize, end: usize) {
        // Appendices after the closing; a file that is an appendix alone (Mẫu 2.2: not in the
        // document's file) has none, and its appendix starts where its body would.
        let tail = if end < items.len() { self.tail_start(items, end) } else { self.tail_start(items, i.saturating_sub(1)) };
        let end = end.min(tail);
        if let Some(first) = items[i..end].iter().find(|it| !matches!(it, Item::P(p) if clean(&p.text()).is_empty())) {
            self.found("$.body", "paragraphs and tables between the subject and the closing", &item_place(first));
        }
        self.body(&items[i..end]);
        self.closing(&items[end..tail]);
        self.tail(&items[tail..]);
    }

    /// Where the closing starts when readings compete: a closing found early that leaves much
    /// of the document out ("Nơi nhận:" in a body's sentence, a table read as the signers) is
    /// weighed against the later candidates, and the reading that finds a signer and leaves
    /// the fewest words out wins — a misreading never costs the rest of the document.
    fn best_closing(&self, items: &[Item], i: usize, first: usize) -> usize {
        /// Words left out past which a reading is questioned (a signature's notes are fewer).
        const QUESTIONED: usize = 30;
        let judge = |end: usize| -> (bool, usize) {
            let mut trial = self.fork();
            let before = trial.warnings.len();
            trial.rest(items, i, end);
            // Words left out, and sentences taken for Nơi nhận's items (an item names a recipient).
            let dropped: usize = trial.warnings[before..].iter().filter(|w| w.code == "import-dropped").map(|w| w.message.split_whitespace().count()).sum();
            let misplaced: usize = trial.out.distribution.iter().map(|d| d.split_whitespace().count()).filter(|n| *n > 25).sum();
            let lost = dropped + misplaced;
            (trial.out.signer.is_none() && trial.out.signers.is_none(), lost)
        };
        let (no_signer, lost) = judge(first);
        if lost < QUESTIONED && !no_signer || first >= items.len() {
            return first;
        }
        let mut best = (first, (no_signer, lost));
        let mut at = first;
        for _ in 0..5 {
            let next = self.closing_start(items, at + 1);
            if next <= at || next >= items.len() {
                break;
            }
            let score = judge(next);
            // Found a signer and left out less than half: the later reading keeps more.
            if !score.0 && score.1 * 2 < best.1 .1 || best.1 .0 && !score.0 {
                best = (next, score);
            }
            at = next;
        }
        best.0
    }

    /// A copy of the recogniser's state, to try a reading on.
    fn fork(&self) -> Recogniser<'a> {
        Recogniser {
            out: self.out.clone(),
            warnings: self.warnings.clone(),
            numbering: self.numbering,
            header_size: self.header_size,
            profile: self.profile,
            pictures: self.pictures.clone(),
            found: self.found.clone(),
            header_how: self.header_how,
        }
    }


    /// Placeholders for what the contract requires and the source did not give.
    pub(super) fn finish_values(&mut self) {
        let slug = self.out.doc_type.clone();
        if slug.is_empty() {
            // (A title that names no type has said so already.)
            if !self.warnings.iter().any(|w| w.path.as_deref() == Some("$.type")) {
                self.warn("$.type", "import-missing", "no type line and no V/v: the type is left as a placeholder (set \"type\")");
            }
            self.out.doc_type = PLACEHOLDER.into();
        }
        if self.out.issuer.name.is_empty() || is_dots(&self.out.issuer.name) {
            self.warn("$.issuer.name", "import-missing", "the issuing agency was not found: left as a placeholder");
            self.out.issuer.name = PLACEHOLDER.into();
        }
        // A Party symbol "NQ/ĐU": the issuer's code after the type's.
        if self.profile == crate::profile::Profile::Dang {
            if let Some(sym) = self.out.symbol.clone() {
                let code = crate::dang::types::by_slug(&self.out.doc_type).map(|t| t.code);
                match sym.split_once('/') {
                    Some((c, rest)) if Some(c) == code && !rest.is_empty() => {
                        self.out.issuer.code = rest.into();
                        self.out.symbol = None;
                    }
                    Some((_, rest)) => self.out.issuer.code = rest.into(),
                    None => {}
                }
            }
        }
        // The symbol: the issuer's code (and a công văn's unit) when it is the decree's.
        let doc_type = crate::nd30::types::by_slug(&self.out.doc_type).filter(|_| self.profile == crate::profile::Profile::Nd30);
        match (self.out.symbol.clone().filter(|_| self.profile == crate::profile::Profile::Nd30), doc_type) {
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
            self.warn("$.issuer.code", "import-missing", "no issuer code in the number line (Số: …/BC-UBND): left as a placeholder");
            self.out.issuer.code = PLACEHOLDER.into();
            self.out.symbol = None;
        }
        if slug == "bien-ban" && self.out.date.is_empty() {
            self.bien_ban_date();
        }
        if self.out.place.is_empty() || is_dots(&self.out.place) {
            self.warn("$.place", "import-missing", "no place in the date line: left as a placeholder");
            self.out.place = PLACEHOLDER.into();
        }
        if self.out.date.is_empty() {
            self.warn("$.date", "import-missing", "no date line (…, ngày … tháng … năm …): the date is left as a placeholder");
            self.out.date = PLACEHOLDER.into();
        }
        if self.out.distribution.is_empty() {
            self.warn("$.distribution", "import-missing", "no Nơi nhận was found");
        }
    }
}

impl Recogniser<'_> {
    /// A biên bản prints no date line (Mẫu 1.9): its date is the first day its body names
    /// ("Thời gian: 14 giờ 00, ngày 28 tháng 9 năm 2026"), its place the issuer's locality.
    fn bien_ban_date(&mut self) {
        fn first_date(v: &Value) -> Option<(String, String)> {
            match v {
                Value::String(s) => s.match_indices("ngày").find_map(|(at, _)| match read_words(&s[at..]) {
                    Some(ReadDate::Date(d)) => Some((d.contract(), s[at..].chars().take(30).collect())),
                    _ => None,
                }),
                Value::Array(a) => a.iter().find_map(first_date),
                Value::Object(o) => o.values().find_map(first_date),
                _ => None,
            }
        }
        if let Some((date, words)) = serde_json::to_value(&self.out.body).ok().and_then(|v| first_date(&v)) {
            self.warn("$.date", "import-date", format!("a biên bản has no date line: its date is the first day its body names, {}", quote(&words)));
            self.found("$.date", "a biên bản has no date line: the first day its body names", "");
            self.out.date = date;
        }
        if self.out.place.is_empty() {
            if let Some(place) = crate::nd30::levels::locality(&self.out.issuer.name) {
                self.warn("$.place", "import-date", format!("a biên bản has no date line: its place is the issuer's locality, {}", quote(&place)));
                self.out.place = place;
            }
        }
    }
}

pub(super) fn strip_prefix_ci<'s>(t: &'s str, p: &str) -> Option<&'s str> {
    t.strip_prefix(p).map(str::trim).filter(|r| !r.is_empty())
}

pub(super) fn is_signing_prefix(t: &str) -> bool {
    ["TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ", "T/M ", "K/T ", "T/L "].iter().any(|p| t.starts_with(p))
}

pub(super) fn is_drafter(t: &str) -> bool {
    let (a, b) = t.split_once('.').unwrap_or((t, ""));
    let b = b.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(b);
    !a.is_empty() && a.chars().count() <= 8 && a.chars().all(|c| c.is_uppercase()) && (b.is_empty() || b.chars().all(|c| c.is_ascii_digit())) && t.contains('.')
}

pub(super) fn is_contact(t: &str) -> Option<(&'static str, String)> {
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

pub(super) fn is_quoc_hieu(t: &str) -> bool {
    upper_key(t) == upper_key(QUOC_HIEU)
}

pub(super) fn is_tieu_ngu(t: &str) -> bool {
    upper_key(t) == upper_key(TIEU_NGU)
}

/// "Hương Xuân, ngày 05 tháng 10 năm 2020" → (place, "2020-10-05"); blanks give the year
/// alone ("2026") or a placeholder.
pub(super) fn parse_date_line(t: &str) -> Option<(String, String)> {
    let t = clean(t);
    let at = t.find(", ngày").or_else(|| t.find(",ngày"))?;
    let place = t[..at].trim().to_string();
    let date = match read_words(t[at..].trim_start_matches(',').trim())? {
        ReadDate::Date(d) => d.contract(),
        ReadDate::Blank => PLACEHOLDER.into(),
    };
    let place = if is_dots(&place) { PLACEHOLDER.to_string() } else { place };
    Some((place, date))
}

pub(super) fn table_is_header(t: &Table) -> bool {
    let text: String = t.rows.iter().flatten().flat_map(|c| c.lines()).collect::<Vec<_>>().join("\n");
    let up = upper_key(&text);
    up.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") || up.contains(&upper_key(crate::dang::TITLE)) || text.contains("Số:") && text.contains("ngày")
}

/// "Nơi nhận:" as the closing has it — not a sentence that starts with the words ("Nơi nhận hồ
/// sơ: Bộ phận Một cửa").
pub(super) fn is_noi_nhan(t: &str) -> bool {
    let t = clean(t);
    // Alone, or with its first item ("Nơi nhận: - Như trên;"): not a sentence.
    t.strip_prefix("Nơi nhận").is_some_and(|rest| (rest.is_empty() || rest.starts_with(':') || rest.starts_with(" :")) && rest.split_whitespace().count() <= 12)
}

pub(super) fn table_is_closing(t: &Table) -> bool {
    let lines: Vec<String> = t.rows.iter().flatten().flat_map(|c| c.lines()).map(|l| clean(&l)).collect();
    lines.iter().any(|l| is_noi_nhan(l)) || lines.iter().any(|l| is_signing_prefix(l)) && t.rows.len() <= 3
}

/// A table's cells with their row, their place in the row and the grid column they start
/// at (spans counted); cells that continue a vertical merge are left out.
pub(super) fn grid_cells(t: &Table) -> impl Iterator<Item = (usize, usize, u32, &Cell)> {
    t.rows.iter().enumerate().flat_map(|(r, row)| {
        let mut g = 0;
        row.iter()
            .enumerate()
            .map(move |(c, cell)| {
                let start = g;
                g += cell.span.max(1);
                (r, c, start, cell)
            })
            .filter(|x| !x.3.merged)
    })
}

/// A table of signers side by side (biên bản, joint documents): at most four rows, short,
/// and in every column that has text, an upper-case signing line first and a name (or the
/// form's "Họ và tên") last.
pub(super) fn table_is_signing(t: &Table) -> bool {
    if t.rows.is_empty() || t.rows.len() > 4 || table_is_header(t) {
        return false;
    }
    // A data table (a header row, then two or more rows with every cell filled: "Họ và tên",
    // "Chức vụ", "Người ký") is body text; signers' rows leave the signature space empty.
    let filled = |row: &Vec<Cell>| row.iter().filter(|c| !c.merged).all(|c| c.lines().iter().any(|l| !clean(l).is_empty()));
    if t.rows.len() >= 3 && t.rows.iter().all(filled) && t.rows[0].len() >= 2 {
        return false;
    }
    let mut cols: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    for (_, _, start, cell) in grid_cells(t) {
        cols.entry(start).or_default().extend(cell.lines().iter().map(|l| clean(l)).filter(|l| !l.is_empty() && !(l.starts_with('(') && l.ends_with(')'))));
    }
    let filled: Vec<&Vec<String>> = cols.values().filter(|c| !c.is_empty()).collect();
    let total: usize = filled.iter().flat_map(|c| c.iter()).map(|l| l.chars().count()).sum();
    !filled.is_empty()
        && total < 400
        && filled.iter().all(|c| {
            let (first, last) = (&c[0], &c[c.len() - 1]);
            c.len() >= 2 && is_upper(first) && first.chars().count() <= 80 && (is_personal_name(last) || is_name_placeholder(last))
        })
}

/// A person's name as signed: two to six words, each capitalised, no digits or punctuation.
pub(super) fn is_personal_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len()) && !is_upper(t) && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// The forms' "Họ và tên" where the name goes.
pub(super) fn is_name_placeholder(t: &str) -> bool {
    let t = clean(t).to_lowercase();
    t == "họ và tên" || t == "họ tên"
}

pub(super) fn cell_lines(cell: &Cell, place: &str) -> Vec<Line> {
    cell.paras
        .iter()
        .flat_map(|p| {
            let shape = super::shape::Shape::of(p);
            p.text().split('\n').map(|t| Line { text: t.to_string(), shape, place: format!("{place}, paragraph {}", p.index) }).collect::<Vec<_>>()
        })
        .collect()
}
