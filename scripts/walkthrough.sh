#!/usr/bin/env bash
# The walk-through of README.md ("Walk-through with curl"), end to end: one demand from a 12345
# hotline call to its archive, each step done over the HTTP API by the demo user whose task it
# is, then found in the three tiers' ledgers and their .xlsx workbooks.
#
#   npm start 2>&1 | tee minsheng.log        # one terminal: prints the demo logins once
#   scripts/walkthrough.sh minsheng.log      # another terminal, in the same folder
#
# START_LOG is any file holding the demo login lines `demo-village  PASSWORD  village_staff @ …`
# (npm start's output, or those lines copied from the terminal). Needs bash, curl and node.
# MINSHENG_URL (default http://127.0.0.1:$PORT, PORT 3000) names the running system; CHANNEL_KEY
# an intake key to use instead of creating one with `npm run channel:create-key` (which reaches
# the system's database through the same DATA_DIR, PGPORT or DATABASE_URL as npm start).
# Cookie jars and the downloaded workbooks go to WALKTHROUGH_DIR (default: a new temporary folder).
set -euo pipefail

LOG=${1:?usage: scripts/walkthrough.sh START_LOG (npm start output holding the demo logins)}
BASE=${MINSHENG_URL:-http://127.0.0.1:${PORT:-3000}}
WORK=${WALKTHROUGH_DIR:-$(mktemp -d)}
mkdir -p "$WORK"
cd "$(dirname "$0")/.."

# json EXPR: a JavaScript expression over the JSON on stdin, `d`, printed; `.code` is `d.code`.
json() {
  node -e 'let s = ""; process.stdin.on("data", (c) => (s += c)).on("end", () => {
    const e = process.argv[1];
    const v = new Function("d", "return " + (e[0] === "." ? "d" : "") + e)(JSON.parse(s));
    console.log(typeof v === "string" ? v : JSON.stringify(v)); });' "$1"
}
password() { awk -v u="$1" '{ for (i = 1; i < NF; i++) if ($i == u) { print $(i + 1); exit } }' "$LOG"; }
# login USER: a session (cookie jar) and its CSRF token in $WORK; prints the user's unit code.
login() {
  local answer
  answer=$(curl -sS --fail-with-body -c "$WORK/$1.jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$(password "$1")\"}" "$BASE/api/session")
  json .csrfToken <<<"$answer" >"$WORK/$1.csrf"
  json .user.unit.code <<<"$answer"
}
# as USER CURL-ARGS…: a request in USER's session, with the CSRF token.
as() {
  local user=$1
  shift
  curl -sS --fail-with-body -b "$WORK/$user.jar" -H "X-CSRF-Token: $(cat "$WORK/$user.csrf")" "$@"
}
# task USER STEP: waits until USER's task list offers the step (the task's elementId) of $CODE.
task() {
  local key
  for _ in $(seq 60); do
    key=$(as "$1" "$BASE/api/tasks" |
      json ".items.find((t) => t.demand?.code === '$CODE' && t.elementId === '$2')?.key ?? ''")
    if [ -n "$key" ]; then echo "$key" && return; fi
    sleep 1
  done
  echo "no task $2 of $CODE for $1 after 60 s" >&2 && return 1
}
# complete USER STEP VARIABLES: USER claims the step's task and completes it with the form's keys.
complete() {
  local key
  key=$(task "$1" "$2")
  as "$1" -X POST "$BASE/api/tasks/$key/assignment"
  as "$1" -X POST -H 'Content-Type: application/json' -d "{\"variables\":$3}" \
    "$BASE/api/tasks/$key/completion"
  echo "  $1: $2 (task $key) $3"
}
# status: the demand's status as the demo leader (district) sees it.
status() { as demo-leader "$BASE/api/demands/$CODE" | json .status; }
wait_for_status() {
  for _ in $(seq 60); do
    [ "$(status)" = "$1" ] && return
    sleep 1
  done
  echo "$CODE is $(status), not $1, after 60 s" >&2 && return 1
}

echo "== $BASE: $(curl -sS "$BASE/health" | json .status)"
KEY=${CHANNEL_KEY:-$(npm run -s channel:create-key -- hotline_12345 2>/dev/null | tail -n 1)}
for user in demo-intake demo-township demo-dispatcher demo-supervisor demo-leader demo-auditor; do
  login "$user" >/dev/null
done
VILLAGE=$(login demo-village)
TOWNSHIP=$(login demo-township)

