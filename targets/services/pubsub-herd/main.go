// pubsub-herd: a broker that answers every request through one shared sync.Cond. A single worker
// (about 1 ms per job, HERD_WORK_US) publishes each reply with Broadcast, which wakes every request
// still waiting; all but one go back to sleep. Wake-ups per request grow with the requests waiting,
// so with the load, and explode once the worker saturates (~1,000 req/s): a thundering herd.
//
// Ports: app on :8080 (GET /work), net/http/pprof on :6060. HERD_METRICS=none (default: pprof only)
// or untyped (a hand-rolled /metrics on :6060 in Prometheus text without # TYPE/# HELP lines).
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

type broker struct {
	mu      sync.Mutex
	cond    *sync.Cond
	queue   chan uint64
	done    map[uint64]bool
	next    uint64
	workFor time.Duration
}

func newBroker(work time.Duration) *broker {
	b := &broker{queue: make(chan uint64, 4096), done: map[uint64]bool{}, workFor: work}
	b.cond = sync.NewCond(&b.mu)
	go b.publish()
	return b
}

// publish serves the queue one job at a time and announces each reply to every waiter.
func (b *broker) publish() {
	for id := range b.queue {
		spin(b.workFor)
		b.mu.Lock()
		b.done[id] = true
		b.cond.Broadcast() // publish: wakes every waiting request (line referenced by tests)
		b.mu.Unlock()
	}
}

func (b *broker) request() {
	b.mu.Lock()
	b.next++
	id := b.next
	b.mu.Unlock()
	b.queue <- id
	b.mu.Lock()
	for !b.done[id] {
		b.cond.Wait() // receive: every publish wakes this, most for someone else's reply (line referenced by tests)
	}
	delete(b.done, id)
	b.mu.Unlock()
}

func spin(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}

func main() {
	runtime.SetMutexProfileFraction(10)
	runtime.SetBlockProfileRate(10_000)
	work := 1000 * time.Microsecond
	if us, err := strconv.Atoi(os.Getenv("HERD_WORK_US")); err == nil && us >= 0 {
		work = time.Duration(us) * time.Microsecond
	}
	b := newBroker(work)
	app := http.NewServeMux()
	app.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		b.request()
		w.Write([]byte("ok\n"))
	})
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("pubsub-herd\n")) })
	if os.Getenv("HERD_METRICS") == "untyped" {
		http.HandleFunc("/metrics", untypedMetrics)
	}
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", app))
}
