//! The editor's page, scripts and styles: readable files in `assets/`, compiled into the
//! binary (no Node build, no CDN). `vanban serve` shows it at `/`, `vanban edit` too.

use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// One file of the editor.
pub struct Asset {
    /// Its name under `/assets/` (`index.html` is the page at `/`).
    pub name: &'static str,
    /// Its media type.
    pub media_type: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $type:expr) => {
        Asset { name: $name, media_type: $type, bytes: include_bytes!(concat!("assets/", $name)) }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file.
pub const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("main.js", JS),
    asset!("api.js", JS),
    asset!("dom.js", JS),
    asset!("form.js", JS),
    asset!("body.js", JS),
    asset!("preview.js", JS),
    asset!("diagnostics.js", JS),
    asset!("profiles.js", JS),
    asset!("store.js", JS),
    asset!("sign.js", JS),
    asset!("words.js", JS),
    asset!("groups.js", JS),
    asset!("kept.js", JS),
    asset!("signer.js", JS),
];

/// The editor's Content-Security-Policy: its own origin only, no inline script; page images
/// are SVG shown through blob: URLs.
pub const CSP: &str = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// A file by name.
pub fn asset(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// A quoted ETag of every file together (they change together, with the binary).
pub fn etag() -> &'static str {
    static TAG: OnceLock<String> = OnceLock::new();
    TAG.get_or_init(|| {
        let mut h = Sha256::new();
        for a in ASSETS {
            h.update(a.name.as_bytes());
            h.update(a.bytes);
        }
        format!("\"{}\"", h.finalize()[..12].iter().map(|b| format!("{b:02x}")).collect::<String>())
    })
}
