package main

import (
	"bufio"
	"fmt"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// scrape returns the lab's /metrics text exactly as served.
func scrape(t *testing.T, l *Lab) string {
	t.Helper()
	rec := httptest.NewRecorder()
	metricsHandler(l.reg).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("/metrics answered %d", rec.Code)
	}
	return rec.Body.String()
}

// metricValue finds the unlabelled sample name in the /metrics text.
func metricValue(t *testing.T, l *Lab, name string) float64 {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(scrape(t, l)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == name {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				t.Fatalf("%s: %v", sc.Text(), err)
			}
			return v
		}
	}
	t.Fatalf("/metrics has no sample %s", name)
	return 0
}

func TestMetricsExposeTheRuntimeMetricsSchedgateReads(t *testing.T) {
	_, _, obs := testLab(t, defaultConfig(t))
	body := mustGet(t, obs.URL+"/metrics")
	want := []string{
		"go_sched_latencies_seconds_bucket{le=",       // /sched/latencies:seconds
		"go_sched_latencies_seconds_count ",           //
		"go_sched_goroutines_goroutines ",             // /sched/goroutines:goroutines
		"go_sync_mutex_wait_total_seconds_total ",     // /sync/mutex/wait/total:seconds
		"go_gc_cycles_total_gc_cycles_total ",         // /gc/cycles/total:gc-cycles
		"go_cpu_classes_total_cpu_seconds_total ",     // /cpu/classes/total:cpu-seconds
		"go_cpu_classes_idle_cpu_seconds_total ",      //
		"go_cpu_classes_gc_total_cpu_seconds_total ",  //
		"go_sched_pauses_total_gc_seconds_bucket{le=", // /sched/pauses/total/gc:seconds
		"go_gc_heap_allocs_bytes_total ",              // /gc/heap/allocs:bytes
		fmt.Sprintf("go_info{version=%q} 1", runtime.Version()),
		"lab_herd_wakeups_total ", "lab_fanout_goroutines_total ", "lab_leaked_goroutines ",
	}
	if _, ok := runtimeMetric("/sched/goroutines-created:goroutines"); ok {
		want = append(want, "go_sched_goroutines_created_goroutines_total ")
	} else if strings.Contains(body, "go_sched_goroutines_created") {
		t.Error("/metrics shows goroutines-created although this Go has no such runtime metric")
	}
	for _, w := range want {
		if !strings.Contains(body, "\n"+w) {
			t.Errorf("/metrics lacks %q", w)
		}
	}
	t.Logf("%s: %d go_* series", runtime.Version(), strings.Count(body, "\ngo_"))
}

func TestMetricsCarryLabCounters(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	mustGet(t, app.URL+"/fanout?n=9")
	mustGet(t, app.URL+"/hotlock?us=1")
	mustGet(t, app.URL+"/alloc?kb=3")
	mustGet(t, app.URL+"/yield?n=2&k=5")
	for name, want := range map[string]float64{
		"lab_fanout_goroutines_total":    9,
		"lab_hotlock_acquisitions_total": 1,
		"lab_alloc_bytes_total":          3 * 1024,
		"lab_herd_served_total":          0,
		"lab_yields_total":               10,
	} {
		if got := metricValue(t, l, name); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
}

// promPrefix is the Prometheus name client_golang derives from a runtime/metrics name:
// "/sched/goroutines-created:goroutines" -> "go_sched_goroutines_created_goroutines"
// (counters then get "_total", histograms "_bucket"/"_sum"/"_count").
func promPrefix(runtimeName string) string {
	return "go_" + strings.NewReplacer("/", "_", "-", "_", ":", "_").Replace(strings.TrimPrefix(runtimeName, "/"))
}

func TestMetricsExposeEveryRuntimeMetric(t *testing.T) {
	l := newLab(defaultConfig(t))
	body := scrape(t, l)
	missing := 0
	for _, d := range metrics.All() {
		if d.Kind == metrics.KindBad {
			continue
		}
		if !strings.Contains(body, "\n# TYPE "+promPrefix(d.Name)) {
			t.Errorf("runtime metric %s has no %s* family on /metrics", d.Name, promPrefix(d.Name))
			missing++
		}
	}
	t.Logf("%d runtime/metrics checked, %d missing", len(metrics.All()), missing)
}
