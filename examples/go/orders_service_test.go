package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	csp "github.com/cdk-serverless-patterns/cdk-serverless-patterns-go/cdkserverlesspatterns"
)

// The Go app's stack, asserted with aws-cdk-lib's assertions as a Go user's tests would.

var (
	once     sync.Once
	template assertions.Template
)

func ordersTemplate() assertions.Template {
	once.Do(func() {
		template = assertions.Template_FromStack(NewOrdersService(awscdk.NewApp(nil), "Orders", nil).Stack, nil)
	})
	return template
}

func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// functions are the stack's functions, by logical ID.
func functions(t *testing.T) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range *ordersTemplate().FindResources(jsii.String("AWS::Lambda::Function"), nil) {
		out[id] = (*r)["Properties"].(map[string]any)
	}
	return out
}

// BP-F1, F2, F5: the library's defaults hold for Go binaries on provided.al2023.
func TestEveryFunctionIsAGoBinaryOnArm64WithTracing(t *testing.T) {
	fns := functions(t)
	if len(fns) != 4 {
		t.Fatalf("want 4 functions, got %d", len(fns))
	}
	for id, p := range fns {
		if p["Runtime"] != "provided.al2023" || p["Handler"] != "bootstrap" {
			t.Errorf("%s: runtime %v, handler %v", id, p["Runtime"], p["Handler"])
		}
		if fmt.Sprint(p["Architectures"]) != "[arm64]" || fmt.Sprint(p["TracingConfig"]) != "map[Mode:Active]" {
			t.Errorf("%s: architectures %v, tracing %v", id, p["Architectures"], p["TracingConfig"])
		}
	}
	ordersTemplate().ResourceCountIs(jsii.String("AWS::Lambda::Alias"), jsii.Number(4))
}

func TestRouteSettingsGivenToAddRouteReachTheFunction(t *testing.T) {
	memory := map[string]float64{}
	for id, p := range functions(t) {
		memory[id] = p["MemorySize"].(float64)
	}
	for id, mb := range memory {
		post := strings.HasPrefix(id, "OrdersApiPOSTorders")
		if post != (mb == 512) {
			t.Errorf("%s: MemorySize %v (only the POST route has 512)", id, mb)
		}
	}
}

// BP-A4: &ApiThrottleOptions{RateLimit: 50, BurstLimit: 100}.
func TestTheStageIsThrottled(t *testing.T) {
	ordersTemplate().HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Stage"), map[string]any{
		"DefaultRouteSettings": map[string]any{"ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100},
	})
}

// BP-Q2, Q4, F8: partial batch responses on the alias; visibility timeout 6 × 20 s.
func TestTheQueueWorkerReportsPartialBatchFailuresOnTheAlias(t *testing.T) {
	tpl := ordersTemplate()
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::EventSourceMapping"), map[string]any{
		"FunctionResponseTypes": []any{"ReportBatchItemFailures"},
		"BatchSize":             10,
		"ScalingConfig":         map[string]any{"MaximumConcurrency": 5},
	})
	// The mapping's FunctionName is the alias's ARN.
	for _, m := range *tpl.FindResources(jsii.String("AWS::Lambda::EventSourceMapping"), nil) {
		if name := fmt.Sprint((*m)["Properties"].(map[string]any)["FunctionName"]); !strings.Contains(name, "FulfilmentFunctionAlias") {
			t.Errorf("FunctionName %s is not the alias", name)
		}
	}
	queues := tpl.FindResources(jsii.String("AWS::SQS::Queue"), map[string]any{
		"Properties": map[string]any{"RedrivePolicy": assertions.Match_AnyValue()},
	})
	for _, q := range *queues {
		if got := (*q)["Properties"].(map[string]any)["VisibilityTimeout"]; got != float64(120) {
			t.Errorf("VisibilityTimeout %v, want 120", got)
		}
	}
}

