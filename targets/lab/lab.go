package main

import (
	"fmt"
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus"
)

// Lab holds the shared state of every behaviour; one Lab per process (tests make their own).
type Lab struct {
	cfg    config
	gogc   string
	fanout fanout
	hot    hotlock
	herd   *herd
	leak   leak
	alloc  alloc
	yield  yielder
	reg    *prometheus.Registry
}

func newLab(cfg config) *Lab {
	l := &Lab{cfg: cfg, gogc: gcPercent(), herd: newHerd()}
	l.leak.max = cfg.leakMax
	l.reg = newRegistry(l)
	return l
}

// appHandler serves the application port: one endpoint per scheduler behaviour.
func (l *Lab) appHandler() http.Handler {
	mux := http.NewServeMux()
	ping := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && r.URL.Path != "/ping" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "ok")
	}
	mux.HandleFunc("/", ping)
	mux.HandleFunc("/ping", ping)
	mux.HandleFunc("/healthy", l.handleHealthy())
	mux.HandleFunc("/fanout", l.handleFanout())
	mux.HandleFunc("/hotlock", l.handleHotlock())
	mux.HandleFunc("/herd", l.handleHerd())
	mux.HandleFunc("/leak", l.handleLeak())
	mux.HandleFunc("/alloc", l.handleAlloc())
	mux.HandleFunc("/yield", l.handleYield())
	return mux
}

// pprofHandler serves the observation port, kept apart so profiling traffic never queues
// behind (or is counted as) application load.
func (l *Lab) pprofHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // named profiles, incl. goroutineleak when built in
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.Handle("/metrics", metricsHandler(l.reg))
	mux.HandleFunc("/info", l.handleInfo)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	return mux
}
