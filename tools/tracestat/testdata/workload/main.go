// Command workload writes a short execution trace of a known mix of scheduler work, the fixtures
// tracestat is tested on: a sync.Cond herd (one Broadcast wakes every waiter), channel ping-pong,
// goroutine creation, a contended mutex, sleeps (timer wake-ups) and a forced GC (stop-the-world).
//
//	go run . -o ../go1.26.trace -d 300ms
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/trace"
	"sync"
	"time"
)

func main() {
	out := flag.String("o", "trace.out", "trace file to write")
	d := flag.Duration("d", 300*time.Millisecond, "how long to trace")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := trace.Start(f); err != nil {
		log.Fatal(err)
	}
	deadline := time.Now().Add(*d)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); herd(deadline, 16) }()
	go func() { defer wg.Done(); pingPong(deadline) }()
	go func() { defer wg.Done(); spawnAndLock(deadline) }()
	time.Sleep(*d / 2)
	runtime.GC()
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// herd: n waiters on one condition variable, woken all at once every 2 ms.
func herd(deadline time.Time, n int) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	gen, stop := 0, false
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			seen := 0
			for !stop {
				for gen == seen && !stop {
					cond.Wait()
				}
				seen = gen
			}
		}()
	}
	for time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		gen++
		mu.Unlock()
		cond.Broadcast()
	}
	mu.Lock()
	stop = true
	mu.Unlock()
	cond.Broadcast()
	wg.Wait()
}

// pingPong: two goroutines bounce a value over unbuffered channels, pausing 100 µs per round.
func pingPong(deadline time.Time) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	for time.Now().Before(deadline) {
		ping <- 1
		<-pong
		time.Sleep(100 * time.Microsecond)
	}
	close(ping)
	<-pong
}

// spawnAndLock: short-lived goroutines contending for one mutex, 8 per millisecond, each holding it
// for a few microseconds.
func spawnAndLock(deadline time.Time) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for time.Now().Before(deadline) {
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mu.Lock()
				for i := 0; i < 2000; i++ { // a few µs inside the lock
					counter += i
				}
				mu.Unlock()
			}()
		}
		time.Sleep(time.Millisecond)
	}
	wg.Wait()
}
