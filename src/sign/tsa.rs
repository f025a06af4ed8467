//! RFC 3161 signature timestamps (PAdES B-T): the request to a timestamp authority the user
//! names — vanban's only network use — and the reading of a token for `verify`.

use super::refuse;
use super::verify::der::{children, content_of, raw_signed_attrs};
use super::{cert, crypto, vietnam};
use crate::error::{Error, Result};
use ::cms::content_info::ContentInfo;
use ::cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{Int, OctetString};
use der::{Decode, Encode, Sequence};
use serde::Serialize;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use std::time::Duration;
use x509_cert::Certificate;

/// How long the TSA has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Largest answer read: a token with its chain is a few KB.
const MAX_RESPONSE: u64 = 1 << 20;
/// id-ct-TSTInfo.
const ID_CT_TST_INFO: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

#[derive(Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// TimeStampReq, v1, without a policy: the TSA's default.
#[derive(Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    nonce: Int,
    cert_req: bool,
}

/// A TSA URL vanban can ask: http or https.
pub fn check_url(url: &str) -> Result<()> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) || url.len() < 10 || url.chars().any(char::is_whitespace) {
        return Err(refuse("--tsa", "bad-tsa-url", format!("\"{url}\" is not an http:// or https:// URL"), "give the timestamp authority's URL, e.g. http://tsa.example.vn/tsa"));
    }
    Ok(())
}

/// Ask the TSA at `url` for a timestamp token over `signature` (the SignerInfo's signature
/// value); the token (a ContentInfo, DER), checked to answer this request.
pub fn timestamp(url: &str, signature: &[u8]) -> Result<Vec<u8>> {
    check_url(url)?;
    let imprint = Sha256::digest(signature);
    // The nonce comes from the signature itself: unique per request, and no clock or random.
    let mut nonce = imprint[..8].to_vec();
    nonce[0] &= 0x7f;
    let req = TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned { oid: super::cms::ID_SHA256, parameters: None },
            hashed_message: OctetString::new(imprint.to_vec()).map_err(|e| Error::Internal(e.to_string()))?,
        },
        nonce: Int::new(&nonce).map_err(|e| Error::Internal(e.to_string()))?,
        cert_req: true,
    }
    .to_der()
    .map_err(|e| Error::Internal(format!("the timestamp request: {e}")))?;
    let fail = |m: String| Error::Io(format!("timestamp authority {url}: {m}"));
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).http_status_as_error(false).build().into();
    let mut resp = agent
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .send(&req[..])
        .map_err(|e| match e {
            ureq::Error::Timeout(_) => fail(format!("no answer within {} s", TIMEOUT.as_secs())),
            other => fail(other.to_string()),
        })?;
    let status = resp.status();
    let body = resp.body_mut().with_config().limit(MAX_RESPONSE).read_to_vec().map_err(|e| fail(format!("reading the answer: {e}")))?;
    if !status.is_success() {
        return Err(fail(format!("HTTP {status}")));
    }
    let token = read_response(&body).map_err(fail)?;
    // The token must be for this signature and this request.
    let info = tst_info(&token).map_err(|e| fail(format!("the token cannot be read: {e}")))?;
    if info.hashed_message != imprint.as_slice() {
        return Err(fail("the token timestamps another value than this signature".into()));
    }
    if info.nonce.as_deref().is_some_and(|n| strip_zeros(n) != strip_zeros(&nonce)) {
        return Err(fail("the token answers another request (its nonce differs)".into()));
    }
    Ok(token)
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let i = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    &b[i..]
}

/// The token of a TimeStampResp, or what the TSA said instead.
fn read_response(body: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let top = children(content_of(body));
    if body.first() != Some(&0x30) || top.is_empty() {
        return Err("the answer is not a timestamp response".into());
    }
    let status_info = children(content_of(top[0]));
    let status = status_info.first().filter(|t| t[0] == 0x02).map(|t| content_of(t)).and_then(|c| c.last().copied());
    match status {
        Some(0) | Some(1) => {}
        Some(s) => {
            let text: Vec<String> = status_info
                .get(1)
                .filter(|t| t[0] == 0x30)
                .map(|t| children(content_of(t)).iter().map(|s| String::from_utf8_lossy(content_of(s)).into_owned()).collect())
                .unwrap_or_default();
            let what = match s {
                2 => "rejection",
                3 => "waiting",
                4 => "revocation warning",
                5 => "revocation notification",
                _ => "unknown status",
            };
            return Err(format!("the request was refused ({what}{})", if text.is_empty() { String::new() } else { format!(": {}", text.join("; ")) }));
        }
        None => return Err("the answer is not a timestamp response".into()),
    }
    top.get(1).map(|t| t.to_vec()).ok_or_else(|| "the answer holds no timestamp token".into())
}