echo "== 1. the 12345 hotline submits a demand from 学府路社区 (village $VILLAGE)"
CODE=$(curl -sS --fail-with-body -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"externalId":"12345-'"$(date +%Y%m%d%H%M%S)"'","content":"3号楼楼顶漏水，雨天顶楼住户家中渗水，物业一直未处理。",
       "citizen":{"name":"刘德华","phone":"15512342654"},
       "location":{"address":"学府路社区3号楼","unitCode":"'"$VILLAGE"'"}}' \
  "$BASE/api/demands" | json .code)
echo "  demand $CODE"

echo "== 2. screening: first pass by the village, review by the township"
complete demo-village screen-first '{"screeningOutcome":"valid","category":"request","domain":"housing"}'
complete demo-township screen-review '{"reviewOutcome":"reasonable","scope":"village","category":"request","domain":"housing"}'

echo "== 3. the village handles it: accepts, then objects; the dispatcher re-dispatches to the township"
complete demo-village handle '{"handleAction":"accept","handleNote":"已签收，网格员上门查看"}'
complete demo-village handle '{"handleAction":"object","objectionReason":"楼顶防水属小区公共部位维修，需街道协调住建和物业"}'
complete demo-dispatcher dispatch-review '{"dispatchDecision":"redispatch","newLeadUnitCode":"'"$TOWNSHIP"'","dispatchNote":"改派街道牵头"}'

echo "== 4. the township handles it: accepts, resolves"
complete demo-township handle '{"handleAction":"accept","handleNote":"街道已签收"}'
complete demo-township handle '{"handleAction":"resolve","result":"已协调物业维修3号楼楼顶防水层，雨天复查无渗水。"}'
wait_for_status awaiting_verification

echo "== 5. the citizen looks it up and gives feedback on the public page's API"
curl -sS --fail-with-body "$BASE/api/public/demands/$CODE?phoneLast4=2654" |
  json '.status + " " + d.statusLabel + ", " + d.unit.name + ": " + d.result' | sed 's/^/  /'
VISITOR=$(curl -sS --fail-with-body -c "$WORK/visitor.jar" "$BASE/api/public/csrf" | json .csrfToken)
curl -sS --fail-with-body -b "$WORK/visitor.jar" -H "X-CSRF-Token: $VISITOR" -H 'Content-Type: application/json' \
  -d '{"phoneLast4":"2654","satisfaction":"satisfied","comment":"修好了，谢谢！"}' \
  "$BASE/api/public/demands/$CODE/feedback"
echo "  feedback: satisfied"

echo "== 6. four-party sign-off (四方会签)"
complete demo-township signoff-citizen '{"signoffApproved":true,"signoffStatement":"群众电话确认已修好"}'
complete demo-township signoff-handler '{"signoffApproved":true,"signoffStatement":"已维修并雨天复查"}'
complete demo-supervisor signoff-supervisor '{"signoffApproved":true,"signoffStatement":"程序合规"}'
complete demo-leader signoff-principal '{"signoffApproved":true,"signoffStatement":"同意销号"}'
wait_for_status archived
as demo-leader "$BASE/api/demands/$CODE" |
  json '.status + ", archive entry " + d.archive.sequence + ", " + d.history.length + " history entries"' |
  sed 's/^/  /'

echo "== 7. the three tiers' ledgers and workbooks"
check_ledger() { # check_ledger USER TIER: the demand in USER's ledger of TIER, JSON and .xlsx
  local rows
  rows=$(as "$1" "$BASE/api/ledgers/$2" |
    json '.title + " " + d.unit.name + ": " + [...(d.rows ?? []), ...(d.folders ?? []).flatMap((f) => f.rows)]
      .filter((r) => r.code === "'"$CODE"'").map((r) => r.code + " " + r.labels.progress)')
  as "$1" -o "$WORK/$2.xlsx" "$BASE/api/ledgers/$2.xlsx"
  echo "  $1: $rows; $WORK/$2.xlsx holds it $(unzip -p "$WORK/$2.xlsx" | grep -o "$CODE" | wc -l) time(s)"
  grep -q "$CODE" <<<"$rows"
}
check_ledger demo-leader district
check_ledger demo-township township
check_ledger demo-village village

echo "== 8. the auditor verifies the archive chain"
as demo-auditor -X POST "$BASE/api/archive/verify" | sed 's/^/  /'
echo
echo "== done: $CODE archived"
