#!/bin/sh
# go vet + go test of the Kubernetes manifests' offline check, as Maven's test phase runs them:
# renders deploy/k8s's base and overlays with kustomize's krusty API and checks them (no cluster).
set -eu
cd "$(dirname "$0")"
export GOTOOLCHAIN=local
go vet ./...
go test -count=1 -timeout=5m ./...
