//! vanban: Vietnamese administrative documents in the format of Nghị định 30/2020/NĐ-CP,
//! from JSON to a signable PDF/A and an editable DOCX.
//!
//! Pipeline (like Pandoc's reader → AST → writers): [`model`] parses and validates the
//! input, [`doc`] prepares it with the decree's rules from [`nd30`] and the [`style`], then
//! the writers ([`pdf`]) lay it out. [`engine::Engine`] ties them together.

pub mod batch;
pub mod cli;
pub mod dang;
pub mod doc;
pub mod editor;
pub mod docx;
pub mod engine;
pub mod envelope;
pub mod error;
pub mod fonts;
pub mod formats;
pub mod import;
pub mod issue;
pub mod lint;
pub mod messages;
pub mod model;
pub mod nd30;
pub mod pdf;
pub mod preview;
pub mod profile;
pub mod register;
pub mod serve;
pub mod sign;
pub mod starter;
pub mod style;

pub use engine::{Engine, Options};
pub use error::{Error, Result};
