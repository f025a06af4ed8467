//! The signer's key and certificate chain, from a PKCS#12 file (OpenSSL 3's PBES2/AES files
//! and the legacy RC2-40 / 3DES ones), and the checks made before anything is signed.

use super::refuse;
use crate::error::Result;
use chrono::{DateTime, FixedOffset};
use der::{Decode, Encode};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

/// A private key vanban can sign with.
pub enum Key {
    /// RSA, 2048–4096 bits, PKCS#1 v1.5 with SHA-256 (what Vietnamese CAs issue).
    Rsa(Box<rsa::RsaPrivateKey>),
    /// ECDSA on P-256 with SHA-256.
    P256(p256::ecdsa::SigningKey),
    /// ECDSA on P-384 with SHA-256.
    P384(p384::ecdsa::SigningKey),
    /// A key that stays on a PKCS#11 token.
    Pkcs11(Box<super::pkcs11::TokenKey>),
}

/// A key with its certificate chain, leaf first.
pub struct Signer {
    /// The private key.
    pub key: Key,
    /// The signer's certificate, then its issuers as the file holds them.
    pub chain: Vec<Certificate>,
}

/// A wrong or unreadable key file: exit 2, the option named.
fn bad_p12(message: impl Into<String>) -> crate::error::Error {
    refuse("--p12", "bad-key", message, "export the certificate with its private key as a .p12/.pfx file")
}

impl Signer {
    /// Open a PKCS#12 file with its password.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Signer> {
        let store = p12_keystore::KeyStore::from_pkcs12(bytes, password).map_err(|e| match e {
            p12_keystore::error::Error::MacError(_) => {
                refuse("--pass-file", "wrong-password", "the password does not open the PKCS#12 file", "check the password file (its last line end is ignored)")
            }
            p12_keystore::error::Error::DerError(e) => bad_p12(format!("not a PKCS#12 file ({e})")),
            other => bad_p12(format!("the PKCS#12 file cannot be read: {other}")),
        })?;
        let (_, entry) = store
            .private_key_chain()
            .ok_or_else(|| bad_p12("the PKCS#12 file holds no private key with its certificate"))?;
        let chain = entry
            .chain()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| bad_p12(format!("a certificate in the file cannot be read: {e}")))?;
        let key = Key::from_pkcs8(entry.key())?;
        let signer = Signer { key, chain };
        signer.check_pair()?;
        Ok(signer)
    }

    /// The signer's certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// The key must be the certificate's: a file whose key and certificate disagree would make
    /// signatures no reader accepts.
    fn check_pair(&self) -> Result<()> {
        let spki = &self.certificate().tbs_certificate.subject_public_key_info;
        let cert_key = spki.subject_public_key.raw_bytes();
        let ours = match &self.key {
            Key::Rsa(k) => {
                use rsa::pkcs1::EncodeRsaPublicKey;
                k.to_public_key().to_pkcs1_der().map(|d| d.as_bytes().to_vec()).unwrap_or_default()
            }
            Key::P256(k) => k.verifying_key().to_encoded_point(false).as_bytes().to_vec(),
            Key::P384(k) => k.verifying_key().to_encoded_point(false).as_bytes().to_vec(),
            Key::Pkcs11(_) => return Ok(()),
        };
        if ours != cert_key {
            return Err(bad_p12("the private key does not belong to the certificate"));
        }
        Ok(())
    }

    /// Refuse a certificate that may not sign at `time` (see [`check_usable`]).
    pub fn check_usable(&self, time: DateTime<FixedOffset>) -> Result<()> {
        check_usable(self.certificate(), time)
    }

    /// The signature scheme of the certificate's key.
    pub fn algorithm(&self) -> Result<Algorithm> {
        Algorithm::of(self.certificate())
    }

    /// Sign the SHA-256 `digest` of the signed attributes. Deterministic for file keys:
    /// PKCS#1 v1.5 and RFC 6979 ECDSA, so the same input and time give the same bytes.
    pub fn sign_digest(&self, digest: &[u8]) -> Result<Vec<u8>> {
        use signature::hazmat::PrehashSigner;
        let fail = |e: signature::Error| crate::error::Error::Internal(format!("signing failed: {e}"));
        Ok(match &self.key {
            Key::Rsa(k) => k.sign(rsa::Pkcs1v15Sign::new::<Sha256>(), digest).map_err(|e| crate::error::Error::Internal(format!("signing failed: {e}")))?,
            Key::P256(k) => {
                let s: p256::ecdsa::Signature = k.sign_prehash(digest).map_err(fail)?;
                s.to_der().as_bytes().to_vec()
            }
            Key::P384(k) => {
                // ECDSA-with-SHA256 on P-384: the digest is SHA-256, truncated by the curve.
                let s: p384::ecdsa::Signature = k.sign_prehash(digest).map_err(fail)?;
                s.to_der().as_bytes().to_vec()
            }
            Key::Pkcs11(t) => t.sign_digest(digest, self.algorithm()?)?,
        })
    }

    /// The DER of every certificate, leaf first.
    pub fn chain_der(&self) -> Result<Vec<Vec<u8>>> {
        self.chain
            .iter()
            .map(|c| c.to_der().map_err(|e| crate::error::Error::Internal(format!("certificate: {e}"))))
            .collect()
    }
}

