//! The cryptographic check of one signature's CMS: the digest of the signed ranges, the
//! signature over the signed attributes, the signer's certificate, its signing-time, its
//! signature timestamp and the revocation data it carries.

use super::der::{ber_to_der, children, content_of, first_tlv, raw_signed_attrs};
use super::report::{FieldReport, Note};
use crate::sign::{cert, crypto, tsa};
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::Decode;
use x509_cert::Certificate;

/// id-signingTime.
const ID_SIGNING_TIME: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// Adobe's adbe-revocationInfoArchival signed attribute.
const ID_ADBE_REVOCATION: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113583.1.1.8");
/// id-aa-signingCertificate (ESS, v1: SHA-1 hashes).
const ID_SIGNING_CERTIFICATE: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
/// SHA-1.
pub const SHA1: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.3.14.3.2.26");

/// What the CMS gave, for the checks that follow.
#[derive(Default)]
pub struct Cms {
    /// The certificates it carries.
    pub certs: Vec<Certificate>,
    /// The signer's.
    pub leaf: Option<Certificate>,
    /// The signature timestamp token (DER), when any.
    pub token: Option<Vec<u8>>,
    /// The CMS signing-time attribute.
    pub signing_time: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// adbe-revocationInfoArchival: (CRLs, OCSP responses), each DER.
    pub archival: (Vec<Vec<u8>>, Vec<Vec<u8>>),
    /// The SignerInfo's signature value (what a signature timestamp stamps).
    pub signature: Vec<u8>,
}

/// The CMS in `/Contents`: one ContentInfo then zero padding only, DER or BER.
pub fn read(contents: &[u8], r: &mut FieldReport) -> Option<Vec<u8>> {
    let (der, used) = match first_tlv(contents) {
        Some(t) if ContentInfo::from_der(t).is_ok() => (t.to_vec(), t.len()),
        _ => match ber_to_der(contents) {
            Some((d, n)) if ContentInfo::from_der(&d).is_ok() => (d, n),
            _ => {
                r.reason(Note::new("contents", "the signature's /Contents holds no readable CMS", "/Contents của chữ ký không chứa một CMS đọc được"));
                return None;
            }
        },
    };
    if contents[used..].iter().any(|&b| b != 0) {
        r.reason(Note::new(
            "contents",
            format!("/Contents holds {} bytes after its CMS that are not zero padding", contents.len() - used),
            format!("/Contents có {} byte sau CMS không phải là phần đệm số 0", contents.len() - used),
        ));
    }
    Some(der)
}

