//! Which rules a document follows: Nghị định 30/2020/NĐ-CP (`"profile": "nd30"`, the default)
//! or the Party guide, Hướng dẫn 05-HD/VPTW of 2026 (`"dang"`). Readers and the document
//! builder ask the profile; the writers only draw the prepared document.

use crate::model::Document;

/// A set of presentation rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Nghị định 30/2020/NĐ-CP (state bodies).
    #[default]
    Nd30,
    /// Hướng dẫn 05-HD/VPTW (Party bodies).
    Dang,
}

/// A document type as the profiles list it (for `/v1/types`, `vanban new`, the register).
#[derive(Debug, Clone, Copy)]
pub struct TypeInfo {
    /// Input slug.
    pub slug: &'static str,
    /// Vietnamese name in sentence case.
    pub name: &'static str,
    /// Code in the symbol (none for the decree's công văn, whose symbol is the agency's).
    pub code: Option<&'static str>,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 2] = [Profile::Nd30, Profile::Dang];

    /// The input's value.
    pub fn slug(self) -> &'static str {
        match self {
            Profile::Nd30 => "nd30",
            Profile::Dang => "dang",
        }
    }

    /// A profile by its input value; absent is the decree's.
    pub fn parse(v: Option<&str>) -> Option<Profile> {
        match v {
            None | Some("nd30") => Some(Profile::Nd30),
            Some("dang") => Some(Profile::Dang),
            _ => None,
        }
    }

    /// The profile of a (parsed) document; an unknown value (a validation error) reads as the
    /// decree's.
    pub fn of(d: &Document) -> Profile {
        Profile::parse(d.profile.as_deref()).unwrap_or_default()
    }

    /// What the rules are called, for messages.
    pub fn rules(self) -> &'static str {
        match self {
            Profile::Nd30 => "Nghị định 30/2020/NĐ-CP",
            Profile::Dang => "Hướng dẫn 05-HD/VPTW",
        }
    }

    /// Its types, in the order the rules list them (built once per process).
    pub fn types(self) -> &'static [TypeInfo] {
        static ND30: std::sync::OnceLock<Vec<TypeInfo>> = std::sync::OnceLock::new();
        static DANG: std::sync::OnceLock<Vec<TypeInfo>> = std::sync::OnceLock::new();
        match self {
            Profile::Nd30 => ND30.get_or_init(|| crate::nd30::types::TYPES.iter().map(|t| TypeInfo { slug: t.slug, name: t.name, code: t.abbr }).collect()),
            Profile::Dang => DANG.get_or_init(|| crate::dang::types::TYPES.iter().map(|t| TypeInfo { slug: t.slug, name: t.name, code: Some(t.code) }).collect()),
        }
    }

    /// A type by its slug.
    pub fn type_info(self, slug: &str) -> Option<TypeInfo> {
        self.types().iter().find(|t| t.slug == slug).copied()
    }

    /// Top-level keys only this profile has (a document of the other profile that gives one
    /// gets `wrong-profile` at its path).
    pub fn own_keys(self) -> &'static [&'static str] {
        match self {
            Profile::Nd30 => &["$.unit", "$.lead", "$.style.header_size", "$.style.margins", "$.copy.form", "$.copy.number", "$.copy.place", "$.copy.date", "$.copy.signed_at", "$.copy.distribution"],
            Profile::Dang => &["$.draft", "$.style.duplex"],
        }
    }

    /// The other profile.
    pub fn other(self) -> Profile {
        match self {
            Profile::Nd30 => Profile::Dang,
            Profile::Dang => Profile::Nd30,
        }
    }
}
