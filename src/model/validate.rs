//! Checks the typed model against the contract and the decree: enums, ranges, dates,
//! numbers, signers. Every problem found is reported, each with its JSON path.

use super::*;
use crate::error::{Error, InputError};
use crate::nd30::date::DocDate;
use crate::nd30::numbering::MARKERS;
use crate::nd30::ranges::{self, length_mm, within};
use crate::nd30::types::{COPY_FORMS, SECRECY, URGENCY};
use crate::profile::Profile;

/// Every signer of a document with its path (the copy's included).
fn signers_of(d: &Document) -> Vec<(String, &Signer)> {
    let mut out: Vec<(String, &Signer)> = Vec::new();
    if let Some(s) = &d.signer {
        out.push(("$.signer".into(), s));
    }
    for (i, s) in d.signers.iter().flatten().enumerate() {
        out.push((format!("$.signers[{i}]"), s));
    }
    if let Some(s) = d.copy.as_ref().and_then(|c| c.signer.as_ref()) {
        out.push(("$.copy.signer".into(), s));
    }
    out
}

/// Validate a parsed document; all problems at once.
pub fn validate(doc: &Document) -> Result<(), Error> {
    let mut v = Validator::default();
    v.document(doc);
    if v.errors.is_empty() { Ok(()) } else { Err(Error::Input(v.errors)) }
}

#[derive(Default)]
struct Validator {
    errors: Vec<InputError>,
}

const ALIGNS: [&str; 4] = ["left", "center", "right", "justify"];
/// Deepest nesting of sections and lists.
pub const MAX_DEPTH: usize = 12;
/// Most cells in one table.
pub const MAX_TABLE_CELLS: usize = 20_000;
/// Longest trích yếu, in characters: a summary of one or two lines; beyond, it is not one.
pub const SUBJECT_MAX: usize = 2_000;
/// Longest one-line field (agency names, place, a recipient, a signer's line or name, a Nơi
/// nhận item, titles), in characters. Paragraphs and table cells have no limit of their own.
pub const LINE_MAX: usize = 1_000;

fn one_of(list: &[&str]) -> String {
    list.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
}

