// worker-pool: a healthy bounded pool. A fixed number of workers take jobs from a buffered channel;
// each request enqueues one and waits for its reply. /metrics is client_golang's default registry
// (go_goroutines, go_threads, go_gc_*, process_*: no scheduler metrics) on the admin port, as most
// services expose it; POOL_METRICS=none leaves only net/http/pprof there.
//
// Ports: app on :8080 (GET /work), admin (pprof, /metrics) on :6060.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type job struct{ reply chan struct{} }

func worker(jobs <-chan job, work time.Duration) {
	for j := range jobs {
		for end := time.Now().Add(work); time.Now().Before(end); {
		}
		j.reply <- struct{}{}
	}
}

func main() {
	// like most services: no mutex or block profiling (their profiles come back empty)
	jobs := make(chan job, 1024)
	for i := 0; i < 4; i++ {
		go worker(jobs, 100*time.Microsecond)
	}
	app := http.NewServeMux()
	app.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		j := job{reply: make(chan struct{}, 1)}
		jobs <- j
		<-j.reply
		w.Write([]byte("ok\n"))
	})
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("worker-pool\n")) })
	if os.Getenv("POOL_METRICS") != "none" {
		http.Handle("/metrics", promhttp.Handler())
	}
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", app))
}
