//! Signing in two phases, for keys vanban does not hold (remote signing services, a phone's
//! approval) and the one-step `sign` alike: [`prepare`] writes the update with a reserved
//! `/Contents` and returns the digest to sign; [`finish`] checks the signature that comes
//! back, builds the CMS (with a timestamp, when asked) and writes it in. The [`State`]
//! between them is plain serde, so a server can keep it while a person approves on a phone.

use super::*;
use base64::Engine as _;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

/// The `format` of a state this vanban writes and reads.
pub const STATE_FORMAT: &str = "vanban-sign-state/1";

/// What [`finish`] needs, written by [`prepare`] (STATE.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// `vanban-sign-state/1`.
    pub format: String,
    /// The signature field being signed.
    pub field: String,
    /// The signature the key must produce, from the certificate: `rsa-pkcs1v15-sha256`,
    /// `ecdsa-p256-sha256` or `ecdsa-p384-sha256`.
    pub algorithm: Algorithm,
    /// Base64 SHA-256 of `signed_attributes`: the value a remote service signs (and that
    /// `vanban sign prepare` prints).
    pub digest: String,
    /// Base64 DER of the CMS signed attributes, encoded as a SET OF (tag 0x31, RFC 5652 §5.4).
    pub signed_attributes: String,
    /// Base64 SHA-256 of the ByteRange: for services that take the document's hash and return
    /// a whole CMS.
    pub document_digest: String,
    /// The signature's ByteRange in the prepared file.
    pub byte_range: [usize; 4],
    /// Hex SHA-256 of the whole prepared file, to refuse one changed since.
    pub prepared_sha256: String,
    /// Base64 DER certificates: the signer's, then its issuers.
    pub certificates: Vec<String>,
    /// The signing time (`/M`).
    pub time: DateTime<FixedOffset>,
    /// The timestamp authority [`finish`] asks, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tsa: Option<String>,
}

impl State {
    /// The digest to sign, as bytes.
    pub fn digest_bytes(&self) -> Result<Vec<u8>> {
        unb64("digest", &self.digest)
    }
}

/// The prepared file, its state, and warnings about the input.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The whole file with the reserved `/Contents`.
    pub pdf: Vec<u8>,
    /// What finishing needs.
    pub state: State,
    /// Warnings (not errors) about the input.
    pub warnings: Vec<InputError>,
}

/// What comes back from the signer.
#[derive(Debug, Clone)]
pub enum Completion {
    /// The raw signature of [`State::digest`]: RSA PKCS#1 v1.5, or ECDSA as DER or r‖s.
    Signature(Vec<u8>),
    /// A whole CMS SignedData (DER) made elsewhere over the ByteRange.
    Cms(Vec<u8>),
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn bad_state(message: impl Into<String>) -> Error {
    refuse("--state", "bad-state", message, "give the STATE.json that vanban sign prepare wrote with this PDF")
}

fn unb64(what: &str, s: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s.trim()).map_err(|e| bad_state(format!("its {what} is not base64: {e}")))
}

