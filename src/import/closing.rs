//! The closing: Nơi nhận and the signing lines, as a table or tab-aligned; drafter and
//! contact lines.

use super::case::{is_upper, sentence};
use super::recognise::*;
use super::shape::Shape;
use super::wordml::{Item, Table};
use std::collections::BTreeMap;
use crate::model::{Contact, Drafter, Signer};

impl Recogniser<'_> {
    // ---- closing ----

    /// Where the closing starts: the Nơi nhận table or paragraph (or the signing table just
    /// before it: biên bản and joint documents), or a signing block at the end.
    pub(super) fn closing_start(&self, items: &[Item], from: usize) -> usize {
        let k = self.closing_block_start(items, from);
        // A document whose header has no date line may have it typed above the signature
        // (a giấy mời, a letter, a petition): set apart, just before the closing.
        if !self.out.date.is_empty() {
            return k;
        }
        let mut j = k.min(items.len());
        while j > from {
            match &items[j - 1] {
                Item::P(p) if clean(&p.text()).is_empty() => j -= 1,
                Item::P(p) if Shape::of(p).aside && parse_date_line(&p.text()).is_some() => return j - 1,
                _ => break,
            }
        }
        k
    }

    fn closing_block_start(&self, items: &[Item], from: usize) -> usize {
        // Nơi nhận in a text box: the signing lines are likely in another beside it.
        let boxed_at = |k: usize| matches!(&items[k], Item::P(p) if p.text_box.is_some());
        let back_to_signing = |k: usize| {
            let mut j = k;
            // Signing lines typed as centred paragraphs above Nơi nhận: the earliest of them,
            // if there is a signing line among them.
            let mut start = None;
            let mut signing = false;
            while j > from {
                match &items[j - 1] {
                    Item::P(p) if clean(&p.text()).is_empty() => j -= 1,
                    Item::T(t) if table_is_signing(t) && start.is_none() => return j - 1,
                    Item::P(p) => {
                        let t = clean(&p.text());
                        let aside = Shape::of(p).centred_or_right() || p.text_box.is_some() && boxed_at(k);
                        let title = is_signing_prefix(&t) || is_upper(&t) && t.chars().count() <= 60 && heading_label(&t).is_none() && aside;
                        let other = aside && (is_personal_name(&t) || t.starts_with('(') && t.ends_with(')'));
                        if !(title || other) {
                            break;
                        }
                        signing |= title;
                        start = Some(j - 1);
                        j -= 1;
                    }
                    _ => break,
                }
            }
            match start {
                Some(s) if signing => s,
                _ => k,
            }
        };
        for (k, it) in items.iter().enumerate().skip(from) {
            match it {
                Item::T(t) if table_is_closing(t) => return back_to_signing(k),
                Item::P(p) if is_noi_nhan(p.text().split('\t').next().unwrap_or("")) => return back_to_signing(k),
                _ => {}
            }
        }
        // No Nơi nhận: a signing table last, or a signing block typed as paragraphs at the end
        // (TM./KT./… lines).
        let last = items.iter().rposition(|it| !matches!(it, Item::P(p) if clean(&p.text()).is_empty()));
        if let Some(k) = last.filter(|k| *k >= from) {
            if matches!(&items[k], Item::T(t) if table_is_signing(t)) {
                return k;
            }
        }
        for (k, it) in items.iter().enumerate().skip(from).rev() {
            if let Item::P(p) = it {
                if is_signing_prefix(&clean(&p.text())) {
                    return k;
                }
            }
        }
        // A signing block typed as paragraphs with no prefix ("NGƯỜI LÀM ĐƠN", "GIÁM ĐỐC"):
        // centred or pushed right, a title in capitals, perhaps a note and the date line
        // above, the name last.
        self.trailing_signature(items, from).unwrap_or(items.len())
    }

    /// Where a signing block typed as paragraphs at the end starts, if there is one.
    fn trailing_signature(&self, items: &[Item], from: usize) -> Option<usize> {
        let aside = |p: &super::wordml::Para| Shape::of(p).aside;
        let last = items.iter().rposition(|it| !matches!(it, Item::P(p) if clean(&p.text()).is_empty()))?;
        let Item::P(name) = &items[last] else { return None };
        if last < from || !aside(name) || !(is_personal_name(&clean(&name.text())) || is_name_placeholder(&name.text())) {
            return None;
        }
        let (mut start, mut title) = (last, false);
        let mut j = last;
        while j > from {
            let Item::P(p) = &items[j - 1] else { break };
            let t = clean(&p.text());
            if t.is_empty() {
                j -= 1;
                continue;
            }
            let note = t.starts_with('(') && t.ends_with(')');
            let upper = is_upper(&t) && t.chars().count() <= 80 && heading_label(&t).is_none();
            if !aside(p) || !(note || upper || parse_date_line(&t).is_some()) {
                break;
            }
            title |= upper;
            j -= 1;
            start = j;
        }
        title.then_some(start)
    }

    /// A closing or signing table, by grid column: each column's lines are a signer's until a
    /// cell starts Nơi nhận, whose lines (and those under it in the column) are Nơi nhận's.
    /// The form's "Ghi chú" cells are left out.
    fn closing_table(&mut self, t: &Table, left: &mut Vec<Line>, signer_cells: &mut Vec<Vec<Line>>) {
        let mut cols: BTreeMap<u32, (Vec<Line>, bool)> = BTreeMap::new();
        for (r, c, start, cell) in grid_cells(t) {
            let place = format!("table {}, row {}, cell {}", t.index, r + 1, c + 1);
            let lines = cell_lines(cell, &place);
            let Some(first) = lines.iter().map(|l| clean(&l.text)).find(|t| !t.is_empty()) else { continue };
            if first.starts_with("Ghi chú") {
                let text = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
                self.left_out(&place, &text, "a note on the form, not part of the document");
                continue;
            }
            let col = cols.entry(start).or_default();
            col.1 |= first.starts_with("Nơi nhận");
            if col.1 { left.extend(lines) } else { col.0.extend(lines) }
        }
        for (lines, _) in cols.into_values() {
            if lines.iter().any(|l| !clean(&l.text).is_empty()) {
                signer_cells.push(lines);
            }
        }
    }

    pub(super) fn closing(&mut self, items: &[Item]) {
        let mut left: Vec<Line> = Vec::new();
        let mut signer_cells: Vec<Vec<Line>> = Vec::new();
        let mut after: Vec<(String, String)> = Vec::new();
        let mut done = false;
        // The signers came from a table: paragraphs after it are Nơi nhận's.
        let mut from_table = false;
        // Text boxes side by side: Nơi nhận's and the signers', one a box.
        let mut boxes: BTreeMap<usize, Vec<Line>> = BTreeMap::new();
        let mut tabbed = false;
        for it in items {
            match it {
                Item::P(p) if p.text_box.is_some() && !done => {
                    let lines = boxes.entry(p.text_box.unwrap_or(0)).or_default();
                    for part in p.text().split('\n') {
                        lines.push(Line { text: part.to_string(), shape: Shape::of(p), place: para_place(p) });
                    }
                }
                Item::T(t) if !done && (table_is_closing(t) || table_is_signing(t)) => {
                    self.closing_table(t, &mut left, &mut signer_cells);
                    from_table = !signer_cells.is_empty();
                    done = from_table && !left.is_empty();
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
                Item::P(p) if !done && self.out.date.is_empty() && parse_date_line(&p.text()).is_some() => {
                    // The date line typed above the signature (a petition, a letter).
                    if let Some((place, date)) = parse_date_line(&p.text()) {
                        self.out.place = place;
                        self.out.date = date;
                        self.found("$.date", "the date line above the signature", &para_place(p));
                    }
                }
                Item::P(p) if !done => {
                    // Tab-aligned: Nơi nhận on the left, the signing lines on the right.
                    let text = p.text();
                    let parts: Vec<&str> = text.split('\t').collect();
                    let shape = Shape::of(p);
                    let place = para_place(p);
                    let (l, r) = if from_table {
                        (text.trim().to_string(), String::new())
                    } else if parts.len() > 1 {
                        tabbed |= parts[1..].iter().any(|s| !s.trim().is_empty());
                        (parts[0].trim().to_string(), parts[1..].iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" "))
                    } else if shape.aside || left.is_empty() && !clean(&text).starts_with("Nơi nhận") {
                        (String::new(), text.trim().to_string())
                    } else {
                        (text.trim().to_string(), String::new())
                    };
                    for part in l.split('\n') {
                        left.push(Line { text: part.to_string(), shape, place: place.clone() });
                    }
                    if !r.is_empty() {
                        if signer_cells.is_empty() {
                            signer_cells.push(Vec::new());
                        }
                        for part in r.split('\n') {
                            signer_cells[0].push(Line { text: part.to_string(), shape, place: place.clone() });
                        }
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
        let mut boxed_signer = false;
        for lines in boxes.into_values() {
            if lines.iter().any(|l| clean(&l.text).starts_with("Nơi nhận")) {
                left.extend(lines);
            } else if lines.iter().any(|l| !clean(&l.text).is_empty()) {
                boxed_signer = true;
                signer_cells.push(lines);
            }
        }
        // Nơi nhận.
        let mut in_list = false;
        let mut stray: Vec<Line> = Vec::new();
        for l in &left {
            let t = clean(&l.text);
            if t.is_empty() {
                continue;
            }
            if let Some(rest) = t.strip_prefix("Nơi nhận") {
                self.found("$.distribution", "Nơi nhận and the items under it", &l.place.clone());
                in_list = true;
                let rest = rest.trim_start_matches([':', ' ']);
                if !rest.is_empty() {
                    self.out.distribution.push(item_text(rest));
                }
                continue;
            }
            // An item: typed with a dash, or without one but ended as an item is (";", ".").
            let dashed = t.starts_with('-') || t.starts_with('–') || t.starts_with('+');
            let ended = (t.ends_with(';') || t.ends_with('.')) && !is_drafter(&t) && is_contact(&t).is_none();
            if in_list && (dashed || ended) {
                let item = item_text(&t);
                if item.is_empty() || is_dots(&item) {
                    self.warn(l.place.clone(), "import-placeholder", "an item of Nơi nhận is the form's dots: left as a placeholder");
                    self.out.distribution.push(PLACEHOLDER.into());
                } else {
                    self.out.distribution.push(item);
                }
            } else if self.drafter_or_contact(&t).is_none() {
                stray.push(l.clone());
            }
        }
        // A name typed flush left under Nơi nhận's items, where the signing lines above it
        // have none: the signer's name (the reading that keeps it), else said.
        let unnamed = |c: &Vec<Line>| c.iter().rev().map(|l| clean(&l.text)).find(|t| !t.is_empty()).is_some_and(|t| is_upper(&t));
        if let Some(last) = stray.last().filter(|l| is_personal_name(&clean(&l.text))) {
            if signer_cells.len() == 1 && unnamed(&signer_cells[0]) {
                signer_cells[0].push(last.clone());
                stray.pop();
            }
        }
        for l in &stray {
            self.left_out(&l.place, &clean(&l.text), "under Nơi nhận, not an item of it");
        }
        let how = if from_table {
            "the closing table: the signer's cell"
        } else if signer_cells.iter().flatten().any(|l| l.place.contains("text box")) || boxed_signer {
            "a text box after the body"
        } else if tabbed {
            "tab-aligned lines after the body, the signer on the right"
        } else {
            "centred or indented paragraphs after the body"
        };
        let first_place = signer_cells.iter().flatten().find(|l| !clean(&l.text).is_empty()).map(|l| l.place.clone());
        let mut signers = Vec::new();
        for cell in signer_cells {
            if let Some(s) = self.signer(&cell) {
                signers.push(s);
            }
        }
        if let Some(place) = first_place.filter(|_| !signers.is_empty()) {
            self.found(if signers.len() > 1 { "$.signers" } else { "$.signer" }, how, &place);
        }
        match signers.len() {
            0 => self.warn("$.signer", "import-missing", "no signing block was found: the signer is left as a placeholder"),
            1 => self.out.signer = signers.pop(),
            _ => self.out.signers = Some(signers),
        }
        for (place, t) in after {
            let c = clean(&t);
            if c.is_empty() || self.drafter_or_contact(&c).is_some() {
                continue;
            }
            // The Party guide's "Không phổ biến …" at the foot of the last page.
            if let Some(n) = circulation_of(&c).filter(|_| self.out.circulation.is_none()) {
                self.out.circulation = Some(n);
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
    pub(super) fn drafter_or_contact(&mut self, t: &str) -> Option<()> {
        if let Some((ini, copies)) = super::party::drafter(t).filter(|_| self.profile == crate::profile::Profile::Dang) {
            self.out.drafter = Some(Drafter { initials: ini, copies });
            return Some(());
        }
        if is_drafter(t) {
            let (ini, copies) = t.split_once('.').map(|(a, b)| (a, b.trim_start_matches('(').trim_end_matches(')').parse::<u32>().ok())).unwrap_or((t, None));
            self.out.drafter = Some(Drafter { initials: ini.to_string(), copies });
            return Some(());
        }
        let (key, value) = is_contact(t)?;
        let c = self.out.contact.get_or_insert_with(|| Contact { address: None, phone: None, email: None, website: None });
        *match key {
            "address" => &mut c.address,
            "phone" => &mut c.phone,
            "email" => &mut c.email,
            _ => &mut c.website,
        } = Some(value);
        Some(())
    }

    /// A signing cell: prefixes (TM./KT./TL./TUQ./Q.), the title, the space, the name.
    pub(super) fn signer(&mut self, lines: &[Line]) -> Option<Signer> {
        let lines: Vec<&Line> = lines.iter().filter(|l| !clean(&l.text).is_empty()).collect();
        if lines.is_empty() {
            return None;
        }
        let mut s = Signer::default();
        let mut titles: Vec<String> = Vec::new();
        let mut name: Option<String> = None;
        // Text in parentheses in the signature space ("(Đã ký)", a form's "(Chữ ký của người
        // có thẩm quyền, dấu …)" over two lines) is the signer's note, printed where it was.
        let mut notes: Vec<String> = Vec::new();
        let mut open = false;
        for (k, l) in lines.iter().enumerate() {
            let t = clean(&l.text);
            let last = k + 1 == lines.len();
            if open || t.starts_with('(') && (t.ends_with(')') || lines[k + 1..].iter().any(|n| clean(&n.text).ends_with(')'))) {
                open = !t.ends_with(')');
                notes.push(t);
                continue;
            }
            if upper_key(&t) == "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ" {
                self.warn(l.place.clone(), "import-placeholder", format!("the signing lines are the form's placeholder {}: the title is left as a placeholder", quote(&t)));
                titles.push(PLACEHOLDER.into());
                continue;
            }
            if let Some((key, rest)) = super::party::signing_prefix(&t).filter(|_| self.profile == crate::profile::Profile::Dang) {
                *authority(&mut s, key) = Some(sentence(rest));
            } else if let Some(rest) = strip_prefix_ci(&t, "TM.") {
                s.on_behalf_of = Some(sentence(rest));
            } else if let Some(rest) = strip_prefix_ci(&t, "KT.") {
                s.for_ = Some(sentence(rest));
            } else if let Some(rest) = strip_prefix_ci(&t, "TUQ.") {
                s.by_delegation_of = Some(sentence(rest));
            } else if let Some(rest) = strip_prefix_ci(&t, "TL.") {
                s.by_order_of = Some(sentence(rest));
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
        let prefixed = s.on_behalf_of.is_some() || s.for_.is_some() || s.by_order_of.is_some() || s.by_delegation_of.is_some();
        if titles.is_empty() && !prefixed && name.is_none() {
            return None;
        }
        if !notes.is_empty() {
            s.note = Some(notes.join("\n"));
        }
        let mut title = titles.join(" ");
        if let Some(rest) = strip_prefix_ci(&title, "Q.") {
            s.acting = Some(true);
            title = rest.to_string();
        }
        if title == PLACEHOLDER {
            s.title = Some(PLACEHOLDER.into());
        } else if !title.is_empty() {
            s.title = Some(sentence(&title));
        }
        let name_seen = name.clone();
        match name.filter(|n| !is_dots(n) && !is_name_placeholder(n)) {
            Some(n) => s.name = Some(n),
            None => {
                let what = name_seen.map(|n| format!(" ({})", quote(&n))).unwrap_or_default();
                self.warn(lines[0].place.clone(), "import-placeholder", format!("the signer's name is missing or a placeholder{what}"));
                s.name = Some(PLACEHOLDER.into());
            }
        };
        Some(s)
    }

}

/// The signer's field a contract key names ("on_behalf_of", "for", "by_order_of",
/// "by_delegation_of"), as the Party guide's prefixes give them.
fn authority<'s>(s: &'s mut Signer, key: &str) -> &'s mut Option<String> {
    match key {
        "on_behalf_of" => &mut s.on_behalf_of,
        "for" => &mut s.for_,
        "by_order_of" => &mut s.by_order_of,
        _ => &mut s.by_delegation_of,
    }
}
