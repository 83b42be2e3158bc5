package main

import (
	"runtime"
	"strings"
	"sync"
	"testing"
)

// holdHotLock takes the lab's global mutex for the test; the returned release is also run at
// the end of the test, so a failing test cannot leave requests (and server Close) hanging.
func holdHotLock(t *testing.T, l *Lab) (release func()) {
	l.hot.mu.Lock()
	var once sync.Once
	release = func() { once.Do(l.hot.mu.Unlock) }
	t.Cleanup(release)
	return release
}

func TestHotlockHoldsTheGlobalMutexForTheRequest(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	release := holdHotLock(t, l) // the request must wait for the test to release it
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := getOK(app.URL + "/hotlock?us=10"); err != nil {
			t.Error(err)
		}
	}()
	eventually(t, "the request to block on the hot mutex", func() bool { return l.hot.waiting.Load() == 1 })
	select {
	case <-done:
		t.Fatal("/hotlock answered while the global mutex was held elsewhere")
	default:
	}
	release()
	receive(t, done, "the requests to answer")
	if got := l.hot.acquired.Load(); got != 1 {
		t.Fatalf("acquisitions = %d, want 1", got)
	}
}

func TestHotlockSerialisesConcurrentRequests(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	const c = 8
	getConcurrently(t, app.URL+"/hotlock?us=500", c)
	if got := l.hot.acquired.Load(); got != c {
		t.Fatalf("acquisitions = %d, want %d", got, c)
	}
	if got := l.hot.maxHeld.Load(); got != 1 {
		t.Fatalf("%d requests were inside the critical section at once, want 1", got)
	}
}

// With profiling on, hotlock contention lands in the mutex profile at the handler's Unlock.
func TestHotlockContentionShowsInTheMutexProfile(t *testing.T) {
	defer runtime.SetMutexProfileFraction(runtime.SetMutexProfileFraction(1))
	l, app, obs := testLab(t, defaultConfig(t))
	release := holdHotLock(t, l)
	done := make(chan struct{})
	go func() { getConcurrently(t, app.URL+"/hotlock?us=2000", 2); close(done) }()
	eventually(t, "two requests blocked on the hot mutex", func() bool { return l.hot.waiting.Load() == 2 })
	release() // the first request to win then unlocks with the second still waiting
	receive(t, done, "the requests to answer")
	body := mustGet(t, obs.URL+"/debug/pprof/mutex?debug=1")
	if !strings.Contains(body, "(*hotlock).run") {
		t.Fatalf("mutex profile has no (*hotlock).run frame:\n%s", body)
	}
}
