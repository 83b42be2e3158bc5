package main

import (
	"fmt"
	"net/http"
	"strconv"
)

// Bounds on every query parameter: the lab is meant to be pushed hard, but no single request
// may be able to exhaust the machine it shares with the load generator (OOM, minute-long spins).
const (
	maxSpinMicros   = 100_000 // 100 ms of CPU per request at most
	maxFanout       = 10_000  // goroutines spawned per /fanout request
	maxLeakPerReq   = 1_000   // goroutines leaked per /leak request
	maxAllocKiB     = 16_384  // 16 MiB allocated per /alloc request
	maxYieldN       = 1_000   // goroutines started per /yield request
	maxYieldK       = 10_000  // Gosched calls per /yield goroutine
	defaultSpinUs   = 50
	defaultLockUs   = 20
	defaultFanout   = 64
	defaultLeakN    = 1
	defaultAllocKiB = 256
	defaultYieldN   = 8
	defaultYieldK   = 100
)

// intParam reads query parameter name as an integer in [min, max], def when absent.
// Out-of-range or malformed values are an error the handler turns into HTTP 400.
func intParam(r *http.Request, name string, def, min, max int) (int, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.Atoi(raw)
	if err != nil {
		return 0, fmt.Errorf("parameter %s=%q is not an integer (allowed %d..%d)", name, raw, min, max)
	}
	if v < min || v > max {
		return 0, fmt.Errorf("parameter %s=%d out of range (allowed %d..%d)", name, v, min, max)
	}
	return v, nil
}

// withIntParam makes a handler that validates one integer query parameter (400 with a
// one-line reason when it is malformed or out of bounds) and passes it to do.
func withIntParam(name string, def, min, max int, do func(w http.ResponseWriter, v int)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := intParam(r, name, def, min, max)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		do(w, v)
	}
}
