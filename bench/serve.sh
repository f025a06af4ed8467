#!/usr/bin/env bash
# The service under load, on loopback only, with oha (`cargo install oha`):
#   1. `vanban batch --to pdf` over varied reports on the server's cores: the reference rate;
#   2. `vanban serve` on the same cores, /v1/render?format=pdf at saturation: requests per
#      second, and their ratio to batch (goal >= 90 %);
#   3. p50 and p99 latency at half of that rate (open loop, latency corrected);
#   4. twice that rate: the statuses and errors seen (goal: only 200 and 503, no time-out);
#   5. resident memory of a fresh server after 1,000 and after MEM_REQUESTS requests
#      (goal: within 20 %).
# The server and batch get cores 0..n-2 (`taskset`), the load tool the last core.
# Usage: bench/serve.sh [SECONDS] [MEM_REQUESTS]      e.g. bench/serve.sh 30 100000
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-30}
MEM_REQUESTS=${2:-100000}
BIN=target/release/vanban
[ -x "$BIN" ] || cargo build --release
command -v oha >/dev/null || { echo "oha is needed: cargo install oha --locked" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed" >&2; exit 1; }
CORES=$(nproc)
[ "$CORES" -ge 2 ] || { echo "at least 2 cores are needed (one for the load tool)" >&2; exit 1; }
SERVER_CPUS="0-$((CORES - 2))"
LOAD_CPU=$((CORES - 1))
WORKERS=$((CORES - 1))
PORT=${PORT:-18480}
URL="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "vanban: $($BIN --version); $(oha --version)"
echo "server and batch on cpu $SERVER_CPUS ($WORKERS workers), oha on cpu $LOAD_CPU"

# 600 varied reports: the seed with other numbers, dates and issuers, as in compare.sh.
python3 - fixtures/bao-cao-612.json 600 > "$WORK/docs.ndjson" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
for i in range(int(sys.argv[2])):
    d = dict(base)
    d["number"] = i + 1
    d["issuer"] = dict(base["issuer"], name=f"Ủy ban nhân dân xã Số {i % 997}")
    d["date"] = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
    print(json.dumps(d, ensure_ascii=False))
PY

# 1. batch on the server's cores (twice over the 600, so the first documents' warm-up weighs little).
cat "$WORK/docs.ndjson" "$WORK/docs.ndjson" > "$WORK/docs2.ndjson"
mkdir "$WORK/out"
taskset -c "$SERVER_CPUS" "$BIN" batch --ndjson "$WORK/docs2.ndjson" --to pdf -j "$WORKERS" \
  --out-dir "$WORK/out" 2> "$WORK/batch.err" >/dev/null
BATCH=$(grep "^batch:" "$WORK/batch.err")
# "batch: N done, F failed, S s, R documents per second": the rate from N and S, unrounded.
BATCH_RATE=$(echo "$BATCH" | awk '{gsub(",", ""); print $2 / $6}')
echo "batch --to pdf -j $WORKERS, 1,200 documents: ${BATCH#batch: }"
rm -rf "$WORK/out"

start_server() {
  taskset -c "$SERVER_CPUS" "$BIN" serve --listen "127.0.0.1:$PORT" --workers "$WORKERS" \
    2> "$WORK/serve.log" &
  SERVER=$!
  for _ in $(seq 100); do
    curl -sf "$URL/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not become ready" >&2; cat "$WORK/serve.log" >&2; exit 1
}
stop_server() { kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=""; }
# oha on its own core, varied bodies line by line, JSON summary to a file.
load() {
  local out=$1; shift
  taskset -c "$LOAD_CPU" oha --no-tui --output-format json -o "$out" -m POST \
    -T application/json -Z "$WORK/docs.ndjson" -t 10s "$@" "$URL/v1/render?format=pdf"
}
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
statuses() {
  field "$1" '" ".join(f"{k}={v}" for k, v in sorted(d["statusCodeDistribution"].items())) + "; errors: " + (", ".join(f"{k}={v}" for k, v in d["errorDistribution"].items()) or "none")'
}

# 2. saturation: twice as many connections as workers keeps every worker busy.
start_server
load "$WORK/warm.json" -n 600 -c $((2 * WORKERS))
load "$WORK/sat.json" -z "${SECS}s" -w -c $((2 * WORKERS))
SAT=$(field "$WORK/sat.json" 'round(d["summary"]["requestsPerSec"], 1)')
echo "saturation, $((2 * WORKERS)) connections, ${SECS} s: $SAT requests/s ($(statuses "$WORK/sat.json")); $(echo "scale=1; 100 * $SAT / $BATCH_RATE" | bc -l) % of batch (goal >= 90 %)"

# 3. half of saturation, open loop.
HALF=$(echo "$SAT / 2" | bc -l | xargs printf "%.0f")
load "$WORK/half.json" -z "${SECS}s" -w -c 32 -q "$HALF" --latency-correction
echo "half of saturation, $HALF requests/s offered: p50 $(field "$WORK/half.json" 'round(d["metrics"]["latency_ms"]["p50"], 1)') ms, p99 $(field "$WORK/half.json" 'round(d["metrics"]["latency_ms"]["p99"], 1)') ms ($(statuses "$WORK/half.json"))"

# 4. twice saturation, with more connections than the queue holds.
DOUBLE=$(echo "$SAT * 2" | bc -l | xargs printf "%.0f")
load "$WORK/double.json" -z "${SECS}s" -w -c 64 -q "$DOUBLE"
echo "twice saturation, $DOUBLE requests/s offered, 64 connections: $(field "$WORK/double.json" 'round(d["summary"]["requestsPerSec"], 1)') answers/s ($(statuses "$WORK/double.json")); 200s at $(field "$WORK/double.json" 'round(d["statusCodeDistribution"].get("200", 0) / d["summary"]["total"], 1)')/s"
stop_server

# 5. memory of a fresh server: after 1,000 requests, then after MEM_REQUESTS in all.
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status"; }
start_server
load "$WORK/mem1.json" -n 1000 -c $((2 * WORKERS))
RSS1=$(rss_kb)
load "$WORK/mem2.json" -n $((MEM_REQUESTS - 1000)) -c $((2 * WORKERS))
RSS2=$(rss_kb)
HWM=$(awk '/^VmHWM/ {print $2}' "/proc/$SERVER/status")
echo "resident memory: $((RSS1 / 1024)) MB after 1,000 requests, $((RSS2 / 1024)) MB after $MEM_REQUESTS ($(echo "scale=1; 100 * ($RSS2 - $RSS1) / $RSS1" | bc -l) %, goal within 20 %), peak $((HWM / 1024)) MB; $(statuses "$WORK/mem2.json")"
stop_server
