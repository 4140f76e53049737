#!/usr/bin/env bash
# Seating benchmark: builds g1000 (release), plans the two reference instances of
# ../shared/data/g1000-tables and fresh ones from ../shared/bench/tables/gen.py (other seeds), re-plans
# the last two rounds of default-s1, scores every plan with ../shared/bench/tables/score.py and prints
# the times next to the metrics and their lower bounds.
#
# Usage: bench/seating/run.sh [SEEDS...]     (generator seeds, default: 2 3)
# Env: PROFILE (cargo profile, default release), PYTHON (a python3 with numpy for the generator;
#      without numpy the generated instances are skipped), EFFORT (default 1.0), OUT (work folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$(cd "$root/../shared" && pwd)
data=$shared/data/g1000-tables
score=$shared/bench/tables/score.py
gen=$shared/bench/tables/gen.py
profile=${PROFILE:-release}
python=${PYTHON:-python3}
effort=${EFFORT:-1.0}
out=${OUT:-$(mktemp -d -t g1000-seating-bench.XXXXXX)}
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(2 3)

(cd "$root" && cargo build --profile "$profile" -p g1000 --bin g1000 >&2)
dir=$profile
[ "$profile" = dev ] && dir=debug
bin=$root/target/$dir/g1000
attrs=group,gender,age_band,neighbourhood,education

instances=("$data/core-s1" "$data/default-s1")
if "$python" -c 'import numpy' 2>/dev/null; then
  for s in "${seeds[@]}"; do
    for v in core default; do
      "$python" "$gen" --variant "$v" --seed "$s" --out "$out/gen/$v-s$s" >/dev/null
      instances+=("$out/gen/$v-s$s")
    done
  done
else
  echo "note: $python has no numpy; generated instances skipped (python3 -m pip install numpy, or PYTHON=...)" >&2
fi

# plan NAME INSTANCE [extra args]: runs the CLI, prints one line of time, metrics (lower bounds).
plan() {
  local name=$1 inst=$2; shift 2
  local csv=$out/$name.csv log=$out/$name.log
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" seating plan --participants "$inst/participants.csv" --tables "$inst/tables.csv" \
    --pairs "$inst/pairs.csv" --rounds 4 --attributes "$attrs" --effort "$effort" --out "$csv" "$@" 2>"$log" \
    || { echo "$name: FAILED: $(cat "$log")"; return 1; }
  t1=$(date +%s.%N)
  python3 "$score" "$inst" "$csv" --json "$out/$name.json" >/dev/null
  python3 - "$out/$name.json" "$name" "$t0" "$t1" "$(grep -o 'in [0-9.]* s' "$log" | head -1)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); lb = r["lower_bounds"]
wall = float(sys.argv[4]) - float(sys.argv[3])
print(f"{sys.argv[2]:18s} wall {wall:5.2f} s (plan {sys.argv[5][3:]:>7s})  hard {r['hard']}  "
      f"fc_excess {r['fc_excess']} (LB {lb['fc_excess']})  fc_cells {r['fc_cells']}  "
      f"R_pairs {r['R_pairs']} (LB {lb['R_pairs']})  R_meet {r['R_meet']} (LB {lb['R_meet']})  "
      f"R_host {r['R_host']} (LB {lb['R_host']})  unique_pairs {r['unique_pairs']}")
PY
}

echo "g1000 seating benchmark ($profile build, effort $effort, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)); plans in $out"
for inst in "${instances[@]}"; do
  plan "$(basename "$inst")" "$inst"
done
plan default-s1-replan "$data/default-s1" --freeze "$out/default-s1.csv" --through-round 2 --seed 2
