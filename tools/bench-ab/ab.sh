#!/usr/bin/env bash
# A/B of two builds of the parse_delivery bench, for runtime changes that cannot share one
# process: the two binaries run alternately, RUNS times each, and for every approach the
# median (and range) of its in-process ratios to `serde_json::Value` and to `sonic_rs::Value`
# is printed per build.
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
import sys, statistics, collections
log, runs = sys.argv[1], int(sys.argv[2])
# (side, input, approach) -> [ratio to Value], [share of sonic_rs::Value]
to_value, to_sonic = collections.defaultdict(list), collections.defaultdict(list)
for side in "ab":
    for i in range(1, runs + 1):
        for line in open(f"{log}/{side}.{i}"):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            if len(cells) == 7 and cells[4].endswith("×"):
                to_value[(side, cells[0], cells[1])].append(float(cells[4].rstrip("×")))
                to_sonic[(side, cells[0], cells[1])].append(float(cells[5].rstrip(" %")))
def cell(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))})"
keys = sorted({(k[1], k[2]) for k in to_value})
# Both ratios: a build's layout moves `Value` itself by a few percent, and sonic-rs too, so a
# change that moves an approach against both is one to believe.
print("| input | approach | A × Value | B × Value | B / A | A % of sonic | B % of sonic | B / A |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for inp, approach in keys:
    va, vb = to_value[("a", inp, approach)], to_value[("b", inp, approach)]
    sa, sb = to_sonic[("a", inp, approach)], to_sonic[("b", inp, approach)]
    print(f"| {inp} | {approach} | {cell(va, lambda x: f'{x:.2f}')} | {cell(vb, lambda x: f'{x:.2f}')} "
          f"| {statistics.median(vb) / statistics.median(va):.3f} | {cell(sa, lambda x: f'{x:.0f}')} "
          f"| {cell(sb, lambda x: f'{x:.0f}')} | {statistics.median(sb) / statistics.median(sa):.3f} |")
print(f"(medians and ranges over {runs} runs of each side, alternating; logs in {log})")
PY
