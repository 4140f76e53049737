#!/usr/bin/env bash
# Opinion benchmark: red-dwarf 0.4.0 (the Python reimplementation of the Polis math, via
# ../shared/bench/polis-reference.sh) and g1000's opinion engine (release build) side by side in one run,
# on the six Polis conversations of ../shared/data/polis (CC BY 4.0, The Computational Democracy Project)
# and on a generated conversation of 30,000 participants x 800 statements with 2,000,000 votes.
# Prints a Markdown table: ARI vs Polis's own groups (group-id of participants-votes.csv) for both,
# overlap of the top-5 consensus (agree) statements, pipeline times (min of REPEAT runs, CSV loading
# excluded for both) and the speed-up.
#
# Usage: bench/opinion/run.sh [DATASET ...]      (default: all six)
# Env: REPEAT (default 3), SEED (red-dwarf's k-means seed, default 42), OUT (work folder),
#      CARGO_TARGET_DIR (default: target), NO_BUILD=1 (use the examples already built).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$(cd "$root/../shared" && pwd)
data=$shared/data/polis
out=${OUT:-$(mktemp -d -t g1000-opinion-bench.XXXXXX)}
mkdir -p "$out"
export REPEAT=${REPEAT:-3}
target=${CARGO_TARGET_DIR:-$root/target}
datasets=("$@")
if [ ${#datasets[@]} -eq 0 ]; then
  for d in "$data"/*/; do datasets+=("$(basename "$d")"); done
fi

[ -n "${NO_BUILD:-}" ] || (cd "$root" && cargo build --release -p g1000-opinion --examples >&2)
OUT="$out/red-dwarf" bash "$shared/bench/polis-reference.sh" "${datasets[@]}" > "$out/red-dwarf.log"
: > "$out/g1000.jsonl"
for ds in "${datasets[@]}"; do
  "$target/release/examples/polis_export" "$data/$ds" "$((REPEAT > 5 ? REPEAT : 5))" >> "$out/g1000.jsonl"
done
/usr/bin/time -f '%M' -o "$out/synthetic.rss" "$target/release/examples/synthetic" > "$out/synthetic.json"

python3 - "$out" <<'PYEOF'
import json, sys, os
out = sys.argv[1]
rd = {j["dataset"]: j for j in map(json.loads, open(os.path.join(out, "red-dwarf", "results.jsonl")))}
us = {j["dataset"]: j for j in map(json.loads, open(os.path.join(out, "g1000.jsonl")))}
print("| dataset | ARI red-dwarf | ARI g1000 | groups red-dwarf | groups g1000 | consensus overlap (top 5 agree) | red-dwarf s (min) | g1000 ms (min) | speed-up |")
print("|---|---:|---:|---|---|---:|---:|---:|---:|")
for name, r in rd.items():
    u = us[name]
    a, b = r["consensus_agree"], u["consensus_agree"]
    overlap = len(set(a) & set(b))
    sizes_rd = "/".join(str(v) for v in r["group_sizes"].values())
    sizes_us = "/".join(str(v) for v in u["group_sizes"])
    speed = r["pipeline_s_min"] / u["pipeline_s_min"]
    print(f"| {name} | {r['ari_vs_polis_export']:.3f} | {u['ari_vs_polis_export']:.3f} | {sizes_rd} | {sizes_us} | "
          f"{overlap}/{max(len(a), 1)} | {r['pipeline_s_min']:.2f} | {u['pipeline_s_min'] * 1e3:.1f} | {speed:.0f}x |")
s = json.load(open(os.path.join(out, "synthetic.json")))
rss = int(open(os.path.join(out, "synthetic.rss")).read().split()[-1])
print(f"\nGenerated {s['participants']} x {s['statements']}, {s['votes']} votes: analysis {s['analysis_s']:.2f} s "
      f"(matrix from vote rows {s['matrix_s']:.2f} s), peak memory {rss / 1024:.0f} MiB, groups {s['group_sizes']}.")
PYEOF
echo "work folder: $out" >&2
