package main

import (
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
)

// Yield reproduces scheduler-lock pressure: every request starts n goroutines that each call
// runtime.Gosched k times. Each Gosched puts the goroutine on the global run queue under
// sched.lock (goschedImpl) and the next schedule() takes it off again under sched.lock
// (findRunnable), so sched.lock acquisitions grow as n x k x QPS while the work itself is nil:
// on 2 Ps the lock's spin and sleep become a visible share of processor time, which is what
// schedlock.pressure must attribute to sched.lock from the CPU and mutex profiles.

type yielder struct {
	yields atomic.Uint64 // Gosched calls made, counted by the goroutines themselves
}

func (y *yielder) run(n, k int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			for j := 0; j < k; j++ {
				runtime.Gosched()
			}
			y.yields.Add(uint64(k))
		}()
	}
	wg.Wait()
}

func (l *Lab) handleYield() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := intParam(r, "n", defaultYieldN, 1, maxYieldN)
		if err == nil {
			var k int
			if k, err = intParam(r, "k", defaultYieldK, 1, maxYieldK); err == nil {
				l.yield.run(n, k)
				fmt.Fprintf(w, "yield n=%d k=%d\n", n, k)
				return
			}
		}
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
