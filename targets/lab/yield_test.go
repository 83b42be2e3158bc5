package main

import (
	"fmt"
	"net/http"
	"testing"
)

func TestYieldCallsGoschedNTimesKPerRequest(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	const n, k, requests = 16, 200, 5
	for i := 0; i < requests; i++ {
		want := fmt.Sprintf("yield n=%d k=%d\n", n, k)
		if body := mustGet(t, fmt.Sprintf("%s/yield?n=%d&k=%d", app.URL, n, k)); body != want {
			t.Fatalf("body %q, want %q", body, want)
		}
	}
	// The handler waits for its goroutines, so every Gosched has been counted when it answers.
	if got := l.yield.yields.Load(); got != n*k*requests {
		t.Fatalf("lab_yields_total = %d, want %d", got, n*k*requests)
	}
}

func TestYieldRefusesOutOfBoundsParameters(t *testing.T) {
	_, app, _ := testLab(t, defaultConfig(t))
	for _, q := range []string{"n=0", "n=1001", "k=0", "k=10001", "k=x"} {
		resp, err := http.Get(app.URL + "/yield?" + q)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("/yield?%s: status %d, want 400", q, resp.StatusCode)
		}
	}
}
