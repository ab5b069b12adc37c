// The orders API's two routes (API Gateway HTTP API, payload format 2.0), one binary for both: the route key
// tells them apart.
package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(handle)
}

func handle(_ context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	switch req.RouteKey {
	case "GET /orders/{id}":
		id := req.PathParameters["id"]
		if id == "" {
			return respond(http.StatusBadRequest, map[string]any{"message": "the order id is missing"})
		}
		return respond(http.StatusOK, map[string]any{"orderId": id, "status": "RECEIVED"})
	case "POST /orders":
		var body struct {
			Amount *float64 `json:"amount"`
		}
		if err := json.Unmarshal([]byte(req.Body), &body); err != nil || body.Amount == nil || *body.Amount <= 0 {
			return respond(http.StatusBadRequest, map[string]any{"message": "amount must be a positive number"})
		}
		return respond(http.StatusCreated, map[string]any{"orderId": req.RequestContext.RequestID, "amount": *body.Amount})
	}
	return respond(http.StatusNotFound, map[string]any{"message": "no such route: " + req.RouteKey})
}

func respond(status int, body map[string]any) (events.APIGatewayV2HTTPResponse, error) {
	b, err := json.Marshal(body)
	return events.APIGatewayV2HTTPResponse{
		StatusCode: status, Headers: map[string]string{"content-type": "application/json"}, Body: string(b),
	}, err
}
