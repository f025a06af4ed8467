//! The body, flattened: sections numbered by depth, lists with their markers, results as
//! sentences or a table, tables with resolved widths.

use super::{CellData, Para, TableData};
use crate::fonts::FontSet;
use crate::model::{Block, ListItem, Results, Table};
use crate::nd30::numbering::{marker_label, next_marker, roman, SectionLabels};
use crate::nd30::results;
use crate::nd30::text::{inline, upper, Span};
use crate::style::Style;

/// Flattens blocks into paragraphs, keeping the top-level path of each.
pub struct BodyBuilder<'a> {
    style: &'a Style,
    fonts: &'a FontSet,
    out: Vec<Para>,
    article: u32,
    divisions: [u32; 3],
}

fn align_of(a: Option<&str>) -> &'static str {
    match a {
        Some("left") => "left",
        Some("center") => "center",
        Some("right") => "right",
        _ => "justify",
    }
}

fn bolden(mut spans: Vec<Span>) -> Vec<Span> {
    for s in &mut spans {
        s.b = true;
    }
    spans
}

impl<'a> BodyBuilder<'a> {
    /// A builder for one body.
    pub fn new(style: &'a Style, fonts: &'a FontSet) -> Self {
        BodyBuilder { style, fonts, out: Vec::new(), article: 0, divisions: [0; 3] }
    }

    /// The paragraphs built.
    pub fn finish(self) -> Vec<Para> {
        self.out
    }

    fn push(&mut self, kind: &'static str, level: usize, spans: Vec<Span>, indent: bool, align: &'static str, path: &str) {
        self.out.push(Para { kind, level, spans, indent, align, path: path.to_string(), table: None, size: None, picture: None });
    }

    /// A paragraph of another kind (authority, căn cứ, decision word) at its own size.
    pub fn push_para(&mut self, kind: &'static str, spans: Vec<Span>, indent: bool, align: &'static str, path: &str, size: Option<f64>) {
        let size = size.filter(|s| (*s - self.style.sizes_pt.body).abs() > 0.01);
        self.out.push(Para { kind, level: 0, spans, indent, align, path: path.to_string(), table: None, size, picture: None });
    }

    /// The style in use.
    pub fn style(&self) -> &Style {
        self.style
    }

    /// Add a body (`path` is `$.body`).
    pub fn blocks(&mut self, blocks: &[Block], path: &str) {
        self.walk(blocks, 0, path, None);
    }

    /// `top`: the top-level path every paragraph of a nested block reports.
    fn walk(&mut self, blocks: &[Block], depth: usize, path: &str, top: Option<&str>) {
        let mut labels = SectionLabels::new(depth + 1);
        for (i, b) in blocks.iter().enumerate() {
            let own = format!("{path}[{i}]");
            let p = top.map(str::to_string).unwrap_or(own.clone());
            match b {
                Block::Paragraph(x) => {
                    let align = align_of(x.align.as_deref());
                    let indent = x.indent.unwrap_or(true) && align == "justify";
                    self.push("p", depth, inline(&x.text), indent, align, &p);
                }
                Block::Section(s) => {
                    let d = depth + 1;
                    let label = labels.next(s.number.as_deref());
                    let mut title = inline(s.title.trim());
                    if d == 1 {
                        for sp in &mut title {
                            sp.t = upper(&sp.t);
                        }
                    }
                    let mut spans = vec![Span::bold(format!("{label} "))];
                    spans.extend(bolden(title));
                    self.push("heading", d, spans, true, "justify", &p);
                    self.walk(&s.body, d, &format!("{own}.body"), Some(&p));
                }
                Block::List(l) => {
                    let m = l.marker.as_deref().unwrap_or("-");
                    self.items(&l.items, m, 1, &p);
                }
                Block::Table(t) => {
                    let data = self.table(&t.table, t.landscape);
                    self.out.push(Para { kind: "table", level: 0, spans: vec![], indent: false, align: "left", path: p, table: Some(data), size: None, picture: None });
                }
                Block::Results(r) => self.results(r, &p),
                Block::Article(a) => {
                    self.article += 1;
                    let label = format!("Điều {}.", self.article);
                    let title = a.title.trim();
                    let mut body: &[Block] = &a.body;
                    if !title.is_empty() {
                        let mut spans = vec![Span::bold(format!("{label} "))];
                        spans.extend(bolden(inline(title)));
                        self.push("heading", 0, spans, true, "justify", &p);
                    } else if let Some(Block::Paragraph(first)) = a.body.first() {
                        // An untitled article runs on into its first paragraph.
                        let mut spans = vec![Span::bold(format!("{label} "))];
                        spans.extend(inline(&first.text));
                        self.push("p", depth, spans, true, "justify", &p);
                        body = &a.body[1..];
                    } else {
                        self.push("heading", 0, vec![Span::bold(label)], true, "justify", &p);
                    }
                    self.walk(body, depth, &format!("{own}.body"), Some(&p));
                }
                Block::Division(dv) => {
                    use crate::model::DivisionKind::*;
                    let k = match dv.kind { Part => 0, Chapter => 1, Division => 2 };
                    self.divisions[k] += 1;
                    let n = self.divisions[k];
                    let label = match dv.kind {
                        Part => format!("Phần {}", roman(n)),
                        Chapter => format!("Chương {}", roman(n)),
                        Division => format!("Mục {n}"),
                    };
                    self.push("heading", 0, vec![Span::bold(label)], false, "center", &p);
                    let mut t = bolden(inline(dv.title.trim()));
                    for sp in &mut t {
                        sp.t = upper(&sp.t);
                    }
                    self.push("heading", 0, t, false, "center", &p);
                    self.walk(&dv.body, depth, &format!("{own}.body"), Some(&p));
                }
                Block::Image(im) => self.picture(im, &p, &own),
                Block::PageBreak => self.push("page_break", 0, vec![], false, "left", &p),
            }
        }
    }

