package main

import "testing"

func TestHotlockHoldsTheGlobalMutexForTheRequest(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	l.hot.mu.Lock() // the test takes the global lock: the request must wait for it
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
	l.hot.mu.Unlock()
	<-done
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
