//! Keys on USB tokens and HSMs (PKCS#11): the key never leaves the token; vanban sends it the
//! digest and reads back the raw signature. The vendor's module (VNPT-CA, Viettel-CA, FPT-CA,
//! Ban Cơ yếu's tokens, SoftHSM2) is loaded at run time.

use super::keys::{Algorithm, Key, Signer};
use super::refuse;
use crate::error::{Error, Result};
use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use der::Decode;
use std::path::PathBuf;
use x509_cert::Certificate;

/// Which key on which token.
#[derive(Debug, Clone, Default)]
pub struct TokenRequest {
    /// The vendor's PKCS#11 module (`.so`, `.dll`, `.dylib`).
    pub module: PathBuf,
    /// The token's label.
    pub token: String,
    /// The key's label (`CKA_LABEL`).
    pub key_label: Option<String>,
    /// The key's id (`CKA_ID`), as bytes.
    pub key_id: Option<Vec<u8>>,
    /// The user PIN.
    pub pin: String,
    /// The certificate chain, when not read from the token.
    pub chain: Option<Vec<Certificate>>,
}

/// A logged-in session and the key's handle.
pub struct TokenKey {
    session: Session,
    key: ObjectHandle,
    // The module stays loaded while the session lives.
    _context: Pkcs11,
}

/// DigestInfo prefix of SHA-256 (RFC 8017, 9.2): `CKM_RSA_PKCS` signs what it is given.
const SHA256_DIGEST_INFO: [u8; 19] = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

fn token_error(place: &str, what: &str, e: cryptoki::error::Error) -> Error {
    match e {
        cryptoki::error::Error::Pkcs11(RvError::PinIncorrect, _) => refuse("--pin-file", "wrong-pin", "the PIN is not the token's", "check the PIN file (its last line end is ignored); tokens lock after a few wrong PINs"),
        cryptoki::error::Error::Pkcs11(RvError::PinLocked, _) => refuse("--pin-file", "pin-locked", "the token's PIN is locked", "unlock it with the token's own tool (the SO PIN)"),
        cryptoki::error::Error::Pkcs11(RvError::PinExpired, _) => refuse("--pin-file", "pin-expired", "the token's PIN has expired", "change it with the token's own tool"),
        other => refuse(place, "pkcs11", format!("{what}: {other}"), "check the module, the token and that the token is plugged in"),
    }
}