/// The first phase: the incremental update with the field's appearance (and the issuance
/// fields), `/Contents` reserved, and the state that [`finish`] needs. `chain` is the signer's
/// certificate, then its issuers.
pub fn prepare(pdf: &[u8], request: &SignRequest, chain: &[Certificate], fonts: &FontSet) -> Result<Prepared> {
    let Some(leaf) = chain.first() else {
        return Err(refuse("--cert", "no-certificate", "no signer certificate was given", "give the signer's certificate (then its issuers) in PEM"));
    };
    let alg = Algorithm::of(leaf)?;
    if let Some(url) = &request.tsa {
        tsa::check_url(url)?;
    }
    let time = request.time.unwrap_or_else(now).with_timezone(&vietnam());
    let doc = load(pdf, "INPUT")?;
    let all = pdf::fields(&doc);
    let mut corner_page = None;
    let mut field = match &request.corner {
        Some(c) => {
            let (name, _) = c.first_line()?;
            if request.image.is_some() {
                return Err(refuse("--image", "corner-image", "a separately signed file shows text at the top right of page 1, no image (Phụ lục I)", "leave out --image"));
            }
            if let Some(f) = all.iter().find(|f| f.value.is_some()) {
                return Err(refuse("--corner", "already-signed", format!("the PDF is already signed (field \"{}\"): a new field would change what that signature covers", f.name), "sign the unsigned file with --corner first"));
            }
            match all.iter().find(|f| f.name == name) {
                Some(f) => f.clone(),
                None => {
                    let (page, rect) = corner_rect(&doc)?;
                    corner_page = Some(page);
                    pdf::SigField { name: name.to_string(), field: (0, 0), widget: (0, 0), page: Some(1), rect, value: None, text: None, description: String::new(), da: String::new() }
                }
            }
        }
        None => choose(&all, &request.field)?.clone(),
    };
    keys::check_usable(leaf, time)?;
    let mut warnings = Vec::new();
    if let (true, Some(img)) = (field.name.starts_with("agency"), &request.image) {
        let field_mm = (field.rect[2] - field.rect[0]) / MM;
        if let Some(w) = png_width_mm(img).filter(|w| (w - field_mm).abs() > field_mm * 0.1) {
            warnings.push(
                InputError::at("--image", format!("the seal image says it is {w:.0} mm wide (its PNG resolution); it is drawn at the field's {field_mm:.0} mm"))
                    .code("seal-size")
                    .hint("a seal of another size: set closing.seal_mm in the document's style and render again")
                    .warning(),
            );
        }
    }

    // The appearance, from the field's own size.
    let (w, h) = (field.rect[2] - field.rect[0], field.rect[3] - field.rect[1]);
    let name = cert::common_name(&leaf.tbs_certificate.subject);
    let (text_x0, text_x1) = text_span(&field, &all);
    let look = appearance::Look {
        width: w.max(1.0),
        height: h.max(1.0),
        text_x0,
        text_x1,
        lines: vec![format!("Ký bởi: {name}"), format!("Thời gian ký: {}", time.to_rfc3339())],
        size: text_size(h),
        font: fonts.family.clone(),
        image: request.image.is_some(),
        value: None,
        italic: false,
        align: "center",
    };
    // A separately signed file, or a vanban electronic copy's ô 14: the 10 pt lines at the
    // top right, upright, black, with this signature's time; no image.
    let copy_line = field.description.strip_prefix(crate::pdf::fields::COPY_FIELD).and_then(|r| r.strip_prefix(": ")).map(str::to_string);
    if copy_line.is_some() && request.image.is_some() {
        return Err(refuse("--image", "corner-image", "an electronic copy shows its signing information as text at the top right of page 1, no image (Phụ lục I)", "leave out --image"));
    }
    let first_line = match (&request.corner, copy_line) {
        (Some(c), _) => Some(c.first_line()?.1),
        (None, l) => l,
    };
    let look = match first_line {
        Some(first) => appearance::Look {
            lines: vec![first, time.to_rfc3339()],
            size: 10.0,
            text_x0: 0.0,
            text_x1: look.width,
            align: "right",
            ..look
        },
        None => look,
    };
    let issue = issuance(&doc, &field, request, leaf, time)?;
    let look_pdf = appearance::render(&look, request.image.as_deref(), fonts)?;

    // The update: signature dictionary, the widget's /V and /AP, SigFlags.
    let err = |e: lopdf::Error| Error::Internal(format!("preparing the signature: {e}"));
    let contents_len = cms::size_bound(chain, alg, request.tsa.is_some())?;
    let prev_len = pdf.len();
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), doc);
    if let Some(page) = corner_page {
        let id = add_corner_field(&mut inc, page, field.rect, &field.name).map_err(err)?;
        field.field = id;
        field.widget = id;
    }
    let ap = appearance::import(&look_pdf, &mut inc.new_document, look.width, look.height)?;
    let mark = pdf::RANGE_MARK;
    let sig = inc.new_document.add_object(dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => vec![0.into(), mark.into(), mark.into(), mark.into()],
        "Contents" => Object::String(vec![0; contents_len], StringFormat::Hexadecimal),
        "M" => Object::string_literal(pdf::pdf_date(&time)),
    });
    inc.opt_clone_object_to_new_document(field.widget).map_err(err)?;
    {
        let wd = inc.new_document.get_dictionary_mut(field.widget).map_err(err)?;
        wd.set("AP", dictionary! { "N" => ap });
        if field.widget == field.field {
            wd.set("V", sig);
        }
    }
    if field.widget != field.field {
        inc.opt_clone_object_to_new_document(field.field).map_err(err)?;
        inc.new_document.get_dictionary_mut(field.field).map_err(err)?.set("V", sig);
    }
    // The number and date given at issuance, in the same update as the agency's signature.
    for (f, value) in &issue {
        let (size, italic) = text_style(&f.da);
        let info = f.name == "signing_info";
        let width = (f.rect[2] - f.rect[0]).max(1.0);
        let look = appearance::Look {
            width,
            height: (f.rect[3] - f.rect[1]).max(1.0),
            // The signing information: lines, right-aligned at the top, upright, 10 pt.
            lines: if info { value.split('\n').map(str::to_string).collect() } else { Vec::new() },
            size,
            text_x0: 0.0,
            text_x1: width,
            font: fonts.family.clone(),
            image: false,
            value: (!info).then(|| value.clone()),
            italic,
            align: if f.name == "number" || info { "right" } else { "center" },
        };
        let ap = appearance::import(&appearance::render(&look, None, fonts)?, &mut inc.new_document, look.width, look.height)?;
        for id in [f.widget, f.field] {
            inc.opt_clone_object_to_new_document(id).map_err(err)?;
        }
        inc.new_document.get_dictionary_mut(f.widget).map_err(err)?.set("AP", dictionary! { "N" => ap });
        inc.new_document.get_dictionary_mut(f.field).map_err(err)?.set("V", lopdf::text_string(value));
    }
    set_sig_flags(&mut inc).map_err(err)?;
    let mut bytes = Vec::with_capacity(prev_len + contents_len * 2 + 64 * 1024);
    inc.save_to(&mut bytes).map_err(|e| Error::Internal(format!("writing the signature: {e}")))?;

    // ByteRange, digest, CMS.
    let places = pdf::find_placeholders(&bytes, prev_len, contents_len)?;
    let range = pdf::patch_byte_range(&mut bytes, &places)?;
    let mut hasher = crypto::Hasher::new(&cms::ID_SHA256).expect("sha256");
    hasher.update(&bytes[range[0]..range[0] + range[1]]);
    hasher.update(&bytes[range[2]..range[2] + range[3]]);
    let document_digest = hasher.finish();
    let attrs = cms::signed_attributes(leaf, &document_digest)?;
    let tbs = cms::to_be_signed(&attrs)?;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let state = State {
        format: STATE_FORMAT.into(),
        field: field.name.clone(),
        algorithm: alg,
        digest: b64(&Sha256::digest(&tbs)),
        signed_attributes: b64(&tbs),
        document_digest: b64(&document_digest),
        byte_range: range,
        prepared_sha256: hex(&Sha256::digest(&bytes)),
        certificates: chain.iter().map(|c| c.to_der().map(|d| b64(&d))).collect::<std::result::Result<_, _>>().map_err(|e| Error::Internal(format!("certificate: {e}")))?,
        time,
        tsa: request.tsa.clone(),
    };
    Ok(Prepared { pdf: bytes, state, warnings })
}

