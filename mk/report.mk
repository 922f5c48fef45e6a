# Reports (internal/report, cmd/vlbench report). REPORT_IN= the results folders and bench
# files to read (default: $(RESULTS)); REPORT_OUT= where report.md and report.html go;
# BASELINE= a folder of older results to compare against (exit status 1 on a regression).
REPORT_IN  ?= $(RESULTS)
REPORT_OUT ?= $(RESULTS)/report

.PHONY: report chromium

## report: the plan's tables, role assignment, ladder and plots from REPORT_IN into REPORT_OUT (BASELINE= to check regressions)
report:
	$(GO) run ./cmd/vlbench report -o $(REPORT_OUT) $(if $(BASELINE),-baseline $(BASELINE)) $(REPORT_IN)
	@cat $(REPORT_OUT)/report.md

## chromium: install Debian's chromium for the HTML screenshot test (idempotent; needs root, else says what to run)
chromium:
	@bash scripts/install-chromium.sh

# The screenshot test needs chromium; make merges this prerequisite with the Makefile's
# `test: $(LLAMA_DEP) vet`.
test: chromium
