//! What follows the closing: appendices ("Phụ lục I" / TITLE / "(Kèm theo …)"), attached
//! documents (Mẫu 1.3: "QUY CHẾ" / Title / "(Ban hành kèm theo …)") and the copy block
//! (Mẫu 3.1: the copying agency, "SAO Y", its number and date, its own closing).

use super::case::{heading, is_upper};
use super::recognise::*;
use super::wordml::{Item, Para, Table};
use crate::nd30::appendix;
use crate::nd30::date::DocDate;
use crate::nd30::symbol::{reference, symbol};
use crate::nd30::types::{by_slug, COPY_FORMS};
use super::shape::{Align, Shape};
use crate::model::{Appendix, Copy, CopyIssuer};

/// Where a part after the closing starts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Start {
    Appendix,
    Attached,
    Copy,
}

/// "Phụ lục", "Phụ lục II", "PHỤ LỤC 01", the form's "Phụ lục …1...".
fn is_appendix_label(p: &Para) -> bool {
    let t = clean(&p.text());
    let Some(rest) = t.strip_prefix("Phụ lục").or_else(|| t.strip_prefix("PHỤ LỤC")) else { return false };
    let rest = rest.trim();
    rest.chars().count() <= 12 && rest.chars().all(|c| c.is_alphanumeric() || ".…-".contains(c)) && (rest.is_empty() || !rest.chars().any(char::is_lowercase))
}

/// "(Kèm theo …)", "(Ban hành kèm theo …)": an appendix's caption, footnote digits allowed.
fn is_caption(t: &str) -> bool {
    let t = clean(t);
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit());
    t.starts_with('(') && t.ends_with(')') && (t.contains("Kèm theo") || t.contains("kèm theo"))
}

/// The copy form line: "SAO Y", "SAO LỤC", "TRÍCH SAO".
fn copy_form(t: &str) -> Option<&'static str> {
    let k = upper_key(t);
    COPY_FORMS.iter().find(|f| f.1 == k).map(|f| f.0)
}

/// A copy's header: a short table without the national title, with a number line and either
/// the form's name or a date line.
fn is_copy_table(t: &Table) -> bool {
    let lines: Vec<String> = t.rows.iter().flatten().flat_map(|c| c.lines()).map(|l| clean(&l)).collect();
    t.rows.len() <= 3
        && !lines.iter().any(|l| is_quoc_hieu(l))
        && lines.iter().any(|l| l.starts_with("Số") && l.contains('/'))
        && lines.iter().any(|l| copy_form(l).is_some() || parse_date_line(l).is_some())
}

