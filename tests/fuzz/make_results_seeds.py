#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# Writes the results_bundle seeds that carry an audit trail (results.json
# format 2) from a demo export and its database:
#
#   d=$(mktemp -d); export XDG_CONFIG_HOME=$d XDG_DATA_HOME=$d
#   build/jurymn demo --db $d/x.db; build/jurymn export --db $d/x.db --session ID --out $d/b
#   python3 tests/fuzz/make_results_seeds.py $d/b/results.json $d/x.db tests/fuzz/corpus/results_bundle
#
# The trail is a hash chain, sha256(previous hash + "\n" + line)
# (core/audit_trail.cpp), recomputed over the entries kept, so a seed can hold
# a few entries and still be valid.
import hashlib, json, sqlite3, sys
if len(sys.argv) != 4:
    sys.exit("usage: make_results_seeds.py RESULTS_JSON DATABASE OUT_DIR")
out = sys.argv[3]
v1 = json.load(open(sys.argv[1], encoding="utf-8"))
db = sqlite3.connect(sys.argv[2])
rows = db.execute("select e.id, e.at_ms, e.actor, e.action, coalesce(c.uuid, ''), e.payload "
                  "from audit_entry e left join candidate c on c.id = e.candidate_id order by e.id").fetchall()
def dump(o): return json.dumps(o, ensure_ascii=False, separators=(",", ":"))
def chain(entries):
    prev, trail = "", []
    for (i, at, actor, action, cand, payload) in entries:
        line = "%d\t%d\t%s\t%s\t%s\t%s" % (i, at, actor, action, cand, payload)
        prev = hashlib.sha256((prev + "\n" + line).encode()).hexdigest()
        trail.append({"id": i, "at": at, "actor": actor, "action": action, "candidate": cand, "payload": payload, "hash": prev})
    return trail
def bundle(entries, runs):
    b = dict(v1); b["format_version"] = 2; b["runs"] = runs
    b["audit_trail"] = chain(entries)
    e = b["audit_trail"][-1]
    b["audit"] = {"entries": len(entries), "last_at": e["at"], "digest": e["hash"]}
    return b
first_start = next(i for i, r in enumerate(rows) if r[3] == "start_exam")
open(out + "/valid_v2_no_runs.json", "w", encoding="utf-8").write(dump(bundle(rows[:first_start], [])))
# One run with a draw and a locked decision: its own entries only.
run = next(r for r in v1["runs"] if r["draws"] and r["decision"]["locked_at"])
mine, marks = [], set()
for r in rows:
    pl = json.loads(r[5])
    if pl.get("run") != run["uuid"] or r[3] in ("set_feedback", "set_feedback_advice", "set_observation"):
        continue
    if r[3] == "record_mark":
        if len(marks) == 4: continue
        marks.add((pl["member"], pl["criterion"]))
    mine.append(r)
run = dict(run)
run["marks"] = [m for m in run["marks"] if (m["member"], m["criterion"]) in marks]
run["observations"] = run["observations"][:1]
one = bundle(mine, [run])
one["candidates"] = [c for c in one["candidates"] if c["uuid"] == run["candidate"]] + \
                    [c for c in one["candidates"] if c["attendance"] == "absent"][:1]
open(out + "/valid_v2_one_run.json", "w", encoding="utf-8").write(dump(one))
# The same, broken in many places (references, values, chain).
bad = json.loads(dump(one))
r = bad["runs"][0]
r["candidate"] = "inconnu"; r["marks"][0]["member"] = "personne"; r["decision"]["confirmed_by"].append("personne")
r["draws"][0]["chosen"] = 3; r["events"][0]["kind"] = "stop"; r["marks"][1]["level"] = "autre"
bad["candidates"].append(bad["candidates"][0]); bad["session"]["date"] = "2026-02-30"
bad["files"]["../x"] = {"sha256": "0" * 64}; bad["exported_at"] = 1.5
bad["audit_trail"][3]["payload"] = bad["audit_trail"][3]["payload"].replace("a", "b", 1)
open(out + "/invalid_references.json", "w", encoding="utf-8").write(dump(bad))
# Well formed, but the records disagree with the trail.
dis = json.loads(dump(one))
dis["runs"][0]["marks"] = dis["runs"][0]["marks"][1:]; dis["runs"][0]["draws"] = []
dis["runs"][0]["decision"]["decided"] = "not_obtained"
open(out + "/invalid_records_vs_trail.json", "w", encoding="utf-8").write(dump(dis))