// The wiring recipe: GrantSendMessages on the route's ServerlessFunction (an IGrantable) gives its role alone.
func TestOnlyThePostRouteMaySendToTheFulfilmentQueue(t *testing.T) {
	tpl := ordersTemplate()
	var queue string
	for id := range *tpl.FindResources(jsii.String("AWS::SQS::Queue"), map[string]any{
		"Properties": map[string]any{"RedrivePolicy": assertions.Match_AnyValue()},
	}) {
		queue = id
	}
	var roles []string
	for _, p := range *tpl.FindResources(jsii.String("AWS::IAM::Policy"), nil) {
		props := (*p)["Properties"].(map[string]any)
		for _, s := range props["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			st := s.(map[string]any)
			if strings.Contains(fmt.Sprint(st["Action"]), "sqs:SendMessage") && strings.Contains(fmt.Sprint(st["Resource"]), queue) {
				roles = append(roles, fmt.Sprint(props["Roles"]))
			}
		}
	}
	if len(roles) != 1 || !strings.Contains(roles[0], "OrdersApiPOSTorders") {
		t.Fatalf("roles that may send to %s: %v", queue, roles)
	}
}

// BP-S1, S2: EventBridge Scheduler, a time zone, a dead-letter queue, the alias as target.
func TestTheNightlyReportRunsInBerlinTimeAgainstTheAlias(t *testing.T) {
	ordersTemplate().HasResourceProperties(jsii.String("AWS::Scheduler::Schedule"), map[string]any{
		"ScheduleExpression":         "cron(30 2 * * ? *)",
		"ScheduleExpressionTimezone": "Europe/Berlin",
		"Target": assertions.Match_ObjectLike(&map[string]any{
			"Arn":              map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("NightlyReportFunctionAlias"))},
			"DeadLetterConfig": map[string]any{"Arn": assertions.Match_AnyValue()},
		}),
	})
}

// ---- What only Go shows: pointers, nil for an unset prop, structs in a map, panics with the library's message,
// and an aws-cdk-lib interface implemented in Go (goBuild, an ILocalBundling).

var inline = awslambda.Code_FromInline(jsii.String("exports.handler = async () => ({ statusCode: 200 });"))

func nodeRoute(memory float64) *csp.ApiRouteProps {
	return &csp.ApiRouteProps{Code: inline, Runtime: awslambda.Runtime_NODEJS_24_X(), Handler: jsii.String("index.handler"),
		MemorySize: jsii.Number(memory)}
}

// A struct inside a map (map[string]*ApiRouteProps): jsii serializes each value as the struct it is.
func TestRoutesGivenAsAMapOfStructsReachTheirFunctions(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Routes"), nil)
	csp.NewServerlessApi(stack, jsii.String("Api"), &csp.ServerlessApiProps{
		Routes: &map[string]*csp.ApiRouteProps{"GET /items": nodeRoute(256), "POST /items": nodeRoute(2048)},
	})
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.ResourceCountIs(jsii.String("AWS::ApiGatewayV2::Route"), jsii.Number(2))
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), map[string]any{"MemorySize": 256})
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), map[string]any{"MemorySize": 2048})
}

// A nil pointer is an unset prop: the default, never an error or a zero.
func TestNilIsAnUnsetProp(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Nils"), nil)
	given := csp.NewServerlessFunction(stack, jsii.String("Given"), &csp.ServerlessFunctionProps{
		Code: inline, Runtime: awslambda.Runtime_NODEJS_24_X(), Handler: jsii.String("index.handler"),
		MemorySize: nil, Timeout: nil, Description: nil,
	})
	plain := csp.NewServerlessFunction(stack, jsii.String("Plain"), &csp.ServerlessFunctionProps{
		Code: inline, Runtime: awslambda.Runtime_NODEJS_24_X(), Handler: jsii.String("index.handler"),
	})
	if *given.MemorySize() != *plain.MemorySize() || *given.Timeout().ToSeconds(nil) != *plain.Timeout().ToSeconds(nil) {
		t.Fatalf("memory %v/%v, timeout %v/%v", *given.MemorySize(), *plain.MemorySize(),
			*given.Timeout().ToSeconds(nil), *plain.Timeout().ToSeconds(nil))
	}
}

// panicMessage runs f and returns what it panicked with ("" when it did not).
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// BP-F3 from Go: the library's error is a panic whose message names the prop, the value, the range and the fix.
func TestABadValueIsTheLibrarysMessage(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Bad"), nil)
	msg := panicMessage(func() {
		csp.NewServerlessFunction(stack, jsii.String("Fn"), &csp.ServerlessFunctionProps{
			Code: inline, Runtime: awslambda.Runtime_NODEJS_24_X(), Handler: jsii.String("index.handler"),
			MemorySize: jsii.Number(64),
		})
	})
	for _, want := range []string{"memorySize", "64", "128"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message %q does not name %q", msg, want)
		}
	}
}

