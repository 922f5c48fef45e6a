# The standard benchmark sets (stdsets/). SET= and DATA= name the set and its local copy;
# LIMIT=, MIN=, MODEL=, MMPROJ=, ENDPOINT= pass through. VideoMME needs ffmpeg, which
# `make test` installs (scripts/install-ffmpeg.sh: Debian's package, as root).
STDSETS_FLAGS = -set $(SET) -data $(abspath $(DATA)) \
	$(if $(LIMIT),-limit $(LIMIT)) $(if $(MIN),-min $(MIN)) \
	$(if $(MODEL),-model $(abspath $(MODEL))) $(if $(MMPROJ),-mmproj $(abspath $(MMPROJ))) \
	$(if $(ENDPOINT),-endpoint $(ENDPOINT)) $(if $(LLAMA_SERVER),-llama-server $(LLAMA_SERVER))

.PHONY: ffmpeg stdsets

## ffmpeg: Debian's ffmpeg for VideoMME's frame sampling (idempotent; apt-get when root)
ffmpeg:
	@bash scripts/install-ffmpeg.sh

test: ffmpeg

## stdsets: one standard set, SET=docvqa DATA=path/to/DocVQA, into results/<set>/
stdsets: $(LLAMA_DEP) ffmpeg
	@test -n "$(SET)" -a -n "$(DATA)" || { echo "usage: make stdsets SET=docvqa DATA=path [LIMIT=n MIN=score MODEL=…]"; exit 1; }
	$(GO) test ./stdsets -run '^TestSet$$' -count=1 -timeout 0 -v -args $(STDSETS_FLAGS) \
		-results $(abspath $(RESULTS))/$(SET) -record $(abspath $(RESULTS))/$(SET)/answers; \
		status=$$?; cat $(RESULTS)/$(SET)/results.md 2>/dev/null; exit $$status
