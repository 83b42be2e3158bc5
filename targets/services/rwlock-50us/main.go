// rwlock-50us: a store behind a sync.RWMutex whose writers hold it ~50 µs (a spin, as a real
// critical section computes) for every request. At 1,600 req/s it is ~8% busy: real contention,
// far from saturation (~20,000 req/s). pprof only, no /metrics.
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

type store struct {
	mu sync.RWMutex
	n  uint64
}

func (s *store) put() {
	s.mu.Lock() // requests wait here (line referenced by tests)
	for end := time.Now().Add(50 * time.Microsecond); time.Now().Before(end); {
	}
	s.n++
	s.mu.Unlock() // the holder releases here (line referenced by tests)
}

func main() {
	runtime.SetMutexProfileFraction(10)
	runtime.SetBlockProfileRate(10_000)
	s := &store{}
	app := http.NewServeMux()
	app.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		s.put()
		w.Write([]byte("ok\n"))
	})
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("rwlock-50us\n")) })
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", app))
}