/// What vanban reads of a TSTInfo.
struct TstInfo {
    hash_alg: der::oid::ObjectIdentifier,
    hashed_message: Vec<u8>,
    time: Option<chrono::DateTime<chrono::FixedOffset>>,
    nonce: Option<Vec<u8>>,
    tsa: Option<String>,
    der: Vec<u8>,
}

/// The TSTInfo inside a token.
fn tst_info(token: &[u8]) -> std::result::Result<TstInfo, String> {
    let sd = signed_data(token)?;
    if sd.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return Err("the token's content is not a TSTInfo".into());
    }
    let der = sd.encap_content_info.econtent.as_ref().and_then(|e| e.decode_as::<OctetString>().ok()).map(|o| o.as_bytes().to_vec()).ok_or("the token has no TSTInfo")?;
    let parts = children(content_of(&der));
    if der.first() != Some(&0x30) || parts.len() < 5 {
        return Err("the TSTInfo is too short".into());
    }
    let imprint = MessageImprint::from_der(parts[2]).map_err(|e| format!("its message imprint: {e}"))?;
    let time = std::str::from_utf8(content_of(parts[4])).ok().and_then(generalized_time);
    let mut nonce = None;
    let mut tsa = None;
    for p in &parts[5..] {
        match p[0] {
            0x02 => nonce = Some(content_of(p).to_vec()),
            0xA0 => {
                // GeneralName, explicit: a directoryName [4] holds a Name.
                let gn = content_of(p);
                if gn.first() == Some(&0xA4) {
                    tsa = x509_cert::name::Name::from_der(content_of(gn)).ok().map(|n| cert::display(&n));
                } else {
                    tsa = Some(String::from_utf8_lossy(content_of(gn)).into_owned());
                }
            }
            _ => {}
        }
    }
    Ok(TstInfo { hash_alg: imprint.hash_algorithm.oid, hashed_message: imprint.hashed_message.as_bytes().to_vec(), time, nonce, tsa, der })
}

fn signed_data(token: &[u8]) -> std::result::Result<SignedData, String> {
    let ci = ContentInfo::from_der(token).map_err(|e| format!("not a CMS: {e}"))?;
    ci.content.decode_as::<SignedData>().map_err(|e| format!("not a SignedData: {e}"))
}

/// `YYYYMMDDHHMMSS[.f…]Z` as a time in +07:00.
fn generalized_time(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let s = s.strip_suffix('Z')?;
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let t = chrono::NaiveDateTime::parse_from_str(whole, "%Y%m%d%H%M%S").ok()?;
    let nanos = if frac.is_empty() { 0 } else { format!("{frac:0<9}").get(..9)?.parse::<u32>().ok()? };
    Some(t.and_utc().with_timezone(&vietnam()) + chrono::Duration::nanoseconds(nanos as i64))
}

/// A signature's timestamp, as `verify` reports it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TimestampReport {
    /// The TSA's time (genTime), ISO 8601 in +07:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The TSA: the token's `tsa` name, else its signer's subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tsa: Option<String>,
    /// Whether the token's imprint is the digest of this signature's value.
    pub imprint_matches: bool,
    /// Whether the token's own signature checks (digest of the TSTInfo and the TSA's key).
    pub intact: bool,
    /// What went wrong, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// The certificates a timestamp token carries (the TSA's and its chain).
pub fn token_certificates(token: &[u8]) -> Vec<Certificate> {
    let Ok(sd) = signed_data(token) else { return Vec::new() };
    sd.certificates
        .as_ref()
        .map(|s| s.0.iter().filter_map(|c| match c { ::cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()), _ => None }).collect())
        .unwrap_or_default()
}

