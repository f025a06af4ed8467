//! Digests and signature checks by algorithm identifier: what other tools' signatures use
//! (SHA-1 from older tools through SHA-512; RSA PKCS#1 v1.5; ECDSA on P-256 and P-384).

use der::oid::ObjectIdentifier as Oid;
use sha2::Digest;
use spki::SubjectPublicKeyInfoOwned;

const fn oid(s: &str) -> Oid {
    Oid::new_unwrap(s)
}

const SHA1: Oid = oid("1.3.14.3.2.26");
const SHA224: Oid = oid("2.16.840.1.101.3.4.2.4");
const SHA256: Oid = oid("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = oid("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = oid("2.16.840.1.101.3.4.2.3");
const RSA: Oid = oid("1.2.840.113549.1.1.1");
const RSA_SHA1: Oid = oid("1.2.840.113549.1.1.5");
const RSA_PSS: Oid = oid("1.2.840.113549.1.1.10");
const RSA_SHA256: Oid = oid("1.2.840.113549.1.1.11");
const RSA_SHA384: Oid = oid("1.2.840.113549.1.1.12");
const RSA_SHA512: Oid = oid("1.2.840.113549.1.1.13");
const RSA_SHA224: Oid = oid("1.2.840.113549.1.1.14");
const EC_PUBLIC_KEY: Oid = oid("1.2.840.10045.2.1");
const ECDSA_SHA1: Oid = oid("1.2.840.10045.4.1");
const ECDSA_SHA224: Oid = oid("1.2.840.10045.4.3.1");
const ECDSA_SHA256: Oid = oid("1.2.840.10045.4.3.2");
const ECDSA_SHA384: Oid = oid("1.2.840.10045.4.3.3");
const ECDSA_SHA512: Oid = oid("1.2.840.10045.4.3.4");
const P256: Oid = oid("1.2.840.10045.3.1.7");
const P384: Oid = oid("1.3.132.0.34");

/// A digest algorithm's name (`sha256`, …), as pdfsig and pyHanko print them.
pub fn digest_name(alg: &Oid) -> String {
    match *alg {
        SHA1 => "sha1".into(),
        SHA224 => "sha224".into(),
        SHA256 => "sha256".into(),
        SHA384 => "sha384".into(),
        SHA512 => "sha512".into(),
        other => other.to_string(),
    }
}

/// A signature algorithm's name.
pub fn signature_name(alg: &Oid) -> String {
    match *alg {
        RSA => "rsa".into(),
        RSA_SHA1 => "sha1-rsa".into(),
        RSA_SHA224 => "sha224-rsa".into(),
        RSA_SHA256 => "sha256-rsa".into(),
        RSA_SHA384 => "sha384-rsa".into(),
        RSA_SHA512 => "sha512-rsa".into(),
        RSA_PSS => "rsassa-pss".into(),
        EC_PUBLIC_KEY => "ecdsa".into(),
        ECDSA_SHA1 => "sha1-ecdsa".into(),
        ECDSA_SHA224 => "sha224-ecdsa".into(),
        ECDSA_SHA256 => "sha256-ecdsa".into(),
        ECDSA_SHA384 => "sha384-ecdsa".into(),
        ECDSA_SHA512 => "sha512-ecdsa".into(),
        other => other.to_string(),
    }
}

/// A running digest over the pieces of a ByteRange.
pub enum Hasher {
    /// SHA-1.
    Sha1(sha1::Sha1),
    /// SHA-224.
    Sha224(sha2::Sha224),
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SHA-384.
    Sha384(sha2::Sha384),
    /// SHA-512.
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// The hasher for a digest algorithm, if known.
    pub fn new(alg: &Oid) -> Option<Hasher> {
        Some(match *alg {
            SHA1 => Hasher::Sha1(sha1::Sha1::new()),
            SHA224 => Hasher::Sha224(sha2::Sha224::new()),
            SHA256 => Hasher::Sha256(sha2::Sha256::new()),
            SHA384 => Hasher::Sha384(sha2::Sha384::new()),
            SHA512 => Hasher::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }
    /// Add bytes.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }
    /// The digest.
    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// The digest of `data`.
pub fn digest(alg: &Oid, data: &[u8]) -> Option<Vec<u8>> {
    let mut h = Hasher::new(alg)?;
    h.update(data);
    Some(h.finish())
}

/// The digest a signature algorithm implies; `rsaEncryption` and `ecPublicKey` take the
/// SignerInfo's digest algorithm.
fn implied_digest(sig_alg: &Oid, digest_alg: Option<&Oid>) -> Option<Oid> {
    Some(match *sig_alg {
        RSA_SHA1 | ECDSA_SHA1 => SHA1,
        RSA_SHA224 | ECDSA_SHA224 => SHA224,
        RSA_SHA256 | ECDSA_SHA256 => SHA256,
        RSA_SHA384 | ECDSA_SHA384 => SHA384,
        RSA_SHA512 | ECDSA_SHA512 => SHA512,
        RSA | EC_PUBLIC_KEY => *digest_alg?,
        _ => return None,
    })
}

/// Check `signature` over `message` with the public key.
pub fn verify(key: &SubjectPublicKeyInfoOwned, sig_alg: &Oid, digest_alg: Option<&Oid>, message: &[u8], signature: &[u8]) -> Result<(), String> {
    if *sig_alg == RSA_PSS {
        return Err("RSASSA-PSS signatures are not checked by vanban yet".into());
    }
    let dalg = implied_digest(sig_alg, digest_alg).ok_or_else(|| format!("unknown signature algorithm {sig_alg}"))?;
    let hash = digest(&dalg, message).ok_or_else(|| format!("unknown digest algorithm {dalg}"))?;
    let raw = key.subject_public_key.raw_bytes();
    match key.algorithm.oid {
        RSA => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            let pk = rsa::RsaPublicKey::from_pkcs1_der(raw).map_err(|e| format!("the RSA key cannot be read: {e}"))?;
            let scheme = match dalg {
                SHA1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
                SHA224 => rsa::Pkcs1v15Sign::new::<sha2::Sha224>(),
                SHA256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                SHA384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                _ => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
            };
            pk.verify(scheme, &hash, signature).map_err(|_| "the signature does not match".to_string())
        }
        EC_PUBLIC_KEY => {
            use signature::hazmat::PrehashVerifier;
            let curve = key.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<Oid>().ok());
            let bad = |_| "the signature does not match".to_string();
            match curve {
                Some(P256) => {
                    let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(raw).map_err(|_| "the P-256 key cannot be read".to_string())?;
                    let sig = p256::ecdsa::Signature::from_der(signature).map_err(bad)?;
                    vk.verify_prehash(&hash, &sig).map_err(bad)
                }
                Some(P384) => {
                    let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(raw).map_err(|_| "the P-384 key cannot be read".to_string())?;
                    let sig = p384::ecdsa::Signature::from_der(signature).map_err(bad)?;
                    vk.verify_prehash(&hash, &sig).map_err(bad)
                }
                other => Err(format!("unsupported elliptic curve {}", other.map(|o| o.to_string()).unwrap_or_default())),
            }
        }
        other => Err(format!("unsupported key type {other}")),
    }
}
