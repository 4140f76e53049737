#!/usr/bin/env bash
# Side-by-side benchmark of g1000's sortition engine against the reference (sortition-algorithms 0.12.15
# via ../shared/bench/sortition-reference.sh, LEXIMIN, HiGHS dual simplex LPs + CBC ILPs).
#
# Usage: bench/sortition/run.sh [INSTANCE ...]
#   INSTANCE: a folder under ../shared/data/sortition (sortition_algorithms_fixture_22, example_small_20,
#   example_large_200), alternate_<n>_<k> (generated here and by the reference alike), or gen_<n>_<k>
#   (a pool written by gen_pool.py --seed 1, run with the household check on column "address").
# Env: OUT (output folder, default a fresh temporary one), TIMEOUT (seconds per reference run, default 900),
#      SKIP_REFERENCE=1 (ours only), CARGO_TARGET_DIR (where the release build goes).
# Prints per instance: our wall time, the reference's, the ratio, min/max marginal, and the agreement of the
# marginals (max |ours - reference| by id and over the sorted vectors; "leximin-better" when ours, sorted
# ascending, is lexicographically >= the reference's at the reference's 1e-6 print precision).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
DATA="$SHARED/data/sortition"
REF="$SHARED/bench/sortition-reference.sh"
OUT="${OUT:-$(mktemp -d -t g1000-sortition-bench.XXXXXX)}"
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
echo "output: $OUT" >&2

# Our binary: the real `g1000` command (release build).
cargo build -q --release -p g1000 --manifest-path "$ROOT/Cargo.toml"
BIN=("$CARGO_TARGET_DIR/release/g1000" sortition)

prepare() {  # instance -> sets F P K HH
  local inst="$1" d="$OUT/inputs/$1"; HH=""
  mkdir -p "$d"
  if [[ "$inst" =~ ^alternate_([0-9]+)_([0-9]+)$ ]]; then
    local n="${BASH_REMATCH[1]}" k="${BASH_REMATCH[2]}"
    python3 - "$d" "$n" "$k" <<'PY'
import sys
d, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lo = k // 2 - 1
with open(f"{d}/features.csv", "w") as f:
    f.write("feature,value,min,max\n")
    for feat, vals in (("gender", ("female", "male")), ("leaning", ("liberal", "conservative"))):
        for v in vals: f.write(f"{feat},{v},{lo},{k}\n")
rows = [("female", "conservative")] + [("female", "liberal")] * (n // 2 - 1) + [("male", "conservative")] * (n // 2)
with open(f"{d}/people.csv", "w") as f:
    f.write("id,gender,leaning\n")
    for i, (g, l) in enumerate(rows): f.write(f"{i},{g},{l}\n")
PY
    F="$d/features.csv"; P="$d/people.csv"; K="$k"; REFINST="$inst"; REFOPT=()
  elif [[ "$inst" =~ ^gen_([0-9]+)_([0-9]+)$ ]]; then
    local n="${BASH_REMATCH[1]}" k="${BASH_REMATCH[2]}"
    python3 "$SHARED/bench/gen_pool.py" "$d" --n "$n" --k "$k" --seed 1 >/dev/null
    F="$d/features.csv"; P="$d/people.csv"; K="$k"; HH="address"; REFINST="$d"; REFOPT=(--k "$k" --address-columns address)
  else
    local s="$DATA/$inst"
    if [ -f "$s/categories.csv" ]; then F="$s/categories.csv"; P="$s/respondents.csv"
    else F="$s/features.csv"; P="$s/candidates.csv"; [ -f "$P" ] || P="$s/people.csv"; fi
    K="${inst##*_}"; REFINST="$inst"; REFOPT=()
  fi
}

compare() {  # ours.json ref.marginals.csv ours_s ref_s
  python3 - "$@" <<'PY'
import csv, json, sys
ours = json.load(open(sys.argv[1]))["marginals"]
t_ours = float(sys.argv[3]); t_ref = sys.argv[4]
line = f"ours {t_ours:.3f}s  min {min(ours.values()):.6f} max {max(ours.values()):.6f}"
try:
    ref = {r["id"]: float(r["selection_probability"]) for r in csv.DictReader(open(sys.argv[2]))}
    t_ref = float(t_ref)
except Exception:
    print(line + f"  reference: {t_ref}"); sys.exit(0)
common = [i for i in ours if i in ref]
by_id = max((abs(ours[i] - ref[i]) for i in common), default=float("nan"))
so, sr = sorted(ours.values()), sorted(ref.values())
by_sorted = max(abs(a - b) for a, b in zip(so, sr))
better = "equal"
for a, b in zip(so, sr):
    if abs(a - b) > 1e-6:
        better = "leximin-better" if a > b else "LEXIMIN-WORSE"
        break
print(line + f"  reference {t_ref:.3f}s  ratio {t_ref / max(t_ours, 1e-9):.1f}x  "
      f"max|diff| by id {by_id:.2e} ({len(common)}/{len(ours)} ids), sorted {by_sorted:.2e}  {better}")
PY
}

INSTANCES=("$@")
[ ${#INSTANCES[@]} -gt 0 ] || INSTANCES=(sortition_algorithms_fixture_22 example_small_20 alternate_500_50 alternate_1000_100 example_large_200 gen_1500_150 gen_1500_600)
for inst in "${INSTANCES[@]}"; do
  prepare "$inst"
  hh=(); [ -n "$HH" ] && hh=(--household-columns "$HH")
  t0=$(date +%s.%N)
  if ! /usr/bin/env time -f "%M" -o "$OUT/$inst.dmem" "${BIN[@]}" distribution --features "$F" --people "$P" --panel-size "$K" "${hh[@]}" \
       --out "$OUT/$inst.ours.json" 2> >(tr '\r' '\n' | tail -n 1 > "$OUT/$inst.ours.log"); then
    echo "$inst: ours FAILED ($(cat "$OUT/$inst.ours.log"))"; continue
  fi
  t1=$(date +%s.%N); ours_s=$(python3 -c "print($t1 - $t0)")
  /usr/bin/env time -f "%M" -o "$OUT/$inst.mem" "${BIN[@]}" verify --features "$F" --people "$P" \
    --distribution "$OUT/$inst.ours.json" >/dev/null 2>&1 && ver=verified || ver="VERIFY FAILED"
  ref_s="skipped"; refm="$OUT/none"
  if [ -z "${SKIP_REFERENCE:-}" ]; then
    line=$(OUT="$OUT/ref" TIMEOUT="${TIMEOUT:-900}" "$REF" "$REFINST" leximin highs-simplex mip "${REFOPT[@]}" 2>/dev/null | tail -n 1 || true)
    ref_s=$(python3 -c 'import json,sys
try:
    d=json.loads(sys.argv[1]); print(d.get("wall_s", d.get("failed","failed")))
except Exception: print("failed")' "$line")
    refm=$(ls -t "$OUT"/ref/*.leximin.highs-simplex.mip.marginals.csv 2>/dev/null | head -n 1 || echo "$OUT/none")
  fi
  echo "$inst (n=$(($(wc -l < "$P") - 1)), k=$K): $(compare "$OUT/$inst.ours.json" "$refm" "$ours_s" "$ref_s")  [$ver]"
  echo "    $(cat "$OUT/$inst.ours.log")"
  echo "    peak RSS: distribution $(( $(tail -n 1 "$OUT/$inst.dmem") / 1024 )) MB, verify $(( $(tail -n 1 "$OUT/$inst.mem") / 1024 )) MB"
done
