//! `vanban serve --keys FILE`: the keys the service signs with, and the numbering series.
//! No route takes a private key, a password or a PIN: they stay in the files named here.
//!
//! ```json
//! {"keys": {"van-thu-ubnd": {"p12": "co-quan.p12", "pass_file": "pass.txt", "image": "con-dau.png", "tsa": null},
//!           "lanh-dao": {"pkcs11": "/usr/lib/softhsm/libsofthsm2.so", "token": "…", "key": "…", "pin_file": "pin.txt", "image": "chu-ky.png"}},
//!  "series": [{"issuer": "UBND", "types": null, "secret": false}]}
//! ```

use crate::error::{Error, InputError, Result};
use crate::register::Series;
use crate::sign::Signer;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    keys: BTreeMap<String, KeyEntry>,
    #[serde(default)]
    series: Vec<Series>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyEntry {
    p12: Option<PathBuf>,
    pass_file: Option<PathBuf>,
    pkcs11: Option<PathBuf>,
    token: Option<String>,
    key: Option<String>,
    key_id: Option<String>,
    pin_file: Option<PathBuf>,
    cert: Option<PathBuf>,
    image: Option<PathBuf>,
    tsa: Option<String>,
}

/// A key the service holds.
pub struct Key {
    /// The key, or why it cannot be used now (a token absent, a PIN locked): 503. A token's
    /// session serves one signature at a time.
    pub signer: std::result::Result<std::sync::Mutex<Signer>, String>,
    /// The signature or seal image.
    pub image: Option<Vec<u8>>,
    /// A timestamp authority for its signatures.
    pub tsa: Option<String>,
}

/// The keys and series of a keys file.
#[derive(Default)]
pub struct Keys {
    /// By name.
    pub keys: BTreeMap<String, Key>,
    /// The numbering series.
    pub series: Vec<Series>,
}

fn bad(file: &Path, message: String) -> Error {
    Error::Input(vec![InputError::at("--keys", format!("{}: {message}", file.display())).code("bad-keys").hint("see the README's \"Keys the server holds\"")])
}

/// The first line of a secret file.
fn secret(p: &Path) -> Result<String> {
    let raw = std::fs::read(p).map_err(|e| Error::Io(format!("{}: {e}", p.display())))?;
    Ok(String::from_utf8_lossy(&raw).lines().next().unwrap_or("").to_string())
}

impl Keys {
    /// Read a keys file; paths in it are relative to its folder. A PKCS#12 file that does not
    /// open is an error at start; a token that cannot be reached only makes its key
    /// unavailable until the service restarts.
    pub fn load(path: &Path) -> Result<Keys> {
        let text = std::fs::read(path).map_err(|e| Error::Io(format!("--keys {}: {e}", path.display())))?;
        let file: File = serde_json::from_slice(&text).map_err(|e| bad(path, e.to_string()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let at = |p: &Path| if p.is_absolute() { p.to_path_buf() } else { dir.join(p) };
        let mut keys = BTreeMap::new();
        for (name, k) in file.keys {
            let image = k.image.as_ref().map(|p| std::fs::read(at(p)).map_err(|e| Error::Io(format!("--keys {name}: image {}: {e}", at(p).display())))).transpose()?;
            if let Some(url) = &k.tsa {
                crate::sign::tsa::check_url(url)?;
            }
            let signer = match (&k.p12, &k.pkcs11) {
                (Some(p12), None) => {
                    let pass = k.pass_file.as_ref().map(|p| secret(&at(p))).transpose()?.unwrap_or_default();
                    let bytes = std::fs::read(at(p12)).map_err(|e| Error::Io(format!("--keys {name}: {}: {e}", at(p12).display())))?;
                    Ok(Signer::from_pkcs12(&bytes, &pass).map_err(|e| bad(path, format!("key \"{name}\": {}", first(&e))))?)
                }
                (None, Some(module)) => {
                    let pin = secret(&at(k.pin_file.as_deref().ok_or_else(|| bad(path, format!("key \"{name}\": a token key needs pin_file")))?))?;
                    let chain = k.cert.as_ref().map(|p| crate::sign::verify::trust::certificates(&at(p), "cert")).transpose()?;
                    let key_id = k.key_id.as_ref().map(|h| (0..h.len() / 2).filter_map(|i| u8::from_str_radix(h.get(2 * i..2 * i + 2)?, 16).ok()).collect());
                    crate::sign::pkcs11::open(&crate::sign::pkcs11::TokenRequest { module: module.clone(), token: k.token.clone().unwrap_or_default(), key_label: k.key.clone(), key_id, pin, chain }).map_err(|e| first(&e))
                }
                _ => return Err(bad(path, format!("key \"{name}\": give either p12 or pkcs11"))),
            };
            keys.insert(name, Key { signer: signer.map(std::sync::Mutex::new), image, tsa: k.tsa });
        }
        Ok(Keys { keys, series: file.series })
    }
}

/// An error's first message, without secrets (vanban's messages never hold one).
fn first(e: &Error) -> String {
    e.diagnostics().first().map(|d| d.message.clone()).unwrap_or_default()
}
