package main

import (
	"context"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// startRun runs the real servers (as main does) on loopback ports; cancel stands in for
// SIGTERM and done delivers run's result.
func startRun(t *testing.T, l *Lab) (app, obs string, pprofAddr net.Addr, cancel func(), done <-chan error) {
	t.Helper()
	l.cfg.appAddr, l.cfg.pprofAddr = "127.0.0.1:0", "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	addrs := make(chan [2]net.Addr, 1)
	result := make(chan error, 1)
	go func() { result <- run(ctx, l, func(a, p net.Addr) { addrs <- [2]net.Addr{a, p} }) }()
	select {
	case a := <-addrs:
		return "http://" + a[0].String(), "http://" + a[1].String(), a[1], cancel, result
	case err := <-result:
		t.Fatalf("run: %v", err)
	}
	return
}

func TestRunServesBothPortsAndStopsOnCancel(t *testing.T) {
	app, obs, pprofAddr, cancel, done := startRun(t, newLab(defaultConfig(t)))

	mustGet(t, app+"/ping")
	mustGet(t, obs+"/healthz")
	if code, _ := get(t, app+"/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on the application port answered %d, want 404 (it lives on the pprof port)", code)
	}
	if code, _ := get(t, obs+"/healthy"); code != http.StatusNotFound {
		t.Errorf("/healthy on the pprof port answered %d, want 404", code)
	}
	// A delta capture streams for `seconds`; the pprof server must not cut it short.
	if body := mustGet(t, obs+"/debug/pprof/block?seconds=1"); len(body) == 0 {
		t.Error("empty block delta profile")
	}
	if code := checkHealth(pprofAddr.String()); code != 0 {
		t.Errorf("healthcheck against a running lab exited %d", code)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := http.Get(app + "/ping"); err == nil {
		t.Error("application port still answers after shutdown")
	}
	if code := checkHealth(pprofAddr.String()); code == 0 {
		t.Error("healthcheck passed against a stopped lab")
	}
}

func TestRunReportsABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := defaultConfig(t)
	cfg.appAddr, cfg.pprofAddr = "127.0.0.1:0", ln.Addr().String()
	err = run(context.Background(), newLab(cfg), nil)
	if err == nil || !strings.Contains(err.Error(), "LAB_PPROF_ADDR") {
		t.Fatalf("err %v, want one naming LAB_PPROF_ADDR", err)
	}
}

func TestProfileRatesComeFromConfig(t *testing.T) {
	defer runtime.SetBlockProfileRate(0)
	defer runtime.SetMutexProfileFraction(runtime.SetMutexProfileFraction(-1))
	cfg := defaultConfig(t)
	cfg.mutexProfileFraction = 3
	applyProfileRates(cfg)
	if got := runtime.SetMutexProfileFraction(-1); got != 3 { // -1 reads without changing
		t.Fatalf("mutex profile fraction %d, want 3", got)
	}
}

// Shutdown waits for in-flight requests: one blocked on the hot mutex still gets its 200.
func TestShutdownDrainsInFlightRequests(t *testing.T) {
	l := newLab(defaultConfig(t))
	app, _, _, cancel, done := startRun(t, l)
	release := holdHotLock(t, l)
	answered := make(chan error, 1)
	go func() { answered <- getOK(app + "/hotlock?us=1") }()
	eventually(t, "the request to block on the hot mutex", func() bool { return l.hot.waiting.Load() == 1 })
	cancel()
	// Shutdown closes the listeners first: once new connections are refused it is draining.
	eventually(t, "the application port to stop accepting", func() bool {
		c, err := net.Dial("tcp", strings.TrimPrefix(app, "http://"))
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	select {
	case err := <-done:
		t.Fatalf("run returned (%v) with a request still in flight", err)
	case err := <-answered:
		t.Fatalf("request answered (%v) while the mutex was held", err)
	default:
	}
	release()
	if err := <-answered; err != nil {
		t.Fatalf("in-flight request during shutdown: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}
