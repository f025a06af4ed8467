//! Revocation data a file carries, judged offline: OCSP responses and CRLs from the DSS and
//! from Adobe's adbe-revocationInfoArchival attribute. A response counts only when its
//! signature checks (by the issuing CA, or by a responder it delegated with id-kp-OCSPSigning),
//! it names this certificate, and it is fresh for the validation time.

use super::der::{children, content_of};
use super::report::{CertStatus, Note, Revocation};
use super::times::{show_unix, unix};
use super::trust::issuer_of;
use crate::sign::{cert, crypto};
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;
use x509_ocsp::{BasicOcspResponse, CertStatus as OcspStatus, OcspResponse, OcspResponseStatus};

/// id-kp-OCSPSigning.
const OCSP_SIGNING: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
/// id-pkix-ocsp-basic.
const OCSP_BASIC: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// Where revocation data was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The document security store.
    Dss,
    /// The CMS's adbe-revocationInfoArchival.
    Cms,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Source::Dss => "dss",
            Source::Cms => "cms",
        }
    }
}

/// The revocation data available: (source, DER) of OCSP responses and of CRLs.
#[derive(Debug, Default, Clone)]
pub struct Data {
    /// OCSP responses.
    pub ocsps: Vec<(Source, Vec<u8>)>,
    /// CRLs.
    pub crls: Vec<(Source, Vec<u8>)>,
}

/// What one response said of one certificate.
struct Said {
    revoked_at: Option<i64>,
    unknown: bool,
    this_update: i64,
}

fn gtime(t: &x509_ocsp::OcspGeneralizedTime) -> i64 {
    t.0.to_unix_duration().as_secs() as i64
}

/// An OCSP response about `c` (issued by `issuer`) at `time`.
fn ocsp(der: &[u8], c: &Certificate, issuer: &Certificate, time: i64) -> Result<Said, (bool, String, String)> {
    let unreadable = |e: String| (false, format!("an OCSP response cannot be read: {e}"), format!("không đọc được một phản hồi OCSP: {e}"));
    let resp = OcspResponse::from_der(der).map_err(|e| unreadable(e.to_string()))?;
    if resp.response_status != OcspResponseStatus::Successful {
        return Err((false, "an OCSP response reports an error status".into(), "một phản hồi OCSP báo lỗi".into()));
    }
    let bytes = resp.response_bytes.ok_or_else(|| unreadable("no response bytes".into()))?;
    if bytes.response_type != OCSP_BASIC {
        return Err(unreadable(format!("type {}", bytes.response_type)));
    }
    let basic_der = bytes.response.as_bytes();
    let basic = BasicOcspResponse::from_der(basic_der).map_err(|e| unreadable(e.to_string()))?;
    let serial = &c.tbs_certificate.serial_number;
    let name_der = issuer.tbs_certificate.subject.to_der().unwrap_or_default();
    let key_bits = issuer.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes();
    let single = basic.tbs_response_data.responses.iter().find(|s| {
        let alg = &s.cert_id.hash_algorithm.oid;
        &s.cert_id.serial_number == serial
            && crypto::digest(alg, &name_der).as_deref() == Some(s.cert_id.issuer_name_hash.as_bytes())
            && crypto::digest(alg, key_bits).as_deref() == Some(s.cert_id.issuer_key_hash.as_bytes())
    });
    let Some(single) = single else {
        return Err((
            false,
            format!("an OCSP response names another certificate, not serial {}", cert::serial(c)),
            format!("một phản hồi OCSP nói về chứng thư khác, không phải số hiệu {}", cert::serial(c)),
        ));
    };
    // The signature: by the CA itself, or by a responder certificate the CA issued for it.
    let tbs = children(content_of(basic_der)).into_iter().next().unwrap_or_default();
    let sig = basic.signature.raw_bytes();
    let alg = &basic.signature_algorithm.oid;
    let by_ca = crypto::verify(&issuer.tbs_certificate.subject_public_key_info, alg, None, tbs, sig).is_ok();
    let by_responder = || {
        basic.certs.iter().flatten().any(|r| {
            let eku = r.tbs_certificate.get::<x509_cert::ext::pkix::ExtendedKeyUsage>().ok().flatten().is_some_and(|(_, e)| e.0.contains(&OCSP_SIGNING));
            eku && cert::signed_by(r, issuer) && crypto::verify(&r.tbs_certificate.subject_public_key_info, alg, None, tbs, sig).is_ok()
        })
    };
    if !by_ca && !by_responder() {
        return Err((
            true,
            format!("an OCSP response for serial {} is not signed by its CA nor by a responder the CA delegated: not accepted", cert::serial(c)),
            format!("một phản hồi OCSP cho số hiệu {} không do CA cấp chứng thư hay bên được CA ủy quyền ký: không chấp nhận", cert::serial(c)),
        ));
    }
    let this = gtime(&single.this_update);
    let next = single.next_update.as_ref().map(gtime);
    let produced = gtime(&basic.tbs_response_data.produced_at);
    let fresh = (this <= time && next.is_none_or(|n| time <= n)) || produced >= time;
    if !fresh {
        return Err((
            true,
            format!("an OCSP response for serial {} is not fresh for the validation time", cert::serial(c)),
            format!("một phản hồi OCSP cho số hiệu {} không còn hiệu lực tại thời điểm xác thực", cert::serial(c)),
        ));
    }
    Ok(match &single.cert_status {
        OcspStatus::Good(_) => Said { revoked_at: None, unknown: false, this_update: this },
        OcspStatus::Revoked(info) => Said { revoked_at: Some(gtime(&info.revocation_time)), unknown: false, this_update: this },
        OcspStatus::Unknown(_) => Said { revoked_at: None, unknown: true, this_update: this },
    })
}

