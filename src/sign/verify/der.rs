//! Reading DER and BER by hand where the typed decoders cannot: a CMS inside zero padding,
//! BER as Windows CryptoAPI and older Java tools write it, and the exact bytes that were
//! signed (signed attributes, a response's or list's TBS part).

use cms::content_info::ContentInfo;
use der::Decode;

/// A CMS as DER: its first TLV when that reads as a ContentInfo, else the BER read as DER.
pub fn to_der(contents: &[u8]) -> Option<Vec<u8>> {
    match first_tlv(contents) {
        Some(t) if ContentInfo::from_der(t).is_ok() => Some(t.to_vec()),
        _ => ber_to_der(contents).map(|(d, _)| d),
    }
}

/// The first TLV of `bytes` (the CMS inside zero padding), DER definite lengths only.
pub(crate) fn first_tlv(bytes: &[u8]) -> Option<&[u8]> {
    let (len, header) = tlv_len(bytes)?;
    bytes.get(..header + len)
}

/// (content length, header length) of the TLV at the start of `b`.
pub(crate) fn tlv_len(b: &[u8]) -> Option<(usize, usize)> {
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
pub(crate) fn ber_to_der(b: &[u8]) -> Option<(Vec<u8>, usize)> {
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
