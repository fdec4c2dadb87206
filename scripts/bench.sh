#!/usr/bin/env bash
# Whole-process benchmarks of mlops-path at 14 (built-in), 1,000, 10,000 and 100,000 steps,
# with Taskwarrior side by side where it is installed. One command on a fresh Debian machine:
#
#   scripts/bench.sh            # full run, a few minutes
#   BENCH_QUICK=1 scripts/bench.sh   # fewer runs, to try the script
#
# Installs hyperfine, time (for /usr/bin/time) and python3 with apt-get when missing, and
# Taskwarrior too unless BENCH_NO_TASKWARRIOR=1. Results: a Markdown report on stdout and
# in target/bench/report.md; raw hyperfine JSON in target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/target/bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

apt_install() {
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
if [ "${BENCH_NO_TASKWARRIOR:-0}" != 1 ] && ! command -v task >/dev/null; then
    missing+=(taskwarrior)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    apt_install "${missing[@]}"
fi

cargo build --release --locked --bin mlops-path --example generate >&2
bin=$root/target/release/mlops-path
generate=$root/target/release/examples/generate
rm -rf "$out" && mkdir -p "$out"

# The generated histories end at this instant; every command runs at it.
export MLOPS_PATH_NOW=2026-03-10T09:00:00+01:00 TZ=Europe/Berlin NO_COLOR=1 COLUMNS=100
quick=${BENCH_QUICK:-0}

# runs NAME LABEL: how many timed runs; fewer where a run is slow (100,000 steps, or
# Taskwarrior at 10,000 tasks: over a second a run), so the script stays bounded.
# A label is a size, perhaps with a suffix: 14-empty, 14-year, 10000.
runs() {
    local size=${2%%-*}
    if [ "$quick" = 1 ]; then
        echo 3
    elif [ "$size" -ge 100000 ] || { [ "$size" -ge 10000 ] && [[ $1 == task-* ]]; }; then
        echo 10
    else
        echo 30
    fi
}

# bench NAME LABEL PREPARE COMMAND...: hyperfine one command, peak RSS with /usr/bin/time.
bench() {
    local name=$1 size=$2 prepare=$3
    shift 3
    local json=$out/$size-$name.json
    local args=(-N --style none --warmup 2 --runs "$(runs "$name" "$size")" --export-json "$json")
    if [ -n "$prepare" ]; then args+=(--prepare "$prepare"); fi
    hyperfine "${args[@]}" "$*" >/dev/null 2>&1 || hyperfine "${args[@]}" "$*" >&2
    if [ -n "$prepare" ]; then $prepare; fi
    /usr/bin/time -f %M -o "$out/$size-$name.rss" "$@" >/dev/null 2>&1
    printf '%s\t%s\t%s\n' "$size" "$name" "$*" >>"$out/index.tsv"
    echo "  $size $name" >&2
}

# mlops_suite LABEL DIR ROADMAP STEP: every command at one size; `done` on a fresh copy each run.
mlops_suite() {
    local size=$1 dir=$2 roadmap=$3 step=$4
    local base=(--roadmap "$roadmap" --data-dir "$dir/data")
    bench next "$size" "" "$bin" "${base[@]}" next
    bench status "$size" "" "$bin" "${base[@]}" status
    bench list-json "$size" "" "$bin" "${base[@]}" list --json
    bench log-30 "$size" "" "$bin" "${base[@]}" log --days 30
    bench show "$size" "" "$bin" "${base[@]}" show "$step"
    bench export-json "$size" "" "$bin" "${base[@]}" export --format json
    bench export-csv "$size" "" "$bin" "${base[@]}" export --format csv
    bench export-md "$size" "" "$bin" "${base[@]}" export --format md
    bench report "$size" "" "$bin" "${base[@]}" report
    # The copy lives next to the original, so `done` pays for a real write on the same disk.
    # `sync` first: otherwise done's directory fsync also flushes the copy just made.
    printf 'rm -rf %q && cp -a %q %q && sync -f %q\n' \
        "$dir/fresh" "$dir/data" "$dir/fresh" "$dir/fresh" >"$dir/reset.sh"
    bench done "$size" "bash $dir/reset.sh" "$bin" --roadmap "$roadmap" --data-dir "$dir/fresh" done "$step"
}

# taskwarrior_suite LABEL DIR: `task next` and `task summary` over the same tasks.
taskwarrior_suite() {
    local size=$1 dir=$2
    command -v task >/dev/null || return 0
    mkdir -p "$dir/task"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$dir/task" >"$dir/taskrc"
    export TASKRC=$dir/taskrc TASKDATA=$dir/task
    task import "$dir/tasks.json" >/dev/null 2>&1
    bench task-next "$size" "" task next
    bench task-summary "$size" "" task summary
    unset TASKRC TASKDATA
}

echo "generating and timing (results in target/bench/)" >&2
: >"$out/index.tsv"
bench version 14 "" "$bin" --version

# The built-in roadmap: no history, then a year of it (one event a day).
mkdir -p "$work/14-empty/data" "$work/14-year"
mlops_suite 14-empty "$work/14-empty" mlops what-is-mlops
"$generate" --built-in mlops --events 365 --span-days 365 --out "$work/14-year" >"$work/14-year.summary"
mlops_suite 14-year "$work/14-year" mlops "$(sed -n 's/^current=//p' "$work/14-year.summary")"

for size in 1000 10000 100000; do
    dir=$work/$size
    tw=()
    if [ "$size" -le 10000 ]; then tw=(--taskwarrior); fi
    "$generate" --steps "$size" --events "$size" --requires-share 0.5 "${tw[@]}" --out "$dir" >"$dir.summary"
    step=$(sed -n 's/^current=//p' "$dir.summary")
    mlops_suite "$size" "$dir" "$dir/roadmap.json" "$step"
    # Taskwarrior's dependency handling grows quadratically: 100,000 tasks would take minutes.
    if [ "$size" -le 10000 ]; then taskwarrior_suite "$size" "$dir"; fi
done

python3 "$root/scripts/bench_report.py" "$out" | tee "$out/report.md"