/// A CRL about `c` (issued by `issuer`) at `time`.
fn crl(der: &[u8], c: &Certificate, issuer: &Certificate, time: i64) -> Result<Said, (bool, String, String)> {
    let list = CertificateList::from_der(der).map_err(|e| (false, format!("a CRL cannot be read: {e}"), format!("không đọc được một CRL: {e}")))?;
    let tbs = &list.tbs_cert_list;
    if tbs.issuer != c.tbs_certificate.issuer {
        return Err((false, format!("a CRL of another CA ({})", cert::display(&tbs.issuer)), format!("một CRL của CA khác ({})", cert::display(&tbs.issuer))));
    }
    let raw = children(content_of(der)).into_iter().next().unwrap_or_default();
    if crypto::verify(&issuer.tbs_certificate.subject_public_key_info, &list.signature_algorithm.oid, None, raw, list.signature.raw_bytes()).is_err() {
        return Err((true, "a CRL is not signed by the CA that issued the certificate: not accepted".into(), "một CRL không do CA cấp chứng thư ký: không chấp nhận".into()));
    }
    let this = unix(&tbs.this_update);
    let next = tbs.next_update.as_ref().map(unix);
    if !((this <= time && next.is_none_or(|n| time <= n)) || this >= time) {
        return Err((true, "a CRL is not fresh for the validation time".into(), "một CRL không còn hiệu lực tại thời điểm xác thực".into()));
    }
    let revoked = tbs.revoked_certificates.iter().flatten().find(|r| r.serial_number == c.tbs_certificate.serial_number).map(|r| unix(&r.revocation_date));
    Ok(Said { revoked_at: revoked, unknown: false, this_update: this })
}

