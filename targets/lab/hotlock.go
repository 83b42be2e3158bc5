package main

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

// Hotlock reproduces true lock contention: one process-wide sync.Mutex held while spinning us
// microseconds, so all requests serialise on it. Throughput caps at 1e6/us requests per second
// whatever GOMAXPROCS is; the mutex profile attributes the delay to this handler's Unlock and
// /sync/mutex/wait/total:seconds grows, while the CPU stays mostly idle beyond one core.

type hotlock struct {
	mu       sync.Mutex
	waiting  atomic.Int64  // requests blocked in Lock (test and debugging aid)
	holders  atomic.Int64  // requests inside the critical section right now
	maxHeld  atomic.Int64  // largest holders ever seen; 1 proves serialisation
	acquired atomic.Uint64 // completed critical sections
}

func (h *hotlock) run(us int) uint64 {
	h.waiting.Add(1)
	h.mu.Lock()
	h.waiting.Add(-1)
	if n := h.holders.Add(1); n > h.maxHeld.Load() {
		h.maxHeld.Store(n) // under the lock, so no lost update between holders
	}
	x := spin(us)
	h.holders.Add(-1)
	h.acquired.Add(1)
	h.mu.Unlock()
	return x
}

func (l *Lab) handleHotlock() http.HandlerFunc {
	return withIntParam("us", defaultLockUs, 0, maxSpinMicros, func(w http.ResponseWriter, us int) {
		x := l.hot.run(us)
		fmt.Fprintf(w, "hotlock us=%d x=%d\n", us, x&0xff)
	})
}