/// The second phase: check what the signer returned and write the CMS into the prepared
/// file. Nothing is returned unless the signature in the finished file verifies.
pub fn finish(prepared: &[u8], state: &State, completion: &Completion) -> Result<Vec<u8>> {
    if state.format != STATE_FORMAT {
        return Err(bad_state(format!("its format is \"{}\", not {STATE_FORMAT}", state.format)));
    }
    let chain = state
        .certificates
        .iter()
        .map(|c| unb64("certificates", c).and_then(|d| Certificate::from_der(&d).map_err(|e| bad_state(format!("a certificate cannot be read: {e}")))))
        .collect::<Result<Vec<_>>>()?;
    let Some(leaf) = chain.first() else { return Err(bad_state("it names no certificate")) };
    if Algorithm::of(leaf)? != state.algorithm {
        return Err(bad_state("its algorithm is not its certificate's"));
    }
    // The prepared file, exactly as prepare wrote it.
    let [a, b, c, d] = state.byte_range;
    let fits = a == 0 && b < c && c.checked_add(d) == Some(prepared.len()) && prepared.get(b) == Some(&b'<') && prepared.get(c - 1) == Some(&b'>');
    if !fits || hex(&Sha256::digest(prepared)) != state.prepared_sha256 {
        return Err(refuse(
            "PREPARED.pdf",
            "prepared-changed",
            "the PDF is not the file vanban sign prepare wrote for this state: it was changed since, or the state is another file's",
            "prepare the document again, and finish with the PDF and STATE.json prepare wrote together",
        ));
    }
    let doc = load(prepared, "PREPARED.pdf")?;
    if !pdf::fields(&doc).iter().any(|f| f.name == state.field) {
        return Err(bad_state(format!("the PDF has no field \"{}\"", state.field)));
    }
    let tbs = unb64("signed_attributes", &state.signed_attributes)?;
    let attrs = der::asn1::SetOfVec::<x509_cert::attr::Attribute>::from_der(&tbs).map_err(|e| bad_state(format!("its signed attributes cannot be read: {e}")))?;
    let document_digest = unb64("document_digest", &state.document_digest)?;
    let mut h = Sha256::new();
    h.update(&prepared[a..b]);
    h.update(&prepared[c..c + d]);
    if h.finalize().as_slice() != document_digest.as_slice() || Sha256::digest(&tbs).as_slice() != state.digest_bytes()?.as_slice() {
        return Err(bad_state("its digests are not those of the PDF"));
    }
    let cms = match completion {
        Completion::Signature(raw) => {
            let signature = state.algorithm.check(leaf, &Sha256::digest(&tbs), raw).map_err(|e| {
                refuse("--signature", "bad-signature", e, "sign exactly the digest prepare printed, with the key of the certificate given to prepare")
            })?;
            let timestamp = match &state.tsa {
                Some(url) => Some(tsa::timestamp(url, &signature)?),
                None => None,
            };
            cms::assemble(&chain, state.algorithm, attrs, signature, timestamp.as_deref())?
        }
        Completion::Cms(der) => external_cms(der, &document_digest, state)?,
    };
    let room = (c - b - 2) / 2;
    if cms.len() > room {
        return Err(refuse("--cms", "cms-too-large", format!("the CMS is {} bytes; prepare reserved {room}", cms.len()), "prepare again with the certificate chain the CMS carries"));
    }
    let mut bytes = prepared.to_vec();
    let places = pdf::Placeholders { byte_range: (0, 0), contents: (b, c) };
    pdf::patch_contents(&mut bytes, &places, &cms)?;

    // Our own check before anything is written: the new signature must verify.
    let report = verify::verify(&bytes, &[])?;
    match report.fields.iter().find(|f| f.field == state.field) {
        Some(f) if f.intact == Some(true) => Ok(bytes),
        Some(f) if matches!(completion, Completion::Cms(_)) => Err(refuse("--cms", "bad-cms", format!("the CMS does not sign this PDF: {}", f.reasons.iter().map(|n| n.message.as_str()).collect::<Vec<_>>().join("; ")), "give the CMS the service returned for this document's digest")),
        _ => Err(Error::Internal(format!("the signature just made in {} does not verify", state.field))),
    }
}

