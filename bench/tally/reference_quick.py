# Reference for greedy and MES (fixed budget) only, with the same pabutools 1.2.3 calls as
# ../shared/bench/voting-reference.sh part 1 (which runs them only together with the slow MES+Add1).
# Run with the venv that script makes: ~/.cache/g1000-bench/votingvenv/bin/python reference_quick.py FILE.pb
import sys, time, json
from pabutools.election import parse_pabulib, Cost_Sat
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
inst, prof = parse_pabulib(sys.argv[1])
ids = lambda a: sorted((p.name for p in a), key=lambda s: (len(s), s))
t = time.perf_counter(); g = greedy_utilitarian_welfare(inst, prof, sat_class=Cost_Sat); tg = time.perf_counter() - t
t = time.perf_counter(); m = method_of_equal_shares(inst, prof, sat_class=Cost_Sat); tm = time.perf_counter() - t
print(json.dumps({"greedy": {"ids": ids(g), "s": round(tg, 3)}, "mes_fixed": {"ids": ids(m), "s": round(tm, 3)}}))
