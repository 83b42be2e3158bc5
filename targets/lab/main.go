// Command lab is schedgate's contention lab: a Go HTTP service whose endpoints each reproduce
// one Go scheduler behaviour (healthy CPU work, fan-out wake-ups, a hot mutex, a thundering
// herd, a goroutine leak, GC pressure), with pprof, runtime/metrics and /info on a second port.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

func main() {
	healthcheck := flag.Bool("healthcheck", false, "GET http://127.0.0.1<LAB_PPROF_ADDR port>/healthz and exit 0 if it answers 200 (for images without a shell)")
	flag.Parse()
	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		log.Fatalf("lab: %v", err)
	}
	if *healthcheck {
		os.Exit(checkHealth(cfg.pprofAddr))
	}
	applyProfileRates(cfg)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := run(ctx, newLab(cfg), nil); err != nil {
		log.Fatalf("lab: %v", err)
	}
}

// applyProfileRates turns on mutex and block profiling: both are off in Go by default and
// net/http/pprof does not turn them on, so their profiles would be empty.
func applyProfileRates(cfg config) {
	runtime.SetMutexProfileFraction(cfg.mutexProfileFraction)
	runtime.SetBlockProfileRate(cfg.blockProfileRate)
}

// run serves both ports until ctx ends (SIGTERM), then drains in-flight requests.
// listening, if not nil, learns the bound addresses (tests listen on port 0).
func run(ctx context.Context, l *Lab, listening func(app, pprof net.Addr)) error {
	app := &http.Server{
		Addr:              l.cfg.appAddr,
		Handler:           l.appHandler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second, // the slowest legit request is a long herd queue
		IdleTimeout:       90 * time.Second,
	}
	// No WriteTimeout on the pprof port: ?seconds=N captures stream for N seconds, and
	// Go 1.22's pprof rejects seconds >= WriteTimeout with 400.
	obs := &http.Server{
		Addr:              l.cfg.pprofAddr,
		Handler:           l.pprofHandler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       90 * time.Second,
	}
	appLn, err := net.Listen("tcp", app.Addr)
	if err != nil {
		return fmt.Errorf("application port: %w (set LAB_APP_ADDR)", err)
	}
	obsLn, err := net.Listen("tcp", obs.Addr)
	if err != nil {
		appLn.Close()
		return fmt.Errorf("pprof port: %w (set LAB_PPROF_ADDR)", err)
	}
	log.Printf("lab %s GOMAXPROCS=%d NumCPU=%d app=%s pprof=%s mutexProfileFraction=%d blockProfileRate=%d",
		runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), appLn.Addr(), obsLn.Addr(),
		l.cfg.mutexProfileFraction, l.cfg.blockProfileRate)

	if listening != nil {
		listening(appLn.Addr(), obsLn.Addr())
	}
	errs := make(chan error, 2)
	serve := func(s *http.Server, ln net.Listener) {
		if err := s.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs <- err
		}
	}
	go serve(app, appLn)
	go serve(obs, obsLn)

	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
	}
	log.Printf("lab: shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return errors.Join(app.Shutdown(shutCtx), obs.Shutdown(shutCtx))
}

// checkHealth is the image's HEALTHCHECK: scratch images have no curl.
func checkHealth(pprofAddr string) int {
	_, port, err := net.SplitHostPort(pprofAddr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "healthcheck: LAB_PPROF_ADDR=%q: %v\n", pprofAddr, err)
		return 1
	}
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get("http://127.0.0.1:" + port + "/healthz")
	if err != nil {
		fmt.Fprintf(os.Stderr, "healthcheck: %v\n", err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(os.Stderr, "healthcheck: /healthz answered %s\n", resp.Status)
		return 1
	}
	return 0
}
