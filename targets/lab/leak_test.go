package main

import (
	"net/http"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// leakedNow counts goroutines parked in leakForever, from a full stack dump.
func leakedNow() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			// main.leakForever in the binary, schedgate.dev/lab.leakForever under go test.
			return strings.Count(string(buf[:n]), ".leakForever(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

func TestLeakLeavesNGoroutinesBlockedForever(t *testing.T) {
	l, app, obs := testLab(t, defaultConfig(t))
	before, goroutinesBefore := leakedNow(), runtime.NumGoroutine()
	mustGet(t, app.URL+"/leak?n=7")
	mustGet(t, app.URL+"/leak") // default n=1
	eventually(t, "8 goroutines in leakForever", func() bool { return leakedNow()-before >= 8 })
	if d := leakedNow() - before; d != 8 {
		t.Fatalf("%d new goroutines in leakForever, want 8", d)
	}
	if d := runtime.NumGoroutine() - goroutinesBefore; d < 8 {
		t.Fatalf("runtime.NumGoroutine grew by %d, want >= 8", d)
	}
	if got := l.leak.leaked.Load(); got != 8 {
		t.Fatalf("lab_leaked_goroutines = %d, want 8", got)
	}
	// The goroutine profile served on the pprof port names the wait site.
	if body := mustGet(t, obs.URL+"/debug/pprof/goroutine?debug=1"); !strings.Contains(body, ".leakForever") {
		t.Fatal("goroutine profile does not show leakForever")
	}
}

func TestLeakIsCappedForTheProcessLifetime(t *testing.T) {
	cfg := defaultConfig(t)
	cfg.leakMax = 5
	l, app, _ := testLab(t, cfg)
	mustGet(t, app.URL+"/leak?n=3")
	code, body := get(t, app.URL+"/leak?n=3")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "LAB_LEAK_MAX") {
		t.Fatalf("past the cap: %d %q, want 503 naming LAB_LEAK_MAX", code, body)
	}
	mustGet(t, app.URL+"/leak?n=2") // exactly up to the cap is fine
	if got := l.leak.leaked.Load(); got != 5 {
		t.Fatalf("leaked %d, want 5", got)
	}
}

// With GOEXPERIMENT=goroutineleakprofile (Go >= 1.26) the runtime itself finds the leak,
// because the channel leakForever waits on is unreachable.
func TestGoroutineLeakProfileFindsTheLeakWhenBuiltIn(t *testing.T) {
	if pprof.Lookup("goroutineleak") == nil {
		t.Skip("this binary has no goroutineleak profile (needs Go >= 1.26 and GOEXPERIMENT=goroutineleakprofile;" +
			" the build runs this test so through leakprofile-test.sh)")
	}
	_, app, obs := testLab(t, defaultConfig(t))
	mustGet(t, app.URL+"/leak?n=3")
	// The leaked goroutines may not have parked yet when /leak returns (a loaded machine): poll the
	// profile until it shows them, failing loudly after 10 s.
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		body = mustGet(t, obs.URL+"/debug/pprof/goroutineleak?debug=1")
		if strings.Contains(body, ".leakForever") {
			return
		}
	}
	t.Fatalf("goroutineleak profile does not show leakForever after 10 s:\n%s", body)
}
