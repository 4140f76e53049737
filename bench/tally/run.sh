#!/usr/bin/env bash
# Side-by-side benchmark of `g1000 tally` against the reference programs (pabutools 1.2.3 with exact
# gmpy2 fractions, pref_voting 1.18.2, pyrankvote 2.0.6), in one run on this machine.
#
# Usage: bench/tally/run.sh [FILE.pb ...]      (default: every .pb file of ../shared/data/pabulib)
# Env:   G1000      the g1000 binary (default: build target/release/g1000 with cargo)
#        OUT        output folder (default: a fresh temporary folder)
#        REFERENCE  the reference script (default: ../shared/bench/voting-reference.sh)
#        REF_RESULTS  instead of running the reference, read these results.json files of earlier runs of it
#                     (space-separated; their per-file entries are merged)
# Runs the reference first (pabutools' MES+Add1 takes ~20 minutes on Poland_Warszawa_2023_Wola.pb and ~10
# on Poland_Wroclaw_2017.pb), then ours on the same files, and writes $OUT/table.md: per file and rule the
# time of each and whether the selected projects are the same.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
REFERENCE="${REFERENCE:-$SHARED/bench/voting-reference.sh}"
OUT="${OUT:-$(mktemp -d -t g1000-tally-bench.XXXXXX)}"
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
if [ -z "${G1000:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p g1000)
  G1000="${CARGO_TARGET_DIR:-$ROOT/target}/release/g1000"
fi
FILES=("$@")
if [ "${#FILES[@]}" -eq 0 ]; then
  for f in "$SHARED"/data/pabulib/*.pb; do FILES+=("$f"); done
fi
echo "output: $OUT" >&2
if [ -n "${REF_RESULTS:-}" ]; then
  python3 - "$OUT/results.json" $REF_RESULTS <<'PY'
import json, sys
merged = None
for p in sys.argv[2:]:
    r = json.load(open(p))
    if merged is None:
        merged = r
    else:
        for k in ("pb", "abc", "ordinal"):
            merged[k].update(r[k])
json.dump(merged, open(sys.argv[1], "w"), indent=1)
PY
else
  OUT="$OUT" bash "$REFERENCE" "${FILES[@]}" > "$OUT/reference.log"
fi

: > "$OUT/ours.tsv"
for f in "${FILES[@]}"; do
  [ -f "$f" ] || f="$SHARED/data/pabulib/$f"
  name="$(basename "$f")"
  if grep -q "^vote_type;ordinal" "$f"; then
    rules="schulze stv:1 stv:3"
  else
    rules="greedy mes mes-add1"
  fi
  for r in $rules; do
    m="${r%%:*}"; seats=(); [ "$r" != "$m" ] && seats=(--seats "${r#*:}")
    t0=$(date +%s.%N)
    "$G1000" tally --method "$m" "${seats[@]}" --pb "$f" --out "$OUT/$name.$r.json" > /dev/null
    t1=$(date +%s.%N)
    printf '%s\t%s\t%s\n' "$name" "$r" "$(echo "$t1 - $t0" | bc)" >> "$OUT/ours.tsv"
  done
done

python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
ref = json.load(open(os.path.join(out, "results.json")))
key = {"greedy": "greedy", "mes": "mes_fixed", "mes-add1": "mes_add1"}
rows = ["| file | rule | reference (s) | g1000 (s) | same selection |", "|---|---|---:|---:|---|"]
for line in open(os.path.join(out, "ours.tsv")):
    name, rule, secs = line.rstrip("\n").split("\t")
    ours = json.load(open(os.path.join(out, f"{name}.{rule}.json")))["selected"]
    try:
        if rule in key:
            r = ref["pb"][name][key[rule]]; rids, rs = r["ids"], r["s"]
        else:
            o = ref["ordinal"][name]
            r = o["schulze_beat_path"] if rule == "schulze" else o["stv_" + rule.split(":")[1]]
            rids, rs = r["winners"], r["s"]
    except KeyError:
        rows.append(f"| {name} | {rule} | (no reference) | {float(secs):.3f} | ? |")
        continue
    same = "yes" if sorted(rids) == sorted(ours) else f"NO: ref {rids} ours {ours}"
    rows.append(f"| {name} | {rule} | {rs:.3f} | {float(secs):.3f} | {same} |")
table = "\n".join(rows) + "\n"
open(os.path.join(out, "table.md"), "w").write(table)
print(table)
PY
