#!/bin/bash
# Build time of azure-system-events per service: the crate alone (its dependencies built once
# and kept), cleaned before each build, with no service, with each service's feature alone, and
# with every service (the default), in PROFILE (default `dev`; `release` too). Prints one
# markdown table row per configuration: wall and CPU (user + system) seconds, the median of
# ROUNDS rounds (default 3). On a shared machine read CPU.
#   tools/system-events-build/build_time.sh > times.md
set -e
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
PROFILE=${PROFILE:-dev}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/build-time}
services=$(sed -n 's/^all-services = \[\(.*\)\]/\1/p' system-events/Cargo.toml | tr -d '",')
build() {
  cargo build -q --profile "$PROFILE" -p azure-system-events --no-default-features "$@"
}
# The dependencies (acs-events with every family, the runtime, serde) once, so each row
# measures this crate's own code.
build --features all-services,borrowed
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
row() {
  local name=$1 && shift
  local walls=() cpus=()
  for _ in $(seq "$ROUNDS"); do
    cargo clean -q --profile "$PROFILE" -p azure-system-events
    local start end times
    start=$(date +%s.%N)
    times=$( { /usr/bin/time -f "%U %S" cargo build -q --profile "$PROFILE" -p azure-system-events --no-default-features "$@" 2>&1 >/dev/null; } | tail -1)
    end=$(date +%s.%N)
    walls+=("$(echo "$end - $start" | bc)")
    cpus+=("$(echo "$times" | awk '{print $1 + $2}')")
  done
  printf '| %s | %.1f | %.1f |\n' "$name" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
}
echo "| features ($PROFILE, borrowed form on) | wall s | CPU s |"
echo "|---|---:|---:|"
row "none" --features borrowed
for service in $services; do
  row "$service" --features "$service,borrowed"
done
row "all-services (default)" --features all-services,borrowed