/// Judge every certificate of `chain` (anchors and roots left out) against `data` at `time`;
/// `pool` finds issuers.
pub fn judge(chains: &[&[Certificate]], pool: &[Certificate], data: &Data, time: i64) -> (Revocation, Vec<(Certificate, CertStatus)>) {
    let mut statuses = Vec::new();
    let mut used = vec![false; data.ocsps.len() + data.crls.len()];
    let mut failures: Vec<Option<(String, String)>> = vec![None; data.ocsps.len() + data.crls.len()];
    for chain in chains {
        for c in chain.iter() {
            if super::trust::self_signed(c) || statuses.iter().any(|(x, _): &(Certificate, CertStatus)| x == c) {
                continue;
            }
            let mut st = CertStatus { subject: cert::common_name(&c.tbs_certificate.subject), serial: cert::serial(c), status: "none", by: None, source: None, revoked_at: None, this_update: None };
            let Some(issuer) = issuer_of(c, pool) else {
                statuses.push((c.clone(), st));
                continue;
            };
            let mut best: Option<(Said, &'static str, Source)> = None;
            let mut consider = |s: Said, by: &'static str, src: Source| {
                let better = match &best {
                    None => true,
                    Some((b, _, bsrc)) => s.revoked_at.is_some() && b.revoked_at.is_none() || (*bsrc == Source::Cms && src == Source::Dss && s.revoked_at.is_some() == b.revoked_at.is_some()),
                };
                if better {
                    best = Some((s, by, src));
                }
            };
            // OCSP responses first, then CRLs: one list, one index each.
            type Judge = fn(&[u8], &Certificate, &Certificate, i64) -> Result<Said, (bool, String, String)>;
            let all = data.ocsps.iter().map(|x| (x, "ocsp", ocsp as Judge)).chain(data.crls.iter().map(|x| (x, "crl", crl as Judge)));
            for (k, ((src, der), by, judge)) in all.enumerate() {
                match judge(der, c, issuer, time) {
                    Ok(s) => {
                        used[k] = true;
                        consider(s, by, *src);
                    }
                    Err((relevant, en, vi)) => {
                        if relevant || failures[k].is_none() {
                            failures[k] = Some((en, vi));
                        }
                    }
                }
            }
            if let Some((s, by, src)) = best {
                st.status = if s.revoked_at.is_some() {
                    "revoked"
                } else if s.unknown {
                    "unknown"
                } else {
                    "good"
                };
                st.by = Some(by);
                st.source = Some(src.name());
                st.revoked_at = s.revoked_at.and_then(show_unix);
                st.this_update = show_unix(s.this_update);
            }
            statuses.push((c.clone(), st));
        }
    }
    let mut rev = Revocation::default();
    let sources: Vec<&str> = [Source::Dss, Source::Cms].into_iter().filter(|s| data.ocsps.iter().chain(&data.crls).any(|(x, _)| x == s)).map(Source::name).collect();
    rev.source = if sources.is_empty() { "none".into() } else { sources.join("+") };
    for (i, used) in used.iter().enumerate() {
        if !used {
            if let Some((en, vi)) = failures[i].take() {
                rev.ignored.push(Note::new("revocation-ignored", en, vi));
            }
        }
    }
    rev.certificates = statuses.iter().map(|(_, s)| s.clone()).collect();
    (rev, statuses)
}

/// The DSS's certificates, OCSP responses and CRLs (`/DSS` of the catalog).
pub fn dss(doc: &lopdf::Document) -> (Vec<Certificate>, Data) {
    let mut data = Data::default();
    let mut certs = Vec::new();
    let Some(d) = doc.catalog().ok().and_then(|c| c.get(b"DSS").ok()).and_then(|d| match d {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return (certs, data);
    };
    let streams = |key: &[u8]| -> Vec<Vec<u8>> {
        let arr = match d.get(key) {
            Ok(lopdf::Object::Reference(id)) => doc.get_object(*id).ok().and_then(|o| o.as_array().ok()),
            Ok(lopdf::Object::Array(a)) => Some(a),
            _ => None,
        };
        arr.into_iter()
            .flatten()
            .filter_map(|o| o.as_reference().ok())
            .filter_map(|id| doc.get_object(id).ok()?.as_stream().ok().map(|s| s.decompressed_content().unwrap_or_else(|_| s.content.clone())))
            .collect()
    };
    certs.extend(streams(b"Certs").iter().filter_map(|b| Certificate::from_der(b).ok()));
    data.ocsps.extend(streams(b"OCSPs").into_iter().map(|b| (Source::Dss, b)));
    data.crls.extend(streams(b"CRLs").into_iter().map(|b| (Source::Dss, b)));
    (certs, data)
}
