//! The body: numbered headings as sections, articles and chapters, lists, tables, and the
//! body's page style.

use super::case::{heading, is_upper};
use super::recognise::*;
use super::wordml::{Cell, Item, LineSpacing, Para, Table};
use super::shape::{Align, Shape};
use crate::model as m;
use crate::model::Block;
use serde_json::json;
use crate::nd30::numbering::{from_roman, SectionLabels};
use crate::nd30::ranges::{BODY_SIZE, HEADER_SIZE, INDENTS_MM};
use std::collections::HashMap;
use crate::nd30::ranges::PARAGRAPH_SPACING_MIN_PT;

impl Recogniser<'_> {
    // ---- body ----

    /// The body's font size and first-line indent, where they are the decree's other choice
    /// (13 pt; a 1 cm indent); other values are said and left to the decree's defaults.
    pub(super) fn body_style(&mut self, items: &[Item]) {
        let mut sizes: HashMap<u32, usize> = HashMap::new();
        let mut indents: HashMap<i32, usize> = HashMap::new();
        let mut spacings: HashMap<u32, usize> = HashMap::new();
        let mut lines: HashMap<LineSpacing, usize> = HashMap::new();
        for (k, it) in items.iter().enumerate() {
            if let Item::P(p) = it {
                let n = p.text().chars().count();
                if n < 40 || p.num.is_some() {
                    continue; // headings and short lines say little about the body
                }
                // The first paragraph's space above is the gap under the header, not the
                // body's spacing.
                let p_before = if k == 0 { None } else { p.before };
                if let Some(s) = p.size {
                    *sizes.entry(s).or_default() += n;
                }
                if let Some(i) = p.first_line.filter(|i| *i > 0) {
                    *indents.entry(i).or_default() += n;
                }
                if k > 0 {
                    *spacings.entry(p_before.unwrap_or(0)).or_default() += n;
                }
                *lines.entry(p.line.unwrap_or(LineSpacing::Multiple(240))).or_default() += n;
            }
        }
        if self.profile == crate::profile::Profile::Dang {
            return self.party_body_style(sizes, indents, spacings, lines);
        }
        // The decree's two choices (src/nd30/ranges.rs); the larger size and indent are the
        // layout's defaults, so only the smaller ones are written.
        let mut style = m::StyleInput::default();
        if let Some((half_points, _)) = sizes.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let pt = half_points as f64 / 2.0;
            if pt == BODY_SIZE.0 {
                style.body_size = Some(pt);
            } else if pt != BODY_SIZE.1 {
                self.warn("$.style.body_size", "import-style", format!("the body is {pt} pt; the decree's body is {} or {} pt: the default is used", BODY_SIZE.0, BODY_SIZE.1));
            }
        }
        if let Some((twips, _)) = indents.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let mm = twips as f64 * 25.4 / 1440.0;
            let near = |x: f64| (mm - x).abs() < 0.3;
            if near(INDENTS_MM[0]) {
                style.indent = Some(format!("{}cm", INDENTS_MM[0] / 10.0));
            } else if !near(INDENTS_MM[1]) {
                self.warn("$.style.indent", "import-style", format!("the first-line indent is {mm:.1} mm; the decree's is {} or {} mm: the default is used", INDENTS_MM[0], INDENTS_MM[1]));
            }
        }
        // The layout's own defaults (style.json) need not be written.
        let defaults = crate::pdf::layout::Layout::embedded_style();
        let body_pt = style.body_size.unwrap_or(BODY_SIZE.1);
        if let Some((line, _)) = lines.into_iter().max_by_key(|(l, n)| (*n, matches!(l, LineSpacing::Multiple(240)))) {
            let v = match line {
                LineSpacing::Multiple(n) if n as f64 / 240.0 == defaults.body.line_spacing => None,
                LineSpacing::Multiple(n) => Some(json!((n as f64 / 240.0 * 100.0).round() / 100.0)),
                LineSpacing::Exact(tw) => Some(json!(format!("{}pt", tw as f64 / 20.0))),
            };
            if let Some(v) = v {
                match crate::style::line_spacing(&v, body_pt) {
                    Ok(_) => {
                        style.line_spacing = Some(v);
                    }
                    Err(m) => self.warn("$.style.line_spacing", "import-style", format!("line spacing {v}: {m}: the default is used")),
                }
            }
        }
        if let Some((tw, _)) = spacings.into_iter().max_by_key(|(s, n)| (*n, *s)) {
            let pt = tw as f64 / 20.0;
            if pt >= PARAGRAPH_SPACING_MIN_PT && pt != defaults.body.paragraph_spacing_pt {
                style.paragraph_spacing = Some(format!("{pt}pt"));
            } else if pt < PARAGRAPH_SPACING_MIN_PT {
                self.warn("$.style.paragraph_spacing", "import-style", format!("{pt} pt between paragraphs; the decree asks at least {PARAGRAPH_SPACING_MIN_PT} pt: the default is used"));
            }
        }
        if let Some(h) = self.header_size.filter(|h| *h as f64 != defaults.sizes_pt.quoc_hieu) {
            if h as f64 == HEADER_SIZE.0 || h as f64 == HEADER_SIZE.1 {
                style.header_size = Some(h as f64);
            } else {
                self.warn("$.style.header_size", "import-style", format!("the Quốc hiệu is {h} pt; the decree's is {} or {} pt: the default is used", HEADER_SIZE.0, HEADER_SIZE.1));
            }
        }
        if style != m::StyleInput::default() {
            self.out.style = Some(style);
        }
    }

    pub(super) fn body(&mut self, items: &[Item]) {
        self.body_style(items);
        self.out.body = self.blocks(items);
    }

    /// Blocks from paragraphs and tables: the body's, an appendix's.
    pub(super) fn blocks(&mut self, items: &[Item]) -> Vec<Block> {
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
                        b.push_block(Block::PageBreak);
                    }
                    let text = p.text();
                    let pictures: Vec<Block> = p.pictures.iter().filter_map(|k| self.pictures.remove(k)).collect();
                    if clean(&text).is_empty() {
                        for pic in pictures {
                            b.push_block(pic);
                        }
                        if p.page_break_after {
                            b.push_block(Block::PageBreak);
                        }
                        continue;
                    }
                    if is_rule(&text) {
                        self.left_out(&para_place(p), &text, "a typed rule line");
                    } else {
                        self.body_para(&mut b, p);
                    }
                    // A picture drawn in a line of text follows that text.
                    for pic in pictures {
                        b.push_block(pic);
                    }
                    if p.page_break_after {
                        b.push_block(Block::PageBreak);
                    }
                }
            }
        }
        b.finish()
    }

    fn body_para(&mut self, b: &mut BodyBuilder, p: &Para) {
        let text = clean(&p.text());
        if p.plain {
            b.push_block(paragraph(markup(p, false)));
            return;
        }
        // Chương, Điều.
        if let Some(rest) = text.strip_prefix("Chương ") {
            let (label, title) = rest.split_once(' ').unwrap_or((rest, ""));
            let label = label.trim_end_matches(['.', ':']);
            if is_label_number(label) {
                if let Some(n) = b.open_chapter(title.trim_start_matches(['.', ':', '-', ' ']).to_string(), label.to_string()) {
                    self.warn(para_place(p), "import-numbering", format!("the chapter's label \"{n}\" is not the decree's next one; chapters are numbered in order (Chương I, II, …), so it prints as the next"));
                }
                return;
            }
        }
        // "PHẦN I", "Phần thứ nhất" aside: a part, its title on this line or the next.
        // (A Party document's guide names its parts freely: there they stay paragraphs.)
        if let Some(rest) = upper_key(&text).strip_prefix("PHẦN ").map(str::to_string).filter(|_| self.profile == crate::profile::Profile::Nd30) {
            let label = rest.split([' ', '.', ':']).next().unwrap_or("").to_string();
            if is_label_number(&label) {
                let title = clean(&text).chars().skip(5 + label.chars().count()).collect::<String>();
                b.open_part(heading(title.trim_start_matches(['.', ':', '-', ' '])));
                return;
            }
        }
        if b.chapter_needs_title() && is_upper(&text) {
            b.set_chapter_title(heading(&text));
            return;
        }
        if let Some(rest) = text.strip_prefix("Điều ") {
            // A form's "Điều …": the next article, its number left to vanban.
            let head: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            if head.starts_with(['.', '…']) && is_dots(&head) {
                b.open_article(String::new(), 0);
                let tail = rest[head.len()..].trim();
                if !tail.is_empty() {
                    b.push_block(paragraph(tail.to_string()));
                }
                return;
            }
            let (label, title) = rest.split_once('.').unwrap_or((rest, ""));
            if let Ok(n) = label.trim().parse::<u32>() {
                let prefix = text.chars().count() - title.chars().count();
                let tail = p.from_char(prefix);
                if p.all_bold() || title.trim().is_empty() {
                    b.open_article(markup(&tail, true), n);
                } else {
                    // Only "Điều N." is bold: an article without a title, its text running on.
                    b.open_article(String::new(), n);
                    b.push_block(paragraph(markup(&tail, false)));
                }
                return;
            }
        }
        // Numbered headings: bold (Word's own numbering aside).
        if let Some((label, shown, at)) = heading_label(&text) {
            let tail = p.from_char(at);
            let is_heading = p.all_bold();
            let party = self.profile == crate::profile::Profile::Dang;
            if is_heading && p.num.is_none() {
                // A top-level section prints its title in capitals: in a Party document (whose
                // guide numbers its own parts freely) one typed otherwise stays a bold
                // paragraph, as written.
                if party && b.depth_of(&label) == 0 && !is_upper(&clean(&tail.text())) {
                    b.push_block(paragraph(markup(p, false)));
                    return;
                }
                b.open_section(label, Some(shown), markup(&tail, true));
                if let Some(n) = b.opened_number() {
                    self.warn(para_place(p), "import-numbering", format!("the heading's label \"{n}\" is not the decree's next one: kept as the author typed it (`number`)"));
                }
                return;
            }
            // A typed "1." or "a)" list item.
            let marker = match label {
                Label::Arabic(ref v) if v.len() == 1 => Some("1."),
                Label::Letter(_) => Some("a)"),
                _ => None,
            };
            // In a Party document the typed labels stay as written ("1." after a paragraph
            // continues the author's count, not a list's).
            if party {
                b.push_block(paragraph(markup(p, false)));
                return;
            }
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
            // Headings Word numbers itself: "Chương %1", "Điều %1.", and bold I., 1., a).
            let (kind, text_fmt) = fmt.split_once('|').unwrap_or((fmt.as_str(), ""));
            if text_fmt.trim_start().starts_with("Chương") {
                b.open_chapter(markup(p, true), String::new());
                return;
            }
            if text_fmt.trim_start().starts_with("Điều") {
                b.open_article(markup(p, true), 0);
                return;
            }
            if p.all_bold() && kind != "bullet" && kind != "none" && text.chars().count() <= 200 {
                let mut label = match kind {
                    "upperRoman" => Label::Roman(0),
                    "lowerLetter" => Label::Letter('a'),
                    _ => Label::Arabic(vec![0; text_fmt.matches('%').count().max(1)]),
                };
                // Two of Word's lists numbered alike ("List Number", "List Number 2"): a heading
                // not in capitals under one in capitals is a level below it, as the decree
                // prints them.
                if matches!(label, Label::Arabic(ref v) if v.len() == 1) && !is_upper(&text) && b.under_upper_section() {
                    label = Label::Arabic(vec![0, 0]);
                }
                b.open_section(label, None, markup(p, true));
                return;
            }
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
        let align = match Shape::of(p).align {
            Align::Center => Some("center".to_string()),
            Align::Right => Some("right".to_string()),
            _ => None,
        };
        b.push_block(Block::Paragraph(m::Paragraph { text: text_m, indent: None, align }));
    }

    pub(super) fn table(&mut self, t: &Table) -> Option<Block> {
        let align_of = |c: &Cell| -> Option<String> {
            let p = c.paras.iter().find(|p| !p.text().trim().is_empty())?;
            p.align.as_ref()?;
            Some(match Shape::of(p).align {
                Align::Center => "center",
                Align::Right => "right",
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
        let mut rows: Vec<Vec<m::Cell>> = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            let mut out = Vec::new();
            for (k, c) in row.iter().enumerate() {
                let bold = c.paras.iter().any(|p| !p.text().trim().is_empty()) && c.paras.iter().filter(|p| !p.text().trim().is_empty()).all(Para::all_bold);
                // The header row is bold by the layout; a bold cell says so as a property.
                // Word's empty paragraphs at a cell's edges (one always follows a table nested
                // in it, whose cells come in as lines) are no lines of the text.
                let text = if c.merged { String::new() } else { c.paras.iter().map(|p| markup(p, bold)).collect::<Vec<_>>().join("\n").trim_matches('\n').to_string() };
                let a = align_of(c);
                let col = col_align.get(k).cloned().flatten();
                let own_align = r > 0 && a.is_some() && a != col && !(a.as_deref() == Some("left") && col.is_none());
                out.push(m::Cell {
                    text,
                    colspan: (c.span > 1).then_some(c.span),
                    align: if own_align { a } else { None },
                    bold: (bold && r > 0).then_some(true),
                });
            }
            rows.push(out);
        }
        if rows.is_empty() {
            return None;
        }
        // The grid's columns: the widest row, spans counted. A header row with a span (or
        // fewer cells than the grid) cannot be the contract's column titles: the columns are
        // then untitled and it stays a row, bold, so that no row spans more than the table.
        let span = |c: &Cell| c.span.max(1) as usize;
        let grid_cols = t.rows.iter().map(|r| r.iter().map(span).sum::<usize>()).max().unwrap_or(0);
        let head_fits = t.rows[0].iter().all(|c| c.span <= 1) && t.rows[0].len() == grid_cols;
        let head: Vec<Option<String>> = if head_fits {
            rows.remove(0).into_iter().map(|c| Some(c.text)).collect()
        } else {
            if let Some(first) = rows.first_mut() {
                for c in first.iter_mut() {
                    c.bold = Some(true);
                    c.align = Some("center".into());
                }
            }
            vec![None; grid_cols]
        };
        let unit = t.grid.iter().filter(|w| **w > 0).fold(0, |g, w| gcd(g, *w)).max(1);
        let columns: Vec<m::Column> = head
            .iter()
            .enumerate()
            .map(|(k, title)| {
                let w = t.grid.get(k).copied().unwrap_or(0);
                m::Column {
                    title: title.clone(),
                    // The grid's own proportions, exactly (reduced by their common divisor).
                    width: (w > 0 && t.grid.len() == head.len()).then(|| format!("{}fr", w / unit)),
                    align: col_align.get(k).cloned().flatten(),
                }
            })
            .collect();
        let table = m::Table { columns, rows, landscape: None };
        Some(Block::Table(m::TableBlock { table, landscape: t.landscape }))
    }
}

/// A plain paragraph block.
fn paragraph(text: String) -> Block {
    Block::Paragraph(m::Paragraph { text, indent: None, align: None })
}

/// The body as nested blocks: chapters hold articles and sections, sections nest by depth,
/// list items gather into lists; `number` is set where the source's label is not the next
/// one the decree would give.
#[derive(Default)]
struct BodyBuilder {
    /// Open containers (a part, chapter, article or section under construction).
    stack: Vec<(Kind, Block)>,
    root: Vec<Block>,
    /// The current list, when the last block was a list item.
    list: Option<(String, Vec<m::ListItem>)>,
    /// The decree's labels at each open section depth.
    counters: Vec<SectionLabels>,
    chapters: u32,
    /// Which label style is at which depth (Roman, Arabic, letter), as the source shows.
    styles: Vec<Label>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Part,
    Chapter,
    Article,
    Section(usize),
}

/// A container's blocks.
fn body_of(b: &mut Block) -> &mut Vec<Block> {
    match b {
        Block::Section(x) => &mut x.body,
        Block::Article(x) => &mut x.body,
        Block::Division(x) => &mut x.body,
        _ => unreachable!("only containers are opened"),
    }
}

fn item(text: String) -> m::ListItem {
    m::ListItem { text, items: Vec::new(), marker: None }
}

fn division(kind: m::DivisionKind, title: String) -> Block {
    Block::Division(m::Division { kind, title, body: Vec::new() })
}

impl BodyBuilder {
    pub(super) fn target(&mut self) -> &mut Vec<Block> {
        match self.stack.last_mut() {
            Some((_, b)) => body_of(b),
            None => &mut self.root,
        }
    }

    pub(super) fn flush_list(&mut self) {
        if let Some((marker, items)) = self.list.take() {
            let marker = (marker != "-").then_some(marker);
            self.target().push(Block::List(m::List { items, marker }));
        }
    }

    pub(super) fn push_block(&mut self, b: Block) {
        self.flush_list();
        self.target().push(b);
    }

    pub(super) fn push_item(&mut self, marker: &str, text: String) {
        match &mut self.list {
            Some((m, items)) if m == marker => items.push(item(text)),
            Some((m, items)) if marker == "+" && m != "+" => {
                // A "+" under a "-": a nested item.
                match items.last_mut() {
                    Some(last) => last.items.push(item(text)),
                    None => items.push(m::ListItem { text: String::new(), items: vec![item(text)], marker: None }),
                }
            }
            _ => {
                self.flush_list();
                self.list = Some((marker.to_string(), vec![item(text)]));
            }
        }
    }

    pub(super) fn close_to(&mut self, keep: impl Fn(Kind) -> bool) {
        self.flush_list();
        while let Some((k, _)) = self.stack.last() {
            if keep(*k) {
                break;
            }
            let (_, b) = self.stack.pop().expect("non-empty");
            self.target().push(b);
        }
    }

    /// "PHẦN I" (its title on the same line or the next): a part holds chapters and articles.
    pub(super) fn open_part(&mut self, title: String) {
        self.close_to(|_| false);
        self.stack.push((Kind::Part, division(m::DivisionKind::Part, title)));
    }

    /// A chapter; its typed label, when it is not the decree's next chapter, is returned
    /// (the contract numbers chapters itself).
    pub(super) fn open_chapter(&mut self, title: String, label: String) -> Option<String> {
        self.close_to(|k| k == Kind::Part);
        self.chapters += 1;
        self.stack.push((Kind::Chapter, division(m::DivisionKind::Chapter, title)));
        // "" where Word numbers the chapter itself: the decree's next.
        (!label.is_empty() && from_roman(&label) != Some(self.chapters) && label.parse::<u32>().ok() != Some(self.chapters)).then_some(label)
    }

    /// The label override of the section just opened, if it has one.
    pub(super) fn opened_number(&self) -> Option<String> {
        match self.stack.last() {
            Some((Kind::Section(_), Block::Section(x))) => x.number.clone(),
            _ => None,
        }
    }

    /// Whether an open section's title is in capitals (the decree's top-level headings).
    pub(super) fn under_upper_section(&self) -> bool {
        self.stack.iter().any(|(_, b)| matches!(b, Block::Section(x) if is_upper(&x.title)))
    }

    pub(super) fn chapter_needs_title(&self) -> bool {
        matches!(self.stack.last(), Some((Kind::Chapter | Kind::Part, Block::Division(d))) if d.title.is_empty() && d.body.is_empty())
    }

    pub(super) fn set_chapter_title(&mut self, t: String) {
        if let Some((_, Block::Division(d))) = self.stack.last_mut() {
            d.title = t;
        }
    }

    pub(super) fn open_article(&mut self, title: String, _n: u32) {
        self.close_to(|k| k == Kind::Chapter || k == Kind::Part);
        self.counters.clear();
        self.styles.clear();
        self.stack.push((Kind::Article, Block::Article(m::Article { title, body: Vec::new() })));
    }

    /// A section under a label of this style; `shown` is the source's label ("II"), or
    /// `None` where Word numbers it itself (the decree's next label is taken).
    /// The depth a section with this label would open at (0: the top, "I. TITLE").
    pub(super) fn depth_of(&self, label: &Label) -> usize {
        let style_of = |l: &Label| match l {
            Label::Roman(_) => 0,
            Label::Arabic(v) => v.len(),
            Label::Letter(_) => 10,
        };
        let open = self.stack.iter().filter(|(k, _)| matches!(k, Kind::Section(_))).count();
        self.styles.iter().take(open + 1).position(|s| style_of(s) == style_of(label)).unwrap_or(open.min(self.styles.len()))
    }

    pub(super) fn open_section(&mut self, label: Label, shown: Option<String>, title: String) {
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
        let counter = &mut self.counters[depth];
        let shown = match shown {
            Some(s) => format!("{s}{suffix}"),
            None => counter.clone().next(None),
        };
        let number = if counter.clone().next(None) == shown {
            counter.next(None);
            None
        } else {
            counter.next(Some(&shown));
            Some(shown)
        };
        self.stack.push((Kind::Section(depth), Block::Section(m::Section { title, number, body: Vec::new() })));
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        self.close_to(|_| false);
        self.root
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}
