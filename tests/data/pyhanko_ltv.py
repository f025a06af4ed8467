"""Sign an existing empty field with pyHanko and the revocation data given offline, as
long-term-validation tools do: for `vanban verify`.

Usage: python3 pyhanko_ltv.py IN.pdf OUT.pdf FIELD KEY.p12 PASSWORD ROOT.pem MODE TSA_URL CRL.der...
MODE: adbe (adbe.pkcs7.detached, the CRLs in the signed adbe-revocationInfoArchival
attribute) or lta (PAdES with a signature timestamp, the DSS and a document timestamp).
"""
import sys

from asn1crypto import crl as asn1_crl
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko_certvalidator import ValidationContext

src, dst, field, p12, password, root_pem, mode, tsa = sys.argv[1:9]
crls = [asn1_crl.CertificateList.load(open(p, "rb").read()) for p in sys.argv[9:]]
root = load_cert_from_pemder(root_pem)
vc = ValidationContext(trust_roots=[root], crls=crls, allow_fetching=False, revocation_mode="soft-fail")
signer = signers.SimpleSigner.load_pkcs12(p12, passphrase=password.encode())
lta = mode == "lta"
meta = signers.PdfSignatureMetadata(
    field_name=field,
    md_algorithm="sha256",
    subfilter=fields.SigSeedSubFilter.PADES if lta else fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
    embed_validation_info=True,
    validation_context=vc,
    use_pades_lta=lta,
)
timestamper = timestamps.HTTPTimeStamper(tsa) if lta else None
with open(src, "rb") as f:
    w = IncrementalPdfFileWriter(f)
    with open(dst, "wb") as out:
        signers.sign_pdf(w, meta, signer=signer, timestamper=timestamper, output=out, existing_fields_only=True)
