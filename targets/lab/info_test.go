package main

import (
	"encoding/json"
	"os/exec"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

func TestInfoReportsWhatTheProcessSees(t *testing.T) {
	cfg := defaultConfig(t)
	cfg.mutexProfileFraction, cfg.blockProfileRate = 7, 1234
	old := debug.SetGCPercent(250)
	defer debug.SetGCPercent(old)
	_, _, obs := testLab(t, cfg)

	var got info
	if err := json.Unmarshal([]byte(mustGet(t, obs.URL+"/info")), &got); err != nil {
		t.Fatal(err)
	}
	// The version from outside the process: the toolchain that built this test binary.
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Fatalf("go env GOVERSION: %v", err)
	}
	if want := strings.TrimSpace(string(out)); got.GoVersion != want {
		t.Errorf("goVersion %q, want %q (go env GOVERSION)", got.GoVersion, want)
	}
	if got.GOMAXPROCS != runtime.GOMAXPROCS(0) || got.NumCPU != runtime.NumCPU() {
		t.Errorf("info %+v, want gomaxprocs=%d numCpu=%d", got, runtime.GOMAXPROCS(0), runtime.NumCPU())
	}
	if got.GOGC != "250" {
		t.Errorf("gogc = %q, want 250", got.GOGC)
	}
	if got.MutexProfileFraction != 7 || got.BlockProfileRate != 1234 {
		t.Errorf("profile rates %d/%d, want 7/1234", got.MutexProfileFraction, got.BlockProfileRate)
	}
	for _, p := range []string{"goroutine", "mutex", "block", "heap"} {
		if !slices.Contains(got.Profiles, p) {
			t.Errorf("profiles %v lack %s", got.Profiles, p)
		}
	}
}

func TestInfoUsesTheBriefsFieldNames(t *testing.T) {
	_, _, obs := testLab(t, defaultConfig(t))
	var raw map[string]any
	if err := json.Unmarshal([]byte(mustGet(t, obs.URL+"/info")), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"goVersion", "gomaxprocs", "numCpu", "godebug", "gogc", "mutexProfileFraction", "blockProfileRate"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("/info lacks %q: %v", k, raw)
		}
	}
}
