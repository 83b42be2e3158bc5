package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// dumpCounts reads what testdata/dumpcounts.sh computed from `go tool trace -d=parsed`.
type dumpCounts struct {
	fields  map[string][]int64
	reasons map[string]int64
	wakers  map[string]int64
}

func readDump(t *testing.T, file string) dumpCounts {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := dumpCounts{map[string][]int64{}, map[string]int64{}, map[string]int64{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		if tab := strings.Split(line, "\t"); len(tab) == 3 {
			n, err := strconv.ParseInt(tab[2], 10, 64)
			if err != nil {
				t.Fatalf("%s: %q: %v", file, line, err)
			}
			if tab[0] == "reason" {
				d.reasons[tab[1]] = n
			} else {
				d.wakers[tab[1]] = n
			}
			continue
		}
		parts := strings.Fields(line)
		for _, p := range parts[1:] {
			n, err := strconv.ParseInt(p, 10, 64)
			if err != nil {
				t.Fatalf("%s: %q: %v", file, line, err)
			}
			d.fields[parts[0]] = append(d.fields[parts[0]], n)
		}
	}
	return d
}

// The counts equal those awk computed from the go tool's own dump of the same trace, on traces of
// the workload in testdata/workload written by Go 1.26 and Go 1.23.
func TestCountsEqualGoToolTraceDump(t *testing.T) {
	for _, v := range []string{"1.26", "1.23"} {
		t.Run(v, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "go"+v+".trace"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			s, err := Read(f, -1)
			if err != nil {
				t.Fatal(err)
			}
			d := readDump(t, filepath.Join("testdata", "go"+v+".dump-counts.txt"))
			eq := func(what string, got int64, want int64) {
				t.Helper()
				if got != want {
					t.Errorf("%s: tracestat %d, go tool trace dump %d", what, got, want)
				}
			}
			eq("events", s.Events, d.fields["events"][0])
			eq("durationNs", s.DurationNs, d.fields["durationNs"][0])
			eq("wakeUps", s.WakeUps.Total, d.fields["wakeUps"][0])
			eq("goroutinesCreated", s.GoroutinesCreated, d.fields["goroutinesCreated"][0])
			eq("stopTheWorld count", s.StopTheWorld.Count, d.fields["stopTheWorld"][0])
			eq("stopTheWorld ns", s.StopTheWorld.TotalNs, d.fields["stopTheWorld"][1])
			eq("gc count", s.GC.Count, d.fields["gc"][0])
			eq("gc ns", s.GC.TotalNs, d.fields["gc"][1])
			lat := d.fields["schedulingLatency"]
			eq("latency count", s.SchedulingLatency.Count, lat[0])
			eq("latency p50", s.SchedulingLatency.P50Ns, lat[1])
			eq("latency p99", s.SchedulingLatency.P99Ns, lat[2])
			eq("latency max", s.SchedulingLatency.MaxNs, lat[3])
			if len(s.WakeUps.ByReason) != len(d.reasons) {
				t.Errorf("reasons: tracestat %v, dump %v", s.WakeUps.ByReason, d.reasons)
			}
			for r, n := range d.reasons {
				eq("reason "+r, s.WakeUps.ByReason[r], n)
			}
			if s.WakeUps.WakerSites != len(d.wakers) || len(s.WakeUps.TopWakers) != len(d.wakers) {
				t.Errorf("waker sites: tracestat %d (%v), dump %d (%v)", s.WakeUps.WakerSites, s.WakeUps.TopWakers,
					len(d.wakers), d.wakers)
			}
			for _, w := range s.WakeUps.TopWakers {
				eq("waker "+w.Site, w.Count, d.wakers[w.Site])
			}
			// What the workload does, so the fixtures keep meaning something: the herd's broadcast is
			// the top waker, and the trace says GOMAXPROCS.
			if s.WakeUps.TopWakers[0].Site != "main.herd main.go:70" {
				t.Errorf("top waker %v, want the herd's cond.Broadcast at main.go:70", s.WakeUps.TopWakers[0])
			}
			if s.Gomaxprocs < 1 {
				t.Errorf("gomaxprocs %d", s.Gomaxprocs)
			}
		})
	}
}

func TestNotATrace(t *testing.T) {
	if _, err := Read(strings.NewReader("hello, not a trace"), 10); err == nil {
		t.Fatal("no error for a file that is not a trace")
	}
	if _, err := Read(strings.NewReader(""), 10); err == nil {
		t.Fatal("no error for an empty file")
	}
}
