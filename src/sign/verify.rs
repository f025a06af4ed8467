//! `vanban verify`: every signature field of a PDF, signed or empty — who signed, when, with
//! which algorithms, whether the signed bytes are intact, what later revisions changed, and,
//! given trust anchors, whether the chain reaches one. Works on any PDF, not only vanban's.

use super::{cert, crypto, pdf};
use crate::error::Result;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::Decode;
use lopdf::{Document, Object, ObjectId};
use serde::Serialize;
use std::collections::HashSet;
use x509_cert::Certificate;

/// The report on one file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The file's size in bytes.
    pub size: usize,
    /// Every signature field, in the form's order.
    pub fields: Vec<FieldReport>,
}

/// One signature field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FieldReport {
    /// Field name.
    pub field: String,
    /// Page of its widget.
    pub page: Option<u32>,
    /// Whether it holds a signature.
    pub signed: bool,
    /// The signer's common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// The signer certificate's subject (RFC 4514).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Its issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Its serial number, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The signing time: the CMS signing-time when there is one (as pdfsig shows), else `/M`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_time: Option<String>,
    /// `/M` of the signature dictionary, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_time: Option<String>,
    /// Digest algorithm (`sha256`, `sha1`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hash_algorithm: Option<String>,
    /// Signature algorithm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_algorithm: Option<String>,
    /// `/SubFilter`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_filter: Option<String>,
    /// Whether the signed bytes are as signed (digest and signature both check).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intact: Option<bool>,
    /// Whether the signature covers the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole_file: Option<bool>,
    /// What revisions after it changed: `none`, `form-filling` (fields, their appearances,
    /// signatures, annotations) or `other`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub later_changes: Option<String>,
    /// With trust anchors: whether the chain reaches one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted: Option<bool>,
    /// Whether the certificate was valid at the signing time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_valid: Option<bool>,
    /// The signature timestamp (PAdES B-T), when the CMS carries one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<super::tsa::TimestampReport>,
    /// What went wrong, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

impl FieldReport {
    /// Whether this field passes: empty, or signed, intact, its timestamp (if any) sound and
    /// (when asked) trusted.
    pub fn ok(&self) -> bool {
        let ts = self.timestamp.as_ref().is_none_or(|t| t.intact && t.imprint_matches);
        !self.signed || (self.intact == Some(true) && self.trusted != Some(false) && ts)
    }
}

/// Verify every signature field of `pdf`; `trust` are the anchors for `trusted` (none: not
/// judged).
pub fn verify(bytes: &[u8], trust: &[Certificate]) -> Result<Report> {
    let doc = super::load(bytes, "INPUT")?;
    let fields = pdf::fields(&doc);
    let mut out = Vec::new();
    for f in &fields {
        let mut r = FieldReport { field: f.name.clone(), page: f.page, signed: f.value.is_some(), ..Default::default() };
        if let Some(v) = &f.value {
            check(bytes, &doc, v, trust, &mut r);
        }
        out.push(r);
    }
    Ok(Report { size: bytes.len(), fields: out })
}

fn name_of(d: &lopdf::Dictionary, key: &[u8]) -> Option<String> {
    d.get(key).ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned())
}

/// A CMS as DER: its first TLV when that reads as a ContentInfo, else the BER read as DER.
pub(crate) fn to_der(contents: &[u8]) -> Option<Vec<u8>> {
    match first_tlv(contents) {
        Some(t) if ContentInfo::from_der(t).is_ok() => Some(t.to_vec()),
        _ => ber_to_der(contents).map(|(d, _)| d),
    }
}

/// The first TLV of `bytes` (the CMS inside zero padding), DER definite lengths only.
fn first_tlv(bytes: &[u8]) -> Option<&[u8]> {
    let (len, header) = tlv_len(bytes)?;
    bytes.get(..header + len)
}

/// (content length, header length) of the TLV at the start of `b`.
fn tlv_len(b: &[u8]) -> Option<(usize, usize)> {
    let first = *b.get(1)?;
    if first < 0x80 {
        return Some((first as usize, 2));
    }
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 {
        return None; // indefinite (BER) or absurd
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | *b.get(2 + i)? as usize;
    }
    Some((len, 2 + n))
}

