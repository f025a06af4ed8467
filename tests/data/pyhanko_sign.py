"""Sign an existing empty field with pyHanko, as other tools would: for `vanban verify`.

Usage: python3 pyhanko_sign.py IN.pdf OUT.pdf FIELD KEY.p12 PASSWORD MD SUBFILTER [encrypted]
(MD: sha256, sha1, …; SUBFILTER: pades or pkcs7; "encrypted": IN.pdf has an owner password
only, opened with the empty user password)
"""
import sys

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

src, dst, field, p12, password, md, subfilter = sys.argv[1:8]
encrypted = len(sys.argv) > 8 and sys.argv[8] == "encrypted"
signer = signers.SimpleSigner.load_pkcs12(p12, passphrase=password.encode())
meta = signers.PdfSignatureMetadata(
    field_name=field,
    md_algorithm=md,
    subfilter=fields.SigSeedSubFilter.PADES if subfilter == "pades" else fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
)
with open(src, "rb") as f:
    w = IncrementalPdfFileWriter(f)
    if encrypted:
        w.encrypt("")
    with open(dst, "wb") as out:
        signers.sign_pdf(w, meta, signer=signer, output=out, existing_fields_only=True)
