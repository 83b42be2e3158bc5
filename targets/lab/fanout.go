package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

// Fan-out reproduces wake-up-heavy work: every request creates n goroutines that each send on
// an unbuffered channel the handler receives from. Each send readies the parked handler (or
// parks the sender until the handler is ready), so goroutine creations, goready calls and
// run-queue traffic grow as n x QPS; under load this is where sched.lock and runqueue stealing
// show up in the CPU profile, and /sched/goroutines-created (Go >= 1.26) grows by n+1 per request.

type fanout struct {
	spawned atomic.Uint64 // goroutines that actually ran, counted by themselves
}

func (f *fanout) run(n int) int {
	results := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			f.spawned.Add(1)
			results <- i
		}(i)
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	return sum
}

func (l *Lab) handleFanout() http.HandlerFunc {
	return withIntParam("n", defaultFanout, 1, maxFanout, func(w http.ResponseWriter, n int) {
		sum := l.fanout.run(n)
		fmt.Fprintf(w, "fanout n=%d sum=%d\n", n, sum)
	})
}
