// counter: a user's own tiny Go service for schedgate's example project. Every request adds to a
// counter behind one sync.Mutex and holds it for about 1 ms (a spin, as a real critical section
// computes): at 400 req/s the lock is ~40% busy, a hot lock well before the service saturates.
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
	for end := time.Now().Add(time.Millisecond); time.Now().Before(end); {
	}
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
