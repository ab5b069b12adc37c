#!/usr/bin/env bash
# Builds a virtualenv in which this library's Python package is used as a Python user would use it:
#   .judges/python/venv  with  cdk-serverless-patterns (built here from the repository by jsii-pacmak),
#   aws-cdk-lib, constructs, cdk-nag and pytest.
#
# This library's wheel is the one the release publishes: `npx projen package:python` (jsii-pacmak, which builds the
# sdist and wheel into dist/python). Its dependencies come from the package index (PyPI) at the versions npm
# installed; where the index has no such version yet (aws-cdk-lib reaches PyPI some days after npm), the newest one
# published below it that this library's range (peerDependencies) allows, and the script says which. Only where no
# index is reachable are the wheels generated from their npm packages, which carry the same jsii assemblies the
# published wheels are generated from (`jsii-pacmak --code-only --targets python`, `pip wheel
# --no-build-isolation`), with the jsii runtime and its two small dependencies from PYTHON_WHEELS_DIR (default
# scripts/python-wheels, kept in this repository so that a fresh clone anywhere works). Generated wheels are kept per
# version (and per jsii-pacmak version) in PYTHON_WHEEL_CACHE, default ~/.cache/cdk-serverless-patterns/python-wheels.
#
# Needs the library compiled first (`npx projen compile`: .jsii).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=.judges/python
VENV="$OUT/venv"
WHEELS="$OUT/wheels"
GEN="$OUT/gen"
SHARED_WHEELS="${PYTHON_WHEELS_DIR:-scripts/python-wheels}"
# One attempt per index: where an index is unreachable, pip's default 5 retries add minutes (measured: 2 min 54 s
# against 36 s of work).
export PIP_RETRIES="${PIP_RETRIES:-0}" PIP_DISABLE_PIP_VERSION_CHECK=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

[ -f .jsii ] || { echo "python-venv: .jsii is missing; run 'npx projen compile' first" >&2; exit 1; }
version_of() { node -p "require('$1/package.json').version"; }
CDK_VERSION=$(version_of aws-cdk-lib)
CONSTRUCTS_VERSION=$(version_of constructs)
NAG_VERSION=$(version_of cdk-nag)
SELF_VERSION=$(version_of ./)

PACMAK_VERSION=$(version_of jsii-pacmak)
CACHE="${PYTHON_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk-serverless-patterns/python-wheels}/jsii-pacmak-$PACMAK_VERSION"
mkdir -p "$WHEELS" "$GEN" "$CACHE"
python3 -m venv --clear "$VENV"
# pip, without its warning for each package that a configured local index has no folder for (noise, not news).
pip_() { "$VENV/bin/pip" "$@" 2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2); }
FIND_LINKS=(--find-links "$WHEELS" --find-links "$CACHE")
[ -d "$SHARED_WHEELS" ] && FIND_LINKS+=(--find-links "$SHARED_WHEELS")
pip_ install -q --no-compile "${FIND_LINKS[@]}" setuptools wheel pytest

# Generates the Python package of an npm jsii module and builds its wheel, unless that version is built already.
wheel_from_npm() { # <npm package dir> <python distribution name> <version> <wheel folder>
  local dir="$1" dist="$2" version="$3" out="$4" gen
  if ls "$out/$dist-$version-"*.whl >/dev/null 2>&1; then
    return 0
  fi
  gen="$GEN/$dist-$version"
  rm -rf "$gen"
  npx jsii-pacmak --code-only --targets python --outdir "$gen" "$dir" >/dev/null
  pip_ wheel -q --no-build-isolation --no-deps -w "$out" "$gen/python"
}

# The newest version of a distribution the index publishes that is at most <version> and at least <floor>; empty if
# the index is unreachable or has none.
index_version() { # <distribution> <version> <floor>
  "$VENV/bin/pip" index versions "$1" 2>/dev/null | sed -n 's/^Available versions: //p' | tr ',' '\n' | tr -d ' ' \
    | node -e '
      const [max, floor] = process.argv.slice(1).map(v => v.split(".").map(Number));
      const cmp = (a, b) => { for (let i = 0; i < 3; i++) if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) - (b[i] || 0); return 0; };
      const vs = require("fs").readFileSync(0, "utf8").split("\n").filter(v => /^\d+\.\d+\.\d+$/.test(v)).map(v => v.split(".").map(Number));
      const ok = vs.filter(v => cmp(v, max) <= 0 && cmp(v, floor) >= 0).sort(cmp);
      if (ok.length) console.log(ok.pop().join("."));' "$2" "$3"
}
peer_floor() { node -p "require('./package.json').peerDependencies['$1'].replace(/^[^0-9]*/, '')"; }

