#!/usr/bin/env bash
# Writes a fuzz target's seed inputs into DIR, from the repository's own files, so that a new
# fixture or edge-case document seeds the fuzzer without a corpus change:
#   parse_delivery  every fixture delivery (schemas/fixtures/)
#   system_events_delivery  every fixture delivery of azure-system-events
#                   (system-events/schemas/fixtures/)
#   generate, diff  every edge-case schema document (codegen/edge-cases/schemas/), prefixed with
#                   the byte that picks it (the first byte of their input picks a set's document)
#   webhook_receive, structured_delivery, message: none (their inputs are `arbitrary` bytes; their kept
#                   corpus, corpus/<target>/, seeds them)
# and, for every target, the inputs that once failed it (regressions/<target>/), so each run
# starts by replaying them.
# usage: fuzz/seeds.sh TARGET DIR
set -euo pipefail
target=$1
dir=$2
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$dir"
case $target in
parse_delivery) cp "$root"/schemas/fixtures/*/*.json "$dir/" ;;
system_events_delivery)
    # Named by their path: services repeat file names.
    (cd "$root/system-events/schemas/fixtures" && find . -name '*.json' | while read -r f; do
        cp "$f" "$dir/$(echo "${f#./}" | tr / _)"
    done)
    ;;
generate | diff)
    python3 - "$root/codegen/edge-cases/schemas" "$dir" <<'PY'
import os, sys
root, index = sys.argv[1], 0
for construct in sorted(os.listdir(root)):
    base = os.path.join(root, construct)
    files = sorted(os.path.relpath(os.path.join(d, f), base) for d, _, fs in os.walk(base) for f in fs if f.endswith(".json"))
    for name in files:
        with open(os.path.join(base, name), "rb") as source, open(os.path.join(sys.argv[2], f"{index:03d}"), "wb") as seed:
            seed.write(bytes([index]) + source.read())
        index += 1
PY
    ;;
webhook_receive | structured_delivery | message) ;;
*)
    echo "seeds.sh: unknown target $target" >&2
    exit 2
    ;;
esac
if [ -d "$root/fuzz/regressions/$target" ]; then
    find "$root/fuzz/regressions/$target" -type f ! -name .gitkeep -exec cp {} "$dir/" \;
fi