impl Key {
    /// A PKCS#8 private key: RSA, P-256 or P-384.
    fn from_pkcs8(der: &[u8]) -> Result<Key> {
        use pkcs8_reexport::DecodePrivateKey;
        if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            let bits = rsa::traits::PublicKeyParts::size(&k) * 8;
            if !(2048..=4096).contains(&bits) {
                return Err(bad_p12(format!("a {bits}-bit RSA key: vanban signs with RSA keys of 2048 to 4096 bits")));
            }
            return Ok(Key::Rsa(Box::new(k)));
        }
        if let Ok(k) = p256::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(Key::P256(k));
        }
        if let Ok(k) = p384::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(Key::P384(k));
        }
        Err(bad_p12("the private key is neither RSA nor ECDSA on P-256 or P-384"))
    }
}

/// `pkcs8`'s decoding trait, as the key crates re-export it.
mod pkcs8_reexport {
    pub use rsa::pkcs8::DecodePrivateKey;
}

/// The signature scheme a certificate's key implies: what a remote service or a token must
/// produce, and what the SignerInfo names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Algorithm {
    /// RSA PKCS#1 v1.5 over SHA-256 (what Vietnamese CAs issue).
    #[serde(rename = "rsa-pkcs1v15-sha256")]
    RsaPkcs1Sha256,
    /// ECDSA on P-256 over SHA-256.
    #[serde(rename = "ecdsa-p256-sha256")]
    EcdsaP256Sha256,
    /// ECDSA on P-384 over SHA-256.
    #[serde(rename = "ecdsa-p384-sha256")]
    EcdsaP384Sha256,
}

