package main

import (
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"golang.org/x/exp/trace"
)

// Schema names the JSON document tracestat prints; a change that removes or renames a field is a
// new schema.
const Schema = "schedgate.tracestat/1"

// Stats is what tracestat prints. All times are nanoseconds on the trace's clock.
type Stats struct {
	Schema string `json:"schema"`
	// DurationNs: from the first event to the last.
	DurationNs int64 `json:"durationNs"`
	Events     int64 `json:"events"`
	// Gomaxprocs: the last /sched/gomaxprocs:threads metric in the trace, 0 if none.
	Gomaxprocs int64 `json:"gomaxprocs"`
	// WakeUps: goroutine transitions Waiting→Runnable (runtime.ready: an unblock).
	WakeUps WakeUps `json:"wakeUps"`
	// GoroutinesCreated: transitions NotExist→Runnable.
	GoroutinesCreated int64 `json:"goroutinesCreated"`
	// SchedulingLatency: Runnable→Running, timed from the transition that made the goroutine
	// runnable inside the trace (goroutines already runnable when the trace starts are not timed).
	SchedulingLatency Latency `json:"schedulingLatency"`
	// StopTheWorld: ranges named "stop-the-world (...)" that ended inside the trace.
	StopTheWorld Ranges `json:"stopTheWorld"`
	// GC: "GC concurrent mark phase" ranges that began inside the trace (TotalNs: of those that
	// also ended in it).
	GC Ranges `json:"gc"`
	// RunningNs: time goroutines spent Running (every P together); ProcUtilisation is that over
	// DurationNs × Gomaxprocs.
	RunningNs       int64   `json:"runningNs"`
	ProcUtilisation float64 `json:"procUtilisation"`
}

type WakeUps struct {
	Total int64 `json:"total"`
	// ByReason: the reason the woken goroutine had blocked with (its Running→Waiting transition;
	// "unknown" when it was already waiting when the trace started).
	ByReason map[string]int64 `json:"byReason"`
	// TopWakers: where the waking goroutine was, by the first frame outside the runtime and the
	// sync/poll internals, as pprof names it ("main.herd main.go:70"); "runtime: F" when the
	// whole stack is internal (F its first frame past the wake-up machinery); "no stack (REASON)"
	// for wake-ups traced without a stack, by the woken goroutine's wait reason (the scheduler
	// itself firing timers or polling the network: "no stack (sleep)", "no stack (IO wait)").
	TopWakers []Site `json:"topWakers"`
	// WakerSites: how many distinct waker sites there were (TopWakers lists the largest).
	WakerSites int `json:"wakerSites"`
}

type Site struct {
	Site  string `json:"site"`
	Count int64  `json:"count"`
}

type Latency struct {
	Count int64 `json:"count"`
	// Nearest-rank percentiles: the smallest value with at least p% of the values at or below it.
	P50Ns int64 `json:"p50Ns"`
	P99Ns int64 `json:"p99Ns"`
	MaxNs int64 `json:"maxNs"`
}

type Ranges struct {
	Count   int64 `json:"count"`
	TotalNs int64 `json:"totalNs"`
}

const gcMark = "GC concurrent mark phase"

// internal: frames that say how, not where, code waits or wakes (as schedgate's WaitSites).
var internal = []string{"runtime.", "sync.", "internal/sync.", "internal/runtime/", "runtime/internal/", "internal/poll."}