impl Validator {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        let path = path.into();
        // The code follows from what is wrong where.
        let code = if path.starts_with("$.style") {
            "out-of-range"
        } else if path.ends_with(".date") || path.ends_with("signed_at") {
            "invalid-date"
        } else if path.ends_with(".number") || path.ends_with("colspan") || path.ends_with("decimals") {
            "invalid-number"
        } else if path.contains("signer") {
            "signer"
        } else if path.contains(".table") {
            "table"
        } else if path.ends_with(".ratio") {
            "zero-denominator"
        } else {
            "invalid"
        };
        self.errors.push(InputError::at(path, msg).code(code));
    }

    fn non_empty(&mut self, path: &str, s: &str) {
        if s.trim().is_empty() {
            self.errors.push(InputError::at(path, "must not be empty").code("empty"));
        }
    }

    /// `too-long` beyond `max` characters.
    fn length(&mut self, path: &str, s: Option<&str>, max: usize) {
        let Some(s) = s else { return };
        let n = s.chars().count();
        if n > max {
            let what = if max == SUBJECT_MAX { "a trích yếu" } else { "this field" };
            self.errors.push(
                InputError::at(path, format!("{n} characters: {what} holds at most {max}"))
                    .code("too-long")
                    .hint("shorten it; long text belongs in the body"),
            );
        }
    }

    fn lines(&mut self, path: &str, items: Option<&[String]>) {
        for (i, x) in items.unwrap_or(&[]).iter().enumerate() {
            self.length(&format!("{path}[{i}]"), Some(x), LINE_MAX);
        }
    }

    fn enum_of(&mut self, path: &str, v: Option<&str>, allowed: &[&str]) {
        if let Some(v) = v {
            if !allowed.contains(&v) {
                let mut e = InputError::at(path, format!("unknown value \"{v}\", expected one of {}", one_of(allowed))).code("unknown-value");
                if let Some(near) = super::suggest::nearest(v, allowed.iter().copied()) {
                    e = e.hint(format!("did you mean \"{near}\"?"));
                }
                self.errors.push(e);
            }
        }
    }

    fn document(&mut self, d: &Document) {
        let profiles: Vec<&str> = Profile::ALL.iter().map(|p| p.slug()).collect();
        self.enum_of("$.profile", d.profile.as_deref(), &profiles);
        let profile = Profile::of(d);
        self.profile_keys(d, profile);
        let types = profile.types();
        let slugs: Vec<&str> = types.iter().map(|t| t.slug).collect();
        if profile.type_info(&d.doc_type).is_none() {
            let before = self.errors.len();
            self.enum_of("$.type", Some(&d.doc_type), &slugs);
            if profile.other().type_info(&d.doc_type).is_some() {
                if let Some(e) = self.errors.get_mut(before) {
                    e.hint = Some(format!("\"{}\" is a type of the {} profile: set \"profile\": \"{}\"", d.doc_type, profile.other().rules(), profile.other().slug()));
                }
            }
        }
        self.non_empty("$.issuer.name", &d.issuer.name);
        self.non_empty("$.issuer.code", &d.issuer.code);
        for (path, v) in [
            ("$.issuer.name", Some(&d.issuer.name)),
            ("$.issuer.parent", d.issuer.parent.as_ref()),
            ("$.issuer.code", Some(&d.issuer.code)),
            ("$.symbol", d.symbol.as_ref()),
            ("$.unit", d.unit.as_ref()),
            ("$.place", Some(&d.place)),
            ("$.circulation", d.circulation.as_ref()),
            ("$.authority", d.authority.as_ref()),
            ("$.lead", d.lead.as_ref()),
        ] {
            self.length(path, v.map(String::as_str), LINE_MAX);
        }
        self.length("$.subject", d.subject.as_deref(), SUBJECT_MAX);
        self.lines("$.recipients", d.recipients.as_deref());
        self.lines("$.distribution", d.distribution.as_deref());
        if let Some(dr) = &d.drafter {
            self.length("$.drafter.initials", Some(&dr.initials), LINE_MAX);
        }
        if let Some(c) = &d.contact {
            for (k, v) in [("address", &c.address), ("phone", &c.phone), ("email", &c.email), ("website", &c.website)] {
                self.length(&format!("$.contact.{k}"), v.as_deref(), LINE_MAX);
            }
        }
        if d.number == Some(0) {
            self.err("$.number", "expected a positive integer (1, 2, …), or no number for an unregistered document");
        }
        self.non_empty("$.place", &d.place);
        if DocDate::parse(&d.date).is_none() {
            self.err("$.date", format!("\"{}\" is not a date: expected YYYY-MM-DD (a real day) or a year alone (\"2026\")", d.date));
        }
        let u: Vec<&str> = URGENCY.iter().map(|x| x.0).collect();
        self.enum_of("$.urgency", d.urgency.as_deref(), &u);
        let s: Vec<&str> = SECRECY.iter().map(|x| x.0).collect();
        self.enum_of("$.secrecy", d.secrecy.as_deref(), &s);
        if let Some(r) = &d.recipients {
            for (i, x) in r.iter().enumerate() {
                self.non_empty(&format!("$.recipients[{i}]"), x);
            }
        }
        if let Some(b) = &d.bases {
            for (i, x) in b.iter().enumerate() {
                self.non_empty(&format!("$.bases[{i}]"), x);
            }
        }
        if d.body.is_empty() {
            self.errors.push(InputError::at("$.body", "the body is empty: a document needs at least one paragraph").code("empty-body"));
        }
        self.blocks("$.body", &d.body, 1);
        match (&d.signer, &d.signers) {
            (Some(_), Some(_)) => self.err("$.signers", "give `signer` or `signers`, not both"),
            (None, None) => self.err("$.signer", "required: who signs the document"),
            (Some(s), None) => self.signer("$.signer", s),
            (None, Some(list)) => {
                if list.is_empty() {
                    self.err("$.signers", "expected at least one signer");
                }
                for (i, s) in list.iter().enumerate() {
                    self.signer(&format!("$.signers[{i}]"), s);
                }
            }
        }
        if let Some(dist) = &d.distribution {
            for (i, x) in dist.iter().enumerate() {
                self.non_empty(&format!("$.distribution[{i}]"), x);
            }
        }
        if let Some(dr) = &d.drafter {
            self.non_empty("$.drafter.initials", &dr.initials);
        }
        if let Some(apps) = &d.appendices {
            for (i, a) in apps.iter().enumerate() {
                let p = format!("$.appendices[{i}]");
                if let Some(t) = &a.doc_type {
                    if profile.type_info(t).is_none() {
                        self.err(format!("{p}.type"), format!("unknown type \"{t}\", expected one of {}", one_of(&slugs)));
                    }
                }
                for (k, v) in [("title", &a.title), ("label", &a.label), ("caption", &a.caption)] {
                    self.length(&format!("{p}.{k}"), v.as_deref(), LINE_MAX);
                }
                self.blocks(&format!("{p}.body"), &a.body, 1);
            }
        }
        if let Some(c) = &d.copy {
            self.copy(c);
        }
        if let Some(st) = &d.style {
            match profile {
                Profile::Nd30 => self.style(st),
                Profile::Dang => self.party_style(st),
            }
        }
        if profile == Profile::Dang {
            // A paper copy needs the copier's block (HD05 III.2.1: the person who copies signs).
            if d.copy.as_ref().is_some_and(|c| c.electronic != Some(true) && c.signer.is_none()) {
                self.err("$.copy.signer", "required: who copies (quyền hạn, chức vụ, name) signs a paper copy's block");
            }
            for (path, s) in signers_of(d) {
                if s.by_delegation_of.is_some() {
                    self.wrong_profile(&format!("{path}.by_delegation_of"), profile);
                }
            }
        }
    }

    /// A key only the other profile has: `wrong-profile` at its path.
    fn wrong_profile(&mut self, path: &str, profile: Profile) {
        self.errors.push(
            InputError::at(path, format!("not part of a {} document (the {} profile has it, not \"{}\")", profile.rules(), profile.other().rules(), profile.slug()))
                .code("wrong-profile")
                .hint(format!("remove it, or set \"profile\": \"{}\"", profile.other().slug())),
        );
    }

    fn profile_keys(&mut self, d: &Document, profile: Profile) {
        let st = d.style.as_ref();
        let c = d.copy.as_ref();
        let present = |k: &str| match k {
            "$.unit" => d.unit.is_some(),
            "$.lead" => d.lead.is_some(),
            "$.draft" => d.draft.is_some(),
            "$.style.header_size" => st.is_some_and(|s| s.header_size.is_some()),
            "$.style.margins" => st.is_some_and(|s| s.margins.is_some()),
            "$.style.duplex" => st.is_some_and(|s| s.duplex.is_some()),
            "$.copy.form" => c.is_some_and(|c| c.form.is_some()),
            "$.copy.number" => c.is_some_and(|c| c.number.is_some()),
            "$.copy.place" => c.is_some_and(|c| c.place.is_some()),
            "$.copy.signed_at" => c.is_some_and(|c| c.signed_at.is_some()),
            "$.copy.date" => c.is_some_and(|c| c.date.is_some()),
            "$.copy.distribution" => c.is_some_and(|c| c.distribution.is_some()),
            _ => false,
        };
        for k in profile.other().own_keys() {
            if present(k) {
                self.wrong_profile(k, profile);
            }
        }
    }

    /// Both profiles: at least 6 pt between paragraphs.
    fn paragraph_spacing(&mut self, s: &StyleInput) {
        if let Some(ps) = &s.paragraph_spacing {
            match length_mm(ps) {
                Some(mm) if mm * ranges::PT_PER_MM >= ranges::PARAGRAPH_SPACING_MIN_PT - 1e-6 => {}
                Some(_) => self.err("$.style.paragraph_spacing", format!("\"{ps}\": at least 6pt")),
                None => self.err("$.style.paragraph_spacing", format!("\"{ps}\" is not a length such as \"6pt\"")),
            }
        }
    }

    /// Both profiles: a seal of 20 to 60 mm.
    fn seal(&mut self, s: &StyleInput) {
        if let Some(seal) = &s.seal {
            match length_mm(seal) {
                Some(mm) if (20.0..=60.0).contains(&mm) => {}
                Some(_) => self.err("$.style.seal", format!("\"{seal}\": a seal of 20 to 60 mm")),
                None => self.err("$.style.seal", format!("\"{seal}\" is not a length such as \"40mm\"")),
            }
        }
    }

    /// The Party profile's style: body 14 or 15 pt, an indent of 10–13 mm, an exact line
    /// spacing of 18–22 pt, paragraphs at least 6 pt apart; the margins are fixed.
    fn party_style(&mut self, s: &StyleInput) {
        use crate::dang::ranges::{within as inside, BODY_SIZES, INDENT_MM, LINE_SPACING_PT};
        let p = Profile::Dang.rules();
        if let Some(x) = s.body_size {
            if !BODY_SIZES.contains(&x) {
                self.err("$.style.body_size", format!("{x} pt: the {p} profile sets the body in {} or {} pt", BODY_SIZES[0], BODY_SIZES[1]));
            }
        }
        if let Some(ind) = &s.indent {
            match length_mm(ind) {
                Some(mm) if inside(mm, INDENT_MM) => {}
                Some(mm) => self.err("$.style.indent", format!("{mm:.1} mm: the {p} profile indents {} to {} mm", INDENT_MM.0, INDENT_MM.1)),
                None => self.err("$.style.indent", format!("\"{ind}\" is not a length such as \"10mm\"")),
            }
        }
        if let Some(ls) = &s.line_spacing {
            let (lo, hi) = LINE_SPACING_PT;
            match ls.as_str().filter(|t| t.trim().ends_with("pt")).and_then(length_mm) {
                Some(mm) if inside(mm * ranges::PT_PER_MM, LINE_SPACING_PT) => {}
                Some(mm) => self.err("$.style.line_spacing", format!("exact {:.1}pt: the {p} profile spaces lines exactly {lo} to {hi} pt", mm * ranges::PT_PER_MM)),
                None => self.err("$.style.line_spacing", format!("{ls}: the {p} profile takes an exact line spacing of {lo} to {hi} pt, such as \"19pt\"")),
            }
        }
        self.paragraph_spacing(s);
        self.seal(s);
    }

    fn copy(&mut self, c: &Copy) {
        let forms: Vec<&str> = COPY_FORMS.iter().map(|x| x.0).collect();
        self.enum_of("$.copy.form", c.form.as_deref(), &forms);
        self.non_empty("$.copy.issuer.name", &c.issuer.name);
        self.non_empty("$.copy.issuer.code", &c.issuer.code);
        self.length("$.copy.issuer.name", Some(&c.issuer.name), LINE_MAX);
        self.length("$.copy.issuer.code", Some(&c.issuer.code), LINE_MAX);
        self.length("$.copy.issuer.parent", c.issuer.parent.as_deref(), LINE_MAX);
        self.length("$.copy.place", c.place.as_deref(), LINE_MAX);
        self.lines("$.copy.distribution", c.distribution.as_deref());
        if c.number == Some(0) {
            self.err("$.copy.number", "expected a positive integer");
        }
        if let Some(date) = &c.date {
            if DocDate::parse(date).is_none() {
                self.err("$.copy.date", format!("\"{date}\" is not a date: expected YYYY-MM-DD or a year"));
            }
        }
        if let Some(t) = &c.signed_at {
            if chrono::DateTime::parse_from_rfc3339(t.trim()).is_err() {
                self.err("$.copy.signed_at", format!("\"{t}\" is not an ISO 8601 time such as \"2026-01-15T09:30:00+07:00\""));
            }
        }
        if let Some(s) = &c.signer {
            self.signer("$.copy.signer", s);
        }
    }

    fn signer(&mut self, path: &str, s: &Signer) {
        for (k, v) in [
            ("on_behalf_of", &s.on_behalf_of),
            ("for", &s.for_),
            ("by_order_of", &s.by_order_of),
            ("by_delegation_of", &s.by_delegation_of),
            ("title", &s.title),
            ("name", &s.name),
            ("note", &s.note),
        ] {
            self.length(&format!("{path}.{k}"), v.as_deref(), LINE_MAX);
        }
        self.lines(&format!("{path}.lines"), s.lines.as_deref());
        if s.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            self.err(format!("{path}.name"), "required: the signer's name");
        }
        if let Some(lines) = &s.lines {
            if s.on_behalf_of.is_some() || s.for_.is_some() || s.by_order_of.is_some()
                || s.by_delegation_of.is_some() || s.title.is_some() || s.acting.is_some()
            {
                self.err(format!("{path}.lines"), "explicit `lines` replace the prefixes and the title: give one or the other");
            }
            if lines.iter().all(|l| l.trim().is_empty()) {
                self.err(format!("{path}.lines"), "expected at least one signing line");
            }
            return;
        }
        let needs_title = s.for_.is_some() || s.by_order_of.is_some() || s.by_delegation_of.is_some() || s.acting == Some(true);
        let has_title = s.title.as_deref().is_some_and(|t| !t.trim().is_empty());
        if needs_title && !has_title {
            self.err(format!("{path}.title"), "KT., TL., TUQ. and Q. need the signer's own title (e.g. \"Phó Chủ tịch\")");
        } else if !has_title && s.on_behalf_of.is_none() {
            self.err(format!("{path}.title"), "required: the signer's title (or explicit `lines`)");
        }
    }

    fn blocks(&mut self, path: &str, blocks: &[Block], depth: usize) {
        if depth > MAX_DEPTH {
            self.errors.push(InputError::at(path, format!("sections and lists nest at most {MAX_DEPTH} deep")).code("too-deep"));
            return;
        }
        for (i, b) in blocks.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match b {
                Block::Paragraph(x) => {
                    self.enum_of(&format!("{p}.align"), x.align.as_deref(), &ALIGNS);
                }
                Block::Section(s) => {
                    self.non_empty(&format!("{p}.section"), &s.title);
                    self.length(&format!("{p}.section"), Some(&s.title), LINE_MAX);
                    self.blocks(&format!("{p}.body"), &s.body, depth + 1);
                }
                Block::List(l) => {
                    self.enum_of(&format!("{p}.marker"), l.marker.as_deref(), &MARKERS);
                    self.items(&format!("{p}.list"), &l.items, depth + 1);
                }
                Block::Table(t) => self.table(&format!("{p}.table"), &t.table),
                Block::Results(r) => self.results(&format!("{p}.results"), r),
                Block::Article(a) => {
                    self.length(&format!("{p}.article"), Some(&a.title), LINE_MAX);
                    self.blocks(&format!("{p}.body"), &a.body, depth + 1);
                }
                Block::Division(dv) => {
                    let key = match dv.kind {
                        DivisionKind::Part => "part",
                        DivisionKind::Chapter => "chapter",
                        DivisionKind::Division => "division",
                    };
                    self.non_empty(&format!("{p}.{key}"), &dv.title);
                    self.length(&format!("{p}.{key}"), Some(&dv.title), LINE_MAX);
                    self.blocks(&format!("{p}.body"), &dv.body, depth + 1);
                }
                // The picture itself was read and checked with the model.
                Block::Image(im) => self.length(&format!("{p}.image.caption"), im.caption.as_deref(), LINE_MAX),
                Block::PageBreak => {}
            }
        }
    }

    fn items(&mut self, path: &str, items: &[ListItem], depth: usize) {
        if depth > MAX_DEPTH {
            self.errors.push(InputError::at(path, format!("lists nest at most {MAX_DEPTH} deep")).code("too-deep"));
            return;
        }
        for (i, it) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            self.enum_of(&format!("{p}.marker"), it.marker.as_deref(), &MARKERS);
            self.items(&format!("{p}.items"), &it.items, depth + 1);
        }
    }

    fn table(&mut self, path: &str, t: &Table) {
        if t.columns.is_empty() {
            self.err(format!("{path}.columns"), "a table needs at least one column");
        }
        for (i, c) in t.columns.iter().enumerate() {
            let p = format!("{path}.columns[{i}]");
            self.enum_of(&format!("{p}.align"), c.align.as_deref(), &ALIGNS[..3]);
            if let Some(w) = &c.width {
                if !valid_width(w) {
                    self.err(format!("{p}.width"), format!("\"{w}\" is not a width: expected \"auto\", a fraction \"2fr\" or a length \"30mm\""));
                }
            }
        }
        let n = t.columns.len();
        let cells: usize = t.rows.iter().map(Vec::len).sum();
        if cells > MAX_TABLE_CELLS {
            self.errors.push(InputError::at(format!("{path}.rows"), format!("{cells} cells: a table holds at most {MAX_TABLE_CELLS}")).code("too-large"));
            return;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let mut span = 0usize;
            for (c, cell) in row.iter().enumerate() {
                let p = format!("{path}.rows[{r}][{c}]");
                if cell.colspan == Some(0) {
                    self.err(format!("{p}.colspan"), "expected a positive integer");
                }
                self.enum_of(&format!("{p}.align"), cell.align.as_deref(), &ALIGNS[..3]);
                span += cell.colspan.unwrap_or(1).max(1) as usize;
            }
            if span > n {
                self.err(format!("{path}.rows[{r}]"), format!("the row spans {span} columns, the table has {n}"));
            }
        }
    }

    fn results(&mut self, path: &str, r: &Results) {
        self.enum_of(&format!("{path}.as"), r.as_.as_deref(), &["list", "table"]);
        let statuses: Vec<&str> = crate::nd30::results::STATUS.iter().map(|s| s.0).collect();
        for (i, it) in r.items.iter().enumerate() {
            let p = format!("{path}.items[{i}]");
            self.non_empty(&format!("{p}.label"), &it.label);
            self.enum_of(&format!("{p}.status"), it.status.as_deref(), &statuses);
            if let Some(ResultValue::Ratio(x)) = &it.value {
                if x.ratio[1] == 0 {
                    self.err(format!("{p}.value.ratio"), "a ratio with a zero denominator has no percentage");
                }
                if x.decimals.is_some_and(|d| d > 6) {
                    self.err(format!("{p}.value.decimals"), "at most 6 decimals");
                }
                self.enum_of(&format!("{p}.value.rounding"), x.rounding.as_deref(), &["half-up", "down"]);
                self.enum_of(&format!("{p}.value.show"), x.show.as_deref(), &["percent", "fraction"]);
            }
        }
    }

    fn style(&mut self, s: &StyleInput) {
        if let Some(x) = s.body_size {
            if !within(x, ranges::BODY_SIZE) {
                self.err("$.style.body_size", format!("{x} pt is outside the decree's 13–14 pt"));
            }
        }
        if let Some(x) = s.header_size {
            if x != 12.0 && x != 13.0 {
                self.err("$.style.header_size", format!("{x} pt: expected 12 or 13"));
            }
        }
        self.seal(s);
        if let Some(ind) = &s.indent {
            match length_mm(ind) {
                Some(mm) if ranges::INDENTS_MM.iter().any(|v| (v - mm).abs() < 0.05) => {}
                Some(_) => self.err("$.style.indent", format!("\"{ind}\": the decree allows 1cm or 1.27cm")),
                None => self.err("$.style.indent", format!("\"{ind}\" is not a length such as \"1.27cm\"")),
            }
        }
        self.paragraph_spacing(s);
        if let Some(ls) = &s.line_spacing {
            if let Err(m) = crate::style::line_spacing(ls, s.body_size.unwrap_or(14.0)) {
                self.err("$.style.line_spacing", m);
            }
        }
        if let Some(m) = &s.margins {
            let sides = [
                ("top", &m.top, ranges::MARGIN_TOP),
                ("bottom", &m.bottom, ranges::MARGIN_BOTTOM),
                ("left", &m.left, ranges::MARGIN_LEFT),
                ("right", &m.right, ranges::MARGIN_RIGHT),
            ];
            for (k, v, range) in sides {
                let Some(v) = v else { continue };
                let p = format!("$.style.margins.{k}");
                match length_mm(v) {
                    Some(mm) if within(mm, range) => {}
                    Some(mm) => self.err(p, format!("{mm:.1} mm is outside the decree's {}–{} mm", range.0, range.1)),
                    None => self.err(p, format!("\"{v}\" is not a length such as \"20mm\"")),
                }
            }
        }
    }
}

/// "auto", "2fr", or a length.
pub fn valid_width(w: &str) -> bool {
    let w = w.trim();
    w == "auto"
        || w.strip_suffix("fr").is_some_and(|n| n.trim().parse::<f64>().is_ok_and(|x| x > 0.0 && x.is_finite()))
        || length_mm(w).is_some_and(|x| x > 0.0)
}
