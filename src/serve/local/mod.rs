//! `vanban edit`: the editor for one person on their own computer, over a folder of
//! documents (`<stem>.json`, its `<stem>.pdf` and `<stem>.docx` beside it; files vanban keeps
//! for itself start with `vanban-`). The same service on 127.0.0.1, with guards no other web
//! page can get past (`guard.rs`), the folder's routes (`files.rs`) and signing with a key
//! that never leaves the request (`sign.rs`).

pub mod files;
pub mod guard;
pub mod sign;

use std::path::PathBuf;
use std::sync::OnceLock;

/// What `vanban edit` adds to the service.
pub struct Local {
    /// The folder (canonical).
    pub dir: PathBuf,
    /// The secret in the printed URL; the cookie carries it after.
    pub token: String,
    /// The port actually listened on (known after binding; `--port 0` takes any).
    pub port: OnceLock<u16>,
    /// `--profiles FILE`: an organisation's curated agency profiles (read only).
    pub profiles: Option<PathBuf>,
    /// `--pkcs11 MODULE.so`: the only module a signature may use (never one the page names).
    pub pkcs11: Option<PathBuf>,
    /// `--series FILE` of the register: how numbers are counted.
    pub series: Vec<crate::register::Series>,
    /// Open the link in the system's browser (not with `--no-open`).
    pub open_browser: bool,
}

impl std::fmt::Debug for Local {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a secret: never in a debug print or a log.
        f.debug_struct("Local").field("dir", &self.dir).field("port", &self.port.get()).field("pkcs11", &self.pkcs11).finish()
    }
}

impl Local {
    /// The cookie's name: per port, so two editors on one machine do not share it.
    pub fn cookie(&self) -> String {
        format!("vanban_edit_{}", self.port.get().copied().unwrap_or(0))
    }
}

/// A fresh secret: 32 bytes of the system's randomness, hex.
pub fn new_token() -> std::io::Result<String> {
    use std::io::Read;
    let mut b = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Open a link in the system's browser; a browser that cannot be opened is not an error (the
/// link is printed).
pub fn open_browser(url: &str) {
    let tries: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("rundll32", &["url.dll,FileProtocolHandler"])]
    } else {
        &[("xdg-open", &[]), ("sensible-browser", &[])]
    };
    for (cmd, args) in tries {
        let spawned = std::process::Command::new(cmd)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
}
