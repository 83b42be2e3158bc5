package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

// testLab starts a fresh Lab behind real HTTP servers for the application and pprof ports.
func testLab(t *testing.T, cfg config) (l *Lab, app, obs *httptest.Server) {
	t.Helper()
	l = newLab(cfg)
	app = httptest.NewServer(l.appHandler())
	obs = httptest.NewServer(l.pprofHandler())
	t.Cleanup(func() { app.Close(); obs.Close() })
	return l, app, obs
}

func defaultConfig(t *testing.T) config {
	t.Helper()
	cfg, err := loadConfig(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// fetch GETs url and returns status and body; safe to call from any goroutine.
func fetch(url string) (int, string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", fmt.Errorf("GET %s: reading body: %w", url, err)
	}
	return resp.StatusCode, string(b), nil
}

// get is fetch for the test goroutine: transport errors fail the test.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	code, body, err := fetch(url)
	if err != nil {
		t.Fatal(err)
	}
	return code, body
}

// getOK is fetch that insists on 200; for goroutines other than the test's (no t.Fatal there).
func getOK(url string) error {
	code, body, err := fetch(url)
	if err == nil && code != http.StatusOK {
		err = fmt.Errorf("GET %s: %d %s", url, code, strings.TrimSpace(body))
	}
	return err
}

// mustGet is get that insists on 200.
func mustGet(t *testing.T, url string) string {
	t.Helper()
	code, body := get(t, url)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, code, strings.TrimSpace(body))
	}
	return body
}

// getConcurrently issues c simultaneous GETs of url and returns when all answered 200.
func getConcurrently(t *testing.T, url string, c int) {
	t.Helper()
	var wg sync.WaitGroup
	for i := 0; i < c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := getOK(url); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// runtimeMetric reads one runtime/metrics value as a float64, ok=false when this Go lacks it.
func runtimeMetric(name string) (float64, bool) {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	switch s[0].Value.Kind() {
	case metrics.KindUint64:
		return float64(s[0].Value.Uint64()), true
	case metrics.KindFloat64:
		return s[0].Value.Float64(), true
	}
	return 0, false
}

// eventually polls cond until it holds; the deadline only turns a hang into a failure,
// it is not a timing assertion.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// receive waits for one value on ch; like eventually, the deadline only turns a hang into a failure.
func receive(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(20 * time.Second):
		t.Fatalf("gave up waiting for %s", what)
	}
}

func TestPingAndUnknownPath(t *testing.T) {
	_, app, _ := testLab(t, defaultConfig(t))
	for _, p := range []string{"/", "/ping"} {
		if body := mustGet(t, app.URL+p); strings.TrimSpace(body) != "ok" {
			t.Errorf("%s answered %q, want ok", p, body)
		}
	}
	if code, _ := get(t, app.URL+"/nope"); code != http.StatusNotFound {
		t.Errorf("/nope answered %d, want 404", code)
	}
}

func TestBadParametersAre400(t *testing.T) {
	_, app, _ := testLab(t, defaultConfig(t))
	for _, q := range []string{
		"/healthy?us=-1", "/healthy?us=100001", "/healthy?us=abc",
		"/fanout?n=0", "/fanout?n=10001", "/fanout?n=1e9",
		"/hotlock?us=999999999", "/hotlock?us=1.5",
		"/herd?us=-5", "/herd?us=100001",
		"/leak?n=0", "/leak?n=1001",
		"/alloc?kb=0", "/alloc?kb=16385", "/alloc?kb=99999999999999999999",
	} {
		code, body := get(t, app.URL+q)
		if code != http.StatusBadRequest {
			t.Errorf("%s answered %d %q, want 400", q, code, body)
			continue
		}
		if !strings.Contains(body, "allowed") {
			t.Errorf("%s: 400 body %q does not name the allowed range", q, body)
		}
	}
}

func TestDefaultsAndBoundsAreAccepted(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	for _, q := range []string{
		"/healthy", "/healthy?us=0", "/fanout", "/fanout?n=1", "/hotlock", "/herd",
		"/leak", "/alloc", "/alloc?kb=1",
	} {
		mustGet(t, app.URL+q)
	}
	if got := l.fanout.spawned.Load(); got != defaultFanout+1 {
		t.Errorf("fanout spawned %d goroutines, want %d (default n plus n=1)", got, defaultFanout+1)
	}
	if got := l.alloc.bytes.Load(); got != (defaultAllocKiB+1)*1024 {
		t.Errorf("alloc counted %d bytes, want %d", got, (defaultAllocKiB+1)*1024)
	}
}
