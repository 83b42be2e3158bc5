// Command tracestat reads one Go execution trace (what /debug/pprof/trace?seconds=N or
// runtime/trace writes, Go 1.22+) with golang.org/x/exp/trace and prints exact scheduler counts as
// JSON (schema "schedgate.tracestat/1", described in stats.go):
//
//	tracestat [-top N] FILE
//
// Exit status 1 with one line on stderr when the file is not a readable trace.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

func main() {
	top := flag.Int("top", 10, "waker sites to list")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: tracestat [-top N] TRACE_FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "tracestat:", err)
		os.Exit(1)
	}
	defer f.Close()
	s, err := Read(f, *top)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tracestat: %s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		fmt.Fprintln(os.Stderr, "tracestat:", err)
		os.Exit(1)
	}
}