/// A CMS made elsewhere: it must be a SignedData whose message digest is this ByteRange's;
/// a timestamp is added when the state asks for one and the CMS has none.
fn external_cms(der_in: &[u8], document_digest: &[u8], state: &State) -> Result<Vec<u8>> {
    use ::cms::content_info::ContentInfo;
    use ::cms::signed_data::SignedData;
    let bad = |m: String| refuse("--cms", "bad-cms", m, "give the DER CMS SignedData the service returned for this document's digest");
    let der_in = verify::to_der(der_in).ok_or_else(|| bad("not a DER or BER CMS".into()))?;
    let ci = ContentInfo::from_der(&der_in).map_err(|e| bad(format!("not a CMS ContentInfo: {e}")))?;
    if ci.content_type != cms::ID_SIGNED_DATA {
        return Err(bad("the CMS is not a SignedData".into()));
    }
    let mut sd = ci.content.decode_as::<SignedData>().map_err(|e| bad(format!("the SignedData cannot be read: {e}")))?;
    if sd.signer_infos.0.len() != 1 {
        return Err(bad(format!("the CMS has {} SignerInfos; a PDF signature has one", sd.signer_infos.0.len())));
    }
    let info = sd.signer_infos.0.get(0).cloned().ok_or_else(|| bad("no SignerInfo".into()))?;
    let md = info
        .signed_attrs
        .as_ref()
        .and_then(|a| a.iter().find(|a| a.oid == cms::ID_MESSAGE_DIGEST).and_then(|a| a.values.iter().next()).and_then(|v| v.decode_as::<der::asn1::OctetString>().ok()));
    if md.as_ref().map(|m| m.as_bytes()) != Some(document_digest) {
        return Err(bad("its message digest is not this PDF's ByteRange digest".into()));
    }
    let has_ts = info.unsigned_attrs.as_ref().is_some_and(|u| u.iter().any(|a| a.oid == cms::ID_SIGNATURE_TIME_STAMP_TOKEN));
    let Some(url) = state.tsa.as_ref().filter(|_| !has_ts) else { return Ok(der_in) };
    let token = tsa::timestamp(url, info.signature.as_bytes())?;
    let mut info = info;
    let attr = x509_cert::attr::Attribute {
        oid: cms::ID_SIGNATURE_TIME_STAMP_TOKEN,
        values: der::asn1::SetOfVec::try_from(vec![der::asn1::Any::from_der(&token).map_err(|e| bad(e.to_string()))?]).map_err(|e| bad(e.to_string()))?,
    };
    let mut unsigned: Vec<_> = info.unsigned_attrs.take().map(|u| u.into_vec()).unwrap_or_default();
    unsigned.push(attr);
    info.unsigned_attrs = Some(der::asn1::SetOfVec::try_from(unsigned).map_err(|e| bad(e.to_string()))?);
    sd.signer_infos = ::cms::signed_data::SignerInfos(der::asn1::SetOfVec::try_from(vec![info]).map_err(|e| bad(e.to_string()))?);
    let content = der::asn1::Any::encode_from(&sd).map_err(|e| bad(e.to_string()))?;
    ContentInfo { content_type: cms::ID_SIGNED_DATA, content }.to_der().map_err(|e| bad(e.to_string()))
}