func TestABadValueInsideAStructInAMapNamesItsRoute(t *testing.T) {
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("BadRoute"), nil)
	route := nodeRoute(256)
	route.Timeout = awscdk.Duration_Seconds(jsii.Number(60))
	msg := panicMessage(func() {
		csp.NewServerlessApi(stack, jsii.String("Api"), &csp.ServerlessApiProps{Routes: &map[string]*csp.ApiRouteProps{"GET /items": route}})
	})
	if !strings.Contains(msg, "GET /items") || !strings.Contains(msg, "timeout") {
		t.Fatalf("message: %q", msg)
	}
}

// ---- The app synthesized with the CDK CLI (`npx cdk synth`, cdk.json: `go run .`), judged by
// ServerlessPatternsChecks (registered in app.go: a finding fails the synth) and linted by cfn-lint (BP-X2, X3).

var cdk = filepath.Join("..", "..", "node_modules", ".bin", "cdk")

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "CI=true")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestTheCliSynthesizesTheAppWithZeroFindingsAndCfnLintFindsNothing(t *testing.T) {
	if _, err := os.Stat(cdk); err != nil {
		t.Fatalf("the CDK CLI is not installed at %s: run `npm ci` in the repository", cdk)
	}
	out := t.TempDir()
	// The app as cdk.json runs it (`go run .`), through the CLI.
	printed := run(t, cdk, "synth", "--quiet", "--no-notices", "--ci", "--output", out)
	if strings.Contains(printed, "WARNING") || strings.Contains(printed, "ERROR") {
		t.Errorf("the synth printed findings:\n%s", printed)
	}
	raw, err := os.ReadFile(filepath.Join(out, "GoOrdersService.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tpl struct {
		Resources map[string]struct{ Type string }
	}
	if err := json.Unmarshal(raw, &tpl); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range tpl.Resources {
		kinds[r.Type]++
	}
	if kinds["AWS::Lambda::Function"] != 4 || kinds["AWS::Lambda::Alias"] != 4 {
		t.Errorf("resources: %v", kinds)
	}
	report, err := os.ReadFile(filepath.Join(out, "validation-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(report), `"failure"`) || strings.Contains(string(report), `"violations": [`+"\n") {
		t.Errorf("validation report:\n%s", report)
	}
	// The handlers were built for Lambda: an arm64 ELF `bootstrap` in each of the three assets.
	assets, _ := filepath.Glob(filepath.Join(out, "asset.*", "bootstrap"))
	if len(assets) != 3 {
		t.Errorf("bootstrap binaries: %v", assets)
	}
	for _, a := range assets {
		b, _ := os.ReadFile(a)
		// ELF magic, and e_machine 0xB7 (AArch64) at offset 18.
		if len(b) < 20 || string(b[:4]) != "\x7fELF" || b[18] != 0xB7 {
			t.Errorf("%s is not a linux/arm64 binary", a)
		}
	}
	templates, _ := filepath.Glob(filepath.Join(out, "*.template.json"))
	run(t, "cfn-lint", append([]string{"--ignore-checks", "W3005", "--"}, templates...)...)
}

// app.go's judge registers ServerlessPatternsChecks: a plain aws-cdk-lib function (x86_64, no tracing) is a finding
// (SP-F1, SP-F5), so synth fails.
func TestTheJudgeOfTheAppFailsAFinding(t *testing.T) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
	stack := awscdk.NewStack(app, jsii.String("Judged"), nil)
	awslambda.NewFunction(stack, jsii.String("Plain"), &awslambda.FunctionProps{
		Code: inline, Runtime: awslambda.Runtime_NODEJS_24_X(), Handler: jsii.String("index.handler"),
	})
	judge(app)
	if msg := panicMessage(func() { app.Synth(nil) }); !strings.Contains(msg, "Validation failed") {
		t.Fatalf("synth did not fail on the finding: %q", msg)
	}
}
