package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// newRegistry exposes every Go runtime/metrics entry (the scheduler signals schedgate reads:
// /sched/latencies, /sched/goroutines, /sync/mutex/wait/total, /gc/cycles, /cpu/classes/*,
// /sched/goroutines-created on Go >= 1.26, ...) plus go_info, process metrics and the lab's
// own counters, which give the ground truth each endpoint is supposed to produce.
func newRegistry(l *Lab) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		// MetricsAll reads runtime/metrics.All() at start-up, so newer Go versions' metrics
		// appear without a client_golang upgrade.
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(collectors.MetricsAll)),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	counter := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, f)
	}
	gauge := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f)
	}
	reg.MustRegister(
		counter("lab_fanout_goroutines_total", "Goroutines started by /fanout that ran.",
			func() float64 { return float64(l.fanout.spawned.Load()) }),
		counter("lab_hotlock_acquisitions_total", "Critical sections completed by /hotlock.",
			func() float64 { return float64(l.hot.acquired.Load()) }),
		gauge("lab_hotlock_waiting", "Requests blocked on the /hotlock mutex.",
			func() float64 { return float64(l.hot.waiting.Load()) }),
		counter("lab_herd_wakeups_total", "Returns from the /herd sync.Cond Wait (one per wake-up of a waiter).",
			func() float64 { return float64(l.herd.wakeups.Load()) }),
		counter("lab_herd_served_total", "Requests that held the /herd token.",
			func() float64 { return float64(l.herd.served.Load()) }),
		gauge("lab_herd_waiting", "Requests waiting on the /herd sync.Cond.",
			func() float64 { return float64(l.herd.waiting.Load()) }),
		gauge("lab_leaked_goroutines", "Goroutines leaked by /leak (blocked forever in main.leakForever).",
			func() float64 { return float64(l.leak.leaked.Load()) }),
		counter("lab_alloc_bytes_total", "Bytes allocated by /alloc.",
			func() float64 { return float64(l.alloc.bytes.Load()) }),
		counter("lab_yields_total", "runtime.Gosched calls made by /yield goroutines.",
			func() float64 { return float64(l.yield.yields.Load()) }),
	)
	return reg
}

func metricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}
