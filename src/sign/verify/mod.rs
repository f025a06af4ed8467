//! `vanban verify`: whether each signature of a PDF was made by whom it says over the bytes it
//! says, and whether what a reader sees is what was signed. Works on any PDF, not only
//! vanban's. The file is read as bytes (its revisions), as objects (lopdf), and each
//! signature is judged in steps, one file each: where it is (`find`), its ByteRange
//! (`range`), its CMS (`cms`), what later revisions did (`diff`), its times (`times`), its
//! revocation data (`revocation`) and its chain (`trust`).

pub mod cms;
pub mod der;
pub mod diff;
pub mod file;
pub mod find;
pub mod range;
pub mod report;
pub mod revocation;
pub mod times;
pub mod trust;

pub use der::to_der;
pub use report::{FieldReport, Lang, Note, Report, Verdict};

use crate::error::Result;
use lopdf::{Document, Object, ObjectId};
use std::collections::HashSet;
use x509_cert::Certificate;

/// Reason codes by the verdict they lead to.
fn verdict_of(code: &str) -> Verdict {
    match code {
        "modified-page" | "overlay" | "open-action" | "modified-object" | "trailing-data" => Verdict::Modified,
        "chain" => Verdict::Untrusted,
        _ => Verdict::Invalid,
    }
}