/// Check the CMS `der` of a signature over `signed` (the ByteRange's two parts); fills the
/// signer, algorithms and `intact` of `r`.
pub fn check(der: &[u8], signed: [&[u8]; 2], sub_filter: Option<&str>, r: &mut FieldReport) -> Option<Cms> {
    let sd = match ContentInfo::from_der(der).and_then(|ci| ci.content.decode_as::<SignedData>()) {
        Ok(s) => s,
        Err(e) => {
            r.reason(Note::new("contents", format!("the CMS cannot be read: {e}"), format!("không đọc được CMS: {e}")));
            return None;
        }
    };
    let Some(info) = sd.signer_infos.0.iter().next() else {
        r.reason(Note::new("signature", "the CMS has no SignerInfo", "CMS không có SignerInfo"));
        return None;
    };
    if sd.signer_infos.0.len() != 1 {
        r.reason(Note::new(
            "contents",
            format!("the CMS has {} SignerInfos; a PDF signature has one", sd.signer_infos.0.len()),
            format!("CMS có {} SignerInfo; chữ ký PDF chỉ có một", sd.signer_infos.0.len()),
        ));
    }
    r.hash_algorithm = Some(crypto::digest_name(&info.digest_alg.oid));
    r.signature_algorithm = Some(crypto::signature_name(&info.signature_algorithm.oid));
    if info.digest_alg.oid == SHA1 {
        r.warnings.push(Note::new("weak-hash", "the signature uses SHA-1, which is no longer collision-resistant", "chữ ký dùng SHA-1, hàm băm không còn an toàn"));
    }
    let certs: Vec<Certificate> = sd
        .certificates
        .as_ref()
        .map(|s| {
            s.0.iter()
                .filter_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = Cms { certs: certs.clone(), ..Default::default() };
    let leaf = certs.iter().find(|c| match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(i) => c.tbs_certificate.issuer == i.issuer && c.tbs_certificate.serial_number == i.serial_number,
        SignerIdentifier::SubjectKeyIdentifier(ski) => c.tbs_certificate.get::<x509_cert::ext::pkix::SubjectKeyIdentifier>().ok().flatten().is_some_and(|(_, k)| k.0 == ski.0),
    });
    let Some(leaf) = leaf.cloned() else {
        r.reason(Note::new("signature", "the signer's certificate is not in the CMS", "chứng thư số của người ký không có trong CMS"));
        return None;
    };
    let tbs = &leaf.tbs_certificate;
    r.signer = Some(cert::common_name(&tbs.subject));
    r.subject = Some(cert::display(&tbs.subject));
    r.issuer = Some(cert::display(&tbs.issuer));
    r.serial = Some(cert::serial(&leaf));

    let Some(mut h) = crypto::Hasher::new(&info.digest_alg.oid) else {
        r.reason(Note::new("signature", format!("unknown digest algorithm {}", info.digest_alg.oid), format!("thuật toán băm không biết {}", info.digest_alg.oid)));
        return None;
    };
    h.update(signed[0]);
    h.update(signed[1]);
    let digest = h.finish();
    let sig = info.signature.as_bytes();
    out.signature = sig.to_vec();
    out.token = info
        .unsigned_attrs
        .as_ref()
        .and_then(|u| u.iter().find(|a| a.oid == crate::sign::cms::ID_SIGNATURE_TIME_STAMP_TOKEN))
        .and_then(|a| a.values.iter().next())
        .and_then(|v| der::Encode::to_der(v).ok());
    let mut intact = true;
    let result = match &info.signed_attrs {
        Some(attrs) => {
            let first = |oid| attrs.iter().find(|a| a.oid == oid).and_then(|a| a.values.iter().next());
            let md = first(crate::sign::cms::ID_MESSAGE_DIGEST).and_then(|v| v.decode_as::<der::asn1::OctetString>().ok());
            // adbe.pkcs7.sha1: the CMS signs the SHA-1 of the ranges as its content.
            let expected = match (&sd.encap_content_info.econtent, sub_filter) {
                (Some(e), Some("adbe.pkcs7.sha1")) => {
                    let inner = e.decode_as::<der::asn1::OctetString>().map(|o| o.as_bytes().to_vec()).unwrap_or_default();
                    if crypto::digest(&SHA1, &[signed[0], signed[1]].concat()).as_deref() != Some(inner.as_slice()) {
                        intact = false;
                        r.reason(Note::new("digest", "the SHA-1 inside the signature does not match the file", "giá trị SHA-1 trong chữ ký không khớp với tệp"));
                    }
                    crypto::digest(&info.digest_alg.oid, &inner)
                }
                _ => Some(digest.clone()),
            };
            if let Some(t) = first(ID_SIGNING_TIME).and_then(|v| der::Encode::to_der(v).ok()).and_then(|d| x509_cert::time::Time::from_der(&d).ok()) {
                out.signing_time = chrono::DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0).map(|d| d.with_timezone(&crate::sign::vietnam()));
            }
            if let Some(v) = first(ID_ADBE_REVOCATION).and_then(|v| der::Encode::to_der(v).ok()) {
                out.archival = archival(&v);
            }
            // ESS signing-certificate(-v2) binds the signer's certificate: the certificate bag
            // itself is not signed, so a changed certificate (another name on the same key)
            // must not pass.
            let leaf_der = der::Encode::to_der(&leaf).unwrap_or_default();
            let ess = [(crate::sign::cms::ID_SIGNING_CERTIFICATE_V2, true), (ID_SIGNING_CERTIFICATE, false)]
                .into_iter()
                .find_map(|(oid, v2)| first(oid).and_then(|v| der::Encode::to_der(v).ok()).map(|d| (d, v2)));
            if let Some((ess, v2)) = ess {
                if !ess_names(&ess, v2, &leaf_der) {
                    intact = false;
                    r.reason(Note::new(
                        "signature",
                        "the signer's certificate in the CMS is not the one the signature names (ESS signing-certificate): it was replaced or changed",
                        "chứng thư số của người ký trong CMS không phải chứng thư mà chữ ký chỉ định (ESS signing-certificate): đã bị thay hoặc sửa",
                    ));
                }
            }
            if md.as_ref().map(|m| m.as_bytes()) != expected.as_deref() {
                intact = false;
                r.reason(Note::new(
                    "digest",
                    "the document's digest does not match the signed one: the signed bytes were changed",
                    "giá trị băm của văn bản không khớp với giá trị đã ký: nội dung đã ký bị thay đổi",
                ));
                Ok(())
            } else {
                match raw_signed_attrs(der) {
                    Some(raw) => crypto::verify(&tbs.subject_public_key_info, &info.signature_algorithm.oid, Some(&info.digest_alg.oid), &raw, sig),
                    None => Err("the signed attributes cannot be read".into()),
                }
            }
        }
        None => {
            // No signed attributes: the signature is over the content itself.
            crypto::verify(&tbs.subject_public_key_info, &info.signature_algorithm.oid, Some(&info.digest_alg.oid), &[signed[0], signed[1]].concat(), sig)
        }
    };
    if let Err(e) = result {
        intact = false;
        r.reason(Note::new("signature", format!("the signature does not verify with the signer's key: {e}"), format!("chữ ký không khớp với khóa của người ký: {e}")));
    }
    r.intact = Some(intact);
    out.leaf = Some(leaf);
    Some(out)
}