impl TokenKey {
    /// Sign the SHA-256 `digest`; the signature as the CMS holds it.
    pub fn sign_digest(&self, digest: &[u8], alg: Algorithm) -> Result<Vec<u8>> {
        let fail = |e| token_error("--pkcs11", "the token did not sign", e);
        match alg {
            Algorithm::RsaPkcs1Sha256 => {
                let data = [&SHA256_DIGEST_INFO[..], digest].concat();
                self.session.sign(&Mechanism::RsaPkcs, self.key, &data).map_err(fail)
            }
            // CKM_ECDSA returns r‖s; the CMS wants DER.
            Algorithm::EcdsaP256Sha256 => {
                let raw = self.session.sign(&Mechanism::Ecdsa, self.key, digest).map_err(fail)?;
                let sig = p256::ecdsa::Signature::from_slice(&raw).map_err(|_| Error::Internal("the token's ECDSA signature has the wrong size".into()))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            Algorithm::EcdsaP384Sha256 => {
                let raw = self.session.sign(&Mechanism::Ecdsa, self.key, digest).map_err(fail)?;
                let sig = p384::ecdsa::Signature::from_slice(&raw).map_err(|_| Error::Internal("the token's ECDSA signature has the wrong size".into()))?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }
}

/// Open the token, log in and find the key and its certificate chain.
pub fn open(req: &TokenRequest) -> Result<Signer> {
    let ctx = Pkcs11::new(&req.module).map_err(|e| {
        refuse("--pkcs11", "pkcs11-module", format!("the PKCS#11 module {} cannot be loaded: {e}", req.module.display()), "give the path of the token vendor's module, e.g. /usr/lib/softhsm/libsofthsm2.so")
    })?;
    match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
        Err(e) => return Err(token_error("--pkcs11", "the module does not start", e)),
    }
    let slots = ctx.get_slots_with_token().map_err(|e| token_error("--pkcs11", "the module lists no slots", e))?;
    let mut labels = Vec::new();
    let mut found = None;
    for slot in slots {
        if let Ok(info) = ctx.get_token_info(slot) {
            let label = info.label().trim_end().to_string();
            if label == req.token.trim_end() {
                found = Some(slot);
                break;
            }
            labels.push(label);
        }
    }
    let slot = found.ok_or_else(|| {
        let hint = if labels.is_empty() { "no token is plugged in".to_string() } else { format!("the tokens there: {}", labels.join(", ")) };
        refuse("--token", "no-such-token", format!("no token labelled \"{}\"", req.token), hint)
    })?;
    let session = ctx.open_ro_session(slot).map_err(|e| token_error("--token", "no session on the token", e))?;
    session.login(UserType::User, Some(&AuthPin::from(req.pin.clone()))).or_else(|e| match e {
        cryptoki::error::Error::Pkcs11(RvError::UserAlreadyLoggedIn, _) => Ok(()),
        e => Err(token_error("--pin-file", "login failed", e)),
    })?;

    // The key, by label or id; exactly one.
    let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(l) = &req.key_label {
        template.push(Attribute::Label(l.as_bytes().to_vec()));
    }
    if let Some(id) = &req.key_id {
        template.push(Attribute::Id(id.clone()));
    }
    let keys = session.find_objects(&template).map_err(|e| token_error("--key", "searching the token's keys", e))?;
    let key = match keys.as_slice() {
        [k] => *k,
        [] => {
            let all = session.find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)]).unwrap_or_default();
            let names: Vec<String> = all.iter().map(|k| describe(&session, *k)).collect();
            let hint = if names.is_empty() { "the token holds no private key".to_string() } else { format!("its keys: {}", names.join(", ")) };
            return Err(refuse(if req.key_id.is_some() { "--key-id" } else { "--key" }, "no-such-key", "the token has no such private key", hint));
        }
        many => return Err(refuse("--key", "several-keys", format!("{} keys on the token match", many.len()), "name the key by --key-id")),
    };
    let key_id = attr_bytes(&session, key, AttributeType::Id);

    let chain = match &req.chain {
        Some(c) => c.clone(),
        None => token_chain(&session, key_id.as_deref())?,
    };
    // The certificate's key must be of the token key's type (the signature is also checked
    // against the certificate after signing).
    let kind = session.get_attributes(key, &[AttributeType::KeyType]).ok().and_then(|v| {
        v.into_iter().find_map(|a| match a {
            Attribute::KeyType(k) => Some(k),
            _ => None,
        })
    });
    let alg = Algorithm::of(chain.first().ok_or_else(|| refuse("--cert", "no-certificate", "no certificate", "give --cert CHAIN.pem"))?)?;
    let fits = match kind {
        Some(k) if k == KeyType::RSA => alg == Algorithm::RsaPkcs1Sha256,
        Some(k) if k == KeyType::EC => alg != Algorithm::RsaPkcs1Sha256,
        _ => true,
    };
    if !fits {
        return Err(refuse("--cert", "key-mismatch", "the token's key is not of the certificate's key type: they do not belong together", "give the certificate of this key (or leave out --cert to read it from the token)"));
    }
    Ok(Signer { key: Key::Pkcs11(Box::new(TokenKey { session, key, _context: ctx })), chain })
}

/// A key's label and id, for messages.
fn describe(session: &Session, key: ObjectHandle) -> String {
    let label = attr_bytes(session, key, AttributeType::Label).map(|l| String::from_utf8_lossy(&l).into_owned()).unwrap_or_default();
    let id = attr_bytes(session, key, AttributeType::Id).map(|i| i.iter().map(|b| format!("{b:02x}")).collect::<String>()).unwrap_or_default();
    format!("\"{label}\" (id {id})")
}

fn attr_bytes(session: &Session, obj: ObjectHandle, kind: AttributeType) -> Option<Vec<u8>> {
    session.get_attributes(obj, &[kind]).ok()?.into_iter().find_map(|a| match a {
        Attribute::Id(v) | Attribute::Label(v) | Attribute::Value(v) => Some(v),
        _ => None,
    })
}

/// The key's certificate (the one with its `CKA_ID`), then the issuers found on the token.
fn token_chain(session: &Session, key_id: Option<&[u8]>) -> Result<Vec<Certificate>> {
    let certs: Vec<(Option<Vec<u8>>, Certificate)> = session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .unwrap_or_default()
        .into_iter()
        .filter_map(|h| {
            let der = attr_bytes(session, h, AttributeType::Value)?;
            Some((attr_bytes(session, h, AttributeType::Id), Certificate::from_der(&der).ok()?))
        })
        .collect();
    let leaf = certs.iter().find(|(id, _)| key_id.is_some() && id.as_deref() == key_id).map(|(_, c)| c.clone()).ok_or_else(|| {
        refuse("--cert", "no-certificate", "the token holds no certificate for this key", "give the certificate chain with --cert CHAIN.pem")
    })?;
    let mut chain = vec![leaf];
    for _ in 0..8 {
        let last = chain.last().map(|c| c.tbs_certificate.issuer.clone());
        let Some(issuer) = last else { break };
        match certs.iter().map(|(_, c)| c).find(|c| c.tbs_certificate.subject == issuer && !chain.contains(c)) {
            Some(c) => chain.push(c.clone()),
            None => break,
        }
    }
    Ok(chain)
}
