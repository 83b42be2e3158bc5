// counter: a user's own tiny Go service for schedgate's example project. Every request adds to a
// counter behind one sync.Mutex and holds it for over 2 ms: 200 µs of computing (a spin) and 2 ms
// or more waiting on a dependency (a sleep), so from 200 req/s on the lock is busy much of the
// time: a hot lock long before the CPUs are (the spin is 0.08 of a CPU at 400 req/s).
// Plain net/http and net/http/pprof: no /info, no /metrics.
//
// Ports: app on :8080 (GET /work), net/http/pprof on :6060.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"runtime"
	"sync"
	"time"
)

type counter struct {
	mu sync.Mutex
	n  uint64
}

func (c *counter) add() {
	c.mu.Lock() // requests wait here (the example's test names this line)
	for end := time.Now().Add(200 * time.Microsecond); time.Now().Before(end); {
	}
	time.Sleep(2 * time.Millisecond) // the dependency, called with the lock held
	c.n++
	c.mu.Unlock()
}

func main() {
	// mutex and block profiles are empty unless the service turns them on
	runtime.SetMutexProfileFraction(10)
	runtime.SetBlockProfileRate(10_000)
	c := &counter{}
	app := http.NewServeMux()
	app.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		c.add()
		w.Write([]byte("ok\n"))
	})
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", app))
}
