# The rubric (vlrubric/). MODEL=, MMPROJ=, DRAFT=, CONFIG=, ROLE=, VARIANTS=, MAX_TOKENS=
# (-max-tokens) pass through.
CONFIG ?= baseline
RUBRIC_FLAGS = -config $(CONFIG) -variants $(VARIANTS) \
	$(if $(MODEL),-model $(abspath $(MODEL))) $(if $(MMPROJ),-mmproj $(abspath $(MMPROJ))) $(if $(DRAFT),-draft $(abspath $(DRAFT))) \
	$(if $(ROLE),-role $(ROLE)) $(if $(MAX_TOKENS),-max-tokens $(MAX_TOKENS)) $(if $(LLAMA_SERVER),-llama-server $(LLAMA_SERVER))

## rubric: the rubric on the default model (the synthetic one) or MODEL= (MMPROJ=, CONFIG=, ROLE=, VARIANTS=, MAX_TOKENS=); prints the results table
rubric: $(LLAMA_DEP)
	@rm -f $(RESULTS)/rubric/results.md
	$(GO) test ./vlrubric -run '^TestRubric$$' -count=1 -timeout 60m -args $(RUBRIC_FLAGS) \
		-results $(abspath $(RESULTS))/rubric -record $(abspath $(RESULTS))/rubric/answers; \
		status=$$?; cat $(RESULTS)/rubric/results.md 2>/dev/null; exit $$status
