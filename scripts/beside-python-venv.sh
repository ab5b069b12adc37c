#!/usr/bin/env bash
# Runs projen tasks (the arguments, in order) while the Python virtualenv is built beside them. The virtualenv
# build is mostly jsii-pacmak generating aws-cdk-lib's Python package, about a minute of one core; docgen and
# jsii-rosetta use one core too, and jest spends much of its time waiting on the CDK CLI, cfn-lint and cfn-guard,
# so on CI's 2 cores the two overlap. The virtualenv's output is printed after the tasks; any failure fails this.
#   usage: bash scripts/beside-python-venv.sh docgen:check rosetta:check test
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .judges
log=.judges/python-venv.log
start=$SECONDS
npx projen python:venv > "$log" 2>&1 &
venv_pid=$!
tasks=0
for task in "$@"; do
  npx projen "$task" || { tasks=$?; echo "$task failed" >&2; break; }
done
wait "$venv_pid"
venv=$?
echo "---- python:venv (built beside $*; $((SECONDS - start)) s for all) ----"
cat "$log"
[ "$venv" -eq 0 ] || echo "python:venv failed (exit $venv)" >&2
[ "$tasks" -eq 0 ] && [ "$venv" -eq 0 ]
