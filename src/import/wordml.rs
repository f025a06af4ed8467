//! WordprocessingML as vanban reads it: the body's paragraphs and tables in order, each
//! paragraph as runs of text with bold and italic, what Word shows (tabs, line breaks, field
//! results, inserted text, text boxes), and a note of everything dropped (deleted text,
//! comments, footnote markers) so that nothing is lost silently.

use roxmltree::{Document, Node};
use std::collections::HashMap;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A piece of text with its look.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text: `\t` for a tab, `\n` for a line break.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A paragraph.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// Its number among the document's paragraphs (1-based, text boxes and cells included).
    pub index: usize,
    /// Its runs.
    pub runs: Vec<Run>,
    /// `center`, `right`, `both`, … (`w:jc`).
    pub align: Option<String>,
    /// Automatic numbering: (numId, level).
    pub num: Option<(String, u32)>,
    /// A page break before it (or inside it, before its text).
    pub page_break: bool,
    /// A page break after its text (LibreOffice saves a break as `<w:br w:type="page"/>` at
    /// the end of the paragraph before).
    pub page_break_after: bool,
    /// Space before and after (twips) and line spacing, direct or from its style.
    pub before: Option<u32>,
    pub line: Option<LineSpacing>,
    /// It ends a section: whether that section's pages are landscape.
    pub section_end: Option<bool>,
    /// Font size of most of its text, in half-points (`w:sz`, its style's, the default).
    pub size: Option<u32>,
    /// First-line indent, twips (`w:ind w:firstLine`, or its style's).
    pub first_line: Option<i32>,
    /// Left indent, twips (`w:ind w:left` or `w:start`, direct).
    pub left: Option<i32>,
    /// The text box it is in (numbered in document order), if any.
    pub text_box: Option<usize>,
    /// Typed text (the editor's body) says it is a paragraph, whatever its label or weight
    /// ("**1. Một đoạn đậm**"); Word files never set it.
    pub plain: bool,
    /// Pictures, charts and objects drawn in it (indices into [`Reader::pictures`]).
    pub pictures: Vec<usize>,
}

/// A picture, chart or embedded object met in a paragraph: what it is and the package part
/// holding its picture (or its fallback picture), by relationship id.
#[derive(Debug, Clone)]
pub struct PicRef {
    /// The paragraph it is drawn in.
    pub paragraph: usize,
    /// "picture", "chart", "object" (OLE), "altChunk".
    pub what: &'static str,
    /// The relationship id of its picture part, if it has one.
    pub embed: Option<String>,
    /// The relationship id of the chart or object part.
    pub part: Option<String>,
    /// The picture `mc:Fallback` holds for it (Word's PNG beside an EMF, a chart, a shape).
    pub fallback: Option<String>,
    /// Its width as laid out in Word, EMU (`wp:extent`).
    pub width_emu: Option<u64>,
    /// Its name or program ("Excel.Sheet.12", the picture's description).
    pub name: Option<String>,
}

impl Para {
    /// The text as shown, without markup.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether every visible character is bold.
    pub fn all_bold(&self) -> bool {
        self.all(|r| r.bold)
    }

    /// Whether every visible character is italic.
    pub fn all_italic(&self) -> bool {
        self.all(|r| r.italic)
    }

    /// Whether every run with visible text has the property (and there is such a run).
    fn all(&self, has: impl Fn(&Run) -> bool) -> bool {
        let mut visible = self.runs.iter().filter(|r| r.text.chars().any(|c| !c.is_whitespace())).peekable();
        visible.peek().is_some() && visible.all(has)
    }

    /// The runs from character `from` on (a prefix such as "1. " taken off).
    pub fn from_char(&self, from: usize) -> Para {
        let mut left = from;
        let mut runs = Vec::new();
        for r in &self.runs {
            let n = r.text.chars().count();
            if left >= n {
                left -= n;
                continue;
            }
            runs.push(Run { text: r.text.chars().skip(left).collect(), ..r.clone() });
            left = 0;
        }
        Para { runs, ..self.clone() }
    }
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Its paragraphs (those of nested tables too, in order).
    pub paras: Vec<Para>,
    /// Columns it spans.
    pub span: u32,
    /// Whether it continues a vertical merge from the row above.
    pub merged: bool,
}

