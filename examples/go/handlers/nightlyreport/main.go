// The nightly report, invoked by EventBridge Scheduler at 02:30 Berlin time: it reports on the day before.
package main

import (
	"context"
	"time"
	_ "time/tzdata" // Lambda's OS-only runtime may have no zoneinfo: the binary carries it

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(ctx context.Context) (map[string]string, error) { return report(time.Now()), nil })
}

func report(now time.Time) map[string]string {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.UTC
	}
	return map[string]string{"reportDate": now.In(berlin).AddDate(0, 0, -1).Format("2006-01-02")}
}
