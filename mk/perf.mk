# Speed benchmarks (perf/) and llama-bench side by side (cmd/llamabench2go).
# MODEL=, MMPROJ=, DRAFT= pass through (default: the synthetic models); THREADS=8,16,
# MOE=4, SPECK=8,16, IMGMAX=256,1024, IMGMIN=, CONFIGS=moe4+imgmax512, CLIENTS=1,2,4 (perf's
# -clients and llama-batched-bench's -npl), P=512 (prompt tokens), N=128 (generated tokens) are perf's flags;
# COUNT=10 and BENCHTIME=1x are go test's; BENCH= picks benchmarks (a -bench regexp);
# LLAMABENCH=0 leaves llama-bench out of `make bench`.
COUNT      ?= 10
BENCHTIME  ?= 1x
BENCH      ?= .
P          ?= 512
N          ?= 128
LLAMABENCH ?= 1
CLIENTS    ?= 1,2,4

PERF_MODEL = $(if $(MODEL),$(basename $(notdir $(MODEL))),synthetic)
PERF_FILE  = $(RESULTS)/bench-$(PERF_MODEL)-$(shell date -u +%Y%m%dT%H%M%SZ).txt
# go test runs in perf/, so paths are made absolute.
PERF_FLAGS = -p $(P) -n $(N) \
	$(if $(MODEL),-model $(abspath $(MODEL))) $(if $(MMPROJ),-mmproj $(abspath $(MMPROJ))) \
	$(if $(DRAFT),-draft $(abspath $(DRAFT))) $(if $(THREADS),-threads $(THREADS)) \
	$(if $(MOE),-moe $(MOE)) $(if $(SPECK),-spec-k $(SPECK)) \
	$(if $(IMGMAX),-imgmax $(IMGMAX)) $(if $(IMGMIN),-imgmin $(IMGMIN)) $(if $(CONFIGS),-configs $(CONFIGS)) \
	-clients $(CLIENTS) \
	$(if $(LLAMA_SERVER),-llama-server $(LLAMA_SERVER))
LLAMABENCH_FLAGS = -p $(P) -n $(N) -r $(COUNT) -npl $(CLIENTS) \
	$(if $(MODEL),-model $(abspath $(MODEL))) $(if $(THREADS),-threads $(THREADS)) \
	$(if $(LLAMA_SERVER),-llama-server $(LLAMA_SERVER))
BENCHSTAT  = $(GO) run golang.org/x/perf/cmd/benchstat
# The newest bench file, or FILE=.
PERF_NEWEST = $(or $(FILE),$(shell ls -t $(RESULTS)/bench-*.txt 2>/dev/null | head -1))

.PHONY: bench compare compare-llama llama-bench

## bench: perf's benchmarks (and llama-bench's) on the model into results/bench-<model>-<date>.txt
# The output goes to FILE.partial and is renamed to FILE only when every command succeeded:
# a failed or interrupted run leaves no bench file for `make compare` or the report to read.
bench: $(LLAMA_DEP)
	@mkdir -p $(RESULTS)
	@f=$(PERF_FILE); tmp=$$f.partial; trap 'rm -f "$$tmp"' EXIT; echo "writing $$f"; \
	$(GO) test ./perf -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -count $(COUNT) -timeout 0 \
		-args $(PERF_FLAGS) | tee $$tmp || { s=$$?; echo "make bench: perf failed (exit $$s): no $$f written"; exit $$s; }; \
	if [ "$(LLAMABENCH)" = 1 ]; then \
		echo "llama-bench $(LLAMABENCH_FLAGS)"; \
		$(GO) run ./cmd/llamabench2go $(LLAMABENCH_FLAGS) | tee -a $$tmp || \
			{ s=$$?; echo "make bench: llama-bench failed (exit $$s): no $$f written"; exit $$s; }; \
	fi; \
	mv $$tmp $$f && echo "wrote $$f"

## compare: benchstat -col /config on the newest bench file (or FILE=); OLD= NEW= compares two files
compare:
ifneq ($(and $(OLD),$(NEW)),)
	$(BENCHSTAT) $(OLD) $(NEW)
else
	@test -n "$(PERF_NEWEST)" || { echo "no $(RESULTS)/bench-*.txt: run make bench"; exit 1; }
	@echo "== $(PERF_NEWEST)"
	$(BENCHSTAT) -col /config $(PERF_NEWEST)
endif

## compare-llama: the harness against llama.cpp's own tools on the newest bench file: Generate vs tg<N>-d<P>, Prompt vs pp<P>, Concurrent vs llama-batched-bench
compare-llama:
	@test -n "$(PERF_NEWEST)" || { echo "no $(RESULTS)/bench-*.txt: run make bench"; exit 1; }
	@echo "== $(PERF_NEWEST): BenchmarkGenerate (server) vs llama-bench tg$(N)-d$(P) (decode after $(P) tokens)"
	$(BENCHSTAT) -filter '.unit:tok/s (.name:Generate OR /test:tg$(N)-d$(P))' -row /config -col .name $(PERF_NEWEST)
	@echo "== $(PERF_NEWEST): BenchmarkPrompt (server) vs llama-bench pp$(P)"
	$(BENCHSTAT) -filter '.unit:tok/s (.name:Prompt OR /test:pp$(P))' -row /config -col .name $(PERF_NEWEST)
	@echo "== $(PERF_NEWEST): BenchmarkConcurrent kind=text (server, aggregate generation) vs llama-batched-bench speed_tg, per clients"
	$(BENCHSTAT) -filter '.unit:tok/s (.name:LlamaBatchedBench OR (.name:Concurrent /kind:text))' -row /config,/clients -col .name $(PERF_NEWEST)

## llama-bench: llama-bench alone on the model into results/llama-bench-<model>-<date>.txt
llama-bench: $(LLAMA_DEP)
	@mkdir -p $(RESULTS)
	@f=$(RESULTS)/llama-bench-$(PERF_MODEL)-$(shell date -u +%Y%m%dT%H%M%SZ).txt; tmp=$$f.partial; trap 'rm -f "$$tmp"' EXIT; \
	$(GO) run ./cmd/llamabench2go $(LLAMABENCH_FLAGS) | tee $$tmp && mv $$tmp $$f && echo "wrote $$f"