impl Cell {
    /// The cell's lines: its paragraphs' texts, split at line breaks.
    pub fn lines(&self) -> Vec<String> {
        self.paras.iter().flat_map(|p| p.text().split('\n').map(str::to_string).collect::<Vec<_>>()).collect()
    }
}

/// A table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Its number among the document's tables (1-based).
    pub index: usize,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
    /// Column widths (twips), from the grid.
    pub grid: Vec<u32>,
    /// On a landscape page (its section's page is wider than high).
    pub landscape: bool,
}

/// A body item.
#[derive(Debug, Clone)]
pub enum Item {
    /// A paragraph.
    P(Para),
    /// A table.
    T(Table),
}

/// Something left out, with where it was.
#[derive(Debug, Clone)]
pub struct Dropped {
    /// Paragraph number.
    pub paragraph: usize,
    /// What: `deleted`, `footnote`, `hidden`.
    pub kind: &'static str,
    /// The text.
    pub text: String,
}

/// What a style sets of its text's look (unset: its parent's or the paragraph's).
#[derive(Debug, Clone, Copy, Default)]
struct StyleLook {
    bold: Option<bool>,
    italic: Option<bool>,
    caps: Option<bool>,
}

impl StyleLook {
    fn of(rpr: Option<Node>) -> StyleLook {
        StyleLook { bold: toggle(rpr, "b"), italic: toggle(rpr, "i"), caps: toggle(rpr, "caps") }
    }
}

/// A run's inherited look: bold, italic, shown in capitals (`w:caps`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Look {
    pub bold: bool,
    pub italic: bool,
    pub caps: bool,
}

/// Bold, italic and capitals of the paragraph styles (with `basedOn`), and the document
/// defaults.
#[derive(Default)]
pub struct Styles {
    para: HashMap<String, (StyleLook, Option<String>)>,
    chars: HashMap<String, StyleLook>,
    /// Size, indent, alignment and spacing of paragraph styles.
    metrics: HashMap<String, Metrics>,
    default_size: Option<u32>,
    /// The document's default spacing (`pPrDefault`).
    default_spacing: (Option<u32>, Option<LineSpacing>),
}

/// What a paragraph style sets of a paragraph's look.
#[derive(Debug, Clone, Default)]
struct Metrics {
    /// Half-points.
    size: Option<u32>,
    /// Twips; negative for a hanging indent.
    first_line: Option<i32>,
    jc: Option<String>,
    /// Space before and after, twips.
    before: Option<u32>,
    line: Option<LineSpacing>,
    /// Word's numbering (numId, level) the style applies ("List Number", "List Bullet").
    num: Option<(String, u32)>,
}

/// `w:numPr`: the numbering instance (none where only the level is given) and the level;
/// numId 0 takes numbering off.
fn num_of(ppr: Option<Node>) -> Option<(Option<String>, u32)> {
    let n = w(&ppr?, "numPr")?;
    let id = w(&n, "numId").and_then(|i| attr(&i, "val")).map(str::to_string);
    let lvl = w(&n, "ilvl").and_then(|l| attr(&l, "val")).and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id, lvl))
}

/// Line spacing: a multiple (in 240ths of a line) or an exact height (twips).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineSpacing {
    Multiple(u32),
    Exact(u32),
}

/// `w:spacing`: space between paragraphs (before and after, twips) and the line spacing.
fn spacing_of(ppr: Option<Node>) -> (Option<u32>, Option<LineSpacing>) {
    let Some(sp) = ppr.and_then(|p| w(&p, "spacing")) else { return (None, None) };
    let (b, a) = (attr(&sp, "before").and_then(|v| v.parse::<u32>().ok()), attr(&sp, "after").and_then(|v| v.parse::<u32>().ok()));
    let before = if b.is_none() && a.is_none() { None } else { Some(b.unwrap_or(0) + a.unwrap_or(0)) };
    let line = attr(&sp, "line").and_then(|v| v.parse::<u32>().ok()).map(|n| match attr(&sp, "lineRule") {
        Some("exact") | Some("atLeast") => LineSpacing::Exact(n),
        _ => LineSpacing::Multiple(n),
    });
    (before, line)
}

fn size_of(rpr: Option<Node>) -> Option<u32> {
    w(&rpr?, "sz").and_then(|s| attr(&s, "val")).and_then(|v| v.parse().ok())
}

