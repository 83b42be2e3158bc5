package main

import (
	"fmt"
	"net/http"
	"time"
)

// Healthy reproduces the baseline a scheduler handles well: independent CPU-bound requests
// with no shared state, so goroutines run to completion and only compete for Ps. Latency
// grows with queueing when offered load exceeds GOMAXPROCS, never with lock or wake-up costs.

// spin burns CPU for us microseconds on the calling goroutine without blocking, so the
// goroutine stays running (it shows up in the CPU profile, not in block/mutex profiles).
func spin(us int) uint64 {
	deadline := time.Now().Add(time.Duration(us) * time.Microsecond)
	var x uint64 = 1
	for {
		// ~0.5 µs of arithmetic between clock reads keeps time.Now a small share of the
		// CPU profile (with 64 iterations it was ~40% of the samples).
		for i := 0; i < 1024; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		if !time.Now().Before(deadline) {
			return x
		}
	}
}

func (l *Lab) handleHealthy() http.HandlerFunc {
	return withIntParam("us", defaultSpinUs, 0, maxSpinMicros, func(w http.ResponseWriter, us int) {
		x := spin(us)
		fmt.Fprintf(w, "healthy us=%d x=%d\n", us, x&0xff)
	})
}