func isInternal(fn string) bool {
	for _, p := range internal {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}

// wakeMachinery: runtime frames of the wake-up itself, skipped to name a runtime waker.
func wakeMachinery(fn string) bool {
	return fn == "runtime.goready" || fn == "runtime.ready" || strings.Contains(fn, "goready") ||
		strings.HasPrefix(fn, "runtime.systemstack") || fn == "runtime.traceLocker.GoUnpark" || strings.HasPrefix(fn, "runtime.trace")
}

func wakerSite(st trace.Stack) string {
	if st == trace.NoStack {
		return ""
	}
	firstRuntime := ""
	for f := range st.Frames() {
		if !isInternal(f.Func) {
			return fmt.Sprintf("%s %s:%d", f.Func, path.Base(f.File), f.Line)
		}
		if firstRuntime == "" && !wakeMachinery(f.Func) {
			firstRuntime = f.Func
		}
	}
	if firstRuntime == "" {
		firstRuntime = "?"
	}
	return "runtime: " + firstRuntime
}

type gstate struct {
	runnableSince trace.Time // 0: not runnable, or runnable since before the trace
	runningSince  trace.Time
	waitReason    string
}

// Read reads a whole trace and returns its counts, with the top waker sites.
func Read(r io.Reader, top int) (*Stats, error) {
	tr, err := trace.NewReader(r)
	if err != nil {
		return nil, err
	}
	s := &Stats{Schema: Schema, WakeUps: WakeUps{ByReason: map[string]int64{}, TopWakers: []Site{}}}
	gs := map[trace.GoID]*gstate{}
	g := func(id trace.GoID) *gstate {
		st, ok := gs[id]
		if !ok {
			st = &gstate{}
			gs[id] = st
		}
		return st
	}
	wakers := map[string]int64{}
	stwBegin := map[string]trace.Time{}
	var gcBegin trace.Time
	var latencies []int64
	var first, last trace.Time
	for {
		ev, err := tr.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		t := ev.Time()
		if s.Events == 0 {
			first = t
		}
		last = t
		s.Events++
		switch ev.Kind() {
		case trace.EventMetric:
			if m := ev.Metric(); m.Name == "/sched/gomaxprocs:threads" && m.Value.Kind() == trace.ValueUint64 {
				s.Gomaxprocs = int64(m.Value.Uint64())
			}
		case trace.EventRangeBegin:
			name := ev.Range().Name
			if strings.HasPrefix(name, "stop-the-world") {
				stwBegin[name] = t
			} else if name == gcMark {
				s.GC.Count++
				gcBegin = t
			}
		case trace.EventRangeEnd:
			name := ev.Range().Name
			if begin, ok := stwBegin[name]; ok {
				s.StopTheWorld.Count++
				s.StopTheWorld.TotalNs += int64(t.Sub(begin))
				delete(stwBegin, name)
			} else if name == gcMark && gcBegin != 0 {
				s.GC.TotalNs += int64(t.Sub(gcBegin))
				gcBegin = 0
			}
		case trace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind != trace.ResourceGoroutine {
				continue
			}
			gr := g(st.Resource.Goroutine())
			from, to := st.Goroutine()
			if from == trace.GoRunning && gr.runningSince != 0 {
				s.RunningNs += int64(t.Sub(gr.runningSince))
			}
			gr.runningSince = 0
			switch {
			case from == trace.GoWaiting && to == trace.GoRunnable:
				s.WakeUps.Total++
				reason := gr.waitReason
				if reason == "" {
					reason = "unknown"
				}
				s.WakeUps.ByReason[reason]++
				site := wakerSite(ev.Stack())
				if site == "" {
					site = "no stack (" + reason + ")"
				}
				wakers[site]++
			case from == trace.GoNotExist && to == trace.GoRunnable:
				s.GoroutinesCreated++
			}
			if to == trace.GoWaiting {
				gr.waitReason = st.Reason
			}
			if to == trace.GoRunnable && from != trace.GoUndetermined {
				gr.runnableSince = t
			} else if to != trace.GoRunnable {
				if to == trace.GoRunning && from == trace.GoRunnable && gr.runnableSince != 0 {
					latencies = append(latencies, int64(t.Sub(gr.runnableSince)))
				}
				gr.runnableSince = 0
			}
			if to == trace.GoRunning {
				gr.runningSince = t
			}
		}
	}
	if s.Events == 0 {
		return nil, errors.New("no events in the trace")
	}
	s.DurationNs = int64(last.Sub(first))
	for _, gr := range gs {
		if gr.runningSince != 0 {
			s.RunningNs += int64(last.Sub(gr.runningSince))
		}
	}
	if s.Gomaxprocs > 0 && s.DurationNs > 0 {
		s.ProcUtilisation = float64(s.RunningNs) / float64(s.DurationNs) / float64(s.Gomaxprocs)
	}
	s.SchedulingLatency = latency(latencies)
	s.WakeUps.WakerSites = len(wakers)
	s.WakeUps.TopWakers = topSites(wakers, top)
	return s, nil
}

func latency(ns []int64) Latency {
	if len(ns) == 0 {
		return Latency{}
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i] < ns[j] })
	return Latency{Count: int64(len(ns)), P50Ns: rank(ns, 50), P99Ns: rank(ns, 99), MaxNs: ns[len(ns)-1]}
}

// rank: nearest-rank percentile of sorted values.
func rank(sorted []int64, p int) int64 {
	n := len(sorted)
	k := (p*n + 99) / 100 // ceil(p/100 × n)
	if k < 1 {
		k = 1
	}
	return sorted[k-1]
}

func topSites(m map[string]int64, top int) []Site {
	sites := make([]Site, 0, len(m))
	for k, v := range m {
		sites = append(sites, Site{k, v})
	}
	sort.Slice(sites, func(i, j int) bool {
		if sites[i].Count != sites[j].Count {
			return sites[i].Count > sites[j].Count
		}
		return sites[i].Site < sites[j].Site
	})
	if top >= 0 && len(sites) > top {
		sites = sites[:top]
	}
	return sites
}
