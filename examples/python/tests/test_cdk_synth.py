"""The app synthesized with the CDK CLI, as a Python user runs it (`npx cdk synth` in this folder), judged by
cdk-nag's AwsSolutions and Serverless packs and this library's ServerlessPatternsChecks (registered in app.py:
a finding fails the synth) and by cfn-lint (BP-X2, X3)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

APP_DIR = Path(__file__).resolve().parent.parent
CDK = APP_DIR.parent.parent / "node_modules" / ".bin" / "cdk"


@pytest.fixture(scope="module")
def cloud_assembly(tmp_path_factory) -> Path:
    assert CDK.exists(), f"the CDK CLI is not installed at {CDK}: run `npm ci` in the repository"
    out = tmp_path_factory.mktemp("cdk.out")
    # The app runs with this interpreter (the virtualenv that has the library), as `python3 app.py` in cdk.json.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "CI": "true"}
    result = subprocess.run(
        [str(CDK), "synth", "--quiet", "--no-notices", "--ci", "--output", str(out)],
        cwd=APP_DIR, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"cdk synth failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    return out


def test_the_cli_synthesizes_the_app_with_zero_findings(cloud_assembly):
    template = json.loads((cloud_assembly / "PythonOrdersService.template.json").read_text())
    kinds = [r["Type"] for r in template["Resources"].values()]
    assert kinds.count("AWS::Lambda::Function") == 4
    assert kinds.count("AWS::Lambda::Alias") == 4
    report = json.loads((cloud_assembly / "validation-report.json").read_text())
    # Every plugin passed, with nothing left to read: no finding and no unacknowledged warning.
    violations = [(r["pluginName"], v) for r in report["pluginReports"] for v in r.get("violations", [])]
    assert [r["conclusion"] for r in report["pluginReports"]] == ["success"] * len(report["pluginReports"])
    assert violations == []


def test_cfn_lint_finds_nothing(cloud_assembly):
    cfn_lint = shutil.which("cfn-lint")
    assert cfn_lint, "cfn-lint is not installed: `pip install cfn-lint` (the TypeScript examples' judge too)"
    templates = [str(p) for p in cloud_assembly.glob("*.template.json")]
    result = subprocess.run([cfn_lint, "--ignore-checks", "W3005", "--", *templates], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
