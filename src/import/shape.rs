//! How a paragraph looks, read once from what Word says of it: where it stands on the line,
//! whether it is set apart from the text (centred, right, pushed right by an indent or a
//! tab), its weight and size. The header, the subject, the body and the closing ask this one
//! reading instead of each testing alignments of its own.

use super::wordml::Para;

/// Where a paragraph stands on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A paragraph's shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub align: Align,
    /// Set apart from the text column: centred, right, or pushed right (a left indent of an
    /// inch or more, a leading tab) — where signing blocks and header columns stand.
    pub aside: bool,
    /// A first-line indent: body text.
    pub indented: bool,
    /// Every visible character bold.
    pub bold: bool,
    /// Its text's size (half-points).
    pub size: Option<u32>,
}

/// A left indent from which a paragraph stands apart from the text column (twips: an inch).
const PUSHED_RIGHT: i32 = 1400;

impl Shape {
    /// The shape of a paragraph.
    pub fn of(p: &Para) -> Shape {
        let align = match p.align.as_deref() {
            Some("center") => Align::Center,
            Some("right") | Some("end") => Align::Right,
            Some("both") | Some("distribute") => Align::Justify,
            _ => Align::Left,
        };
        let pushed = p.left.is_some_and(|l| l >= PUSHED_RIGHT) || p.text().starts_with('\t');
        Shape { align, aside: matches!(align, Align::Center | Align::Right) || pushed, indented: p.first_line.is_some_and(|f| f > 0), bold: p.all_bold(), size: p.size }
    }

    /// Centred or right-aligned (not only pushed right).
    pub fn centred_or_right(&self) -> bool {
        matches!(self.align, Align::Center | Align::Right)
    }

    /// Body text's look: justified or with a first-line indent.
    pub fn body_like(&self) -> bool {
        self.align == Align::Justify || self.indented
    }

    /// The same look as `other`: alignment, size and weight (the lines of one subject).
    pub fn same_look(&self, other: &Shape) -> bool {
        self.align == other.align && self.size == other.size && self.bold == other.bold
    }
}