/// The certification signature's dictionary and its DocMDP permission (1, 2 or 3).
fn docmdp(doc: &Document) -> Option<(ObjectId, u8)> {
    let perms = doc.catalog().ok()?.get(b"Perms").ok()?;
    let perms = match perms {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let id = perms.get(b"DocMDP").ok()?.as_reference().ok()?;
    let sig = doc.get_dictionary(id).ok()?;
    let refs = sig.get(b"Reference").ok().and_then(|r| r.as_array().ok());
    let p = refs
        .into_iter()
        .flatten()
        .filter_map(|r| match r {
            Object::Reference(i) => doc.get_dictionary(*i).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .filter(|r| r.get(b"TransformMethod").ok().and_then(|m| m.as_name().ok()) == Some(b"DocMDP"))
        .find_map(|r| {
            let tp = match r.get(b"TransformParams").ok()? {
                Object::Reference(i) => doc.get_dictionary(*i).ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            tp.get(b"P").ok().and_then(|p| p.as_i64().ok())
        })
        .unwrap_or(2);
    Some((id, p.clamp(1, 3) as u8))
}

fn name_of(d: &lopdf::Dictionary, key: &[u8]) -> Option<String> {
    d.get(key).ok().and_then(|o| o.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned())
}

/// What one signature's check gives the later passes.
struct Judged {
    end: usize,
    timestamped: bool,
    /// Certificates that need revocation data for B-LT, and whether each has it in the DSS.
    lt: bool,
}

/// Verify every signature of `bytes`; `trust` are the anchors (none: chains are not judged).
/// A file that is not a readable PDF is an error (exit 2); anything else is a report.
pub fn verify(bytes: &[u8], trust: &[Certificate]) -> Result<Report> {
    let revisions = file::revisions(bytes)?;
    let doc = super::load_readable(bytes, "INPUT")?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    match doc.xref_recovery {
        Some(lopdf::xref::XrefRecovery::Reconstructed) => problems.push(Note::new(
            "xref-repaired",
            "the cross-reference data could not be read and had to be rebuilt: what a reader shows need not be what was signed",
            "bảng tham chiếu chéo không đọc được và phải dựng lại: nội dung hiển thị có thể khác nội dung đã ký",
        )),
        Some(_) => {
            warnings.push(Note::new("xref-corrected", "a cross-reference offset was off and was corrected while reading", "một vị trí trong bảng tham chiếu chéo bị lệch và đã được chỉnh khi đọc"))
        }
        None => {}
    }
    if let Some(t) = revisions.trailing {
        problems.push(Note::new("trailing-data", format!("{} bytes follow the file's last %%EOF", bytes.len() - t), format!("có {} byte nằm sau %%EOF cuối cùng của tệp", bytes.len() - t)));
    }
    // Each revision read once: for the objects its tables list, and as a signed revision.
    let versions: Vec<std::result::Result<Document, String>> = revisions.ends.iter().map(|&e| Document::load_mem(&bytes[..e]).map_err(|e| e.to_string())).collect();
    let listed = listed_offsets(bytes, &revisions, &versions);
    let found = find::signatures(&doc);
    let (dss_certs, dss_data) = revocation::dss(&doc);
    let mdp = docmdp(&doc);
    let last_end = revisions.ends.last().copied().unwrap_or(bytes.len());
    let mut fields = Vec::new();
    let mut judged: Vec<Option<Judged>> = Vec::new();
    for f in found {
        let mut r = FieldReport { field: f.name.clone(), found: f.how, page: f.page, signed: f.value.is_some(), ..Default::default() };
        let j = match (&f.value, f.holder) {
            (Some(v), Some(holder)) => {
                let file = File { bytes, doc: &doc, revisions: &revisions, versions: &versions, listed: &listed, last_end, problems: &problems };
                Some(check(&file, v, holder, mdp, trust, &dss_certs, &dss_data, &mut r))
            }
            _ => None,
        };
        fields.push(r);
        judged.push(j);
    }
    // B-LTA: a verified document timestamp after the signature.
    let stamps: Vec<usize> =
        fields.iter().zip(&judged).filter(|(f, _)| f.kind == Some("document-timestamp") && f.verdict == Some(Verdict::Valid)).filter_map(|(_, j)| j.as_ref().map(|j| j.end)).collect();
    for (f, j) in fields.iter_mut().zip(&judged) {
        let Some(j) = j else { continue };
        if f.kind == Some("document-timestamp") || f.intact != Some(true) {
            continue;
        }
        f.level = Some(match (j.timestamped, j.lt, stamps.iter().any(|&e| e > j.end)) {
            (true, true, true) => "B-LTA",
            (true, true, false) => "B-LT",
            (true, false, _) => "B-T",
            _ => "B-B",
        });
    }
    let signatures = fields.iter().filter(|f| f.signed).count();
    let verdict = fields.iter().filter_map(|f| f.verdict).min().unwrap_or(Verdict::Unsigned);
    Ok(Report { verdict, trust_checked: !trust.is_empty(), size: bytes.len(), revisions: revisions.ends.len(), signatures, fields, problems, warnings })
}

/// The file as the checks of each signature see it.
struct File<'a> {
    bytes: &'a [u8],
    doc: &'a Document,
    revisions: &'a file::Revisions,
    /// Each revision as read on its own (the file up to its end).
    versions: &'a [std::result::Result<Document, String>],
    /// Offsets of every object some revision's cross-reference data lists.
    listed: &'a HashSet<usize>,
    last_end: usize,
    /// What is wrong with the file as a whole.
    problems: &'a [Note],
}

/// Every offset a cross-reference section of some revision lists, and the revisions' own
/// cross-reference streams.
fn listed_offsets(bytes: &[u8], revisions: &file::Revisions, versions: &[std::result::Result<Document, String>]) -> HashSet<usize> {
    let mut set: HashSet<usize> = revisions.startxrefs.iter().map(|&x| file::header_start(bytes, x)).collect();
    // A hybrid file's cross-reference streams (/XRefStm N in a trailer).
    let mut at = 0;
    while let Some(p) = bytes[at..].windows(8).position(|w| w == b"/XRefStm") {
        at += p + 8;
        let digits: String = bytes[at..].iter().map(|&c| c as char).skip_while(|c| c.is_whitespace()).take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<usize>() {
            set.insert(file::header_start(bytes, n));
        }
    }
    for d in versions.iter().flatten() {
        for entry in d.reference_table.entries.values() {
            if let lopdf::xref::XrefEntry::Normal { offset, .. } = entry {
                set.insert(file::header_start(bytes, *offset as usize));
            }
        }
    }
    set
}

#[allow(clippy::too_many_arguments)]
fn check(f: &File, v: &lopdf::Dictionary, holder: ObjectId, mdp: Option<(ObjectId, u8)>, trust: &[Certificate], dss_certs: &[Certificate], dss_data: &revocation::Data, r: &mut FieldReport) -> Judged {
    let (bytes, doc, revisions, last_end) = (f.bytes, f.doc, f.revisions, f.last_end);
    let doc_stamp = name_of(v, b"Type").as_deref() == Some("DocTimeStamp") || name_of(v, b"SubFilter").as_deref() == Some("ETSI.RFC3161");
    r.kind = Some(if doc_stamp {
        "document-timestamp"
    } else if mdp.is_some_and(|(id, _)| id == holder) {
        "certification"
    } else {
        "approval"
    });
    r.docmdp = mdp.filter(|(id, _)| *id == holder).map(|(_, p)| p);
    r.sub_filter = name_of(v, b"SubFilter");
    r.intact = Some(false);
    let claimed = v.get(b"M").ok().and_then(|m| m.as_str().ok()).and_then(|m| times::pdf_date(&String::from_utf8_lossy(m)));
    for p in f.problems {
        r.reason(p.clone());
    }
    let mut out = Judged { end: bytes.len(), timestamped: false, lt: false };
    if v.is_empty() {
        r.reason(Note::new(
            "contents",
            format!("the field's signature value (object {} {}) cannot be read as a signature dictionary", holder.0, holder.1),
            format!("giá trị chữ ký của trường (đối tượng {} {}) không đọc được như một từ điển chữ ký", holder.0, holder.1),
        ));
        times::judge(r, None, None, None);
        return finish(r);
    }
    let Some((range, contents)) = range::check(bytes, v, revisions, r) else {
        // A ByteRange that reaches past the end: the file was saved again since signing.
        let nums: Vec<i64> = v.get(b"ByteRange").ok().and_then(|b| b.as_array().ok()).map(|a| a.iter().filter_map(|o| o.as_i64().ok()).collect()).unwrap_or_default();
        if nums.len() == 4 && nums.iter().all(|&n| n >= 0) && (nums[2] + nums[3]) as usize > bytes.len() {
            rewritten(r);
        }
        times::judge(r, claimed, None, None);
        return finish(r);
    };
    out.end = range.end;
    let signed = [&bytes[range.parts[0].0..range.parts[0].0 + range.parts[0].1], &bytes[range.parts[1].0..range.parts[1].0 + range.parts[1].1]];
    r.whole_file = Some(revisions.index_of(range.end) >= revisions.ends.len() && range.end + 2 >= last_end);

    // The cryptography.
    let mut certs: Vec<Certificate> = Vec::new();
    let mut leaf = None;
    let mut tsa_certs: Vec<Certificate> = Vec::new();
    let mut cms_time = None;
    let mut stamp_time = None;
    let mut archival = revocation::Data::default();
    if doc_stamp {
        match cms::read(&contents, r) {
            Some(der) => {
                let ts = crate::sign::tsa::check_token(&der, &[signed[0], signed[1]].concat());
                tsa_certs = crate::sign::tsa::token_certificates(&der);
                r.signer = ts.tsa.clone();
                if ts.intact && ts.imprint_matches {
                    r.intact = Some(true);
                    stamp_time = ts.time.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
                } else if !ts.imprint_matches {
                    r.reason(Note::new("digest", "the document timestamp's imprint is not the digest of the signed bytes", "dấu thời gian của tài liệu không khớp với nội dung đã đóng dấu"));
                } else {
                    r.reason(Note::new(
                        "timestamp",
                        format!("the document timestamp does not verify: {}", ts.problems.join("; ")),
                        format!("dấu thời gian của tài liệu không hợp lệ: {}", ts.problems.join("; ")),
                    ));
                }
                r.timestamp = Some(ts);
            }
            None => {}
        }
    } else if let Some(der) = cms::read(&contents, r) {
        let sub_filter = r.sub_filter.clone();
        if let Some(c) = cms::check(&der, signed, sub_filter.as_deref(), r) {
            cms_time = c.signing_time;
            if let Some(token) = &c.token {
                let (ts, tcerts) = cms::timestamp(token, &c.signature);
                if ts.intact && ts.imprint_matches {
                    stamp_time = ts.time.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
                    out.timestamped = true;
                } else {
                    r.reason(Note::new(
                        "timestamp",
                        format!("the signature timestamp does not verify: {}", ts.problems.join("; ")),
                        format!("dấu thời gian của chữ ký không hợp lệ: {}", ts.problems.join("; ")),
                    ));
                }
                tsa_certs = tcerts;
                r.timestamp = Some(ts);
            }
            archival.crls = c.archival.0.into_iter().map(|d| (revocation::Source::Cms, d)).collect();
            archival.ocsps = c.archival.1.into_iter().map(|d| (revocation::Source::Cms, d)).collect();
            certs = c.certs;
            leaf = c.leaf;
        }
    }
    let time = times::judge(r, claimed, cms_time, stamp_time);

    // The signed revision, and what came after it.
    let digest_failed = r.reasons.iter().any(|n| n.code == "digest");
    if !range.ends_revision || digest_failed {
        r.later_changes = Some("rewritten");
        if !range.ends_revision {
            rewritten(r);
        }
    } else {
        let version: std::result::Result<&Document, String> = match revisions.which(bytes, range.end).and_then(|i| f.versions.get(i)) {
            Some(Ok(d)) => Ok(d),
            Some(Err(e)) => Err(e.clone()),
            None => Err("it ends no revision".into()),
        };
        match version {
            Ok(before) => {
                if before.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed) {
                    r.reason(Note::new("xref-repaired", "the signed revision's cross-reference data had to be rebuilt", "bảng tham chiếu chéo của phần đã ký phải dựng lại"));
                }
                range::check_holder(bytes, before, holder, &range, r);
                if !before.objects.get(&holder).zip(doc.objects.get(&holder)).is_some_and(|(a, b)| diff::same(a, b)) {
                    r.reason(Note::new(
                        "revision",
                        format!("the signature dictionary (object {} {}) was redefined after signing", holder.0, holder.1),
                        format!("từ điển chữ ký (đối tượng {} {}) bị định nghĩa lại sau khi ký", holder.0, holder.1),
                    ));
                }
                later(before, doc, mdp, r);
                let hidden = file::unlisted(bytes, range.end, f.listed);
                if !hidden.is_empty() {
                    let list = hidden.iter().take(8).map(|((n, g), at)| format!("{n} {g} at byte {at}")).collect::<Vec<_>>().join(", ");
                    r.reason(
                        Note::new(
                            "modified-object",
                            format!("objects were added after signing that no cross-reference section lists ({list}); a reader that scans the file would show them"),
                            format!("có đối tượng được thêm sau khi ký mà không bảng tham chiếu chéo nào liệt kê ({list}); phần mềm đọc quét tệp sẽ hiển thị chúng"),
                        )
                        .objects(hidden.iter().map(|(id, _)| *id)),
                    );
                    if r.later_changes == Some("none") {
                        r.later_changes = Some("other");
                    }
                }
            }
            Err(e) => r.reason(Note::new("revision", format!("the signed revision cannot be read: {e}"), format!("không đọc được phần đã ký: {e}"))),
        }
    }
    if revisions.trailing.is_some() && matches!(r.later_changes, Some("none") | None) {
        r.later_changes = Some("trailing-data");
    }

    // The certificate: valid at the validity time, its chain, its revocation.
    let signer_cert = leaf.clone().or_else(|| if doc_stamp { tsa_leaf(&tsa_certs, r) } else { None });
    if let Some(l) = &signer_cert {
        let t = time.map(|t| t.timestamp());
        if let Some(t) = t {
            let v = &l.tbs_certificate.validity;
            let ok = t >= times::unix(&v.not_before) && t <= times::unix(&v.not_after);
            r.certificate_valid = Some(ok);
            if !ok {
                r.reason(Note::new(
                    "expired",
                    format!(
                        "the certificate was not valid at {} (valid {} to {})",
                        r.validity_time.clone().unwrap_or_default(),
                        times::show_unix(times::unix(&v.not_before)).unwrap_or_default(),
                        times::show_unix(times::unix(&v.not_after)).unwrap_or_default()
                    ),
                    format!(
                        "chứng thư số không còn hiệu lực tại {} (hiệu lực từ {} đến {})",
                        r.validity_time.clone().unwrap_or_default(),
                        times::show_unix(times::unix(&v.not_before)).unwrap_or_default(),
                        times::show_unix(times::unix(&v.not_after)).unwrap_or_default()
                    ),
                ));
            }
        }
        let mut pool: Vec<Certificate> = certs.clone();
        pool.extend(dss_certs.iter().cloned());
        pool.extend(tsa_certs.iter().cloned());
        pool.extend(trust.iter().cloned());
        let (chain, anchored) = trust::chain(l, &pool, trust);
        r.chain = chain.iter().map(|c| crate::sign::cert::common_name(&c.tbs_certificate.subject)).collect();
        if !trust.is_empty() {
            r.trusted = Some(anchored);
            if !anchored {
                let last = r.chain.last().cloned().unwrap_or_default();
                r.reason(Note::new(
                    "chain",
                    format!("the certificate chain stops at \"{last}\" and reaches no trusted certificate"),
                    format!("chuỗi chứng thư dừng ở \"{last}\" và không tới chứng thư gốc tin cậy nào"),
                ));
            }
        }
        let tsa_chain = tsa_leaf(&tsa_certs, &mut FieldReport::default()).filter(|_| !doc_stamp).map(|t| trust::chain(&t, &pool, trust).0).unwrap_or_default();
        let mut data = dss_data.clone();
        data.ocsps.extend(archival.ocsps);
        data.crls.extend(archival.crls);
        let at = time.map_or(0, |t| t.timestamp());
        let (rev, statuses) = revocation::judge(&[&chain, &tsa_chain], &pool, &data, at);
        let anchored_certs = |c: &Certificate| trust.contains(c);
        out.lt = !statuses.is_empty() && statuses.iter().filter(|(c, _)| !anchored_certs(c)).all(|(_, s)| s.source == Some("dss") && s.status != "none");
        for (c, s) in &statuses {
            if s.status != "revoked" || !chain.contains(c) {
                continue;
            }
            let revoked = s.revoked_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.timestamp());
            let before_time = revoked.is_some_and(|rt| rt <= at);
            let when = s.revoked_at.clone().unwrap_or_default();
            if before_time {
                r.reason(Note::new(
                    "revoked",
                    format!("\"{}\" was revoked on {when}, before the validity time", s.subject),
                    format!("\"{}\" đã bị thu hồi lúc {when}, trước thời điểm xác thực", s.subject),
                ));
            } else if r.validity_time_source != Some("timestamp") {
                r.reason(Note::new(
                    "revoked",
                    format!("\"{}\" was revoked on {when}, and no timestamp proves the signature existed before", s.subject),
                    format!("\"{}\" đã bị thu hồi lúc {when}, và không có dấu thời gian chứng minh chữ ký có trước đó", s.subject),
                ));
            } else {
                r.warnings.push(Note::new(
                    "revoked-later",
                    format!("\"{}\" was revoked on {when}, after the timestamp: the signature stands", s.subject),
                    format!("\"{}\" bị thu hồi lúc {when}, sau dấu thời gian: chữ ký vẫn có giá trị", s.subject),
                ));
            }
        }
        r.revocation = Some(rev);
    }
    finish(r);
    out
}

/// The signed revision is not a prefix of the file: it was saved again in one piece.
fn rewritten(r: &mut FieldReport) {
    r.later_changes = Some("rewritten");
    r.reason(Note::new(
        "rewritten",
        "the file was saved again since signing: the signed bytes are no longer a revision of it",
        "tệp đã được lưu lại từ sau khi ký: phần đã ký không còn là một lần lưu của tệp",
    ));
}

/// The TSA's certificate among a token's, for a document timestamp's report.
fn tsa_leaf(certs: &[Certificate], _r: &mut FieldReport) -> Option<Certificate> {
    let eku = ::der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
    certs.iter().find(|c| c.tbs_certificate.get::<x509_cert::ext::pkix::ExtendedKeyUsage>().ok().flatten().is_some_and(|(_, e)| e.0.contains(&eku))).or_else(|| certs.first()).cloned()
}

/// Later revisions against the signed one: `later_changes`, `changes`, and the reasons for
/// what the permissions do not allow.
fn later(before: &Document, after: &Document, mdp: Option<(ObjectId, u8)>, r: &mut FieldReport) {
    let changes = diff::compare(before, after);
    let level = changes.iter().map(|c| c.level).max().unwrap_or(diff::Level::None);
    r.later_changes = Some(level.name());
    // Without a certification signature, as DocMDP /P 2.
    let allowed = match mdp.map_or(2, |(_, p)| p) {
        1 => diff::Level::Dss,
        3 => diff::Level::Annotations,
        _ => diff::Level::FormFilling,
    };
    for c in changes {
        if c.level > allowed {
            let mut n = c.note.clone();
            if verdict_of(n.code) != Verdict::Modified {
                n.code = "modified-object";
            }
            r.reason(n);
        }
        r.changes.push(c.note);
    }
}

/// The verdict from the reasons.
fn finish(r: &mut FieldReport) -> Judged {
    r.verdict = Some(r.reasons.iter().map(|n| verdict_of(n.code)).min().unwrap_or(Verdict::Valid));
    Judged { end: 0, timestamped: false, lt: false }
}
