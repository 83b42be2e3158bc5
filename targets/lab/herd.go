package main

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

// Herd reproduces a thundering herd: in-flight requests queue for a single token guarded by
// one shared sync.Cond, and every release Broadcasts, waking every waiter although only one
// can win. With c requests in flight a release costs c-1 wake-ups (goready + reschedule +
// re-park), so wake-ups per request grow linearly with concurrency and total scheduler work
// quadratically, while throughput stays that of one token. Compare /hotlock, whose
// sync.Mutex hands off to one waiter at a time.

type herd struct {
	mu   sync.Mutex
	cond *sync.Cond
	busy bool // the token is taken (under mu)
	// Changed under mu, atomic so that /metrics reads them without touching the herd's lock.
	waiting atomic.Int64  // goroutines inside cond.Wait
	wakeups atomic.Uint64 // returns from cond.Wait; exported as lab_herd_wakeups_total
	served  atomic.Uint64 // requests that held the token
	work    func(us int) uint64
}

func newHerd() *herd {
	h := &herd{work: spin}
	h.cond = sync.NewCond(&h.mu)
	return h
}

func (h *herd) run(us int) uint64 {
	h.mu.Lock()
	for h.busy {
		h.waiting.Add(1)
		h.cond.Wait()
		h.waiting.Add(-1)
		h.wakeups.Add(1)
	}
	h.busy = true
	h.mu.Unlock()

	x := h.work(us)

	h.mu.Lock()
	h.busy = false
	h.served.Add(1)
	h.cond.Broadcast() // deliberately not Signal: this is the herd
	h.mu.Unlock()
	return x
}

// stats returns (waiting, wakeups, served) as one consistent snapshot (tests use it).
func (h *herd) stats() (int, uint64, uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return int(h.waiting.Load()), h.wakeups.Load(), h.served.Load()
}

func (l *Lab) handleHerd() http.HandlerFunc {
	return withIntParam("us", defaultLockUs, 0, maxSpinMicros, func(w http.ResponseWriter, us int) {
		x := l.herd.run(us)
		fmt.Fprintf(w, "herd us=%d x=%d\n", us, x&0xff)
	})
}
