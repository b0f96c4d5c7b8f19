#!/bin/bash
# A/B release build of acs-events: generated/ at git revision $1 (A) and the working tree's (B)
# swapped into generated/, the acs-events crate alone cleaned before each build, sides
# interleaved, ROUNDS rounds (default 4). Prints wall and CPU (user + system) seconds; on a
# shared machine read CPU. Restores generated/ at the end. Run prepare.sh first.
set -e
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-4}
root=../..
cp -r "$root/generated" gen/saved
trap 'rm -rf "$root/generated" && mv gen/saved "$root/generated"' EXIT
cargo build --release -q --manifest-path "$root/Cargo.toml" -p acs-events
for round in $(seq "$ROUNDS"); do
  for side in a b; do
    rm -rf "$root/generated" && mkdir "$root/generated" && cp gen/$side/*.rs "$root/generated/"
    cargo clean --release -q --manifest-path "$root/Cargo.toml" -p acs-events
    TIMEFORMAT="round $round $side wall %R s cpu %U+%S s (load $(cut -d' ' -f1 /proc/loadavg))"
    time cargo build --release -q --manifest-path "$root/Cargo.toml" -p acs-events
  done
done