fn first_line_of(ppr: Option<Node>) -> Option<i32> {
    let ind = w(&ppr?, "ind")?;
    if let Some(h) = attr(&ind, "hanging").and_then(|v| v.parse::<i32>().ok()) {
        return Some(-h);
    }
    attr(&ind, "firstLine").and_then(|v| v.parse().ok())
}

fn w<'a>(n: &Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(W))
}

fn attr<'a>(n: &Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// A toggle property (`w:b`, `w:i`): present and not false.
fn toggle(rpr: Option<Node>, name: &str) -> Option<bool> {
    let p = w(&rpr?, name)?;
    Some(!matches!(attr(&p, "val"), Some("0") | Some("false") | Some("off")))
}

impl Styles {
    /// Read `styles.xml`.
    pub fn read(xml: &str) -> Styles {
        let mut s = Styles::default();
        let Ok(doc) = Document::parse(xml) else { return s };
        s.default_size = doc.descendants().find(|n| n.tag_name().name() == "rPrDefault").and_then(|d| size_of(w(&d, "rPr")));
        s.default_spacing = spacing_of(doc.descendants().find(|n| n.tag_name().name() == "pPrDefault").and_then(|d| w(&d, "pPr")));
        for st in doc.root_element().children().filter(|c| c.tag_name().name() == "style") {
            let Some(id) = attr(&st, "styleId") else { continue };
            let rpr = w(&st, "rPr");
            let based = w(&st, "basedOn").and_then(|b| attr(&b, "val")).map(str::to_string);
            match attr(&st, "type") {
                Some("paragraph") => {
                    let ppr = w(&st, "pPr");
                    let jc = ppr.and_then(|p| w(&p, "jc")).and_then(|j| attr(&j, "val")).map(str::to_string);
                    let (before, line) = spacing_of(ppr);
                    s.metrics.insert(id.to_string(), Metrics { size: size_of(rpr), first_line: first_line_of(ppr), jc, before, line, num: num_of(ppr).map(|(id, lvl)| (id.unwrap_or_else(|| "0".into()), lvl)) });
                    s.para.insert(id.to_string(), (StyleLook::of(rpr), based));
                }
                Some("character") => {
                    s.chars.insert(id.to_string(), StyleLook::of(rpr));
                }
                _ => {}
            }
        }
        s
    }

    /// What a paragraph style sets, through `basedOn`, then the document's defaults.
    fn para_metrics(&self, id: &str) -> Metrics {
        let mut m = Metrics::default();
        let mut cur = Some(id.to_string());
        for _ in 0..16 {
            let Some(c) = cur else { break };
            if let Some(s) = self.metrics.get(&c) {
                m.size = m.size.or(s.size);
                m.first_line = m.first_line.or(s.first_line);
                m.jc = m.jc.take().or_else(|| s.jc.clone());
                m.before = m.before.or(s.before);
                m.line = m.line.or(s.line);
                m.num = m.num.take().or_else(|| s.num.clone());
            }
            cur = self.para.get(&c).and_then(|p| p.1.clone());
        }
        m.size = m.size.or(self.default_size);
        m.before = m.before.or(self.default_spacing.0);
        m.line = m.line.or(self.default_spacing.1);
        m
    }

    fn para_look(&self, id: &str) -> Look {
        let mut l = StyleLook::default();
        let mut cur = Some(id.to_string());
        for _ in 0..16 {
            let Some(c) = cur else { break };
            let Some((s, based)) = self.para.get(&c) else { break };
            l = StyleLook { bold: l.bold.or(s.bold), italic: l.italic.or(s.italic), caps: l.caps.or(s.caps) };
            cur = based.clone();
        }
        Look { bold: l.bold.unwrap_or(false), italic: l.italic.unwrap_or(false), caps: l.caps.unwrap_or(false) }
    }
}

/// What the reader collects.
pub struct Reader<'s> {
    styles: &'s Styles,
    /// Paragraphs counted so far.
    pub paragraphs: usize,
    tables: usize,
    /// Text left out.
    pub dropped: Vec<Dropped>,
    /// Paragraphs found in text boxes, to be placed before the paragraph holding them.
    boxed: Vec<Item>,
    /// Text boxes seen so far.
    text_boxes: usize,
    /// Every picture, chart and object, in document order.
    pub pictures: Vec<PicRef>,
    /// Pictures of the paragraph being read.
    pending: Vec<usize>,
}

