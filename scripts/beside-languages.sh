#!/usr/bin/env bash
# Runs projen tasks (the arguments, in order) while the other languages' packages are built beside them, one after
# the other: the Python virtualenv (python:venv), the jar (package:java) and the Go module (package:go), each what the
# release publishes. Those builds are mostly downloads, jsii-pacmak and compilers on one core; docgen and
# jsii-rosetta use one core too, and jest spends much of its time waiting on the CDK CLI, cfn-lint and cfn-guard, so
# on CI's 2 cores the two overlap. The builds' output is printed after the tasks; any failure fails this.
#   usage: bash scripts/beside-languages.sh docgen:check rosetta:check test
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .judges
start=$SECONDS
builds=(python:venv package:java package:go)
rm -f .judges/beside.status
(
  for build in "${builds[@]}"; do
    t=$SECONDS
    npx projen "$build" > ".judges/${build//:/-}.log" 2>&1
    rc=$?
    echo "$build $rc $((SECONDS - t))" >> .judges/beside.status
    [ "$rc" -eq 0 ] || exit "$rc"
  done
) &
beside_pid=$!
tasks=0
for task in "$@"; do
  npx projen "$task" || { tasks=$?; echo "$task failed" >&2; break; }
done
wait "$beside_pid"
beside=$?
echo "---- built beside $* ($((SECONDS - start)) s for all) ----"
while read -r build rc secs; do
  echo "---- $build: exit $rc, $secs s ----"
  # The whole log where a build failed; otherwise its last lines (what it built and from where).
  if [ "$rc" -eq 0 ]; then tail -n 4 ".judges/${build//:/-}.log"; else cat ".judges/${build//:/-}.log"; fi
done < <(cat .judges/beside.status 2>/dev/null)
[ "$beside" -eq 0 ] || echo "a build beside the tasks failed (exit $beside): ${builds[*]}" >&2
[ "$tasks" -eq 0 ] && [ "$beside" -eq 0 ]