/// The BER TLV at the start of `b` as DER (definite lengths; constructed OCTET, BIT and
/// character strings joined into one primitive), and the BER length read. Signed attributes
/// keep their bytes: the signer had to encode them as DER to sign them.
fn ber_to_der(b: &[u8]) -> Option<(Vec<u8>, usize)> {
    ber_tlv(b, 0)
}

fn ber_tlv(b: &[u8], depth: usize) -> Option<(Vec<u8>, usize)> {
    if depth > 64 {
        return None;
    }
    let tag = *b.first()?;
    if tag & 0x1f == 0x1f {
        return None; // high tag numbers do not occur in CMS
    }
    let first = *b.get(1)? as usize;
    let constructed = tag & 0x20 != 0;
    let (content, used): (Vec<u8>, usize) = if first == 0x80 {
        // Indefinite: children up to the end-of-contents octets.
        if !constructed {
            return None;
        }
        let mut at = 2;
        let mut parts = Vec::new();
        loop {
            if b.get(at..at + 2)? == [0, 0] {
                at += 2;
                break;
            }
            let (child, n) = ber_tlv(&b[at..], depth + 1)?;
            parts.push(child);
            at += n;
        }
        (join(tag, parts)?, at)
    } else {
        let (len, header) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            if n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | *b.get(2 + i)? as usize;
            }
            (len, 2 + n)
        };
        let body = b.get(header..header + len)?;
        if constructed {
            let mut parts = Vec::new();
            let mut at = 0;
            while at < body.len() {
                let (child, n) = ber_tlv(&body[at..], depth + 1)?;
                parts.push(child);
                at += n;
            }
            (join(tag, parts)?, header + len)
        } else {
            (body.to_vec(), header + len)
        }
    };
    // A constructed string becomes the primitive one.
    let tag = match tag {
        0x24 | 0x23 | 0x2c | 0x33 | 0x36 => tag & !0x20,
        t => t,
    };
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().iter().copied().skip_while(|&x| x == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend(content);
    Some((out, used))
}

/// The content of a constructed TLV from its children's DER: concatenated TLVs, or, for a
/// constructed string, the children's contents joined.
fn join(tag: u8, parts: Vec<Vec<u8>>) -> Option<Vec<u8>> {
    if matches!(tag, 0x24 | 0x23 | 0x2c | 0x33 | 0x36) {
        let mut v = Vec::new();
        for p in parts {
            v.extend_from_slice(content_of(&p));
        }
        Some(v)
    } else {
        Some(parts.concat())
    }
}

/// The TLVs inside a constructed TLV's content.
pub(crate) fn children(content: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let Some((len, h)) = tlv_len(rest) else { break };
        let Some(t) = rest.get(..h + len) else { break };
        out.push(t);
        rest = &rest[h + len..];
    }
    out
}

pub(crate) fn content_of(tlv: &[u8]) -> &[u8] {
    tlv_len(tlv).and_then(|(l, h)| tlv.get(h..h.checked_add(l)?)).unwrap_or(&[])
}

/// The signed attributes of the first SignerInfo exactly as encoded (RFC 5652 signs their
/// own encoding, and a re-encoding would differ if the signer did not sort them).
pub(crate) fn raw_signed_attrs(cms_der: &[u8]) -> Option<Vec<u8>> {
    let ci = children(content_of(cms_der));
    let sd_tlv = children(content_of(ci.get(1)?)).into_iter().next()?; // [0] EXPLICIT
    let sd = children(content_of(sd_tlv));
    let infos = sd.iter().rev().find(|t| t[0] == 0x31)?; // signerInfos is the last SET
    let info = children(content_of(infos)).into_iter().next()?;
    let attrs = children(content_of(info)).into_iter().find(|t| t[0] == 0xA0)?;
    let mut v = attrs.to_vec();
    v[0] = 0x31;
    Some(v)
}