# This library: the wheel `package:python` builds (what the release publishes), from the working tree.
rm -f "$WHEELS"/cdk_serverless_patterns-*.whl
if npx projen package:python >"$OUT/package-python.log" 2>&1; then
  cp dist/python/cdk_serverless_patterns-"$SELF_VERSION"-*.whl "$WHEELS"/
  echo "python-venv: cdk-serverless-patterns $SELF_VERSION from package:python (dist/python: sdist and wheel)"
else
  echo "python-venv: package:python failed (log: $OUT/package-python.log); generating the wheel with jsii-pacmak --code-only"
  wheel_from_npm . cdk_serverless_patterns "$SELF_VERSION" "$WHEELS"
fi

CDK_PY=$(index_version aws-cdk-lib "$CDK_VERSION" "$(peer_floor aws-cdk-lib)")
CONSTRUCTS_PY=$(index_version constructs "$CONSTRUCTS_VERSION" "$(peer_floor constructs)")
NAG_PY=$(index_version cdk-nag "$NAG_VERSION" "$NAG_VERSION")
if [ -n "$CDK_PY" ] && [ -n "$CONSTRUCTS_PY" ] && [ -n "$NAG_PY" ] \
  && pip_ install -q --no-compile "aws-cdk-lib==$CDK_PY" "constructs==$CONSTRUCTS_PY" "cdk-nag==$NAG_PY" 2>/dev/null; then
  for pair in "aws-cdk-lib $CDK_VERSION $CDK_PY" "constructs $CONSTRUCTS_VERSION $CONSTRUCTS_PY" "cdk-nag $NAG_VERSION $NAG_PY"; do
    set -- $pair
    if [ "$2" = "$3" ]; then echo "python-venv: $1 $3 from the package index (as npm)"
    else echo "python-venv: $1 $3 from the package index: the newest published there; npm has $2"; fi
  done
  CDK_VERSION=$CDK_PY NAG_VERSION=$NAG_PY
else
  DEPS=("aws-cdk-lib==$CDK_VERSION" "constructs==$CONSTRUCTS_VERSION" "cdk-nag==$NAG_VERSION")
  echo "python-venv: no package index reachable for aws-cdk-lib, constructs and cdk-nag; generating the wheels from npm"
  if [ ! -d "$SHARED_WHEELS" ]; then
    echo "python-venv: the jsii runtime wheels are not at $SHARED_WHEELS; set PYTHON_WHEELS_DIR to the folder that has jsii-*.whl, typeguard-*.whl and publication-*.whl" >&2
    exit 1
  fi
  # aws-cdk-lib's jsii dependencies (its .jsii `dependencies`), and those of cdk-nag, at the versions npm installed.
  pids=()
  wheel_from_npm node_modules/aws-cdk-lib aws_cdk_lib "$CDK_VERSION" "$CACHE" & pids+=($!)
  wheel_from_npm node_modules/constructs constructs "$CONSTRUCTS_VERSION" "$CACHE" & pids+=($!)
  for m in asset-awscli-v1 asset-node-proxy-agent-v6 cloud-assembly-schema; do
    wheel_from_npm "node_modules/@aws-cdk/$m" "aws_cdk.${m//-/_}" "$(version_of "@aws-cdk/$m")" "$CACHE" & pids+=($!)
  done
  wheel_from_npm node_modules/cdk-nag cdk_nag "$NAG_VERSION" "$CACHE" & pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid"; done
  pip_ install -q --no-compile "${FIND_LINKS[@]}" "${DEPS[@]}"
fi

# The library itself from the wheel just built (never a published one of the same name), then a consistency check.
pip_ install -q --no-compile --no-deps "$WHEELS"/cdk_serverless_patterns-"$SELF_VERSION"-*.whl
pip_ check
echo "python-venv: $VENV has cdk-serverless-patterns $SELF_VERSION, aws-cdk-lib $CDK_VERSION, cdk-nag $NAG_VERSION"
