#!/usr/bin/env bash
# Builds a virtualenv in which this library's Python package is used as a Python user would use it:
#   .judges/python/venv  with  cdk-serverless-patterns (built here from the repository by jsii-pacmak),
#   aws-cdk-lib, constructs, cdk-nag and pytest.
#
# Dependencies come from a package index when one is reachable (PyPI for a maintainer). Where none is (CI and
# the development machines reach only the npm registry), they are generated from their npm packages, which
# carry the same jsii assemblies the published wheels are generated from: `jsii-pacmak --code-only --targets
# python` and `pip wheel --no-build-isolation`. The jsii runtime and its two small dependencies then come from
# PYTHON_WHEELS_DIR (default scripts/python-wheels, kept in this repository so that a fresh clone anywhere works).
#
# Needs the library compiled first (`npx projen compile`: .jsii). The dependencies' generated wheels are kept per
# version (and per jsii-pacmak version) in a cache outside the clone, as npm keeps its packages in ~/.npm:
# PYTHON_WHEEL_CACHE, default ~/.cache/cdk-serverless-patterns/python-wheels. On a machine without it the wheels are
# generated (about 1.5 minutes on 2 cores); this library's own wheel is always built from the working tree.
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

# This library, always rebuilt from the working tree.
rm -f "$WHEELS"/cdk_serverless_patterns-*.whl
wheel_from_npm . cdk_serverless_patterns "$SELF_VERSION" "$WHEELS"

DEPS=("aws-cdk-lib==$CDK_VERSION" "constructs==$CONSTRUCTS_VERSION" "cdk-nag==$NAG_VERSION")
if pip_ install -q --no-compile "${DEPS[@]}" 2>/dev/null; then
  echo "python-venv: aws-cdk-lib $CDK_VERSION, constructs and cdk-nag from the package index"
else
  echo "python-venv: no package index serves aws-cdk-lib $CDK_VERSION; generating the wheels from npm"
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
