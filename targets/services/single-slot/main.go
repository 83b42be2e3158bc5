// single-slot: one slot (a channel of capacity 1 used as a semaphore, like a pool of one connection)
// guards about 1 ms of work (SLOT_WORK_US) spent waiting on a dependency, so the service serves at most
// ~1,000 req/s whatever GOMAXPROCS is; beyond that, requests queue at the slot's send. pprof only, no
// /metrics.
//
// Ports: app on :8080 (GET /work), net/http/pprof on :6060.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"time"
)

var (
	slot    = make(chan struct{}, 1)
	workFor = time.Millisecond // SLOT_WORK_US
)

func work() {
	slot <- struct{}{}  // requests queue here once the slot is busy (line referenced by tests)
	time.Sleep(workFor) // the dependency's answer: no CPU, so the load generator keeps both of a small machine's
	<-slot
}

func main() {
	runtime.SetMutexProfileFraction(10)
	runtime.SetBlockProfileRate(10_000)
	if us, err := strconv.Atoi(os.Getenv("SLOT_WORK_US")); err == nil && us >= 0 {
		workFor = time.Duration(us) * time.Microsecond
	}
	app := http.NewServeMux()
	app.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		work()
		w.Write([]byte("ok\n"))
	})
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("single-slot\n")) })
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", app))
}
