#!/usr/bin/env bash
# Runs the Go example app's tests (examples/go: aws-cdk-lib assertions, the handlers, the CDK CLI's synth with
# ServerlessPatternsChecks, cfn-lint) against the module `npx projen package:go` built into dist/go, the module the
# release publishes. examples/go/go.mod is a user's (it requires the module by its published path); a Go workspace
# outside it (.judges/go/go.work) replaces that module with dist/go. The `go test -json` events go to
# test-reports/go-test.json, which .ci/run counts.
set -euo pipefail
cd "$(dirname "$0")/.."
module=dist/go/cdkserverlesspatterns
[ -f "$module/go.mod" ] || { echo "go-test: $module has no go.mod; run 'npx projen package:go' first" >&2; exit 1; }
mkdir -p .judges/go test-reports
cat > .judges/go/go.work <<WORK
go $(sed -n 's/^go //p' examples/go/go.mod)

use ../../examples/go

replace $(sed -n 's/^module //p' "$module/go.mod") => ../../$module
WORK
export GOWORK="$PWD/.judges/go/go.work" GOFLAGS="${GOFLAGS:--buildvcs=false}"
echo "go-test: $module ($(cat "$module/version" 2>/dev/null || echo '?')) through $GOWORK"
cd examples/go
status=0
go vet ./...
go test -count=1 -json ./... > ../../test-reports/go-test.json || status=$?
# What a person reads: each package's result, and any failure's output.
node -e '
const events = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map(l => { try { return JSON.parse(l); } catch { return { Action: "output", Output: l + "\n" }; } });
const out = {};
for (const e of events) {
  const key = `${e.Package} ${e.Test ?? ""}`;
  if (e.Action === "output") (out[key] ??= []).push(e.Output);
  if (e.Test && e.Action === "fail") process.stdout.write(`--- FAIL ${e.Package} ${e.Test}\n${(out[key] ?? []).join("")}`);
  if (!e.Test && ["pass", "fail", "skip"].includes(e.Action)) console.log(`${e.Action === "pass" ? "ok  " : e.Action.toUpperCase()} ${e.Package} ${e.Elapsed ?? ""}s`);
}' ../../test-reports/go-test.json
exit "$status"
