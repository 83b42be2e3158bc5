// leaky: every request starts a goroutine that waits forever on a channel nobody sends on: one
// leaked goroutine per request. pprof only, no /metrics.
//
// Ports: app on :8080 (GET /work), net/http/pprof on :6060.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"runtime"
)

func leak() {
	ch := make(chan int)
	go func() {
		<-ch // leaks: nobody ever sends (line referenced by tests)
	}()
}

func main() {
	runtime.SetMutexProfileFraction(10)
	runtime.SetBlockProfileRate(10_000)
	app := http.NewServeMux()
	app.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		leak()
		w.Write([]byte("ok\n"))
	})
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("leaky\n")) })
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	log.Fatal(http.ListenAndServe(":8080", app))
}
