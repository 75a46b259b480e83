#!/usr/bin/env bash
# Smoke-test a built application: do its commands and its window work from the bundle?
#
#   bash packaging/smoke-test.sh BUNDLE_DIR      (dist/VisitPlanner, or dist/VisitPlanner.app)
#
# Runs the packaged program as an officer would, with no Python of the machine involved:
# --version, demo, check, export-json, import-json, a bad file, the messages in French and
# Ukrainian, then briefing and export-ics when the program lists them, then the window
# (offscreen) on the demo visit for 5 s. Prints one line per step and stops at the first
# failure with a non-zero exit status. Also measures start-up: the wall time of --version
# and of check on the demo visit.
#
# Time zones come from the bundle's own tzdata only (PYTHONTZPATH is emptied), as on a
# Windows machine, which has no zoneinfo database of its own.
set -uo pipefail

bundle=${1:?usage: smoke-test.sh BUNDLE_DIR}
bundle=${bundle%/}
if [ -x "$bundle/visitplanner" ]; then
  program="$bundle/visitplanner"                  # Linux
elif [ -f "$bundle/visitplanner-cli.exe" ]; then
  program="$bundle/visitplanner-cli.exe"          # Windows (Git Bash): the console one
elif [ -x "$bundle/Contents/MacOS/VisitPlanner" ]; then
  program="$bundle/Contents/MacOS/VisitPlanner"   # macOS .app
else
  echo "smoke-test: no VisitPlanner program in $bundle" >&2
  exit 2
fi

work=$(mktemp -d)
gui_pid=""
cleanup() {
  if [ -n "$gui_pid" ]; then kill "$gui_pid" 2>/dev/null; wait "$gui_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A clean user: settings, application data, crash logs all in the temporary folder.
export QT_QPA_PLATFORM=offscreen
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export PYTHONTZPATH=
crash_logs="$work/state/visitplanner"

elapsed=""
# Seconds since the epoch, to the microsecond: bash 5's own clock, else perl's (macOS bash 3).
now() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    echo "$EPOCHREALTIME"
  else
    perl -MTime::HiRes=time -e 'printf "%.6f\n", time'
  fi
}
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

fail() {
  echo "FAIL  $1" >&2
  shift
  for file in "$@"; do
    if [ -s "$file" ]; then
      echo "----- $(basename "$file")" >&2
      tail -n 30 "$file" >&2
    fi
  done
  exit 1
}

# run NAME [VAR=VALUE...] -- ARGS...: run the program; its output in $work/NAME.out/.err,
# its wall time in $elapsed (seconds), its exit status returned.
run() {
  local name=$1
  shift
  local vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  local started status
  started=$(now)
  env ${vars[@]+"${vars[@]}"} "$program" "$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null
  status=$?
  elapsed=$(since "$started")
  return $status
}

passed=0
ok() {
  passed=$((passed + 1))
  echo "ok    $1 (${elapsed} s)"
}

# expect NAME STATUS [VAR=VALUE...] -- ARGS...: run, fail unless the exit status is STATUS.
expect() {
  local name=$1 want=$2 status
  shift 2
  run "$name" "$@"
  status=$?
  [ "$status" -eq "$want" ] || fail "$name: exit status $status, expected $want" \
    "$work/$name.out" "$work/$name.err"
}

contains() {  # contains NAME FILE TEXT: fail unless FILE holds TEXT
  grep -qF -- "$3" "$2" || fail "$1: '$3' not in $(basename "$2")" "$2"
}

echo "smoke-test: $program"

# Start-up: three runs of --version; the first and the best are reported.
expect version 0 -- --version
contains version "$work/version.out" "VisitPlanner "
first_version=$elapsed
best_version=$elapsed
for _ in 1 2; do
  expect version 0 -- --version
  best_version=$(awk -v a="$best_version" -v b="$elapsed" 'BEGIN { print (b < a ? b : a) }')
done
elapsed="first $first_version s, best of 3 $best_version"
ok "--version: $(cat "$work/version.out")"

expect help 0 -- --help
contains help "$work/help.out" "export-json"
ok "--help"

visit="$work/x.visit"
expect demo 0 -- demo "$visit"
head -c 16 "$visit" | grep -qF "SQLite format 3" || fail "demo: $visit is not an SQLite file"
ok "demo $visit"

# The catalogs are in the bundle: the same command speaks French and Ukrainian.
expect demo-fr 0 LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 -- demo "$work/fr.visit"
contains demo-fr "$work/demo-fr.out" "Visite de démonstration"
ok "demo in French"
expect demo-uk 0 LANG=uk_UA.UTF-8 LC_ALL=uk_UA.UTF-8 -- demo "$work/uk.visit"
contains demo-uk "$work/demo-uk.out" "Демонстраційний візит"
ok "demo in Ukrainian"