fn check(bytes: &[u8], doc: &Document, v: &lopdf::Dictionary, trust: &[Certificate], r: &mut FieldReport) {
    r.sub_filter = name_of(v, b"SubFilter");
    r.claimed_time = v.get(b"M").ok().and_then(|m| m.as_str().ok()).and_then(|m| pdf::iso_date(&String::from_utf8_lossy(m)));
    r.intact = Some(false);
    let range: Vec<i64> = v.get(b"ByteRange").ok().and_then(|b| b.as_array().ok()).map(|a| a.iter().filter_map(|o| o.as_i64().ok()).collect()).unwrap_or_default();
    let contents = match v.get(b"Contents").ok().and_then(|c| c.as_str().ok()) {
        Some(c) => c.to_vec(),
        None => return r.problems.push("the signature has no /Contents".into()),
    };
    let ok_range = range.len() == 4
        && range.iter().all(|&x| x >= 0)
        && range[0] == 0
        && range[1] <= range[2]
        && (range[2] + range[3]) as usize <= bytes.len();
    if !ok_range {
        return r.problems.push(format!("the ByteRange {range:?} does not fit the file"));
    }
    let range: Vec<usize> = range.iter().map(|&x| x as usize).collect();
    let end = range[2] + range[3];
    r.whole_file = Some(end == bytes.len());
    // The gap must be exactly the hex string, so that nothing unsigned hides in it.
    let gap = &bytes[range[1]..range[2]];
    if gap.first() != Some(&b'<') || gap.last() != Some(&b'>') {
        r.problems.push("the ByteRange's gap is not the /Contents string".into());
    }
    // Some tools (Windows CryptoAPI, older Java ones) write BER: indefinite lengths and
    // constructed strings. Read it as the DER it stands for.
    let Some(cms_der) = first_tlv(&contents).map(<[u8]>::to_vec).or_else(|| ber_to_der(&contents).map(|(d, _)| d)) else {
        return r.problems.push("the CMS cannot be read (neither DER nor BER)".into());
    };
    let cms_der = if ContentInfo::from_der(&cms_der).is_ok() { cms_der } else { ber_to_der(&contents).map(|(d, _)| d).unwrap_or(cms_der) };
    let signed = match ContentInfo::from_der(&cms_der).and_then(|ci| ci.content.decode_as::<SignedData>()) {
        Ok(s) => s,
        Err(e) => return r.problems.push(format!("the CMS cannot be read: {e}")),
    };
    let Some(info) = signed.signer_infos.0.iter().next() else {
        return r.problems.push("the CMS has no SignerInfo".into());
    };
    if signed.signer_infos.0.len() != 1 {
        r.problems.push(format!("the CMS has {} SignerInfos (PAdES wants one)", signed.signer_infos.0.len()));
    }
    r.hash_algorithm = Some(crypto::digest_name(&info.digest_alg.oid));
    r.signature_algorithm = Some(crypto::signature_name(&info.signature_algorithm.oid));
    let certs: Vec<Certificate> = signed
        .certificates
        .as_ref()
        .map(|s| s.0.iter().filter_map(|c| match c { cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()), _ => None }).collect())
        .unwrap_or_default();
    let leaf = certs.iter().find(|c| match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(i) => c.tbs_certificate.issuer == i.issuer && c.tbs_certificate.serial_number == i.serial_number,
        SignerIdentifier::SubjectKeyIdentifier(ski) => c
            .tbs_certificate
            .get::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .is_some_and(|(_, k)| k.0 == ski.0),
    });
    let Some(leaf) = leaf else {
        return r.problems.push("the signer's certificate is not in the CMS".into());
    };
    let tbs = &leaf.tbs_certificate;
    r.signer = Some(cert::common_name(&tbs.subject));
    r.subject = Some(cert::display(&tbs.subject));
    r.issuer = Some(cert::display(&tbs.issuer));
    r.serial = Some(cert::serial(leaf));

    // The digest of the signed ranges.
    let Some(mut h) = crypto::Hasher::new(&info.digest_alg.oid) else {
        return r.problems.push(format!("unknown digest algorithm {}", info.digest_alg.oid));
    };
    h.update(&bytes[range[0]..range[0] + range[1]]);
    h.update(&bytes[range[2]..range[2] + range[3]]);
    let digest = h.finish();

    let sig = info.signature.as_bytes();
    if let Some(token) = info.unsigned_attrs.as_ref().and_then(|u| u.iter().find(|a| a.oid == super::cms::ID_SIGNATURE_TIME_STAMP_TOKEN)).and_then(|a| a.values.iter().next()).and_then(|v| der::Encode::to_der(v).ok()) {
        r.timestamp = Some(super::tsa::check_token(&token, sig));
    }
    let result = match &info.signed_attrs {
        Some(attrs) => {
            let md = attrs.iter().find(|a| a.oid == super::cms::ID_MESSAGE_DIGEST).and_then(|a| a.values.iter().next()).and_then(|v| v.decode_as::<der::asn1::OctetString>().ok());
            // adbe.pkcs7.sha1: the CMS signs the SHA-1 of the ranges as its content.
            let expected = match (&signed.encap_content_info.econtent, r.sub_filter.as_deref()) {
                (Some(e), Some("adbe.pkcs7.sha1")) => {
                    let inner = e.decode_as::<der::asn1::OctetString>().map(|o| o.as_bytes().to_vec()).unwrap_or_default();
                    let sha1 = crypto::digest(&der::oid::ObjectIdentifier::new_unwrap("1.3.14.3.2.26"), &[&bytes[range[0]..range[0] + range[1]], &bytes[range[2]..range[2] + range[3]]].concat());
                    if sha1.as_deref() != Some(inner.as_slice()) {
                        r.problems.push("the SHA-1 inside the signature does not match the file".into());
                    }
                    crypto::digest(&info.digest_alg.oid, &inner)
                }
                _ => Some(digest.clone()),
            };
            if let Some(t) = attrs.iter().find(|a| a.oid == ID_SIGNING_TIME).and_then(|a| a.values.iter().next()).and_then(|v| der::Encode::to_der(v).ok()).and_then(|d| x509_cert::time::Time::from_der(&d).ok()) {
                r.signing_time = chrono::DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0).map(|d| d.with_timezone(&super::vietnam()).to_rfc3339());
            }
            if md.as_ref().map(|m| m.as_bytes()) != expected.as_deref() {
                Err("the document's digest does not match the signed one: the signed bytes were changed".to_string())
            } else {
                match raw_signed_attrs(&cms_der) {
                    Some(raw) => crypto::verify(&tbs.subject_public_key_info, &info.signature_algorithm.oid, Some(&info.digest_alg.oid), &raw, sig),
                    None => Err("the signed attributes cannot be read".into()),
                }
            }
        }
        None => {
            // No signed attributes: the signature is over the content itself.
            let content = [&bytes[range[0]..range[0] + range[1]], &bytes[range[2]..range[2] + range[3]]].concat();
            crypto::verify(&tbs.subject_public_key_info, &info.signature_algorithm.oid, Some(&info.digest_alg.oid), &content, sig)
        }
    };
    match result {
        Ok(()) => r.intact = Some(r.problems.is_empty()),
        Err(e) => r.problems.push(e),
    }
    if r.signing_time.is_none() {
        r.signing_time = r.claimed_time.clone();
    }
    // The certificate's validity at the signing time.
    if let Some(t) = r.signing_time.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()) {
        let secs = |v: &x509_cert::time::Time| v.to_unix_duration().as_secs() as i64;
        let ts = t.timestamp();
        let valid = ts >= secs(&tbs.validity.not_before) && ts <= secs(&tbs.validity.not_after);
        r.certificate_valid = Some(valid);
        if !valid {
            r.problems.push("the certificate was not valid at the signing time".into());
        }
    }
    if !trust.is_empty() {
        r.trusted = Some(chain_trusted(leaf, &certs, trust));
        if r.trusted == Some(false) {
            r.problems.push("the certificate chain does not reach a trusted certificate".into());
        }
    }
    r.later_changes = Some(if end == bytes.len() { "none".into() } else { later_changes(doc, &bytes[..end]) });
}

