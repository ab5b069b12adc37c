package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	csp "github.com/cdk-serverless-patterns/cdk-serverless-patterns-go/cdkserverlesspatterns"
)

// The CDK app: `npx cdk synth` in this folder runs it (cdk.json: `go run .`).
func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	NewOrdersService(app, "GoOrdersService", nil)
	judge(app)
	app.Synth(nil)
}

// judge registers this library's audit pack: a finding fails `cdk synth`. (cdk-nag 3, the policy-validation
// plugin the TypeScript, Python and Java apps also register, has no Go module on the Go module proxy yet.)
func judge(app awscdk.App) {
	awscdk.Validations_Of(app).AddPlugins(csp.NewServerlessPatternsChecks())
}
