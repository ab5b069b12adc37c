package main

import (
	"testing"
	"time"
)

func TestTheReportIsOnTheDayBeforeInBerlin(t *testing.T) {
	// 23:30 UTC on 1 March is 00:30 on 2 March in Berlin: the report is on 1 March.
	if got := report(time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC))["reportDate"]; got != "2026-03-01" {
		t.Fatalf("got %s", got)
	}
}
