package main

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

// Alloc reproduces GC pressure: each request allocates kb KiB in 1 KiB pieces it links
// together and touches, then drops. Heap allocation rate follows QPS x kb, so GC cycles,
// mark assists (/cpu/classes/gc/mark/assist) and GC stop-the-world pauses
// (/sched/pauses/*) grow with load, and goroutines are stopped for GC rather than for locks.

const allocChunk = 1024

type node struct {
	next *node // pointers make the GC scan, not just sweep, the garbage
	buf  [allocChunk - 8]byte
}

type alloc struct {
	bytes atomic.Uint64 // bytes allocated by /alloc so far
}

func (a *alloc) run(kb int) byte {
	var head *node
	for i := 0; i < kb; i++ {
		n := &node{next: head}
		n.buf[i%len(n.buf)] = byte(i)
		head = n
	}
	a.bytes.Add(uint64(kb) * allocChunk)
	var x byte
	for n := head; n != nil; n = n.next {
		x ^= n.buf[0]
	}
	return x
}

func (l *Lab) handleAlloc() http.HandlerFunc {
	return withIntParam("kb", defaultAllocKiB, 1, maxAllocKiB, func(w http.ResponseWriter, kb int) {
		x := l.alloc.run(kb)
		fmt.Fprintf(w, "alloc kb=%d x=%d\n", kb, x)
	})
}
