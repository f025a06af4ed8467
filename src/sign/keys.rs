//! The signer's key and certificate chain, from a PKCS#12 file (OpenSSL 3's PBES2/AES files
//! and the legacy RC2-40 / 3DES ones), and the checks made before anything is signed.

use super::refuse;
use crate::error::Result;
use chrono::{DateTime, FixedOffset};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use signature::{SignatureEncoding, Signer as _};
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
        };
        if ours != cert_key {
            return Err(bad_p12("the private key does not belong to the certificate"));
        }
        Ok(())
    }

    /// Refuse a certificate that may not sign at `time`: outside its validity, or whose key
    /// usage allows neither digitalSignature nor nonRepudiation.
    pub fn check_usable(&self, time: DateTime<FixedOffset>) -> Result<()> {
        let tbs = &self.certificate().tbs_certificate;
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

    /// The signature algorithm named in the SignerInfo.
    pub fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        match &self.key {
            // rsaEncryption with NULL parameters: what every CMS reader accepts.
            Key::Rsa(_) => AlgorithmIdentifierOwned { oid: const_oid::db::rfc5912::RSA_ENCRYPTION, parameters: Some(der::asn1::Null.into()) },
            Key::P256(_) | Key::P384(_) => AlgorithmIdentifierOwned { oid: const_oid::db::rfc5912::ECDSA_WITH_SHA_256, parameters: None },
        }
    }

    /// Sign `message` (the DER of the signed attributes) with SHA-256. Deterministic: PKCS#1
    /// v1.5 and RFC 6979 ECDSA, so the same input and time give the same bytes.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        let fail = |e: signature::Error| crate::error::Error::Internal(format!("signing failed: {e}"));
        Ok(match &self.key {
            Key::Rsa(k) => rsa::pkcs1v15::SigningKey::<Sha256>::new((**k).clone()).try_sign(message).map_err(fail)?.to_vec(),
            Key::P256(k) => {
                let s: p256::ecdsa::Signature = k.try_sign(message).map_err(fail)?;
                s.to_der().to_vec()
            }
            Key::P384(k) => {
                // ECDSA-with-SHA256 on P-384: the digest is SHA-256 of the message.
                use signature::hazmat::PrehashSigner;
                let s: p384::ecdsa::Signature = k.sign_prehash(&Sha256::digest(message)).map_err(fail)?;
                s.to_der().to_vec()
            }
        })
    }

    /// The upper bound of a signature's size, for reserving `/Contents`.
    pub fn signature_len(&self) -> usize {
        match &self.key {
            Key::Rsa(k) => rsa::traits::PublicKeyParts::size(&**k),
            Key::P256(_) => 72,
            Key::P384(_) => 104,
        }
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