/// Read and check a signature timestamp token over `signature` (the SignerInfo's value).
pub fn check_token(token: &[u8], signature: &[u8]) -> TimestampReport {
    let mut r = TimestampReport::default();
    let info = match tst_info(token) {
        Ok(i) => i,
        Err(e) => {
            r.problems.push(format!("the timestamp token cannot be read: {e}"));
            return r;
        }
    };
    r.time = info.time.map(|t| t.to_rfc3339());
    r.imprint_matches = crypto::digest(&info.hash_alg, signature).is_some_and(|d| d == info.hashed_message);
    if !r.imprint_matches {
        r.problems.push("the timestamp's imprint is not this signature's digest".into());
    }
    let Ok(sd) = signed_data(token) else { return r };
    let certs: Vec<Certificate> = sd
        .certificates
        .as_ref()
        .map(|s| s.0.iter().filter_map(|c| match c { ::cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()), _ => None }).collect())
        .unwrap_or_default();
    let Some(si) = sd.signer_infos.0.iter().next() else {
        r.problems.push("the timestamp token has no SignerInfo".into());
        return r;
    };
    let leaf = certs.iter().find(|c| match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(i) => c.tbs_certificate.issuer == i.issuer && c.tbs_certificate.serial_number == i.serial_number,
        SignerIdentifier::SubjectKeyIdentifier(ski) => c.tbs_certificate.get::<x509_cert::ext::pkix::SubjectKeyIdentifier>().ok().flatten().is_some_and(|(_, k)| k.0 == ski.0),
    });
    r.tsa = info.tsa.clone().or_else(|| leaf.map(|c| cert::display(&c.tbs_certificate.subject)));
    let Some(leaf) = leaf else {
        r.problems.push("the TSA's certificate is not in the token".into());
        return r;
    };
    let md = si.signed_attrs.as_ref().and_then(|a| a.iter().find(|a| a.oid == super::cms::ID_MESSAGE_DIGEST)).and_then(|a| a.values.iter().next()).and_then(|v| v.decode_as::<OctetString>().ok());
    let expected = crypto::digest(&si.digest_alg.oid, &info.der);
    if md.as_ref().map(|m| m.as_bytes()) != expected.as_deref() {
        r.problems.push("the timestamp token's digest does not match its content".into());
        return r;
    }
    match raw_signed_attrs(token).map(|raw| crypto::verify(&leaf.tbs_certificate.subject_public_key_info, &si.signature_algorithm.oid, Some(&si.digest_alg.oid), &raw, si.signature.as_bytes())) {
        Some(Ok(())) => r.intact = true,
        Some(Err(e)) => r.problems.push(format!("the timestamp token's signature: {e}")),
        None => r.problems.push("the timestamp token's signed attributes cannot be read".into()),
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_times() {
        assert_eq!(generalized_time("20260309030000Z").unwrap().to_rfc3339(), "2026-03-09T10:00:00+07:00");
        assert_eq!(generalized_time("20260309030000.5Z").unwrap().to_rfc3339(), "2026-03-09T10:00:00.500+07:00");
        assert!(generalized_time("20260309030000").is_none());
    }

    #[test]
    fn refused_answers_say_why() {
        // status 2 (rejection) with a statusString.
        let body = [0x30, 0x0c, 0x30, 0x0a, 0x02, 0x01, 0x02, 0x30, 0x05, 0x0c, 0x03, b'b', b'a', b'd'];
        let e = read_response(&body).unwrap_err();
        assert!(e.contains("rejection") && e.contains("bad"), "{e}");
        assert!(read_response(b"<html>").is_err());
    }

    #[test]
    fn no_panic_on_any_bytes() {
        // Truncations and corruptions of a response, and noise: errors, never a panic.
        let body = [0x30, 0x0c, 0x30, 0x0a, 0x02, 0x01, 0x02, 0x30, 0x05, 0x0c, 0x03, b'b', b'a', b'd'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for n in 0..=body.len() {
            let _ = read_response(&body[..n]);
            let _ = check_token(&body[..n], b"sig");
        }
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 64) as usize;
            let mut b: Vec<u8> = (0..len).map(|i| (seed >> (i % 8 * 8)) as u8 ^ i as u8).collect();
            if let Some(f) = b.first_mut() {
                *f = 0x30;
            }
            let _ = read_response(&b);
            let _ = check_token(&b, b"sig");
        }
    }

    #[test]
    fn urls() {
        assert!(check_url("http://127.0.0.1:1/tsa").is_ok());
        assert!(check_url("ftp://x/y").is_err());
        assert!(check_url("http://a b").is_err());
    }
}
