package main

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func TestOnlyTheBadMessagesAreReported(t *testing.T) {
	res, _ := handle(context.Background(), events.SQSEvent{Records: []events.SQSMessage{
		{MessageId: "1", Body: `{"orderId":"o-1"}`}, {MessageId: "2", Body: `{}`}, {MessageId: "3", Body: `x`},
	}})
	if len(res.BatchItemFailures) != 2 || res.BatchItemFailures[0].ItemIdentifier != "2" || res.BatchItemFailures[1].ItemIdentifier != "3" {
		t.Fatalf("got %+v", res.BatchItemFailures)
	}
}
