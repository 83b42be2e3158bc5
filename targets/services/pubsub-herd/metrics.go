package main

import (
	"fmt"
	"math"
	"net/http"
	"runtime/metrics"
	"strings"
)

// untypedMetrics writes a few runtime/metrics the way hand-rolled exporters do: valid Prometheus
// text, but no # TYPE or # HELP lines. Names follow client_golang's runtime/metrics mapping.
func untypedMetrics(w http.ResponseWriter, r *http.Request) {
	names := map[string]string{
		"/sched/goroutines:goroutines":         "go_sched_goroutines_goroutines",
		"/sched/gomaxprocs:threads":            "go_sched_gomaxprocs_threads",
		"/sched/goroutines-created:goroutines": "go_sched_goroutines_created_goroutines",
		"/sched/latencies:seconds":             "go_sched_latencies_seconds",
		"/sync/mutex/wait/total:seconds":       "go_sync_mutex_wait_total_seconds",
	}
	var samples []metrics.Sample
	for _, d := range metrics.All() {
		if _, ok := names[d.Name]; ok {
			samples = append(samples, metrics.Sample{Name: d.Name})
		}
	}
	metrics.Read(samples)
	var b strings.Builder
	for _, s := range samples {
		name := names[s.Name]
		switch s.Value.Kind() {
		case metrics.KindUint64:
			fmt.Fprintf(&b, "%s %d\n", name, s.Value.Uint64())
		case metrics.KindFloat64:
			fmt.Fprintf(&b, "%s %g\n", name, s.Value.Float64())
		case metrics.KindFloat64Histogram:
			h := s.Value.Float64Histogram()
			var cum uint64
			for i, c := range h.Counts {
				cum += c
				le := h.Buckets[i+1]
				if math.IsInf(le, 1) {
					continue
				}
				fmt.Fprintf(&b, "%s_bucket{le=\"%g\"} %d\n", name, le, cum)
			}
			fmt.Fprintf(&b, "%s_bucket{le=\"+Inf\"} %d\n", name, cum)
			fmt.Fprintf(&b, "%s_count %d\n", name, cum)
		}
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	fmt.Fprint(w, b.String())
}
