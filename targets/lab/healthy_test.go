package main

import (
	"strings"
	"testing"
	"time"
)

func TestSpinRunsAtLeastTheAskedTime(t *testing.T) {
	// A lower bound only: spin must not return early (upper bounds depend on the machine).
	start := time.Now()
	spin(2000)
	if el := time.Since(start); el < 2*time.Millisecond {
		t.Fatalf("spin(2000) returned after %v, want >= 2ms", el)
	}
}

func TestHealthyAnswersWithItsParameter(t *testing.T) {
	_, app, _ := testLab(t, defaultConfig(t))
	if body := mustGet(t, app.URL+"/healthy?us=300"); !strings.HasPrefix(body, "healthy us=300 ") {
		t.Fatalf("body %q", body)
	}
}