    /// A picture at its width (its own size by default), never wider than the text nor
    /// taller than most of a page; its caption under it, centred, in italics.
    fn picture(&mut self, im: &crate::model::picture::Image, path: &str, own: &str) {
        use crate::model::picture::{width_spec, Width};
        let st = self.style;
        let text_w = st.text_width_mm();
        let text_h = st.page.height_mm - st.margins_mm.top - st.margins_mm.bottom;
        let (nw, nh) = im.picture.natural_mm();
        let mut w = match im.width.as_deref().map(width_spec) {
            Some(Ok(Width::Mm(mm))) => mm,
            Some(Ok(Width::Percent(p))) => text_w * p / 100.0,
            _ => nw,
        }
        .min(text_w);
        let mut h = w * nh / nw;
        // Room for the caption and a line of text on the page.
        let max_h = text_h * 0.85;
        if h > max_h {
            w *= max_h / h;
            h = max_h;
        }
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let align = align_of(im.align.as_deref().or(Some("center")));
        let data = crate::doc::PictureData { file: String::new(), width_mm: round(w), height_mm: round(h), picture: im.picture.clone(), at: format!("{own}.image"), alt: im.caption.as_deref().map(|c| inline(c.trim()).iter().map(|s| s.t.as_str()).collect()) };
        self.out.push(Para { kind: "picture", level: 0, spans: vec![], indent: false, align, path: path.to_string(), table: None, size: None, picture: Some(data) });
        if let Some(c) = &im.caption {
            let mut spans = inline(c.trim());
            for sp in &mut spans {
                sp.i = true;
            }
            let size = Some(st.sizes_pt.table).filter(|s| (*s - st.sizes_pt.body).abs() > 0.01);
            self.out.push(Para { kind: "caption", level: 0, spans, indent: false, align: "center", path: path.to_string(), table: None, size, picture: None });
        }
    }

    fn items(&mut self, items: &[ListItem], marker: &str, level: usize, path: &str) {
        for (n, it) in items.iter().enumerate() {
            let m = it.marker.as_deref().unwrap_or(marker);
            let mut spans = vec![Span::plain(format!("{} ", marker_label(m, n as u32 + 1)))];
            spans.extend(inline(&it.text));
            self.push("item", level, spans, true, "justify", path);
            if !it.items.is_empty() {
                self.items(&it.items, next_marker(m), level + 1, path);
            }
        }
    }

