//! The CMS SignedData of a PAdES baseline B-B signature: detached, SHA-256, signed
//! attributes content-type, message-digest and signing-certificate-v2, and no signing-time
//! (PAdES takes the claimed time from the signature dictionary's `/M`).

use super::keys::Algorithm;
use crate::error::{Error, Result};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos};
use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

/// id-data.
pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
/// id-signedData.
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-contentType.
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
/// id-messageDigest.
pub const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
/// id-aa-signingCertificateV2 (RFC 5035).
pub const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// SHA-256.
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// ESSCertIDv2 with its hashAlgorithm left out: SHA-256 is the DEFAULT, and DER omits a
/// default value.
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn der_err(e: der::Error) -> Error {
    Error::Internal(format!("building the CMS: {e}"))
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute> {
    Ok(Attribute { oid, values: SetOfVec::try_from(vec![value]).map_err(der_err)? })
}

fn sha256_id() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None }
}

/// The signed attributes for a document digest (SHA-256 of the ByteRange), sorted as DER wants.
pub fn signed_attributes(cert: &Certificate, document_digest: &[u8]) -> Result<SetOfVec<Attribute>> {
    let cert_der = cert.to_der().map_err(der_err)?;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&cert_der).to_vec()).map_err(der_err)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(cert.tbs_certificate.issuer.clone())],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            },
        }],
    };
    let attrs = vec![
        attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(der_err)?)?,
        attribute(ID_MESSAGE_DIGEST, Any::encode_from(&OctetString::new(document_digest.to_vec()).map_err(der_err)?).map_err(der_err)?)?,
        attribute(ID_SIGNING_CERTIFICATE_V2, Any::encode_from(&ess).map_err(der_err)?)?,
    ];
    SetOfVec::try_from(attrs).map_err(der_err)
}

/// The bytes the key signs: the DER of the signed attributes as a SET OF (RFC 5652, 5.4).
pub fn to_be_signed(attrs: &SetOfVec<Attribute>) -> Result<Vec<u8>> {
    attrs.to_der().map_err(der_err)
}

/// id-aa-signatureTimeStampToken (RFC 3161, appendix A): PAdES B-T's timestamp.
pub const ID_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// The ContentInfo (DER) holding one SignerInfo with `signature`, and the signer's chain
/// (leaf first); `timestamp` is a timestamp token (a ContentInfo, DER) over the signature.
pub fn assemble(chain: &[Certificate], alg: Algorithm, attrs: SetOfVec<Attribute>, signature: Vec<u8>, timestamp: Option<&[u8]>) -> Result<Vec<u8>> {
    let cert = &chain[0];
    let unsigned_attrs = match timestamp {
        Some(t) => Some(SetOfVec::try_from(vec![attribute(ID_SIGNATURE_TIME_STAMP_TOKEN, Any::from_der(t).map_err(der_err)?)?]).map_err(der_err)?),
        None => None,
    };
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_id(),
        signed_attrs: Some(attrs),
        signature_algorithm: alg.identifier(),
        signature: OctetString::new(signature).map_err(der_err)?,
        unsigned_attrs,
    };
    let certs: Vec<CertificateChoices> = chain.iter().cloned().map(CertificateChoices::Certificate).collect();
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256_id()]).map_err(der_err)?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(SetOfVec::try_from(certs).map_err(der_err)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![info]).map_err(der_err)?),
    };
    ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed).map_err(der_err)? }
        .to_der()
        .map_err(der_err)
}

/// Room a timestamp token takes: the TSA's signature and its certificate chain (tokens of
/// public and Vietnamese TSAs are 3–8 KB).
pub const TIMESTAMP_ROOM: usize = 16 * 1024;

/// An upper bound of the CMS's size for this chain, for reserving `/Contents`.
pub fn size_bound(chain: &[Certificate], alg: Algorithm, timestamp: bool) -> Result<usize> {
    let mut certs = 0;
    for c in chain {
        certs += c.to_der().map_err(der_err)?.len();
    }
    // Attributes, identifiers and headers take well under 1 KB; the rest is slack.
    Ok(certs + alg.signature_len(&chain[0]) + 2048 + if timestamp { TIMESTAMP_ROOM } else { 0 })
}