expect check 0 -- check "$visit"
contains check "$work/check.out" "Errors: 0"
check_time=$elapsed
ok "check: $(cat "$work/check.out")"

expect check-json 0 -- check "$visit" --json
contains check-json "$work/check-json.out" '"errors": 0'
ok "check --json"

expect export-json 0 -- export-json "$visit" -o "$work/x.json"
contains export-json "$work/x.json" "Калмикова"
ok "export-json"

expect import-json 0 -- import-json "$work/x.json" -o "$work/y.visit"
ok "import-json"

# An encrypted copy (SQLCipher is bundled): it is checked with its passphrase, refused
# without it in one line, and its bytes hold none of the visit's names.
cp "$visit" "$work/e.visit"
expect encrypt 0 VISITPLANNER_PASSPHRASE=smoke-passphrase -- encrypt "$work/e.visit"
head -c 16 "$work/e.visit" | grep -qF "SQLite format 3" && fail "encrypt: the file is still plain"
grep -qF "Kalmykova" "$work/e.visit" && fail "encrypt: a name is readable in the file"
expect encrypted-check 0 VISITPLANNER_PASSPHRASE=smoke-passphrase -- check "$work/e.visit"
contains encrypted-check "$work/encrypted-check.out" "Errors: 0"
expect encrypted-refused 2 -- check "$work/e.visit"
[ "$(wc -l <"$work/encrypted-refused.err")" -eq 1 ] || fail "encrypted-refused: not one line" \
  "$work/encrypted-refused.err"
ok "an encrypted visit: checked with its passphrase, refused without it"

# Bad input: one line on standard error, exit status 2, no traceback.
expect bad-file 2 -- check "$work/missing.visit"
grep -q "Traceback" "$work/bad-file.err" && fail "bad-file: a traceback" "$work/bad-file.err"
[ "$(wc -l <"$work/bad-file.err")" -eq 1 ] || fail "bad-file: not one line" "$work/bad-file.err"
ok "a missing file: $(cat "$work/bad-file.err")"

lists() { grep -qE "^[[:space:]]+$1[[:space:]]" "$work/help.out"; }

if lists briefing; then
  for lang in en uk; do
    pdf="$work/x-$lang.pdf"
    expect "briefing-$lang" 0 -- briefing "$visit" -o "$pdf" --lang "$lang"
    [ "$(head -c 4 "$pdf")" = "%PDF" ] || fail "briefing: $pdf is not a PDF"
    size=$(wc -c <"$pdf")
    [ "$size" -gt 10240 ] || fail "briefing: $pdf is only $size bytes"
    ok "briefing --lang $lang: $size bytes"
  done
else
  echo "skip  briefing: the program does not list it"
fi

if lists export-ics; then
  ics="$work/x.ics"
  expect export-ics 0 -- export-ics "$visit" -o "$ics"
  contains export-ics "$ics" "BEGIN:VCALENDAR"
  contains export-ics "$ics" "BEGIN:VTIMEZONE"
  contains export-ics "$ics" "TZID:Europe/Paris"
  ok "export-ics: $(grep -c "BEGIN:VEVENT" "$ics") events"
else
  echo "skip  export-ics: the program does not list it"
fi

# The window, offscreen, in Ukrainian (dates by Babel, Qt's translations): alive after 5 s,
# nothing on standard error that says it broke, no crash log.
LANG=uk_UA.UTF-8 LC_ALL=uk_UA.UTF-8 "$program" gui "$visit" \
  >"$work/gui.out" 2>"$work/gui.err" </dev/null &
gui_pid=$!
started=$(now)
for _ in $(seq 50); do
  sleep 0.1
  if ! kill -0 "$gui_pid" 2>/dev/null; then
    wait "$gui_pid"
    status=$?
    gui_pid=""
    fail "gui: the window closed after $(since "$started") s with exit status $status" \
      "$work/gui.out" "$work/gui.err"
  fi
done
kill "$gui_pid"
wait "$gui_pid" 2>/dev/null
gui_pid=""
if grep -qiE "traceback|unexpected error|internal error|could not (load|find) the qt platform" \
  "$work/gui.err"; then
  fail "gui: errors on standard error" "$work/gui.err"
fi
if compgen -G "$crash_logs/crash-*.log" >/dev/null; then
  fail "gui: a crash log was written" "$crash_logs"/crash-*.log
fi
elapsed=5.0
ok "gui $visit: alive after 5 s, in Ukrainian, no error"

echo "smoke-test: start-up: --version ${first_version} s first, ${best_version} s best of 3;" \
  "check on the demo ${check_time} s"
echo "smoke-test: $passed passed, 0 failed"
