#!/usr/bin/env bash
# Instructions executed per event by each approach of the parse_delivery bench, counted by
# valgrind (cachegrind), so two builds compare without the machine's noise: the batch parsed
# twice (PROFILE_RUNS=2) less the same process parsing it no times (building the bodies), over
# the 4,000 events parsed. A count is not a time (a cache miss or a mispredicted branch costs
# more than an instruction); tools/bench-ab/ab.sh times. Needs valgrind.
#
# Usage: tools/bench-ab/instructions.sh BENCH [APPROACH ...]
#   BENCH: a built bench binary (`cargo bench --bench parse_delivery --no-run` prints its path).
#   APPROACH: default parse_delivery parse_delivery_borrowed sonic_value.
set -euo pipefail
bin=${1:?BENCH}; shift
approaches=("$@"); [ ${#approaches[@]} -eq 0 ] && approaches=(parse_delivery parse_delivery_borrowed sonic_value)
# The batch's events (benches/support/bodies.rs: BATCH_EVENTS), parsed twice.
events=$((2000 * 2))
refs() {
  PROFILE=$1 PROFILE_RUNS=$2 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bin" --bench only-the-loop 2>&1 >/dev/null | awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'
}
echo "| approach | instructions per event |"
echo "|---|---:|"
for approach in "${approaches[@]}"; do
  idle=$(refs "$approach" 0); busy=$(refs "$approach" 2)
  echo "| $approach | $(( (busy - idle) / events )) |"
done
