#!/usr/bin/env bash
# Runs the Java example app's JUnit tests (examples/java: aws-cdk-lib assertions, the CDK CLI's synth with cdk-nag and
# ServerlessPatternsChecks, cfn-lint) against the jar `npx projen package:java` built into dist/java, the Maven
# repository the release publishes. Its reports go to test-reports/java (surefire XML, which .ci/run counts).
#
# Maven keeps a release it has resolved once in the local repository (~/.m2/repository) and never asks again, so a
# jar from an earlier build of this repository would be used instead of the one just built: it is removed first.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls dist/java/io/github/cdk-serverless-patterns/cdk-serverless-patterns/*/cdk-serverless-patterns-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1 || true)
[ -n "$jar" ] || { echo "java-test: dist/java has no jar; run 'npx projen package:java' first" >&2; exit 1; }
rm -rf "$HOME/.m2/repository/io/github/cdk-serverless-patterns"
rm -rf test-reports/java examples/java/target/surefire-reports
mkdir -p test-reports/java
echo "java-test: $jar"
status=0
(cd examples/java && mvn --batch-mode --quiet --no-transfer-progress -Dmaven.repo.local="$HOME/.m2/repository" \
  -P this-repository test) || status=$?
cp examples/java/target/surefire-reports/TEST-*.xml test-reports/java/ 2>/dev/null || true
exit "$status"
