package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func TestGetOrder(t *testing.T) {
	res, err := handle(context.Background(), events.APIGatewayV2HTTPRequest{
		RouteKey: "GET /orders/{id}", PathParameters: map[string]string{"id": "o-1"},
	})
	if err != nil || res.StatusCode != 200 || res.Body != `{"orderId":"o-1","status":"RECEIVED"}` {
		t.Fatalf("got %d %q %v", res.StatusCode, res.Body, err)
	}
}

func TestCreateOrderNeedsAPositiveAmount(t *testing.T) {
	for body, status := range map[string]int{`{"amount": 12.5}`: 201, `{"amount": 0}`: 400, `not json`: 400, `{}`: 400} {
		req := events.APIGatewayV2HTTPRequest{RouteKey: "POST /orders", Body: body}
		req.RequestContext.RequestID = "r-1"
		res, err := handle(context.Background(), req)
		if err != nil || res.StatusCode != status {
			t.Errorf("%s: got %d, want %d (%v)", body, res.StatusCode, status, err)
		}
		if status == 201 {
			var got map[string]any
			if json.Unmarshal([]byte(res.Body), &got) != nil || got["orderId"] != "r-1" || got["amount"] != 12.5 {
				t.Errorf("body %s", res.Body)
			}
		}
	}
}
