// An orders service, written in Go the way a Go team would: an HTTP API with a function per route, a queue worker
// fed by the POST route and a nightly report, every function a Go binary (handlers/, aws-lambda-go) on Lambda's
// OS-only runtime provided.al2023, arm64.
//
// The library is used exactly as from TypeScript, with jsii's Go spellings: New<Construct>(scope, id, &Props{…}),
// pointers for every value (jsii.String, jsii.Number), nil for an unset prop, getters as methods (api.HttpApi()),
// and AddRoute(routeKey, props) returning the route's ServerlessFunction.
package main

import (
	"os"
	"os/exec"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	csp "github.com/cdk-serverless-patterns/cdk-serverless-patterns-go/cdkserverlesspatterns"
)

// OrdersService is the whole service in one stack.
type OrdersService struct {
	Stack         awscdk.Stack
	Api           csp.ServerlessApi
	CreateOrder   csp.ServerlessFunction
	Fulfilment    csp.QueueWorker
	NightlyReport csp.ScheduledJob
}

// NewOrdersService builds the stack.
func NewOrdersService(scope constructs.Construct, id string, props *awscdk.StackProps) *OrdersService {
	if props == nil {
		props = &awscdk.StackProps{}
	}
	props.Description = jsii.String("cdk-serverless-patterns example: a Go orders service")
	stack := awscdk.NewStack(scope, jsii.String(id), props)

	alerts := awssns.NewTopic(stack, jsii.String("Alerts"), &awssns.TopicProps{
		MasterKey:  awskms.Alias_FromAliasName(stack, jsii.String("SnsKey"), jsii.String("alias/aws/sns")),
		EnforceSSL: jsii.Bool(true),
	})
	alarms := &csp.FunctionAlarmsOptions{Topic: alerts}

	api := csp.NewServerlessApi(stack, jsii.String("OrdersApi"), &csp.ServerlessApiProps{
		Throttle:         &csp.ApiThrottleOptions{RateLimit: jsii.Number(50), BurstLimit: jsii.Number(100)},
		Alarms:           &csp.ApiAlarmsOptions{Topic: alerts},
		FunctionDefaults: &csp.ServerlessFunctionProps{Alarms: alarms},
	})
	api.AddRoute(jsii.String("GET /orders/{id}"), &csp.ApiRouteProps{
		Code: goHandler("orders"), Runtime: awslambda.Runtime_PROVIDED_AL2023(), Handler: jsii.String("bootstrap"),
	})
	createOrder := api.AddRoute(jsii.String("POST /orders"), &csp.ApiRouteProps{
		Code: goHandler("orders"), Runtime: awslambda.Runtime_PROVIDED_AL2023(), Handler: jsii.String("bootstrap"),
		MemorySize: jsii.Number(512),
	})

	fulfilment := csp.NewQueueWorker(stack, jsii.String("Fulfilment"), &csp.QueueWorkerProps{
		FunctionProps: &csp.ServerlessFunctionProps{
			Code: goHandler("fulfilment"), Runtime: awslambda.Runtime_PROVIDED_AL2023(), Handler: jsii.String("bootstrap"),
			Timeout: awscdk.Duration_Seconds(jsii.Number(20)),
			Alarms:  alarms,
		},
		BatchSize:      jsii.Number(10),
		MaxConcurrency: jsii.Number(5),
	})
	// The POST route enqueues the order: send permission on the queue for that route's function only.
	fulfilment.Queue().GrantSendMessages(createOrder)
	createOrder.AddEnvironment(jsii.String("QUEUE_URL"), fulfilment.Queue().QueueUrl())

	nightly := csp.NewScheduledJob(stack, jsii.String("NightlyReport"), &csp.ScheduledJobProps{
		Schedule: awsscheduler.ScheduleExpression_Cron(&awsscheduler.CronOptionsWithTimezone{
			Hour: jsii.String("2"), Minute: jsii.String("30"),
		}),
		TimeZone: awscdk.TimeZone_EUROPE_BERLIN(),
		FunctionProps: &csp.ServerlessFunctionProps{
			Code: goHandler("nightlyreport"), Runtime: awslambda.Runtime_PROVIDED_AL2023(), Handler: jsii.String("bootstrap"),
			Alarms: alarms,
		},
	})

	return &OrdersService{Stack: stack, Api: api, CreateOrder: createOrder, Fulfilment: fulfilment, NightlyReport: nightly}
}

// goHandler is the code of handlers/<name>: a `bootstrap` binary for linux/arm64 (the library's default
// architecture, BP-F1), built by `go build` at synth time. The build runs here, through aws-cdk-lib's local
// bundling, so no Docker is needed; the Docker image is only what aws-cdk-lib would fall back to.
func goHandler(name string) awslambda.Code {
	dir, err := filepath.Abs(filepath.Join("handlers", name))
	if err != nil {
		panic(err)
	}
	return awslambda.Code_FromAsset(jsii.String(dir), &awss3assets.AssetOptions{
		// The asset's hash is the built binary's (reproducible with -trimpath): a new aws-lambda-go in go.mod, which
		// lies outside the handler's folder, changes the code as it should; a source hash would miss it.
		AssetHashType: awscdk.AssetHashType_OUTPUT,
		Bundling: &awscdk.BundlingOptions{
			Image: awscdk.DockerImage_FromRegistry(jsii.String("public.ecr.aws/docker/library/golang:1.26")),
			Local: &goBuild{dir: dir},
		},
	})
}

// goBuild implements aws-cdk-lib's ILocalBundling in Go: jsii calls TryBundle from the CDK's JavaScript.
type goBuild struct{ dir string }

func (g *goBuild) TryBundle(outputDir *string, _ *awscdk.BundlingOptions) *bool {
	cmd := exec.Command("go", "build", "-trimpath", "-tags", "lambda.norpc", "-ldflags", "-s -w",
		"-o", filepath.Join(*outputDir, "bootstrap"), ".")
	cmd.Dir = g.dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		panic("go build of " + g.dir + " failed: " + err.Error())
	}
	return jsii.Bool(true)
}
