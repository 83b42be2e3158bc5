package main

import (
	"fmt"
	"strconv"
)

// config is the lab's environment. GOMAXPROCS, GODEBUG and GOGC are read by Go itself.
type config struct {
	appAddr              string // LAB_APP_ADDR: application endpoints
	pprofAddr            string // LAB_PPROF_ADDR: /debug/pprof, /metrics, /info, /healthz
	mutexProfileFraction int    // LAB_MUTEX_PROFILE_FRACTION: 1/n of contention events sampled
	blockProfileRate     int    // LAB_BLOCK_PROFILE_RATE: one blocking event per n ns sampled
	leakMax              int64  // LAB_LEAK_MAX: lifetime cap on goroutines /leak may leave
}

// loadConfig reads the environment through getenv; profiling is on by default because mutex
// and block profiles are empty while their rates are 0 (Go's default).
func loadConfig(getenv func(string) string) (config, error) {
	c := config{appAddr: ":8080", pprofAddr: ":6060", mutexProfileFraction: 5, blockProfileRate: 10000, leakMax: 100_000}
	if v := getenv("LAB_APP_ADDR"); v != "" {
		c.appAddr = v
	}
	if v := getenv("LAB_PPROF_ADDR"); v != "" {
		c.pprofAddr = v
	}
	ints := []struct {
		name string
		dst  *int
	}{{"LAB_MUTEX_PROFILE_FRACTION", &c.mutexProfileFraction}, {"LAB_BLOCK_PROFILE_RATE", &c.blockProfileRate}}
	for _, e := range ints {
		if v := getenv(e.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return c, fmt.Errorf("%s=%q: want a non-negative integer (0 turns that profile off)", e.name, v)
			}
			*e.dst = n
		}
	}
	if v := getenv("LAB_LEAK_MAX"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return c, fmt.Errorf("LAB_LEAK_MAX=%q: want a non-negative integer (goroutines /leak may leave in total)", v)
		}
		c.leakMax = n
	}
	if c.appAddr == c.pprofAddr {
		return c, fmt.Errorf("LAB_APP_ADDR and LAB_PPROF_ADDR are both %q: give pprof its own port", c.appAddr)
	}
	return c, nil
}