impl<'s> Reader<'s> {
    /// A reader with these styles.
    pub fn new(styles: &'s Styles) -> Reader<'s> {
        Reader { styles, paragraphs: 0, tables: 0, dropped: Vec::new(), boxed: Vec::new(), text_boxes: 0, pictures: Vec::new(), pending: Vec::new() }
    }

    /// The items of `w:body` (or of a header's root), in order.
    pub fn body(&mut self, root: Node) -> Vec<Item> {
        let mut out = Vec::new();
        self.block_children(root, &mut out);
        // A section's properties close it (in its last paragraph; the body's own for the
        // last): tables in a landscape section are landscape tables.
        let body_landscape = w(&root, "sectPr").is_some_and(|s| landscape(&s));
        let mut section_landscape = body_landscape;
        for it in out.iter_mut().rev() {
            match it {
                Item::P(p) if p.section_end.is_some() => section_landscape = p.section_end == Some(true),
                Item::T(t) => t.landscape = section_landscape,
                _ => {}
            }
        }
        out
    }

    fn block_children(&mut self, parent: Node, out: &mut Vec<Item>) {
        for c in parent.children().filter(Node::is_element) {
            if c.tag_name().namespace() != Some(W) {
                continue;
            }
            match c.tag_name().name() {
                "p" => {
                    let p = self.para(c);
                    out.append(&mut self.boxed);
                    out.push(Item::P(p));
                }
                "tbl" => {
                    let t = self.table(c);
                    out.push(Item::T(t));
                }
                "sdt" => {
                    if let Some(content) = w(&c, "sdtContent") {
                        self.block_children(content, out);
                    }
                }
                // Tracked insertions of whole paragraphs and custom XML wrappers.
                "ins" | "customXml" | "smartTag" => self.block_children(c, out),
                // Another document embedded whole (HTML, RTF, a .docx): said, never silently lost.
                "altChunk" => {
                    self.paragraphs += 1;
                    let n = self.pictures.len();
                    self.pictures.push(PicRef { paragraph: self.paragraphs, what: "altChunk", embed: None, part: c.attribute((R, "id")).map(str::to_string), fallback: None, width_emu: None, name: None });
                    out.push(Item::P(Para { index: self.paragraphs, pictures: vec![n], ..Para::default() }));
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, t: Node) -> Table {
        self.tables += 1;
        let index = self.tables;
        let grid = w(&t, "tblGrid").map(|g| g.children().filter(|c| c.tag_name().name() == "gridCol").map(|c| attr(&c, "w").and_then(|v| v.parse().ok()).unwrap_or(0)).collect()).unwrap_or_default();
        let mut rows = Vec::new();
        for tr in t.children().filter(|c| c.tag_name().name() == "tr") {
            let mut row = Vec::new();
            for tc in tr.children().filter(|c| c.tag_name().name() == "tc") {
                let pr = w(&tc, "tcPr");
                let span = pr.and_then(|p| w(&p, "gridSpan")).and_then(|g| attr(&g, "val")).and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                let merged = pr.and_then(|p| w(&p, "vMerge")).is_some_and(|m| attr(&m, "val") != Some("restart"));
                let mut items = Vec::new();
                self.block_children(tc, &mut items);
                let mut paras = Vec::new();
                flatten(items, &mut paras);
                row.push(Cell { paras, span, merged });
            }
            rows.push(row);
        }
        Table { index, rows, grid, landscape: false }
    }

    fn para(&mut self, p: Node) -> Para {
        self.paragraphs += 1;
        let index = self.paragraphs;
        let ppr = w(&p, "pPr");
        let style = ppr.and_then(|x| w(&x, "pStyle")).and_then(|s| attr(&s, "val")).unwrap_or("Normal");
        let look = self.styles.para_look(style);
        let mut para = Para {
            index,
            align: ppr.and_then(|x| w(&x, "jc")).and_then(|j| attr(&j, "val")).map(str::to_string),
            num: None,
            page_break: ppr.and_then(|x| w(&x, "pageBreakBefore")).is_some(),
            page_break_after: false,
            section_end: ppr.and_then(|x| w(&x, "sectPr")).map(|s| landscape(&s)),
            runs: Vec::new(),
            size: None,
            first_line: None,
            before: None,
            line: None,
            text_box: None,
            plain: false,
            pictures: Vec::new(),
            left: ppr.and_then(|x| w(&x, "ind")).and_then(|i| attr(&i, "left").or(attr(&i, "start"))).and_then(|v| v.parse().ok()),
        };
        let m = self.styles.para_metrics(style);
        para.first_line = first_line_of(ppr).or(m.first_line);
        para.align = para.align.take().or(m.jc);
        let (before, line) = spacing_of(ppr);
        para.before = before.or(m.before);
        para.line = line.or(m.line);
        // Direct numbering, else the style's (a level alone keeps the style's instance).
        para.num = match num_of(ppr) {
            Some((Some(id), lvl)) => Some((id, lvl)),
            Some((None, lvl)) => m.num.map(|(id, _)| (id, lvl)),
            None => m.num,
        }
        .filter(|(id, _)| id != "0");
        let style_size = m.size;
        // The size of the paragraph's first run with text that says one, else the style's.
        para.size = p.descendants().filter(|d| d.tag_name().name() == "r").find_map(|r| size_of(w(&r, "rPr"))).or(style_size);
        let mut field = FieldState::default();
        let outer = std::mem::take(&mut self.pending);
        self.inline(p, &mut para, look, &mut field);
        para.pictures = std::mem::replace(&mut self.pending, outer);
        // Merge neighbouring runs of the same look.
        let mut merged: Vec<Run> = Vec::new();
        for r in para.runs.drain(..) {
            match merged.last_mut() {
                Some(last) if last.bold == r.bold && last.italic == r.italic => last.text.push_str(&r.text),
                _ => merged.push(r),
            }
        }
        para.runs = merged;
        super::labels::label_case(&mut para);
        super::labels::prefix_spelling(&mut para);
        para
    }

    fn inline(&mut self, parent: Node, para: &mut Para, look: Look, field: &mut FieldState) {
        for c in parent.children().filter(Node::is_element) {
            let ns = c.tag_name().namespace();
            let name = c.tag_name().name();
            if ns == Some(MC) && name == "AlternateContent" {
                self.alternate(c, para, look);
                continue;
            }
            if self.picture_at(c, para) {
                continue;
            }
            if name == "txbxContent" {
                self.text_boxes += 1;
                let id = self.text_boxes;
                let mut items = Vec::new();
                self.block_children(c, &mut items);
                for it in &mut items {
                    if let Item::P(p) = it {
                        p.text_box.get_or_insert(id);
                    }
                }
                self.boxed.extend(items);
                continue;
            }
            if ns != Some(W) {
                self.inline(c, para, look, field); // drawings, VML shapes: look inside for text boxes
                continue;
            }
            match name {
                "r" => self.run(c, para, look, field),
                "del" | "moveFrom" => {
                    let text: String = c.descendants().filter(|d| d.tag_name().name() == "delText" || d.tag_name().name() == "t").filter_map(|d| d.text()).collect();
                    if !text.trim().is_empty() {
                        self.dropped.push(Dropped { paragraph: para.index, kind: "deleted", text });
                    }
                }
                "fldSimple" | "hyperlink" | "ins" | "moveTo" | "smartTag" | "customXml" | "bdo" | "dir" | "drawing" | "pict" | "object" => self.inline(c, para, look, field),
                "sdt" => {
                    if let Some(content) = w(&c, "sdtContent") {
                        self.inline(content, para, look, field);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: Node, para: &mut Para, look: Look, field: &mut FieldState) {
        let rpr = w(&r, "rPr");
        let cs = rpr.and_then(|x| w(&x, "rStyle")).and_then(|s| attr(&s, "val")).and_then(|s| self.styles.chars.get(s)).copied().unwrap_or_default();
        let bold = toggle(rpr, "b").or(cs.bold).unwrap_or(look.bold);
        let italic = toggle(rpr, "i").or(cs.italic).unwrap_or(look.italic);
        let caps = toggle(rpr, "caps").or(cs.caps).unwrap_or(look.caps);
        // Hidden text (`w:vanish`) is not on the page.
        let hidden = toggle(rpr, "vanish").unwrap_or(false);
        let superscript = rpr.and_then(|x| w(&x, "vertAlign")).and_then(|v| attr(&v, "val")) == Some("superscript");
        let mut text = String::new();
        for c in r.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "fldChar" => match attr(&c, "fldCharType") {
                    Some("begin") => field.depth += 1,
                    Some("separate") => field.result = true,
                    Some("end") => {
                        field.depth = field.depth.saturating_sub(1);
                        field.result = false;
                    }
                    _ => {}
                },
                // Between begin and separate is the instruction, not text.
                _ if field.depth > 0 && !field.result => {}
                "t" => text.push_str(c.text().unwrap_or("")),
                "tab" | "ptab" => text.push('\t'),
                "br" => {
                    if attr(&c, "type") == Some("page") {
                        if text.trim().is_empty() && para.runs.iter().all(|r| r.text.trim().is_empty()) {
                            para.page_break = true;
                        } else {
                            para.page_break_after = true;
                        }
                    } else {
                        text.push('\n');
                    }
                }
                "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('\u{2011}'),
                "sym" => {
                    if let Some(ch) = attr(&c, "char").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                        // Symbol fonts map to the private use area; keep only real characters.
                        if !('\u{f000}'..='\u{f0ff}').contains(&ch) {
                            text.push(ch);
                        }
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    self.dropped.push(Dropped { paragraph: para.index, kind: "footnote", text: format!("footnote {}", attr(&c, "id").unwrap_or("?")) });
                }
                "drawing" | "pict" | "object" => {
                    let mut inner = FieldState::default();
                    self.inline(c, para, look, &mut inner);
                }
                "AlternateContent" => self.alternate(c, para, look),
                _ => {}
            }
        }
        if text.is_empty() {
            return;
        }
        if superscript && text.trim().chars().all(|c| c.is_ascii_digit() || c == '*' || c == ',') && !text.trim().is_empty() {
            // A typed footnote marker (the decree's forms number their notes so).
            self.dropped.push(Dropped { paragraph: para.index, kind: "footnote", text: text.trim().to_string() });
            return;
        }
        // Invisible marks and controls Word keeps in the text (a zero-width space pasted
        // from the web splits "HÒA\u{200B}VANG"): removed as the character rule would, and said.
        if text.chars().any(|c| crate::model::chars::removed_by_readers(c).is_some()) {
            let mut said: Vec<&str> = Vec::new();
            text = text
                .chars()
                .filter(|&c| match crate::model::chars::removed_by_readers(c) {
                    None => true,
                    Some(None) => false,
                    Some(Some(what)) => {
                        if !said.contains(&what) {
                            said.push(what);
                        }
                        false
                    }
                })
                .collect();
            for what in said {
                self.dropped.push(Dropped { paragraph: para.index, kind: "invisible", text: what.to_string() });
            }
        }
        if hidden {
            if !text.trim().is_empty() {
                self.dropped.push(Dropped { paragraph: para.index, kind: "hidden", text });
            }
            return;
        }
        if caps {
            text = text.to_uppercase();
        }
        para.runs.push(Run { text, bold, italic });
    }
}

impl Reader<'_> {
    /// `mc:AlternateContent`: the Choice is what Word shows (its text is read); the Fallback
    /// repeats it for older readers, and gives the picture of a chart or shape the Choice
    /// draws without one.
    fn alternate(&mut self, c: Node, para: &mut Para, look: Look) {
        let before = self.pictures.len();
        if let Some(choice) = c.children().find(|x| x.tag_name().name() == "Choice") {
            let mut inner = FieldState::default();
            self.inline(choice, para, look, &mut inner);
        }
        let fallback_pic = c.children().find(|x| x.tag_name().name() == "Fallback").and_then(|f| f.descendants().find_map(|d| image_rel(&d)));
        if let Some(rid) = fallback_pic {
            if let Some(p) = self.pictures[before..].first_mut() {
                p.fallback = Some(rid);
            }
        }
    }

    /// A picture, chart or object at `c`: recorded for its paragraph. Whether it was one.
    fn picture_at(&mut self, c: Node, para: &Para) -> bool {
        let name = c.tag_name().name();
        let (what, part) = match name {
            "blip" | "imagedata" => ("picture", None),
            "chart" if c.tag_name().namespace().is_some_and(|n| n.ends_with("/chart")) => ("chart", c.attribute((R, "id")).map(str::to_string)),
            // Word's diagrams (SmartArt) and ink: drawn only by Office; their fallback, if any.
            "relIds" | "contentPart" => ("chart", None),
            "OLEObject" => ("object", c.attribute((R, "id")).map(str::to_string)),
            _ => return false,
        };
        let embed = image_rel(&c);
        // An object's preview picture comes before its OLEObject element: join them.
        if what == "object" {
            if let Some(last) = self.pending.last().and_then(|i| self.pictures.get_mut(*i)).filter(|p| p.what == "picture" && p.part.is_none()) {
                last.what = "object";
                last.part = part;
                last.name = c.attribute("ProgID").map(str::to_string);
                return true;
            }
        }
        // The size Word lays it out at: the drawing's extent.
        let width_emu = c.ancestors().find(|a| a.tag_name().name() == "inline" || a.tag_name().name() == "anchor").and_then(|a| a.children().find(|x| x.tag_name().name() == "extent")).and_then(|e| e.attribute("cx")).and_then(|v| v.parse().ok());
        let desc = c.ancestors().find(|a| a.tag_name().name() == "inline" || a.tag_name().name() == "anchor").and_then(|a| a.children().find(|x| x.tag_name().name() == "docPr")).and_then(|d| d.attribute("descr").or(d.attribute("name"))).map(str::to_string);
        self.pictures.push(PicRef { paragraph: para.index, what, embed, part, fallback: None, width_emu, name: desc });
        self.pending.push(self.pictures.len() - 1);
        true
    }
}

/// The relationship id of a picture element (`a:blip r:embed`, `v:imagedata r:id`).
fn image_rel(n: &Node) -> Option<String> {
    match n.tag_name().name() {
        "blip" => n.attribute((R, "embed")).or(n.attribute((R, "link"))).map(str::to_string),
        "imagedata" => n.attribute((R, "id")).map(str::to_string),
        _ => None,
    }
}

#[derive(Default)]
struct FieldState {
    depth: u32,
    result: bool,
}

/// The paragraphs of items, tables' cells included, in order.
pub fn flatten(items: Vec<Item>, out: &mut Vec<Para>) {
    for i in items {
        match i {
            Item::P(p) => out.push(p),
            Item::T(t) => {
                for row in t.rows {
                    for c in row {
                        out.extend(c.paras);
                    }
                }
            }
        }
    }
}

/// Numbering formats: (numId, level) → `decimal`, `lowerLetter`, `bullet`, ….
pub fn numbering(xml: &str) -> HashMap<(String, u32), String> {
    let mut out = HashMap::new();
    let Ok(doc) = Document::parse(xml) else { return out };
    let root = doc.root_element();
    let mut abstracts: HashMap<String, HashMap<u32, String>> = HashMap::new();
    for a in root.children().filter(|c| c.tag_name().name() == "abstractNum") {
        let Some(id) = attr(&a, "abstractNumId") else { continue };
        let mut levels = HashMap::new();
        for l in a.children().filter(|c| c.tag_name().name() == "lvl") {
            let ilvl = attr(&l, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
            let fmt = w(&l, "numFmt").and_then(|f| attr(&f, "val")).unwrap_or("decimal").to_string();
            let text = w(&l, "lvlText").and_then(|f| attr(&f, "val")).unwrap_or("").to_string();
            levels.insert(ilvl, format!("{fmt}|{text}"));
        }
        abstracts.insert(id.to_string(), levels);
    }
    for n in root.children().filter(|c| c.tag_name().name() == "num") {
        let (Some(id), Some(a)) = (attr(&n, "numId"), w(&n, "abstractNumId").and_then(|a| attr(&a, "val"))) else { continue };
        if let Some(levels) = abstracts.get(a) {
            for (l, f) in levels {
                out.insert((id.to_string(), *l), f.clone());
            }
        }
    }
    out
}

/// A section's page is landscape: said so, or wider than high.
fn landscape(sect: &Node) -> bool {
    w(sect, "pgSz").is_some_and(|p| {
        let n = |k: &str| attr(&p, k).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
        attr(&p, "orient") == Some("landscape") || n("w") > n("h")
    })
}