impl Recogniser<'_> {
    fn start_at(&self, items: &[Item], k: usize) -> Option<Start> {
        match &items[k] {
            Item::T(t) if is_copy_table(t) => Some(Start::Copy),
            Item::P(p) if is_appendix_label(p) => Some(Start::Appendix),
            // A type line with a "(Ban hành kèm theo …)" caption a few lines down.
            Item::P(p) if type_by_line(&p.text()).is_some() || upper_key(&p.text()) == "TÊN LOẠI VĂN BẢN" => {
                let caption = items[k + 1..].iter().take(5).any(|it| matches!(it, Item::P(q) if is_caption(&q.text())));
                caption.then_some(Start::Attached)
            }
            _ => None,
        }
    }

    /// The first item after the closing that starts an appendix, attached document or copy.
    pub(super) fn tail_start(&self, items: &[Item], from: usize) -> usize {
        // The closing's own first item never starts one.
        (from + 1..items.len()).find(|k| self.start_at(items, *k).is_some()).unwrap_or(items.len())
    }

    /// Appendices, attached documents and the copy, one after another.
    pub(super) fn tail(&mut self, items: &[Item]) {
        let mut k = 0;
        while k < items.len() {
            let kind = self.start_at(items, k).unwrap_or(Start::Appendix);
            let end = (k + 1..items.len()).find(|j| self.start_at(items, *j).is_some()).unwrap_or(items.len());
            match kind {
                Start::Copy => self.copy_block(&items[k..end]),
                _ => {
                    self.found("$.appendices", "after the closing, from a page that starts with its label (Phụ lục …) or type line", &item_place(&items[k]));
                    let a = self.appendix(&items[k..end], kind == Start::Attached);
                    self.out.appendices.push(a);
                }
            }
            k = end;
        }
    }

    /// Label (or type line), title lines, caption, rule, then the body.
    fn appendix(&mut self, items: &[Item], attached: bool) -> Appendix {
        let mut a = Appendix { doc_type: None, title: None, label: None, caption: None, body: Vec::new() };
        let Some(Item::P(first)) = items.first() else { return a };
        let head = clean(&first.text());
        if attached {
            match type_by_line(&head) {
                Some(t) => a.doc_type = Some(t.slug.to_string()),
                None => {
                    self.warn(para_place(first), "import-placeholder", "the attached document's type line is the placeholder \"TÊN LOẠI VĂN BẢN\": its type is left as a placeholder");
                    a.doc_type = Some(PLACEHOLDER.to_string());
                }
            };
        } else if head.strip_prefix("Phụ lục").or_else(|| head.strip_prefix("PHỤ LỤC")).is_some_and(|r| is_dots(r) && !r.trim().is_empty()) {
            self.warn(para_place(first), "import-placeholder", format!("the appendix's number {} is a placeholder: vanban numbers appendices", quote(&head)));
        } else {
            a.label = Some(head);
        }
        let mut i = 1;
        let mut title: Vec<String> = Vec::new();
        while let Some(Item::P(p)) = items.get(i) {
            let t = clean(&p.text());
            if t.is_empty() {
                i += 1;
                if title.is_empty() {
                    continue;
                }
                break;
            }
            if is_caption(&t) {
                a.caption = Some(t.trim_end_matches(|c: char| c.is_ascii_digit()).to_string());
                i += 1;
                continue;
            }
            if is_rule(&t) {
                i += 1;
                break;
            }
            if title.len() >= 4 || Shape::of(p).align != Align::Center || a.caption.is_some() {
                break;
            }
            title.extend(p.text().split('\n').map(clean).filter(|l| !l.is_empty()));
            i += 1;
        }
        if !title.is_empty() {
            let t = title.join("\n");
            let t = if is_dots(&t) {
                self.warn(para_place(first), "import-placeholder", "the appendix's title is a placeholder");
                PLACEHOLDER.to_string()
            } else if !attached && is_upper(&t) {
                heading(&t)
            } else {
                t
            };
            a.title = Some(t);
        }
        a.body = self.blocks(&items[i..]);
        a
    }

    /// The copy block: its header table is read as a header, the rest as a closing, into a
    /// copy of the recogniser's output that becomes `copy`.
    fn copy_block(&mut self, items: &[Item]) {
        let Some(Item::T(whole)) = items.first() else { return };
        // LibreOffice joins tables that touch: the copy's closing may be rows of its header's
        // table.
        let split = whole.rows.iter().position(|row| row.iter().flat_map(|c| c.lines()).map(|l| clean(&l)).any(|l| l.starts_with("Nơi nhận") || is_signing_prefix(&l)));
        let mut rest: Vec<Item> = Vec::new();
        let mut t = whole.clone();
        if let Some(r) = split.filter(|r| *r > 0) {
            rest.push(Item::T(Table { rows: t.rows.split_off(r), ..whole.clone() }));
        }
        rest.extend(items[1..].iter().cloned());
        let t = &t;
        let saved = std::mem::take(&mut self.out);
        let mut left = Vec::new();
        let mut right = Vec::new();
        let mut form = None;
        let mut form_place = String::new();
        for (r, row) in t.rows.iter().enumerate() {
            let cells: Vec<_> = row.iter().filter(|c| !c.merged).collect();
            for (c, cell) in cells.iter().enumerate() {
                let place = format!("table {}, row {}, cell {}", t.index, r + 1, c + 1);
                for l in cell_lines(cell, &place) {
                    let text = clean(&l.text);
                    if let Some(f) = copy_form(&text) {
                        form = Some(f);
                    } else if c > 0 && form.is_none() && is_dots(&text) {
                        form_place = l.place.clone();
                    } else if c == 0 && cells.len() > 1 {
                        left.push(l);
                    } else {
                        right.push(l);
                    }
                }
            }
        }
        self.header_left(left);
        self.header_right(right);
        self.closing(&rest);
        let got = std::mem::replace(&mut self.out, saved);
        let form = match form {
            Some(f) => f,
            None => {
                self.warn(if form_place.is_empty() { "copy".to_string() } else { form_place }, "import-placeholder", "the copy's form (SAO Y, SAO LỤC, TRÍCH SAO) is a placeholder");
                PLACEHOLDER
            }
        };
        // "12/SY-VP": the copy's symbol is the form's code and the copying agency's.
        let code = got.symbol.as_deref().map(|s| s.split_once('-').map(|(_, b)| b).unwrap_or(s)).filter(|s| !s.is_empty() && !is_dots(s) && !s.contains('…'));
        let or_blank = |s: String| if s.is_empty() { PLACEHOLDER.to_string() } else { s };
        self.out.copy = Some(Copy {
            form: Some(form.to_string()),
            issuer: CopyIssuer { name: or_blank(got.issuer.name), code: code.unwrap_or(PLACEHOLDER).to_string(), parent: None },
            number: got.number,
            place: Some(or_blank(got.place)),
            date: Some(or_blank(got.date)),
            signer: got.signer,
            distribution: Some(got.distribution),
            electronic: None,
            signed_at: None,
        });
    }

    /// A caption that is the one vanban derives is left out (it follows the number and
    /// date); the issuer's name as the caption writes it restores the casing the header's
    /// capitals lost.
    pub(super) fn settle_captions(&mut self) {
        let Some(ty) = by_slug(&self.out.doc_type) else { return };
        let sym = symbol(ty, &self.out.issuer.code, self.out.unit.as_deref(), self.out.symbol.as_deref());
        let date = DocDate::parse(&self.out.date).map(|d| clean(&d.words()));
        let type_name = ty.name;
        let number = clean(&reference(self.out.number, &sym));
        let mut appendices = std::mem::take(&mut self.out.appendices);
        for a in &mut appendices {
            let Some(caption) = a.caption.as_deref().map(clean) else { continue };
            let Some(date) = &date else { continue };
            // The caption vanban would derive, up to the issuer's name.
            let derived = appendix::caption(a.doc_type.is_some(), type_name, &number, date, "");
            let start = derived.trim_end_matches(')');
            let Some(issuer) = strip_prefix_ci(&caption, start).and_then(|r| r.strip_suffix(')')) else { continue };
            let name = &self.out.issuer.name;
            let ours: Vec<&str> = name.split_whitespace().collect();
            let theirs: Vec<&str> = issuer.split_whitespace().collect();
            if ours.len() != theirs.len() || ours.iter().zip(&theirs).any(|(a, b)| a.to_lowercase() != b.to_lowercase()) {
                continue;
            }
            // Same words: the caption is derived; take its casing, keep the header's breaks.
            let mut k = 0;
            self.out.issuer.name = name.split('\n').map(|line| line.split_whitespace().map(|_| { k += 1; theirs[k - 1] }).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n");
            a.caption = None;
        }
        self.out.appendices = appendices;
        // A label that is the one vanban gives ("Phụ lục" alone, "Phụ lục II") is left out.
        let plain = self.out.appendices.iter().filter(|a| a.doc_type.is_none()).count();
        let mut n = 0;
        for a in &mut self.out.appendices {
            if a.doc_type.is_some() {
                continue;
            }
            n += 1;
            let want = appendix::label(plain, n);
            if a.label.as_deref().is_some_and(|l| upper_key(l) == upper_key(&want)) {
                a.label = None;
            }
        }
    }

    /// An electronic copy's signing information (Mẫu 3.2, ô 14) where vanban's DOCX puts it,
    /// in the first page's header: "SAO LỤC, Văn phòng …" over the signing time. The rest of
    /// the header's text is returned.
    /// A circulation notice in a page header (the Party guide's ô 11a, top right of page
    /// 1): `circulation`; the other lines are returned.
    pub fn header_notice(&mut self, lines: Vec<String>) -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| match super::recognise::circulation_of(l).filter(|_| self.out.circulation.is_none()) {
                Some(c) => {
                    self.out.circulation = Some(c);
                    false
                }
                None => true,
            })
            .collect()
    }

    /// An electronic copy's signing information typed above the header as Mẫu 3.2 shows it:
    /// "SAO Y; Văn phòng UBND tỉnh …; 15/01/2026; 09:30:00" (form; copying agency; date;
    /// time), or the form's blanks ("…; …; ngày/tháng/năm; giờ: phút: giây"). True when `t`
    /// is one and `copy` now holds it.
    pub(super) fn copy_line(&mut self, t: &str, place: &str) -> bool {
        let pieces: Vec<String> = t.split(';').map(clean).collect();
        if pieces.len() < 3 || self.out.copy.is_some() {
            return false;
        }
        let form = copy_form(&pieces[0]);
        let when = pieces[2..].join(" ");
        let blank_time = when.contains("ngày/tháng/năm") || when.contains("giờ");
        let date = when.split_whitespace().find_map(|w| chrono::NaiveDate::parse_from_str(w, "%d/%m/%Y").ok());
        let time = when.split_whitespace().find_map(|w| chrono::NaiveTime::parse_from_str(w, "%H:%M:%S").ok());
        if form.is_none() && !is_dots(&pieces[0]) || !blank_time && date.is_none() {
            return false;
        }
        let form = match form {
            Some(f) => f,
            None => {
                self.warn(place, "import-placeholder", format!("the copy's form {} is the form's blank (SAO Y, SAO LỤC, TRÍCH SAO): left as a placeholder", quote(&pieces[0])));
                PLACEHOLDER
            }
        };
        let agency = &pieces[1];
        let issuer = if is_dots(agency) || agency.is_empty() {
            self.warn(place, "import-placeholder", format!("the copying agency {} is the form's blank: left as a placeholder", quote(agency)));
            CopyIssuer { name: PLACEHOLDER.into(), code: PLACEHOLDER.into(), parent: None }
        } else {
            self.copying_agency(agency, place)
        };
        let (date, signed_at) = match date {
            Some(d) => (d.format("%Y-%m-%d").to_string(), time.and_then(|t| d.and_time(t).and_local_timezone(crate::sign::vietnam()).single()).map(|at| at.to_rfc3339())),
            None => {
                self.warn(place, "import-placeholder", format!("the copy's signing time {} is the form's blank: left as a placeholder", quote(&when)));
                (PLACEHOLDER.to_string(), None)
            }
        };
        self.out.copy = Some(electronic(form, issuer, date, signed_at));
        self.found("$.copy", "an electronic copy's signing information above the header (form; agency; time)", place);
        true
    }

    /// The copying agency of an electronic copy. Its code is not printed on one, but the
    /// contract asks for it: the name's initials stand in, and the warning says so.
    fn copying_agency(&mut self, agency: &str, place: &str) -> CopyIssuer {
        let code: String = agency.split_whitespace().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect();
        self.warn(place, "import-guessed", format!("an electronic copy prints no code of the copying agency: copy.issuer.code is \"{code}\", its name's initials; set the agency's own code"));
        CopyIssuer { name: agency.to_string(), code, parent: None }
    }

    pub fn header_copy(&mut self, lines: &[String], part: &str) -> Vec<String> {
        let lines: Vec<String> = lines.iter().map(|l| clean(l)).collect();
        for k in 0..lines.len().saturating_sub(1) {
            let Some((form, agency)) = lines[k].split_once(", ") else { continue };
            let Some(slug) = copy_form(form) else { continue };
            let Ok(at) = chrono::DateTime::parse_from_rfc3339(&lines[k + 1]) else { continue };
            let issuer = self.copying_agency(agency, part);
            self.out.copy = Some(electronic(slug, issuer, at.date_naive().format("%Y-%m-%d").to_string(), Some(lines[k + 1].clone())));
            let mut rest = lines.clone();
            rest.drain(k..k + 2);
            return rest;
        }
        lines
    }
}

/// An electronic copy (Mẫu 3.2): no paper block, its signing information on page 1.
fn electronic(form: &str, issuer: CopyIssuer, date: String, signed_at: Option<String>) -> Copy {
    Copy { form: Some(form.to_string()), issuer, number: None, place: None, date: Some(date), signer: None, distribution: None, electronic: Some(true), signed_at }
}
