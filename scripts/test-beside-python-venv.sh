#!/usr/bin/env bash
# CI's longest two steps side by side: the test task (type check, jest, eslint) and the build of the Python
# virtualenv (mostly jsii-pacmak generating aws-cdk-lib's Python package, about a minute of one core). jest spends
# much of its time waiting on the CDK CLI, cfn-lint and cfn-guard, so the two overlap well on 2 cores.
# The virtualenv's output is printed after the tests; either failing fails this step.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .judges
log=.judges/python-venv.log
start=$SECONDS
npx projen python:venv > "$log" 2>&1 &
venv_pid=$!
npx projen test
tests=$?
wait "$venv_pid"
venv=$?
echo "---- python:venv (built beside the tests; ${SECONDS}s for both) ----"
cat "$log"
[ "$venv" -eq 0 ] || echo "python:venv failed (exit $venv)" >&2
[ "$tests" -eq 0 ] && [ "$venv" -eq 0 ]
