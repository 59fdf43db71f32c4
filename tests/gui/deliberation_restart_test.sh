#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# After a crash during a deliberation, jurymn starts again on it (issue 26
# item 12), through the window's own start-up path (the unit test
# UiClicks.ARestartDuringADeliberationReturnsToItWithItsDraftAndChoice
# calls the function; this checks that the start-up calls it): the demo's
# exam under way would open otherwise. The justification draft is written
# as the window writes it; --stats says which screen was shown at exit.
# Usage: deliberation_restart_test.sh JURYMN
set -euo pipefail
jurymn=$1
source "$(dirname "$0")/scratch.sh"
db=$work/jury.db
"$jurymn" demo --db "$db" >/dev/null
shown() {  # the screen the window shows after starting on $db
  xvfb-run -a -s "-screen 0 1920x1080x24" "$jurymn" --db "$db" --exit-after 2 --stats 2>"$work/err" |
    grep -o "screen=[a-z-]*" | cut -d= -f2
}
before=$(shown)
echo "without a draft: $before"
[ "$before" != deliberation ] || { echo "FAIL: the demo alone opens the deliberation: the test proves nothing"; exit 1; }
python3 - "$db" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
(run,) = c.execute("SELECT uuid FROM exam_run ORDER BY id LIMIT 1").fetchone()
c.execute("INSERT OR REPLACE INTO draft (run_uuid, field, text, updated_at) VALUES (?, 'justification', ?, ?)",
          (run, "Écart comblé à l’oral.", int(time.time() * 1000)))
c.commit()
PY
after=$(shown)
echo "with a justification draft left: $after"
[ "$after" = deliberation ] || { echo "FAIL: restarted on « $after », not on the deliberation left"; cat "$work/err"; exit 1; }
echo "ok: restart on the deliberation left"
