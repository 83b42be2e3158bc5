package main

import (
	"fmt"
	"testing"
)

// herdWakeups drives c concurrent /herd requests through the real handler, releasing the
// token one holder at a time only after every woken waiter has gone back to waiting, and
// returns the total wake-ups. Each release then wakes every remaining waiter, so the count
// is exactly (c-1) + (c-2) + ... + 1 = c(c-1)/2.
func herdWakeups(t *testing.T, c int) uint64 {
	t.Helper()
	l, app, _ := testLab(t, defaultConfig(t))
	started := make(chan struct{})
	release := make(chan struct{})
	stop := make(chan struct{}) // closed when the test ends, so a failed test cannot hang
	t.Cleanup(func() { close(stop) })
	l.herd.work = func(int) uint64 {
		select {
		case started <- struct{}{}:
		case <-stop:
			return 0
		}
		select {
		case <-release:
		case <-stop:
		}
		return 0
	}

	done := make(chan struct{})
	go func() { getConcurrently(t, app.URL+"/herd?us=1", c); close(done) }()
	receive(t, started, "a request to take the token")
	eventually(t, fmt.Sprintf("%d waiters on the cond", c-1), func() bool { n, _, _ := l.herd.stats(); return n == c-1 })
	var want uint64
	for waiters := c - 1; waiters > 0; waiters-- {
		release <- struct{}{} // the holder leaves and Broadcasts to all waiters
		receive(t, started, "a woken waiter to take the token")
		want += uint64(waiters)
		eventually(t, fmt.Sprintf("%d wake-ups", want), func() bool { _, w, _ := l.herd.stats(); return w >= want })
	}
	release <- struct{}{}
	receive(t, done, "all requests to answer")
	_, wakeups, served := l.herd.stats()
	if served != uint64(c) {
		t.Fatalf("served %d requests, want %d", served, c)
	}
	if wakeups != want {
		t.Fatalf("c=%d: %d wake-ups, want %d", c, wakeups, want)
	}
	if m := metricValue(t, l, "lab_herd_wakeups_total"); m != float64(wakeups) {
		t.Fatalf("lab_herd_wakeups_total = %v, want %d", m, wakeups)
	}
	return wakeups
}

func TestHerdWakeupsPerRequestGrowWithConcurrency(t *testing.T) {
	prev := -1.0
	for _, c := range []int{1, 2, 4, 8, 16} {
		perRequest := float64(herdWakeups(t, c)) / float64(c)
		t.Logf("concurrency %2d: %.1f wake-ups per request", c, perRequest)
		if perRequest <= prev {
			t.Fatalf("wake-ups per request did not grow: %.2f at c=%d after %.2f", perRequest, c, prev)
		}
		prev = perRequest
	}
}

func TestHerdUnderRealSpinServesEveryRequest(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	const c = 16
	getConcurrently(t, app.URL+"/herd?us=200", c)
	waiting, wakeups, served := l.herd.stats()
	if served != c || waiting != 0 {
		t.Fatalf("served=%d waiting=%d, want %d and 0", served, waiting, c)
	}
	t.Logf("%d concurrent requests with a real spin: %d wake-ups", c, wakeups)
}
