//! Trust anchors (`--trust`, `--trust-dir`) and the chain from a signer up to one.

use crate::error::{Error, Result};
use crate::sign::{cert, refuse};
use der::Decode;
use std::path::Path;
use x509_cert::Certificate;

/// The certificates of a PEM file (one or more) or a DER file; `option` is named in errors.
pub fn certificates(p: &Path, option: &str) -> Result<Vec<Certificate>> {
    let bytes = std::fs::read(p).map_err(|e| Error::Io(format!("{option} {}: {e}", p.display())))?;
    parse(&bytes, &p.display().to_string(), option)
}

fn parse(bytes: &[u8], name: &str, option: &str) -> Result<Vec<Certificate>> {
    let hint = "give certificates in PEM (-----BEGIN CERTIFICATE-----) or one in DER";
    if bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        let certs = Certificate::load_pem_chain(bytes).map_err(|e| refuse(option, "bad-certificate", format!("{name}: not a PEM certificate ({e})"), hint))?;
        if certs.is_empty() {
            return Err(refuse(option, "bad-certificate", format!("{name}: holds no certificate"), hint));
        }
        Ok(certs)
    } else {
        Ok(vec![Certificate::from_der(bytes).map_err(|e| refuse(option, "bad-certificate", format!("{name}: not a DER certificate ({e})"), hint))?])
    }
}

/// The anchors of `--trust FILE…` and `--trust-dir DIR…`: every `.pem`, `.crt`, `.cer` and
/// `.der` file of each folder (not its subfolders), in name order.
pub fn anchors(files: &[std::path::PathBuf], dirs: &[std::path::PathBuf]) -> Result<Vec<Certificate>> {
    let mut out = Vec::new();
    for f in files {
        out.extend(certificates(f, "--trust")?);
    }
    for d in dirs {
        let entries = std::fs::read_dir(d).map_err(|e| Error::Io(format!("--trust-dir {}: {e}", d.display())))?;
        let mut paths: Vec<std::path::PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().and_then(|x| x.to_str()).is_some_and(|x| matches!(x.to_ascii_lowercase().as_str(), "pem" | "crt" | "cer" | "der")))
            .collect();
        paths.sort();
        for p in paths {
            out.extend(certificates(&p, "--trust-dir")?);
        }
    }
    Ok(out)
}

/// The chain from `leaf` through `pool` (each link's signature checked): the certificates in
/// order, and whether it ends at an anchor.
pub fn chain(leaf: &Certificate, pool: &[Certificate], anchors: &[Certificate]) -> (Vec<Certificate>, bool) {
    let mut out = vec![leaf.clone()];
    for _ in 0..12 {
        let cur = out.last().cloned().unwrap_or_else(|| leaf.clone());
        if anchors.iter().any(|a| a == &cur) {
            return (out, true);
        }
        if let Some(a) = anchors.iter().find(|a| cert::signed_by(&cur, a)) {
            out.push(a.clone());
            return (out, true);
        }
        let next = pool.iter().find(|c| *c != &cur && !out.contains(c) && cert::signed_by(&cur, c));
        match next {
            Some(n) => out.push(n.clone()),
            None => return (out, false),
        }
    }
    (out, false)
}

/// Whether a certificate is self-signed (a root: no revocation data is expected for it).
pub fn self_signed(c: &Certificate) -> bool {
    c.tbs_certificate.subject == c.tbs_certificate.issuer && cert::signed_by(c, c)
}

/// The issuer of `c` among `pool`: the one whose key signed it.
pub fn issuer_of<'a>(c: &Certificate, pool: &'a [Certificate]) -> Option<&'a Certificate> {
    pool.iter().find(|i| *i != c && cert::signed_by(c, i)).or_else(|| pool.iter().find(|i| cert::signed_by(c, i)))
}
