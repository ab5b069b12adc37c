#!/usr/bin/env bash
# AWS Serverless Rules (cfn-lint-serverless), the peer rule pack the audit pack is compared with (README, "the peers"),
# in .judges/serverless-rules: a virtualenv that uses the machine's cfn-lint (installed on the image) and adds the
# rules package from PyPI, pinned. The examples test runs it on examples/audit-app's template.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.3.6
VENV=.judges/serverless-rules
export PIP_RETRIES="${PIP_RETRIES:-0}" PIP_DISABLE_PIP_VERSION_CHECK=1
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import cfn_lint_serverless, cfnlint" 2>/dev/null \
  && [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("cfn-lint-serverless"))')" = "$VERSION" ]; then
  echo "serverless-rules: cfn-lint-serverless $VERSION ready in $VENV"; exit 0
fi
python3 -c "import cfnlint" 2>/dev/null || { echo "serverless-rules: cfn-lint is not installed (pip install cfn-lint)" >&2; exit 1; }
python3 -m venv --clear --system-site-packages "$VENV"
# --no-deps: the machine's cfn-lint is the one every other judge uses (cfn-lint-serverless asks for >= 1.57 but runs on it).
"$VENV/bin/pip" install -q --no-deps "cfn-lint-serverless==$VERSION" \
  || { echo "serverless-rules: cfn-lint-serverless $VERSION could not be installed from the package index" >&2; exit 1; }
echo "serverless-rules: cfn-lint-serverless $VERSION installed in $VENV"