/// Whether an ESS SigningCertificate(V2) value names `cert` (its first ESSCertID's hash:
/// SHA-1 for v1, the given algorithm or SHA-256 for v2).
fn ess_names(value: &[u8], v2: bool, cert: &[u8]) -> bool {
    let Some(certs) = children(content_of(value)).into_iter().next() else { return false };
    let Some(id) = children(content_of(certs)).into_iter().next() else { return false };
    let parts = children(content_of(id));
    let (alg, hash) = match (v2, parts.first()) {
        (true, Some(p)) if p[0] == 0x30 => {
            let oid = children(content_of(p)).into_iter().next().and_then(|o| der::asn1::ObjectIdentifier::from_der(o).ok());
            (oid, parts.get(1))
        }
        (true, _) => (Some(der::oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1")), parts.first()),
        (false, _) => (Some(SHA1), parts.first()),
    };
    match (alg, hash) {
        (Some(alg), Some(h)) if h[0] == 0x04 => crate::sign::crypto::digest(&alg, cert).is_some_and(|d| d == content_of(h)),
        _ => false,
    }
}

/// RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList,
/// ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse, otherRevInfo [2] … } (all optional).
fn archival(attr: &[u8]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let (mut crls, mut ocsps) = (Vec::new(), Vec::new());
    for part in children(content_of(attr)) {
        let list = children(content_of(part)).into_iter().next().map(|s| children(content_of(s))).unwrap_or_default();
        match part[0] {
            0xA0 => crls.extend(list.into_iter().map(<[u8]>::to_vec)),
            0xA1 => ocsps.extend(list.into_iter().map(<[u8]>::to_vec)),
            _ => {}
        }
    }
    (crls, ocsps)
}

/// The signature timestamp's report and its certificates.
pub fn timestamp(token: &[u8], signature_value: &[u8]) -> (tsa::TimestampReport, Vec<Certificate>) {
    (tsa::check_token(token, signature_value), tsa::token_certificates(token))
}
