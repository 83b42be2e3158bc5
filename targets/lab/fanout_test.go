package main

import (
	"fmt"
	"testing"
)

func TestFanoutSpawnsNGoroutinesPerRequest(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	const n, requests = 200, 5
	created0, hasCreated := runtimeMetric("/sched/goroutines-created:goroutines") // Go >= 1.26
	for i := 0; i < requests; i++ {
		// Every goroutine sends its index once, so the body's sum proves all n were joined.
		want := fmt.Sprintf("fanout n=%d sum=%d\n", n, n*(n-1)/2)
		if body := mustGet(t, fmt.Sprintf("%s/fanout?n=%d", app.URL, n)); body != want {
			t.Fatalf("body %q, want %q", body, want)
		}
	}
	if got := l.fanout.spawned.Load(); got != n*requests {
		t.Fatalf("lab_fanout_goroutines_total = %d, want %d", got, n*requests)
	}
	if hasCreated {
		created1, _ := runtimeMetric("/sched/goroutines-created:goroutines")
		if d := created1 - created0; d < n*requests {
			t.Fatalf("/sched/goroutines-created grew by %.0f, want >= %d", d, n*requests)
		}
	} else {
		t.Log("this Go has no /sched/goroutines-created (added in 1.26); checked the lab counter only")
	}
}
