package main

import (
	"encoding/json"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
)

// info is what the Go process actually sees, so a harness can check that CPU pinning,
// GOMAXPROCS, GODEBUG and GOGC reached it (a container's cpuset or quota is only visible here).
type info struct {
	GoVersion            string   `json:"goVersion"`
	GOOS                 string   `json:"goos"`
	GOARCH               string   `json:"goarch"`
	GOMAXPROCS           int      `json:"gomaxprocs"`
	NumCPU               int      `json:"numCpu"`
	GODEBUG              string   `json:"godebug"`
	GOGC                 string   `json:"gogc"`
	GOEXPERIMENT         string   `json:"goexperiment"`
	MutexProfileFraction int      `json:"mutexProfileFraction"`
	BlockProfileRate     int      `json:"blockProfileRate"`
	Profiles             []string `json:"profiles"`
	NumGoroutine         int      `json:"numGoroutine"`
	LeakedGoroutines     int64    `json:"leakedGoroutines"`
}

// gcPercent reads the effective GOGC: SetGCPercent returns the previous value, so set it back.
func gcPercent() string {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	if p < 0 {
		return "off"
	}
	return strconv.Itoa(p)
}

// goExperiment is the GOEXPERIMENT the binary was built with (e.g. goroutineleakprofile).
func goExperiment() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "GOEXPERIMENT" {
				return s.Value
			}
		}
	}
	return ""
}

func (l *Lab) info() info {
	var profiles []string
	for _, p := range pprof.Profiles() {
		profiles = append(profiles, p.Name())
	}
	sort.Strings(profiles)
	return info{
		GoVersion:            runtime.Version(),
		GOOS:                 runtime.GOOS,
		GOARCH:               runtime.GOARCH,
		GOMAXPROCS:           runtime.GOMAXPROCS(0),
		NumCPU:               runtime.NumCPU(),
		GODEBUG:              os.Getenv("GODEBUG"),
		GOGC:                 l.gogc,
		GOEXPERIMENT:         goExperiment(),
		MutexProfileFraction: l.cfg.mutexProfileFraction,
		BlockProfileRate:     l.cfg.blockProfileRate,
		Profiles:             profiles,
		NumGoroutine:         runtime.NumGoroutine(),
		LeakedGoroutines:     l.leak.leaked.Load(),
	}
}

func (l *Lab) handleInfo(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(l.info())
}
