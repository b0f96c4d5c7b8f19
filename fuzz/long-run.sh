#!/usr/bin/env bash
# Fuzzing runs, long (by hand, before changing a parser or the generator) or a replay (CI's is
# `long-run.sh --replay`).
#
# usage: fuzz/long-run.sh [-t SECONDS] [--scratch] [--replay] [TARGET...]
#   TARGET      parse_delivery webhook_receive structured_delivery message generate diff (default: all)
#   -t SECONDS  time per target (default 1800: half an hour; also FUZZ_SECONDS)
#   --scratch   fuzz a copy of each corpus and keep nothing: the repository is not written
#   --replay    run every kept input (corpus, seeds, regressions) once and stop, writing nothing:
#               the same inputs on every run, so the outcome depends only on the commit. CI
#               replays rather than explores: libFuzzer's search is not reproducible here (even
#               with -seed, coverage differs between runs), and a search that finds something
#               new fails a commit that did not cause it. Exploration is this script without
#               --replay, and what it finds is kept in the corpus or in regressions/.
#
# Targets run one after the other, one libFuzzer job each (two cores: one stays free), with the
# target's dictionary (dictionaries/), its kept corpus (corpus/<target>/) and its seeds
# (seeds.sh); every input runs on a 256 KiB stack (checks/small_stack.rs). Afterwards the
# corpus, with the inputs the run added, is minimized in place (cargo fuzz cmin). One summary
# line per target: executions, executions per second, coverage (libFuzzer's cov: edges and
# ft: features), corpus size, findings. Logs go to $FUZZ_LOGS (default: a temporary directory).
#
# A finding (panic, sanitizer report, timeout, out-of-memory) ends that target's run, prints
# the report and makes the script exit non-zero once every target has run. Its input is in
# artifacts/<target>/: replay it with `cargo fuzz run <target> <file>`, shrink it with
# `cargo fuzz tmin <target> <file>`, and once fixed keep it in regressions/<target>/, which
# `cargo test` replays (tests/fuzz_regressions.rs).
#
# On a fresh machine: cargo-fuzz is installed if missing, and RUSTC_BOOTSTRAP=1 lets the stable
# compiler take the nightly flags cargo fuzz passes (-Z sanitizer=address).
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-1800}
scratch=false
replay=false
targets=()
while [ $# -gt 0 ]; do
    case $1 in
    -t) seconds=$2 && shift ;;
    --scratch) scratch=true ;;
    --replay) replay=true && scratch=true ;;
    -h | --help) sed -n '2,/^set -/p' "$0" | sed '$d; s/^# \{0,1\}//' && exit 0 ;;
    -*) echo "long-run.sh: unknown option $1" >&2 && exit 2 ;;
    *) targets+=("$1") ;;
    esac
    shift
done
[ ${#targets[@]} -gt 0 ] || targets=(parse_delivery system_events_delivery webhook_receive structured_delivery message generate diff)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install --quiet --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
logs=${FUZZ_LOGS:-$(mktemp -d)}
mkdir -p "$logs"

# libFuzzer's options for a target: its dictionary; for the structured target, no slow growth
# of the input length (a short description describes next to nothing), and slow inputs (bodies
# of megabytes) mutated less often than fast ones.
options() {
    case $1 in
    generate | diff) echo -dict=dictionaries/schema.dict ;;
    structured_delivery)
        echo -dict=dictionaries/delivery.dict -len_control=0 -entropic_scale_per_exec_time=1
        ;;
    *) echo -dict=dictionaries/delivery.dict ;;
    esac
}

# The value after `name:` on the last libFuzzer status line of a log.
last() {
    grep -E '^#[0-9]+' "$2" | tail -1 | grep -Eo "$1: [0-9]+" | awk '{print $2}'
}

# A libFuzzer final statistic from a log.
stat() {
    grep -E "^stat::$1:" "$2" | awk '{print $2}'
}

failed=()
summary=()
for target in "${targets[@]}"; do
    log=$logs/$target.log
    seeds=$(mktemp -d)
    ./seeds.sh "$target" "$seeds"
    if $scratch; then
        corpus=$(mktemp -d)
        if [ -d "corpus/$target" ]; then cp -R "corpus/$target/." "$corpus/"; fi
    else
        corpus=corpus/$target
        mkdir -p "$corpus"
    fi
    started=$(mktemp)
    if $replay; then
        limit=(-runs=0)
        echo "== $target: replay of $(find "$corpus" "$seeds" -type f | wc -l) inputs, log $log"
    else
        limit=(-max_total_time="$seconds")
        echo "== $target: ${seconds}s ($(options "$target")), log $log"
    fi
    # New inputs go to the first directory given: the corpus, not the seeds.
    # shellcheck disable=SC2046 # options() gives separate words
    if cargo fuzz run "$target" "$corpus" "$seeds" -- $(options "$target") \
        "${limit[@]}" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
        >"$log" 2>&1; then
        found=none
    else
        failed+=("$target")
        found=$(find "artifacts/$target" -type f -newer "$started" 2>/dev/null | tr '\n' ' ')
        found=${found:-"no input saved (the build or the run failed: see the log)"}
        tail -n 80 "$log"
    fi
    # Inputs that together reach every edge the corpus reaches (hit counts aside), picked by
    # greedy set cover: about half the files the default merge keeps.
    if ! $scratch; then
        cargo fuzz cmin "$target" "$corpus" -- -rss_limit_mb=4096 -use_counters=0 \
            -set_cover_merge=1 >"$logs/$target.cmin.log" 2>&1 ||
            echo "cmin failed: $logs/$target.cmin.log"
    fi
    size=$(find "$corpus" -type f | wc -l)
    bytes=$(du -sk --apparent-size "$corpus" | cut -f1)
    summary+=("$(printf '%-20s %9s execs %6s/s  cov %6s  ft %6s  corpus %5s files %6s KiB  findings: %s' \
        "$target" "$(stat number_of_executed_units "$log")" "$(stat average_exec_per_sec "$log")" \
        "$(last cov "$log")" "$(last ft "$log")" "$size" "$bytes" "${found:-none}")")
    rm -rf "$seeds" "$started"
    if $scratch; then rm -rf "$corpus"; fi
done

echo "== summary (logs in $logs)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "findings in: ${failed[*]}"
    exit 1
fi
