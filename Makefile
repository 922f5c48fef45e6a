# vlbench: see README.md. `make rubric` runs the rubric on the embedded default model;
# `make test` runs the tests. Both install what they need.

# Recipes run in bash with pipefail, so that `cmd | tee file` fails when cmd fails.
SHELL       := bash
.SHELLFLAGS := -o pipefail -c

GO       ?= go
LLAMA    ?= build/llama
RESULTS  ?= results
VARIANTS ?= 3
TESTFLAGS ?=

# A user's own llama-server (LLAMA_SERVER=/path) skips the Debian install.
ifeq ($(strip $(LLAMA_SERVER)),)
LLAMA_DEP := llama
else
LLAMA_DEP :=
endif

.PHONY: all help llama test vet cross rubric fixtures models models-large clean

# Each suite keeps its own targets in mk/<suite>.mk.
-include mk/*.mk

## all: the same as make test
all: test

## help: list the targets and what each does (from their ## comments)
help:
	@awk '/^## [a-z][a-z-]*: / { sub(/^## /, ""); t = $$0; sub(/:.*/, "", t); sub(/^[^:]*: /, ""); printf "  %-14s %s\n", t, $$0 }' $(MAKEFILE_LIST)

## llama: install llama.cpp from Debian sid into build/llama (idempotent, no network when done)
llama:
	@bash scripts/install-llama.sh $(LLAMA)

## test: vet (and for macOS and Windows), then every test, the real llama-server end-to-end tests included
test: $(LLAMA_DEP) vet cross
	$(GO) test -count=1 -timeout 15m $(TESTFLAGS) ./...

## vet: go vet and the gofmt check
vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

## cross: go vet for macOS and go build for Windows, where a user's own llama.cpp build runs vlbench
cross:
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) build ./...

## fixtures: write every rubric image (canonical + VARIANTS variants) to build/fixtures
fixtures:
	$(GO) run ./cmd/genfixtures -out build/fixtures -variants $(VARIANTS)

## models: write the small synthetic models into build/models
models:
	$(GO) run ./cmd/synth -kind small

## models-large: the realistic ~700M-parameter dense model, quantized to Q4_K_M
models-large: $(LLAMA_DEP)
	$(GO) run ./cmd/synth -kind large

## clean: remove the synthetic models and fixture images from build/
clean:
	rm -rf build/models build/fixtures