impl Algorithm {
    /// The scheme of a certificate's public key; RSA of 2048–4096 bits, P-256 or P-384.
    pub fn of(cert: &Certificate) -> Result<Algorithm> {
        let spki = &cert.tbs_certificate.subject_public_key_info;
        let bad = |m: String| refuse("--cert", "bad-key", m, "use the signing certificate the CA issued (RSA 2048–4096 bits, or ECDSA P-256)");
        match spki.algorithm.oid {
            const_oid::db::rfc5912::RSA_ENCRYPTION => {
                use rsa::pkcs1::DecodeRsaPublicKey;
                let pk = rsa::RsaPublicKey::from_pkcs1_der(spki.subject_public_key.raw_bytes()).map_err(|e| bad(format!("the certificate's RSA key cannot be read: {e}")))?;
                let bits = rsa::traits::PublicKeyParts::size(&pk) * 8;
                if !(2048..=4096).contains(&bits) {
                    return Err(bad(format!("a {bits}-bit RSA key: vanban signs with RSA keys of 2048 to 4096 bits")));
                }
                Ok(Algorithm::RsaPkcs1Sha256)
            }
            const_oid::db::rfc5912::ID_EC_PUBLIC_KEY => match spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<der::oid::ObjectIdentifier>().ok()) {
                Some(const_oid::db::rfc5912::SECP_256_R_1) => Ok(Algorithm::EcdsaP256Sha256),
                Some(const_oid::db::rfc5912::SECP_384_R_1) => Ok(Algorithm::EcdsaP384Sha256),
                other => Err(bad(format!("an elliptic curve vanban does not sign with ({})", other.map(|o| o.to_string()).unwrap_or_default()))),
            },
            other => Err(bad(format!("a key of type {other}, neither RSA nor ECDSA"))),
        }
    }

    /// The signature algorithm named in the SignerInfo.
    pub fn identifier(self) -> AlgorithmIdentifierOwned {
        match self {
            // rsaEncryption with NULL parameters: what every CMS reader accepts.
            Algorithm::RsaPkcs1Sha256 => AlgorithmIdentifierOwned { oid: const_oid::db::rfc5912::RSA_ENCRYPTION, parameters: Some(der::asn1::Null.into()) },
            _ => AlgorithmIdentifierOwned { oid: const_oid::db::rfc5912::ECDSA_WITH_SHA_256, parameters: None },
        }
    }

    /// The upper bound of a signature's size for a key of `cert`, for reserving `/Contents`.
    pub fn signature_len(self, cert: &Certificate) -> usize {
        match self {
            Algorithm::RsaPkcs1Sha256 => cert.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes().len(),
            Algorithm::EcdsaP256Sha256 => 72,
            Algorithm::EcdsaP384Sha256 => 104,
        }
    }

    /// Check a raw signature of the SHA-256 `digest` against the certificate's key; the
    /// signature as the CMS holds it (ECDSA as DER, whether it came as DER or as r‖s).
    pub fn check(self, cert: &Certificate, digest: &[u8], raw: &[u8]) -> std::result::Result<Vec<u8>, String> {
        use signature::hazmat::PrehashVerifier;
        let key = cert.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes();
        let bad = || "the signature does not verify with the certificate's key over the digest".to_string();
        match self {
            Algorithm::RsaPkcs1Sha256 => {
                use rsa::pkcs1::DecodeRsaPublicKey;
                let pk = rsa::RsaPublicKey::from_pkcs1_der(key).map_err(|e| e.to_string())?;
                pk.verify(rsa::Pkcs1v15Sign::new::<Sha256>(), digest, raw).map_err(|_| bad())?;
                Ok(raw.to_vec())
            }
            Algorithm::EcdsaP256Sha256 => {
                let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|e| e.to_string())?;
                let sig = p256::ecdsa::Signature::from_der(raw).or_else(|_| p256::ecdsa::Signature::from_slice(raw)).map_err(|_| bad())?;
                vk.verify_prehash(digest, &sig).map_err(|_| bad())?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
            Algorithm::EcdsaP384Sha256 => {
                let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|e| e.to_string())?;
                let sig = p384::ecdsa::Signature::from_der(raw).or_else(|_| p384::ecdsa::Signature::from_slice(raw)).map_err(|_| bad())?;
                vk.verify_prehash(digest, &sig).map_err(|_| bad())?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }
}

/// Refuse a certificate that may not sign at `time`: outside its validity, or whose key
/// usage allows neither digitalSignature nor nonRepudiation.
pub fn check_usable(cert: &Certificate, time: DateTime<FixedOffset>) -> Result<()> {
    let tbs = &cert.tbs_certificate;
    let t = time.timestamp();
    let secs = |v: &x509_cert::time::Time| v.to_unix_duration().as_secs() as i64;
    let (from, until) = (secs(&tbs.validity.not_before), secs(&tbs.validity.not_after));
    let show = |s: i64| {
        DateTime::from_timestamp(s, 0)
            .map(|d| d.with_timezone(&super::vietnam()).to_rfc3339())
            .unwrap_or_default()
    };
    if t > until {
        return Err(refuse("--time", "certificate-expired", format!("the certificate expired on {} (signing time {})", show(until), time.to_rfc3339()), "sign with a valid certificate, or give the real signing time with --time"));
    }
    if t < from {
        return Err(refuse("--time", "certificate-not-yet-valid", format!("the certificate is valid only from {} (signing time {})", show(from), time.to_rfc3339()), "check the clock or --time"));
    }
    if let Ok(Some((_, ku))) = tbs.get::<x509_cert::ext::pkix::KeyUsage>() {
        use x509_cert::ext::pkix::KeyUsages;
        if !ku.0.contains(KeyUsages::DigitalSignature) && !ku.0.contains(KeyUsages::NonRepudiation) {
            return Err(refuse("--p12", "key-usage", "the certificate's key usage allows neither digitalSignature nor nonRepudiation: it is not a signing certificate", "use the signing certificate the CA issued"));
        }
    }
    Ok(())
}

