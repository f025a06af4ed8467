"""Validate every signature of a PDF with pyHanko; one JSON line per signature.

Usage: python3 pyhanko_validate.py FILE.pdf ROOT.pem
"""
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

root = load_cert_from_pemder(sys.argv[2])
with open(sys.argv[1], "rb") as f:
    reader = PdfFileReader(f)
    for sig in reader.embedded_signatures:
        vc = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
        st = validate_pdf_signature(sig, vc)
        print(json.dumps({
            "field": sig.field_name,
            "intact": st.intact,
            "valid": st.valid,
            "trusted": st.trusted,
            "coverage": st.coverage.name,
            "modification_level": st.modification_level.name if st.modification_level is not None else None,
            "md": st.md_algorithm,
            "signer": st.signing_cert.subject.native.get("common_name"),
            "timestamp": st.timestamp_validity.timestamp.isoformat() if st.timestamp_validity is not None else None,
            "timestamp_valid": st.timestamp_validity.valid if st.timestamp_validity is not None else None,
            "timestamp_intact": st.timestamp_validity.intact if st.timestamp_validity is not None else None,
        }, ensure_ascii=False))