/// id-signingTime.
const ID_SIGNING_TIME: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

/// Whether the chain from `leaf` through the CMS's certificates reaches an anchor, each link's
/// signature checked.
fn chain_trusted(leaf: &Certificate, pool: &[Certificate], trust: &[Certificate]) -> bool {
    let mut current = leaf.clone();
    for _ in 0..10 {
        if trust.iter().any(|t| t == &current) {
            return true;
        }
        if trust.iter().any(|t| cert::signed_by(&current, t)) {
            return true;
        }
        let next = pool.iter().find(|c| *c != &current && cert::signed_by(&current, c));
        match next {
            Some(n) => current = n.clone(),
            None => return false,
        }
    }
    false
}

/// What the revisions after a signature changed, comparing the objects of the signed
/// revision with the file's final ones.
fn later_changes(last: &Document, signed_bytes: &[u8]) -> String {
    let Ok(before) = Document::load_mem(signed_bytes) else { return "other".into() };
    // Page content streams: a change there is never form filling.
    let mut page_content: HashSet<ObjectId> = HashSet::new();
    for (_, pid) in last.get_pages() {
        page_content.extend(last.get_page_contents(pid));
    }
    let pages: HashSet<ObjectId> = last.get_pages().into_values().collect();
    let root = last.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let mut form_only = true;
    let mut any = false;
    for (id, obj) in &last.objects {
        if before.objects.get(id) == Some(obj) {
            continue;
        }
        any = true;
        if !allowed_change(*id, obj, before.objects.get(id), &pages, &page_content, root) {
            form_only = false;
        }
    }
    match (any, form_only) {
        (false, _) => "none".into(),
        (true, true) => "form-filling".into(),
        (true, false) => "other".into(),
    }
}

