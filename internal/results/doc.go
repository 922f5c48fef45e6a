// Package results defines vlbench's results files, the only contract between the suites
// (vlrubric, perf, the standard sets) and the reports. A suite writes them; a report
// reads them; neither calls the other.
//
// A results folder holds, per run of one model in one configuration:
//
//  1. results.json: a Run (schema below, versioned by Schema): the model file and its
//     GGUF facts, the configuration, the server build, every answer with its score and
//     per-criterion evidence, timings, tier summaries and the roles qualified for;
//  2. results.md: the plan's "Quality Rubric Results" row for that run;
//  3. per-question files named as the plan names them, {model}_{config}_{test}.txt.
//
// Speed results are Go benchmark files (bench-*.txt), read with golang.org/x/perf/benchfmt.
//
// SameAnswers compares two runs' answers item by item (same.go): the check that a
// speculative or n-gram config gave the baseline's answers at temperature 0.
//
// Every file is written atomically (WriteFile: a temporary file in the same folder, then
// a rename), so an interrupted run leaves either the old file or the new one, never half.
package results