    fn results(&mut self, r: &Results, path: &str) {
        if r.as_.as_deref() == Some("table") {
            let cols = results::table_columns(&r.items);
            let mut head = vec![CellData { spans: vec![Span::bold("STT")], colspan: 1, align: "center" }];
            head.extend(cols.iter().map(|(t, _)| CellData { spans: vec![Span::bold(*t)], colspan: 1, align: "center" }));
            let rows: Vec<Vec<CellData>> = r
                .items
                .iter()
                .enumerate()
                .map(|(k, it)| {
                    let p = results::parts(it);
                    let mut row = vec![CellData { spans: vec![Span::plain((k + 1).to_string())], colspan: 1, align: "center" }];
                    for (title, f) in &cols {
                        let align = if *title == "Nội dung" || *title == "Ghi chú" { "left" } else { "center" };
                        row.push(CellData { spans: f(&p), colspan: 1, align });
                    }
                    row
                })
                .collect();
            let mut spec: Vec<(&str, &'static str)> = vec![("auto", "center")];
            for (title, _) in &cols {
                spec.push(match *title {
                    "Nội dung" => ("3fr", "left"),
                    "Ghi chú" => ("2fr", "left"),
                    _ => ("auto", "center"),
                });
            }
            let widths = self.widths(&spec.iter().map(|s| s.0).collect::<Vec<_>>(), &head, &rows, false);
            let data = TableData { widths_mm: widths, aligns: spec.iter().map(|s| s.1).collect(), head, rows, landscape: false };
            self.out.push(Para { kind: "table", level: 0, spans: vec![], indent: false, align: "left", path: path.to_string(), table: Some(data), size: None, picture: None });
        } else {
            for it in &r.items {
                let mut spans = vec![Span::plain("- ")];
                spans.extend(results::sentence_spans(it));
                self.push("item", 1, spans, true, "justify", path);
            }
        }
    }

    fn table(&mut self, t: &Table, landscape: bool) -> TableData {
        let aligns: Vec<&'static str> = t.columns.iter().map(|c| match c.align.as_deref() {
            Some("center") => "center",
            Some("right") => "right",
            _ => "left",
        }).collect();
        let has_head = t.columns.iter().any(|c| c.title.as_deref().is_some_and(|s| !s.trim().is_empty()));
        let head: Vec<CellData> = if has_head {
            t.columns.iter().map(|c| CellData { spans: bolden(inline(c.title.as_deref().unwrap_or(""))), colspan: 1, align: "center" }).collect()
        } else {
            Vec::new()
        };
        let rows: Vec<Vec<CellData>> = t
            .rows
            .iter()
            .map(|row| {
                let mut col = 0usize;
                row.iter()
                    .map(|c| {
                        let span = c.colspan.unwrap_or(1).max(1) as usize;
                        let align = match c.align.as_deref() {
                            Some("center") => "center",
                            Some("right") => "right",
                            Some(_) => "left",
                            None => aligns.get(col).copied().unwrap_or("left"),
                        };
                        col += span;
                        let spans = inline(&c.text);
                        CellData { spans: if c.bold == Some(true) { bolden(spans) } else { spans }, colspan: span, align }
                    })
                    .collect::<Vec<_>>()
            })
            .map(|mut row: Vec<CellData>| {
                // A short row ends in empty cells: Typst would otherwise flow the next row's
                // cells into it (and a span could overrun the last column).
                let used: usize = row.iter().map(|c| c.colspan).sum();
                for k in used..t.columns.len() {
                    row.push(CellData { spans: Vec::new(), colspan: 1, align: aligns.get(k).copied().unwrap_or("left") });
                }
                row
            })
            .collect();
        let spec: Vec<&str> = t.columns.iter().map(|c| c.width.as_deref().unwrap_or("1fr")).collect();
        let widths = self.widths(&spec, &head, &rows, landscape);
        TableData { widths_mm: widths, aligns, head, rows, landscape }
    }

    /// Column widths in mm: lengths as given, `auto` as its widest unbroken content (capped),
    /// fractions share the rest. Both writers use these numbers.
    fn widths(&self, spec: &[&str], head: &[CellData], rows: &[Vec<CellData>], landscape: bool) -> Vec<f64> {
        let st = self.style;
        let total = if landscape {
            st.page.height_mm - st.margins_mm.left - st.margins_mm.right
        } else {
            st.text_width_mm()
        };
        let inset_mm = 2.0 * st.body.table_cell_inset_pt / crate::nd30::ranges::PT_PER_MM;
        let size = st.sizes_pt.table;
        let mut fixed = vec![None; spec.len()];
        let mut frs = vec![0.0; spec.len()];
        for (k, w) in spec.iter().enumerate() {
            let w = w.trim();
            if let Some(f) = w.strip_suffix("fr").and_then(|n| n.trim().parse::<f64>().ok()) {
                frs[k] = f;
            } else if let Some(mm) = crate::nd30::ranges::length_mm(w) {
                fixed[k] = Some(mm);
            }
            // auto: measured below.
        }
        // auto: the widest single-span content of the column, on one line (capped).
        for (k, w) in spec.iter().enumerate() {
            if w.trim() == "auto" {
                let mut widest: f64 = 0.0;
                for row in std::iter::once(head).chain(rows.iter().map(|r| r.as_slice())) {
                    let mut col = 0;
                    for c in row {
                        if col == k && c.colspan == 1 {
                            let text: String = c.spans.iter().map(|s| s.t.as_str()).collect();
                            let bold = c.spans.iter().any(|s| s.b);
                            widest = widest.max(self.fonts.width_pt(&text, size, bold, false) / crate::nd30::ranges::PT_PER_MM);
                        }
                        col += c.colspan;
                    }
                }
                fixed[k] = Some((widest + inset_mm + 0.5).min(total * 0.3));
            }
        }
        let used: f64 = fixed.iter().flatten().sum();
        let fr_total: f64 = frs.iter().sum();
        let rest = (total - used).max(0.0);
        let mut out: Vec<f64> = (0..spec.len())
            .map(|k| fixed[k].unwrap_or_else(|| if fr_total > 0.0 { rest * frs[k] / fr_total } else { 0.0 }))
            .collect();
        // No fractions: scale so the table spans the text width.
        let sum: f64 = out.iter().sum();
        if fr_total == 0.0 && sum > 0.0 && (sum - total).abs() > 0.01 {
            for w in &mut out {
                *w *= total / sum;
            }
        }
        out
    }
}
