package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

// Leak reproduces a goroutine leak: each request starts n goroutines that block forever on a
// channel only they hold a reference to. Nothing can ever wake them, so the goroutine count
// (/sched/goroutines:goroutines, goroutine profile) grows with total requests, not with load,
// and stays up after the load stops. On Go >= 1.26 built with GOEXPERIMENT=goroutineleakprofile
// the goroutineleak profile reports them, because the channel is unreachable.

// leakForever is the recognisable wait site: goroutine profiles show main.leakForever
// parked in chanrecv. Keep the name; schedgate's tests and docs look for it.
func leakForever(never <-chan struct{}) {
	<-never
}

type leak struct {
	max    int64        // cap on goroutines leaked over the process lifetime (LAB_LEAK_MAX)
	leaked atomic.Int64 // goroutines leaked so far
}

// start leaks n goroutines unless that would pass the lifetime cap.
func (k *leak) start(n int) bool {
	if k.leaked.Add(int64(n)) > k.max {
		k.leaked.Add(int64(-n))
		return false
	}
	for i := 0; i < n; i++ {
		go leakForever(make(chan struct{}))
	}
	return true
}

func (l *Lab) handleLeak() http.HandlerFunc {
	return withIntParam("n", defaultLeakN, 1, maxLeakPerReq, func(w http.ResponseWriter, n int) {
		if !l.leak.start(n) {
			http.Error(w, fmt.Sprintf("leak cap reached: %d goroutines already leaked (raise LAB_LEAK_MAX or restart the lab)",
				l.leak.leaked.Load()), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintf(w, "leak n=%d total=%d\n", n, l.leak.leaked.Load())
	})
}
