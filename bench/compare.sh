#!/usr/bin/env bash
# Side by side on one machine, in one run:
#   1. `vanban render` of the seed report as a fresh process (PDF/A with fields + DOCX),
#   2. LibreOffice converting that DOCX to PDF (what offices do today),
#   3. `vanban batch -j 2` over 1,000 and 10,000 generated documents (PDF + DOCX),
# printing medians, ratios, documents per second and peak memory (/usr/bin/time -v).
# Usage: bench/compare.sh [RUNS] [BATCH_SIZES]     e.g. bench/compare.sh 20 "1000 10000"
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
SIZES=${2-"1000 10000"}   # "" skips the batches
BIN=target/release/vanban
[ -x "$BIN" ] || cargo build --release
command -v soffice >/dev/null || { echo "soffice (libreoffice-writer) is needed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (package time) is needed" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SEED=fixtures/bao-cao-612.json

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Bash's own clock ($EPOCHREALTIME, read without starting a process, so no timer process is
# counted in the figures); the difference is taken afterwards.
elapsed_ms() { echo "(${2/,/.} - ${1/,/.}) * 1000" | bc -l; }
peak_kb() { grep "Maximum resident" "$1" | awk '{print $NF}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "vanban: $($BIN --version); LibreOffice: $(soffice --version 2>/dev/null | head -1)"

# 1. vanban, fresh process each run.
: > "$WORK/vb.txt"
for i in $(seq "$RUNS"); do
  t0=$EPOCHREALTIME; "$BIN" render "$SEED" --out-dir "$WORK" >/dev/null; t1=$EPOCHREALTIME
  elapsed_ms "$t0" "$t1" >> "$WORK/vb.txt"
done
VB=$(median < "$WORK/vb.txt")
/usr/bin/time -v "$BIN" render "$SEED" --out-dir "$WORK" 2> "$WORK/vb.time" >/dev/null
VB_KB=$(peak_kb "$WORK/vb.time")

# 2. LibreOffice, fresh process each run, its profile kept (its best case).
PROFILE="file://$WORK/lo-profile"
soffice -env:UserInstallation="$PROFILE" --headless --norestore --convert-to pdf --outdir "$WORK/lo" "$WORK/bao-cao-612.docx" >/dev/null 2>&1
LO_RUNS=$(( RUNS < 7 ? RUNS : 7 ))
: > "$WORK/lo.txt"
for i in $(seq "$LO_RUNS"); do
  t0=$EPOCHREALTIME; soffice -env:UserInstallation="$PROFILE" --headless --norestore --convert-to pdf --outdir "$WORK/lo" "$WORK/bao-cao-612.docx" >/dev/null 2>&1; t1=$EPOCHREALTIME
  elapsed_ms "$t0" "$t1" >> "$WORK/lo.txt"
done
LO=$(median < "$WORK/lo.txt")
/usr/bin/time -v soffice -env:UserInstallation="$PROFILE" --headless --norestore --convert-to pdf --outdir "$WORK/lo" "$WORK/bao-cao-612.docx" 2> "$WORK/lo.time" >/dev/null
LO_KB=$(peak_kb "$WORK/lo.time")

printf "render, fresh process (PDF/A + fields + DOCX): median %.1f ms over %d runs, peak %d MB\n" "$VB" "$RUNS" $((VB_KB / 1024))
printf "LibreOffice DOCX -> PDF, fresh process:        median %.1f ms over %d runs, peak %d MB\n" "$LO" "$LO_RUNS" $((LO_KB / 1024))
printf "ratio LibreOffice / vanban: %.1fx (target >= 50x)\n" "$(echo "$LO / $VB" | bc -l)"

# 3. Batches of generated documents: the seed with other numbers, dates and issuers.
for N in $SIZES; do
  python3 - "$SEED" "$N" > "$WORK/docs-$N.ndjson" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
for i in range(int(sys.argv[2])):
    d = dict(base)
    d["number"] = i + 1
    d["issuer"] = dict(base["issuer"], name=f"Ủy ban nhân dân xã Số {i % 997}")
    d["date"] = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
    print(json.dumps(d, ensure_ascii=False))
PY
  rm -rf "$WORK/out-$N"; mkdir "$WORK/out-$N"
  /usr/bin/time -v "$BIN" batch --ndjson "$WORK/docs-$N.ndjson" --out-dir "$WORK/out-$N" -j 2 2> "$WORK/batch-$N.err" >/dev/null || true
  SUMMARY=$(grep "^batch:" "$WORK/batch-$N.err" || echo "batch: failed")
  KB=$(peak_kb "$WORK/batch-$N.err")
  echo "batch -j 2, $N documents (PDF + DOCX): ${SUMMARY#batch: }, peak $((KB / 1024)) MB (targets: >= 300 documents per second; <= 150 MB over 10,000)"
  rm -rf "$WORK/out-$N"
done
