#!/usr/bin/env bash
# Time from launching the packaged program to its window on screen, from outside the app.
#
#   bash packaging/measure-window.sh PROGRAM VISIT [RUNS]
#   e.g. bash packaging/measure-window.sh dist/VisitPlanner/visitplanner /tmp/demo.visit 5
#
# Starts a virtual X server (Xvfb), runs `PROGRAM gui VISIT` on Qt's xcb platform with a
# clean user each time, and polls every 20 ms for a visible window named VisitPlanner
# (xdotool): the bundle's own start-up, Qt's, opening the visit and building the window.
# Needs Debian's xvfb and xdotool. Prints one time per run, then the best.
set -euo pipefail

program=${1:?usage: measure-window.sh PROGRAM VISIT [RUNS]}
visit=${2:?usage: measure-window.sh PROGRAM VISIT [RUNS]}
runs=${3:-5}
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "measure-window: $tool is missing" >&2; exit 2; }
done

display=":$((60 + RANDOM % 30))"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
server=$!
work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; fi
  kill "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
sleep 1

export DISPLAY=$display QT_QPA_PLATFORM=xcb LANG=C.UTF-8 LC_ALL=C.UTF-8
best=""
for run in $(seq "$runs"); do
  export XDG_CONFIG_HOME="$work/$run/config" XDG_DATA_HOME="$work/$run/data"
  export XDG_STATE_HOME="$work/$run/state"
  started=$EPOCHREALTIME
  "$program" gui "$visit" >"$work/app-$run.log" 2>&1 &
  app=$!
  until xdotool search --onlyvisible --name VisitPlanner >/dev/null 2>&1; do
    kill -0 "$app" 2>/dev/null || { echo "measure-window: the program stopped" >&2; exit 1; }
    sleep 0.02
  done
  took=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
  kill "$app"
  wait "$app" 2>/dev/null || true
  app=""
  echo "run $run: ${took} s"
  best=$(awk -v a="${best:-$took}" -v b="$took" 'BEGIN { print (b < a ? b : a) }')
done
echo "measure-window: launch to window on screen, best of $runs: ${best} s"
