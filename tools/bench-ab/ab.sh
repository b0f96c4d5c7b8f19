#!/usr/bin/env bash
# A/B of two builds of the parse_delivery bench, for runtime changes that cannot share one
# process: the two binaries run alternately, RUNS times each, and for every approach the
# median (and range) of its in-process ratio to `serde_json::Value` is printed per build.
# Absolute throughput on a shared machine moves by tens of percent between runs; the ratios,
# taken within each run, move far less, and alternating spreads any drift over both sides.
#
# Usage: tools/bench-ab/ab.sh BENCH_A BENCH_B [RUNS]
#   BENCH_X: a built bench binary (`cargo bench --bench parse_delivery --no-run` prints its
#   path; copy it aside before building the other side, since both have the same name).
#   INTERLEAVED (default value,sonic_value,parse_delivery,parse_delivery_borrowed) picks the
#   approaches, as for the bench itself.
set -euo pipefail
a=${1:?BENCH_A}; b=${2:?BENCH_B}; runs=${3:-5}
export INTERLEAVED=${INTERLEAVED:-value,sonic_value,parse_delivery,parse_delivery_borrowed}
log=$(mktemp -d)
for i in $(seq 1 "$runs"); do
  for side in a b; do
    bin=$a; [ "$side" = b ] && bin=$b
    # `only-the-loop` matches no criterion group: only the interleaved loop runs.
    "$bin" --bench only-the-loop > "$log/$side.$i" 2>&1
  done
done
python3 - "$log" "$runs" <<'PY'
import sys, re, statistics, collections
log, runs = sys.argv[1], int(sys.argv[2])
rows = collections.defaultdict(list)   # (side, input, approach) -> [ratio to Value]
for side in "ab":
    for i in range(1, runs + 1):
        for line in open(f"{log}/{side}.{i}"):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            if len(cells) == 7 and cells[4].endswith("×"):
                rows[(side, cells[0], cells[1])].append(float(cells[4].rstrip("×")))
keys = sorted({(k[1], k[2]) for k in rows})
print(f"| input | approach | A × Value, median (range) | B × Value, median (range) | B / A |")
print("|---|---|---:|---:|---:|")
for inp, approach in keys:
    a, b = rows[("a", inp, approach)], rows[("b", inp, approach)]
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"| {inp} | {approach} | {ma:.2f} ({min(a):.2f}–{max(a):.2f}) | {mb:.2f} ({min(b):.2f}–{max(b):.2f}) | {mb/ma:.3f} |")
print(f"({runs} runs of each side, alternating; logs in {log})")
PY
