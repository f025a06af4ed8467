//! Reading certificates: names as people read them, and whether one certificate signed
//! another (for `verify --trust`).

use super::crypto;
use der::asn1::{BmpString, Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::Encode;
use x509_cert::name::Name;
use x509_cert::Certificate;

/// Common name (2.5.4.3).
const CN: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.4.3");

/// An attribute value as text (the string types names use).
fn text(v: &der::asn1::Any) -> String {
    if let Ok(s) = v.decode_as::<Utf8StringRef>() {
        return s.as_str().to_string();
    }
    if let Ok(s) = v.decode_as::<PrintableStringRef>() {
        return s.as_str().to_string();
    }
    if let Ok(s) = v.decode_as::<Ia5StringRef>() {
        return s.as_str().to_string();
    }
    if let Ok(s) = v.decode_as::<BmpString>() {
        return s.to_string();
    }
    if let Ok(s) = v.decode_as::<TeletexStringRef>() {
        return s.as_str().to_string();
    }
    String::from_utf8_lossy(v.value()).into_owned()
}

/// The name's common name, or the whole name when it has none.
pub fn common_name(name: &Name) -> String {
    for rdn in name.0.iter().rev() {
        for atv in rdn.0.iter() {
            if atv.oid == CN {
                return text(&atv.value);
            }
        }
    }
    display(name)
}

/// The name's organisation (2.5.4.10), when it has one.
pub fn organization(name: &Name) -> Option<String> {
    let o = der::oid::ObjectIdentifier::new_unwrap("2.5.4.10");
    name.0.iter().rev().flat_map(|rdn| rdn.0.iter()).find(|a| a.oid == o).map(|a| text(&a.value))
}

/// The name as RFC 4514 writes it (most specific first), values decoded.
pub fn display(name: &Name) -> String {
    let short = |oid: &der::oid::ObjectIdentifier| -> String {
        match oid.to_string().as_str() {
            "2.5.4.3" => "CN".into(),
            "2.5.4.6" => "C".into(),
            "2.5.4.7" => "L".into(),
            "2.5.4.8" => "ST".into(),
            "2.5.4.10" => "O".into(),
            "2.5.4.11" => "OU".into(),
            "2.5.4.12" => "T".into(),
            "2.5.4.5" => "SERIALNUMBER".into(),
            "0.9.2342.19200300.100.1.1" => "UID".into(),
            "1.2.840.113549.1.9.1" => "E".into(),
            other => other.to_string(),
        }
    };
    name.0
        .iter()
        .rev()
        .map(|rdn| rdn.0.iter().map(|a| format!("{}={}", short(&a.oid), text(&a.value))).collect::<Vec<_>>().join("+"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The serial number in hex.
pub fn serial(cert: &Certificate) -> String {
    cert.tbs_certificate.serial_number.as_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

/// Whether `issuer`'s key made `cert`'s signature.
pub fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate.to_der() else { return false };
    let Some(sig) = cert.signature.as_bytes() else { return false };
    crypto::verify(&issuer.tbs_certificate.subject_public_key_info, &cert.signature_algorithm.oid, None, &tbs, sig).is_ok()
}
