#!/bin/sh
# go vet + go test of tracestat, as Maven's test phase runs them: with the go on PATH when it is Go
# 1.26 or newer (golang.org/x/exp/trace needs it), else through GOTOOLCHAIN=go1.27.3, the fallback
# io.schedgate.service.TraceStatBuild builds with.
set -eu
cd "$(dirname "$0")"
minor=$(GOTOOLCHAIN=local go env GOVERSION | sed -nE 's/^go1\.([0-9]+).*/\1/p')
if [ -n "$minor" ] && [ "$minor" -lt 26 ]; then export GOTOOLCHAIN=go1.27.3; else export GOTOOLCHAIN=local; fi
go vet ./...
go test -count=1 -timeout=5m ./...