fn allowed_change(id: ObjectId, obj: &Object, before: Option<&Object>, pages: &HashSet<ObjectId>, content: &HashSet<ObjectId>, root: Option<ObjectId>) -> bool {
    if content.contains(&id) {
        return false;
    }
    let ty = |o: &Object| -> Option<Vec<u8>> {
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => return None,
        };
        d.get(b"Type").ok().and_then(|t| t.as_name().ok()).map(<[u8]>::to_vec)
    };
    let same_except = |keys: &[&[u8]]| -> bool {
        let (Some(Object::Dictionary(a)), Object::Dictionary(b)) = (before, obj) else { return before.is_none() };
        let strip = |d: &lopdf::Dictionary| -> Vec<(Vec<u8>, Object)> {
            d.iter().filter(|(k, _)| !keys.contains(&k.as_slice())).map(|(k, v)| (k.clone(), v.clone())).collect()
        };
        strip(a) == strip(b)
    };
    if Some(id) == root {
        return same_except(&[b"AcroForm", b"DSS"]);
    }
    if pages.contains(&id) {
        return same_except(&[b"Annots"]);
    }
    match ty(obj).as_deref() {
        Some(b"Sig" | b"DocTimeStamp" | b"Annot" | b"XObject" | b"Font" | b"FontDescriptor" | b"DSS" | b"XRef" | b"ObjStm" | b"ExtGState" | b"Encoding" | b"CMap" | b"Pattern" | b"Shading" | b"Mask") => true,
        Some(_) => false,
        // No /Type: field dictionaries, arrays (Annots, Fields), font files, colour
        // profiles, DSS entries. A page's content was excluded above.
        None => match obj {
            Object::Dictionary(d) => d.has(b"FT") || d.has(b"T") || d.has(b"Fields") || d.has(b"Subtype") || d.is_empty() || before.is_none(),
            _ => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ber_becomes_der() {
        // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING (constructed) { aa, bb } }
        let ber = [0x30, 0x80, 0x02, 0x01, 0x05, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb, 0x00, 0x00, 0x00, 0x00, 0xff];
        let (der, used) = ber_to_der(&ber).unwrap();
        assert_eq!(der, [0x30, 0x07, 0x02, 0x01, 0x05, 0x04, 0x02, 0xaa, 0xbb]);
        assert_eq!(used, 17);
        assert!(ber_to_der(&[0x30, 0x80, 0x02]).is_none(), "cut short");
    }
}
