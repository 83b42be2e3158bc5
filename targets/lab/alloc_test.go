package main

import (
	"testing"
)

func TestAllocAllocatesKbKiBPerRequest(t *testing.T) {
	l, app, _ := testLab(t, defaultConfig(t))
	const kb, requests = 1024, 4
	before, ok := runtimeMetric("/gc/heap/allocs:bytes")
	if !ok {
		t.Fatal("runtime/metrics has no /gc/heap/allocs:bytes")
	}
	for i := 0; i < requests; i++ {
		mustGet(t, app.URL+"/alloc?kb=1024")
	}
	after, _ := runtimeMetric("/gc/heap/allocs:bytes")
	if d := after - before; d < kb*1024*requests {
		t.Fatalf("heap allocations grew by %.0f bytes, want >= %d", d, kb*1024*requests)
	}
	if got := l.alloc.bytes.Load(); got != kb*1024*requests {
		t.Fatalf("lab_alloc_bytes_total = %d, want %d", got, kb*1024*requests)
	}
}
