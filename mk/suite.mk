# The full suite (internal/suite, cmd/vlbench): every model of a manifest through the
# rubric and the speed benchmarks, resumably. MODELS= names the manifest; the default is
# the synthetic models (testdata/suite/synthetic.yaml).
MODELS ?= testdata/suite/synthetic.yaml

.PHONY: suite

## suite: every model of MODELS= through rubric and perf with the configs that suit it; then the report
suite: $(LLAMA_DEP)
	$(GO) run ./cmd/vlbench suite $(if $(LLAMA_SERVER),-llama-server $(LLAMA_SERVER)) $(MODELS)
