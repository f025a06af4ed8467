"""Judge the signatures of one or several PDFs with pyHanko in one process; one JSON line per
signature (or per file that pyHanko cannot read).

Usage: python3 pyhanko_judge.py ROOT.pem FILE.pdf...
"""
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

root = load_cert_from_pemder(sys.argv[1])
for name in sys.argv[2:]:
    try:
        with open(name, "rb") as f:
            reader = PdfFileReader(f, strict=False)
            for sig in reader.embedded_signatures:
                vc = ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")
                try:
                    st = validate_pdf_signature(sig, vc)
                    print(json.dumps({
                        "file": name,
                        "field": sig.field_name,
                        "intact": st.intact,
                        "valid": st.valid,
                        "trusted": st.trusted,
                        "coverage": st.coverage.name,
                        "modification_level": st.modification_level.name if st.modification_level is not None else None,
                        "docmdp_ok": st.docmdp_ok,
                        "md": st.md_algorithm,
                        "signer": st.signing_cert.subject.native.get("common_name"),
                        "timestamp": st.timestamp_validity.timestamp.isoformat() if st.timestamp_validity is not None else None,
                        "timestamp_valid": st.timestamp_validity.valid if st.timestamp_validity is not None else None,
                        "timestamp_intact": st.timestamp_validity.intact if st.timestamp_validity is not None else None,
                    }, ensure_ascii=False))
                except Exception as e:  # a signature pyHanko refuses to judge
                    print(json.dumps({"file": name, "field": sig.field_name, "error": str(e)}))
    except Exception as e:
        print(json.dumps({"file": name, "error": str(e)}))
