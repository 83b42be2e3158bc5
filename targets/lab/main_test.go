package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestRunServesBothPortsAndStopsOnCancel runs the real servers (as main does) on loopback.
func TestRunServesBothPortsAndStopsOnCancel(t *testing.T) {
	cfg := defaultConfig(t)
	cfg.appAddr, cfg.pprofAddr = "127.0.0.1:0", "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrs := make(chan [2]net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, newLab(cfg), func(a, p net.Addr) { addrs <- [2]net.Addr{a, p} }) }()
	var a [2]net.Addr
	select {
	case a = <-addrs:
	case err := <-done:
		t.Fatalf("run: %v", err)
	}
	app, obs := "http://"+a[0].String(), "http://"+a[1].String()

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
	if code := checkHealth(a[1].String()); code != 0 {
		t.Errorf("healthcheck against a running lab exited %d", code)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := http.Get(app + "/ping"); err == nil {
		t.Error("application port still answers after shutdown")
	}
	if code := checkHealth(a[1].String()); code == 0 {
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
