//! The header (agency, number, place and date, marks; a table or tab-aligned lines), the
//! type line and subject, Kính gửi and the preamble of decisions.

use super::case::{is_upper, sentence};
use super::recognise::*;
use super::shape::{Align, Shape};
use super::wordml::{Cell, Item, Para};

impl Recogniser<'_> {
    // ---- header ----

    /// The header's left and right columns; the index of the first item after it.
    pub(super) fn header(&mut self, items: &[Item]) -> usize {
        // The Quốc hiệu's size: the header's (12 or 13 pt).
        let paras = items.iter().take(12).flat_map(|it| match it {
            Item::P(p) => vec![p],
            Item::T(t) => t.rows.iter().flatten().flat_map(|c| c.paras.iter()).collect(),
        });
        self.header_size = paras.filter(|p| p.text().split('\t').any(is_quoc_hieu)).find_map(|p| p.size).map(|hp| hp / 2);
        let mut left: Vec<Line> = Vec::new();
        let mut right: Vec<Line> = Vec::new();
        let mut i = 0;
        // Leading empty paragraphs; and text above the header (a caption, a note typed
        // above it), when a header table or the national title follows closely.
        let header_at = items.iter().take(8).position(|it| match it {
            Item::T(t) => table_is_header(t),
            Item::P(p) => p.text().split('\t').any(|t| is_quoc_hieu(t) || super::party::is_title(t)),
        });
        while let Some(Item::P(p)) = items.get(i) {
            let t = clean(&p.text());
            if !t.is_empty() {
                if header_at.is_some_and(|h| h > i) && self.copy_line(&t, &para_place(p)) {
                    // Mẫu 3.2's signing information of an electronic copy.
                } else if header_at.is_some_and(|h| h > i) && !is_upper(&t) {
                    self.left_out(&para_place(p), &t, "above the header, not part of the document");
                } else {
                    break;
                }
            }
            i += 1;
        }
        let mut after_table = false;
        let top = i;
        if let Some(Item::T(t)) = items.get(i).filter(|it| matches!(it, Item::T(t) if table_is_header(t))) {
            for (r, row) in t.rows.iter().enumerate() {
                let cells: Vec<&Cell> = row.iter().filter(|c| !c.merged).collect();
                for (c, cell) in cells.iter().enumerate() {
                    let place = format!("table {}, row {}, cell {}", t.index, r + 1, c + 1);
                    let lines = cell_lines(cell, &place);
                    if c == 0 && cells.len() > 1 { left.extend(lines) } else { right.extend(lines) }
                }
            }
            i += 1;
            after_table = true;
        }
        // Tab-aligned paragraphs (or text boxes): as long as they read as header lines. Under
        // a header table, only the number, date and V/v lines some offices type below it.
        let mut seen_date = false;
        let mut k = i;
        while let Some(Item::P(p)) = items.get(k) {
            let text = p.text();
            if clean(&text).is_empty() {
                k += 1;
                if seen_date {
                    if !after_table {
                        i = k;
                    }
                    break;
                }
                if !after_table {
                    i = k;
                }
                continue;
            }
            if type_slug_by_line(self.profile, &text).is_some() || clean(&text).starts_with("Kính gửi") {
                break;
            }
            let parts: Vec<&str> = text.split('\t').map(str::trim).filter(|s| !s.is_empty()).collect();
            let place = para_place(p);
            let shape = Shape::of(p);
            let mk = |t: &str| Line { text: t.to_string(), shape, place: place.clone() };
            let below_table = |t: &str| parse_date_line(t).is_some() || clean(t).starts_with("Số") && t.contains('/') || clean(t).starts_with("V/v") || is_rule(t) || mark_of(t).is_some() || circulation_of(t).is_some();
            let header_like = |t: &str| is_quoc_hieu(t) || is_tieu_ngu(t) || super::party::is_title(t) || super::party::is_star(t) || below_table(t) || clean(t).starts_with("Số") || is_upper(t);
            // Header lines all, or a line that holds the national title or the date line
            // beside an agency typed in lower case.
            let anchored = parts.iter().any(|t| is_quoc_hieu(t) || is_tieu_ngu(t) || super::party::is_title(t) || parse_date_line(t).is_some());
            // Under the motto (typed as lines one under another), a line in capitals is the
            // document's title ("ĐƠN ĐỀ NGHỊ", "HƯỚNG DẪN"), never the agency.
            let under_motto = parts.len() == 1 && right.iter().any(|l| is_tieu_ngu(&l.text));
            let fits = if after_table || under_motto { parts.iter().all(|t| below_table(t)) } else { anchored || parts.iter().all(|t| header_like(t)) };
            if !fits {
                break;
            }
            match parts.as_slice() {
                [one] => {
                    let right_side = is_quoc_hieu(one) || is_tieu_ngu(one) || is_title_part(one) || super::party::is_title(one) || parse_date_line(one).is_some() || shape.align == Align::Right;
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
            k += 1;
            i = k;
            if k > 40 {
                break;
            }
        }
        let typed = &items[top..i.max(top)];
        self.header_how = if after_table {
            "a table at the top: the agency's cell"
        } else if typed.iter().any(|it| matches!(it, Item::P(p) if p.text_box.is_some())) {
            "text boxes at the top"
        } else if typed.iter().any(|it| matches!(it, Item::P(p) if p.text().contains('\t'))) {
            "tab-aligned lines at the top, the agency on the left"
        } else {
            "lines one under another at the top, before the Quốc hiệu"
        };
        self.header_left(left);
        self.header_right(right);
        i
    }

    pub(super) fn header_left(&mut self, lines: Vec<Line>) {
        let mut subject_place = String::new();
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
            if self.profile == crate::profile::Profile::Dang {
                // The star; "Số 05-HD/VPTW"; a công văn's "về việc …" and the draft mark under it.
                if super::party::is_star(&t) {
                    continue;
                }
                if let Some((n, sym)) = super::party::number_line(&t) {
                    self.out.number = n;
                    self.out.symbol = Some(sym);
                    in_subject = false;
                    continue;
                }
                if t.starts_with("về việc") || in_subject && !l.shape.bold && !is_upper(&t) && !t.starts_with("Dự thảo") {
                    subject.push(t);
                    in_subject = true;
                    continue;
                }
                if t.starts_with("Dự thảo") {
                    self.out.draft = Some(t);
                    continue;
                }
            }
            if t.starts_with("Số") && (t.contains(':') || t.contains('/')) {
                self.number_line(&t, &l.place);
                in_subject = false;
                continue;
            }
            if let Some(rest) = t.strip_prefix("V/v") {
                subject_place = l.place.clone();
                subject.push(rest.trim_start_matches([':', ' ']).to_string());
                in_subject = true;
                continue;
            }
            if in_subject {
                subject.push(t);
                continue;
            }
            // Markings and titles typed in the agency's column are not its name.
            if let Some(c) = circulation_of(&t) {
                self.out.circulation = Some(c);
                continue;
            }
            if is_signing_prefix(&t) || is_not_agency(&t) {
                self.left_out(&l.place, &t, "in the agency's column, a title or marking, not the agency's name");
                continue;
            }
            agency.push(Line { text: t, ..l });
        }
        if !subject.is_empty() {
            self.found("$.subject", "the V/v line under the number", &subject_place);
            self.out.doc_type = "cong-van".into();
            let s = subject.join("\n");
            self.out.subject = Some(if is_dots(&s) {
                self.warn("$.subject", "import-placeholder", "the V/v line is the form's dots: the subject is left as a placeholder");
                PLACEHOLDER.into()
            } else {
                s
            });
        }
        // The parent is typed regular, the agency bold (Phụ lục I, ô 2).
        let bold_from = agency.iter().position(|l| l.shape.bold);
        // Else the line where an agency's own name starts ("SỞ TƯ PHÁP" under "UBND TỈNH …");
        // a locality ("XÃ NAM ĐÔNG" under "ỦY BAN NHÂN DÂN") continues the name.
        let unit_from = agency.iter().skip(1).position(|l| starts_agency(&l.text)).map(|k| k + 1);
        let (parent, name): (Vec<Line>, Vec<Line>) = match bold_from.filter(|b| *b > 0).or(unit_from) {
            Some(b) if b > 0 => (agency[..b].to_vec(), agency[b..].to_vec()),
            _ if agency.len() >= 3 => (agency[..1].to_vec(), agency[1..].to_vec()),
            _ => (Vec::new(), agency),
        };
        let how = self.header_how;
        if let Some(l) = parent.first() {
            self.found("$.issuer.parent", &format!("{how}, the line over the agency's own name"), &l.place.clone());
        }
        if let Some(l) = name.first() {
            self.found("$.issuer.name", how, &l.place.clone());
        }
        if !parent.is_empty() {
            self.out.issuer.parent = Some(sentence(&parent.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")));
        }
        self.out.issuer.name = sentence(&name.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"));
    }

    pub(super) fn set_mark(&mut self, kind: &str, value: &str) {
        if kind == "urgency" {
            self.out.urgency = Some(value.into());
        } else {
            self.out.secrecy = Some(value.into());
        }
    }

    /// "Số: 454/UBND-NCTH", "Số:    /BC-UBND", "Số: …/QĐ-…".
    pub(super) fn number_line(&mut self, t: &str, place: &str) {
        let rest = t.trim_start_matches("Số").trim_start_matches([':', ' ']).trim();
        let (num, symbol) = match rest.split_once('/') {
            Some((n, s)) => (n.trim(), s.trim()),
            None => (rest, ""),
        };
        // "12/2026/QĐ-UBND": a year in the symbol (legal documents) is kept as written.
        let with_year = symbol.split_once('/').is_some_and(|(y, rest)| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) && !rest.contains('/'));
        if symbol.chars().any(char::is_whitespace) || symbol.contains('/') && !with_year {
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
        self.found("$.number", "the number line (Số: …/…)", place);
    }

    pub(super) fn header_right(&mut self, lines: Vec<Line>) {
        // The national title or the motto broken over two lines (a forced break, a narrow cell).
        let mut joined: Vec<Line> = Vec::new();
        for l in lines {
            if let Some(prev) = joined.last_mut() {
                let both = format!("{} {}", clean(&prev.text), clean(&l.text));
                if !is_quoc_hieu(&prev.text) && !is_tieu_ngu(&prev.text) && (is_quoc_hieu(&both) || is_tieu_ngu(&both)) {
                    prev.text = both;
                    continue;
                }
            }
            joined.push(l);
        }
        for l in joined {
            let t = clean(&l.text);
            if t.is_empty() || is_rule(&t) || is_quoc_hieu(&t) || is_tieu_ngu(&t) || super::party::is_title(&t) {
                continue;
            }
            if let Some((k, v)) = mark_of(&t) {
                self.set_mark(k, v);
                continue;
            }
            if let Some((place, date)) = parse_date_line(&t) {
                if date == PLACEHOLDER {
                    self.warn(l.place.clone(), "import-placeholder", format!("the date line {} has no day the contract takes (blanks, or an impossible day): the date is left as a placeholder", quote(&t)));
                } else if !date.contains('-') && t.split("tháng").nth(1).is_some_and(|m| m.split("năm").next().is_some_and(|m| m.chars().any(|c| c.is_ascii_digit()))) {
                    self.warn(l.place.clone(), "import-placeholder", format!("the date line {} leaves the day blank: the date is the year alone ({date}), an undated document's; the day and month are given when it is issued", quote(&t)));
                }
                self.out.place = place;
                self.out.date = date;
                self.found("$.date", "the date line in the header (…, ngày … tháng … năm …)", &l.place);
                continue;
            }
            self.left_out(&l.place, &t, "in the header, neither the national title, the motto nor the date line");
        }
    }

    // ---- type line, subject ----

    pub(super) fn type_and_subject(&mut self, items: &[Item], mut i: usize) -> usize {
        // Marks and empty paragraphs between the header and the type line.
        while let Some(Item::P(p)) = items.get(i) {
            let t = clean(&p.text());
            if let Some((k, v)) = mark_of(&t) {
                self.set_mark(k, v);
            } else if let Some(c) = circulation_of(&t) {
                self.out.circulation = Some(c);
            } else if !t.is_empty() && !is_rule(&t) {
                break;
            }
            i += 1;
        }
        let Some(Item::P(p)) = items.get(i) else { return i };
        let text = clean(&p.text());
        let found = type_slug_by_line(self.profile, &text);
        // A title in capitals, centred under the header, that names no type of the decree
        // ("ĐƠN ĐỀ NGHỊ", "BẢN CAM KẾT"): the document's title, never body text or the agency.
        let other_title = found.is_none()
            && self.header_size.is_some()
            && Shape::of(p).align == Align::Center
            && is_upper(&text)
            && text.chars().count() <= 80
            && !text.ends_with(':')
            && heading_label(&text).is_none()
            && !division_line(&text)
            && !text.starts_with("Kính gửi");
        if found.is_none() && text.to_uppercase() != "TÊN LOẠI VĂN BẢN" && !other_title {
            return i;
        }
        let type_centred = Shape::of(p).align == Align::Center;
        self.found("$.type", if found.is_some() { "the type line under the header" } else { "a title under the header that names no type" }, &para_place(p));
        match found {
            Some(t) => self.out.doc_type = t.into(),
            None if other_title => self.warn("$.type", "import-missing", format!("the title {} names no type of the decree: the type is left as a placeholder", quote(&text))),
            None => self.warn(para_place(p), "import-placeholder", "the type line is the placeholder \"TÊN LOẠI VĂN BẢN\": the type is left as a placeholder"),
        }
        i += 1;
        let mut subject = Vec::new();
        let mut first_line: Option<&Para> = None;
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
            let centred = |x: &Para| Shape::of(x).align == Align::Center;
            // A line in capitals after a subject that is not: the authority of a decision.
            let authority = subject.last().is_some_and(|l: &String| !is_upper(l)) && is_upper(&c);
            if c.starts_with("Kính gửi") || c.starts_with("Căn cứ") || subject.len() >= 6 || (type_centred && !centred(p)) || authority {
                break;
            }
            // Where no rule closes it, the subject ends where the look changes: another
            // alignment, size or weight than its first line, a justified or indented
            // paragraph, a picture, a numbered heading, or a sentence of body text.
            let shape = Shape::of(p);
            if let Some(first) = first_line {
                if !Shape::of(first).same_look(&shape) || shape.body_like() || !p.pictures.is_empty() || heading_label(&c).is_some() || division_line(&c) || (c.ends_with('.') && c.chars().count() > 60) {
                    break;
                }
            } else if !p.pictures.is_empty() || (!type_centred && shape.body_like() && c.ends_with('.')) {
                break;
            }
            if first_line.is_none() {
                self.found("$.subject", "the lines under the type line, to its rule or where the look changes", &para_place(p));
            }
            first_line.get_or_insert(p);
            subject.extend(t.split('\n').map(clean).filter(|s| !s.is_empty()));
            i += 1;
        }
        if !subject.is_empty() {
            let s = subject.join("\n");
            self.out.subject = Some(if is_dots(&s) {
                self.warn(para_place(p), "import-placeholder", "the subject is the form's dots: left as a placeholder");
                PLACEHOLDER.into()
            } else {
                s
            });
        }
        i
    }

    // ---- Kính gửi, authority, căn cứ ----

    pub(super) fn preamble(&mut self, items: &[Item], mut i: usize) -> usize {
        let decision = matches!(self.out.doc_type.as_str(), "quyet-dinh" | "nghi-quyet");
        loop {
            // Kính gửi as a table: the label in one cell, the recipients in the next.
            if let Some(Item::T(t)) = items.get(i) {
                let cells: Vec<Vec<String>> = t.rows.iter().flatten().filter(|c| !c.merged).map(|c| c.lines().iter().map(|l| clean(l)).filter(|l| !l.is_empty()).collect::<Vec<_>>()).filter(|c| !c.is_empty()).collect();
                if t.rows.len() <= 2 && self.out.recipients.is_empty() && cells.first().is_some_and(|c| c[0].starts_with("Kính gửi")) {
                    self.found("$.recipients", "Kính gửi in a table: the label's cell and the next", &format!("table {}, row 1, cell 1", t.index));
                    let mut lines: Vec<String> = Vec::new();
                    let first = cells[0][0].trim_start_matches("Kính gửi").trim_start_matches([':', ' ']).to_string();
                    if !first.is_empty() {
                        lines.push(first);
                    }
                    lines.extend(cells[0][1..].iter().cloned());
                    lines.extend(cells[1..].iter().flatten().cloned());
                    self.push_recipients(lines);
                    i += 1;
                    continue;
                }
            }
            let Some(Item::P(p)) = items.get(i) else { return i };
            let t = clean(&p.text());
            if t.is_empty() || is_rule(&t) {
                i += 1;
                continue;
            }
            if let Some(c) = circulation_of(&t).filter(|_| self.out.circulation.is_none()) {
                self.out.circulation = Some(c);
                i += 1;
                continue;
            }
            if t.starts_with("Kính gửi") || t.starts_with("Kính trình") && self.profile == crate::profile::Profile::Dang {
                // The recipients on its line, or on lines of their own broken inside it
                // ("Kính gửi:↵- Các thôn;↵- Công chức …").
                let lines: Vec<String> = p.text().split('\n').map(clean).collect();
                let rest = lines[0].trim_start_matches("Kính gửi").trim_start_matches("Kính trình").trim_start_matches([':', ' ']).to_string();
                let first = std::iter::once(rest).chain(lines[1..].iter().cloned()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
                i = self.recipients(items, i, &first);
                continue;
            }
            // The lead lines of công điện ("… điện:") and giấy mời ("… trân trọng kính mời:",
            // the invited on the same line or under it).
            let lead = match self.out.doc_type.as_str() {
                "cong-dien" => t.strip_suffix(" điện:").or_else(|| t.strip_suffix("điện:")).map(|l| (sentence(l.trim_matches('*')), "")),
                "giay-moi" => t.split_once("trân trọng kính mời:").map(|(l, r)| (l.trim().to_string(), r.trim())),
                _ => None,
            };
            if let Some((l, rest)) = lead.filter(|_| self.out.recipients.is_empty() && self.out.lead.is_none()) {
                self.out.lead = Some(if is_dots(&l) || l.is_empty() {
                    self.warn(para_place(p), "import-placeholder", "the lead line names no one (the form's dots): left as a placeholder");
                    PLACEHOLDER.into()
                } else {
                    l
                });
                let rest = rest.to_string();
                i = self.recipients(items, i, &rest);
                continue;
            }
            // Party căn cứ are dash items ("- Căn cứ …;"); the authority's line follows them.
            let party = self.profile == crate::profile::Profile::Dang;
            let t = if party && decision { t.trim_start_matches(['-', '–', ' ']).to_string() } else { t };
            // A numbered heading ("I. TÌNH HÌNH") starts the body: a document with no căn cứ
            // and no authority line goes straight to it.
            let heading = heading_label(&t).is_some() || division_line(&t);
            if party && decision && is_upper(&t) && self.out.authority.is_none() && !heading {
                // Printed in capitals as given: kept as typed (its casing cannot be decided).
                self.out.authority = Some(t.clone());
                i += 1;
                return i;
            }
            if decision {
                if t.starts_with("Căn cứ") {
                    let b = self.placeholder_after(&t, "Căn cứ", &para_place(p));
                    self.out.bases.push(b);
                    i += 1;
                    continue;
                }
                if let Some(lead) = ["Theo đề nghị của", "Xét đề nghị của", "Theo đề nghị", "Xét đề nghị"].into_iter().find(|l| t.starts_with(l)) {
                    self.out.proposal = Some(self.placeholder_after(&t, lead, &para_place(p)));
                    i += 1;
                    continue;
                }
                // A line of punctuation alone (the form's "." after its bases).
                if t.chars().all(|c| ".;,…".contains(c)) {
                    self.left_out(&para_place(p), &t, "punctuation alone, which vanban adds itself");
                    i += 1;
                    continue;
                }
                let k = upper_key(&t);
                if k == "QUYẾT ĐỊNH:" || k == "QUYẾT NGHỊ:" || k == "QUYẾT ĐỊNH" || k == "QUYẾT NGHỊ" {
                    i += 1;
                    return i;
                }
                if is_upper(&t) && self.out.authority.is_none() && self.out.bases.is_empty() && !heading {
                    let forms_words = upper_key(t.trim_end_matches(|c: char| c.is_ascii_digit())) == "THẨM QUYỀN BAN HÀNH";
                    if forms_words {
                        self.warn(para_place(p), "import-placeholder", "the authority is the form's \"THẨM QUYỀN BAN HÀNH\": left as a placeholder");
                    }
                    self.out.authority = Some(if forms_words { PLACEHOLDER.into() } else { sentence(&t) });
                    i += 1;
                    continue;
                }
            }
            return i;
        }
    }

    pub(super) fn recipients(&mut self, items: &[Item], mut i: usize, first: &str) -> usize {
        if let Some(it) = items.get(i) {
            self.found("$.recipients", "Kính gửi and the dash lines under it", &item_place(it));
        }
        let mut lines: Vec<String> = Vec::new();
        if !first.is_empty() {
            lines.push(first.to_string());
        }
        i += 1;
        // A dash list under it: as long as lines start with a dash.
        if lines.is_empty() || lines[0].starts_with('-') || lines[0].starts_with('–') {
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
        // Or a table holding the dash list (the công điện form puts it in one).
        if lines.is_empty() {
            if let Some(Item::T(t)) = items.get(i) {
                let cells: Vec<Vec<String>> = t.rows.iter().flatten().map(|c| c.lines().iter().map(|l| clean(l)).filter(|l| !l.is_empty()).collect::<Vec<_>>()).filter(|c| !c.is_empty()).collect();
                if let [one] = cells.as_slice() {
                    if one.iter().all(|l| l.starts_with('-') || l.starts_with('–')) {
                        lines.extend(one.iter().cloned());
                        i += 1;
                    }
                }
            }
        }
        self.push_recipients(lines);
        i
    }

    /// Kính gửi's lines as recipients: "- Sở A;" → "Sở A"; the forms' dots as placeholders.
    fn push_recipients(&mut self, lines: Vec<String>) {
        let place = "Kính gửi".to_string();
        for l in lines {
            for part in l.split('\n') {
                let item = item_text(part);
                if item.is_empty() || is_dots(&item) {
                    if !clean(part).is_empty() {
                        self.warn(place.clone(), "import-placeholder", "a recipient is the form's dots: left as a placeholder");
                        self.out.recipients.push(PLACEHOLDER.into());
                    }
                } else {
                    self.out.recipients.push(item);
                }
            }
        }
    }

    /// "Căn cứ ……7……;" → "Căn cứ …": a lead followed only by the form's dots keeps its lead.
    fn placeholder_after(&mut self, t: &str, lead: &str, place: &str) -> String {
        let t = t.trim_end_matches([';', ',', '.']).trim_end();
        let rest = t[lead.len()..].trim();
        if rest.is_empty() || is_dots(rest) {
            self.warn(place, "import-placeholder", format!("\"{lead}\" is followed by the form's dots: left as a placeholder"));
            format!("{lead} {PLACEHOLDER}")
        } else {
            t.to_string()
        }
    }
}

/// A line that is part of the national title or the motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" with
/// "VIỆT NAM" on the next line).
fn is_title_part(t: &str) -> bool {
    let k = upper_key(t);
    k.split_whitespace().count() >= 2 && (upper_key(crate::nd30::QUOC_HIEU).starts_with(&k) || upper_key(crate::nd30::TIEU_NGU).starts_with(&k))
}

/// Words an agency's own name starts with (a ministry, a department, a committee, …).
const AGENCY_WORDS: &[&str] = &[
    "SỞ ", "PHÒNG ", "BAN ", "VĂN PHÒNG", "ỦY BAN", "UBND", "HĐND", "TRƯỜNG ", "CỤC ", "CHI CỤC", "VỤ ", "TRUNG TÂM", "BỘ ",
    "TỔNG CỤC", "HỘI ĐỒNG", "THANH TRA", "CÔNG AN", "ĐẢNG ỦY", "BỆNH VIỆN", "KHO BẠC", "BẢO HIỂM", "CÔNG TY", "ĐOÀN ", "HỘI ",
    "LIÊN ĐOÀN", "MẶT TRẬN", "TÒA ÁN", "VIỆN ", "BAN CHẤP HÀNH", "CHI BỘ", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY",
];

fn starts_agency(t: &str) -> bool {
    let k = upper_key(t);
    AGENCY_WORDS.iter().any(|w| k.starts_with(w))
}

/// Upper-case lines that are titles or markings, not an agency: a type line, the copy
/// forms, an appendix's label, a petition's or a guide's title.
fn is_not_agency(t: &str) -> bool {
    let k = upper_key(t);
    type_by_line(t).is_some()
        || ["SAO Y", "SAO LỤC", "TRÍCH SAO", "BẢN SAO"].contains(&k.as_str())
        || ["PHỤ LỤC", "ĐƠN ", "HƯỚNG DẪN", "MẪU SỐ", "MẪU ", "DỰ THẢO", "BIỂU MẪU"].iter().any(|w| k.starts_with(w))
}

/// "Chương I", "PHẦN II", "Mục 1", "Điều 3. …": a division or an article begins.
fn division_line(t: &str) -> bool {
    let k = upper_key(t);
    ["CHƯƠNG ", "PHẦN ", "MỤC ", "ĐIỀU "].iter().any(|w| k.strip_prefix(w).is_some_and(|rest| rest.split(|c: char| c == ' ' || c == '.').next().is_some_and(is_label_number)))
}
