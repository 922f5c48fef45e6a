// Package report turns results files into the plan's report: the "Quality Rubric
// Results" and "Speed Benchmarks" tables, the model chosen for each role of the vision
// escalation ladder with the reason every other model was not, regressions against a
// baseline, and a self-contained HTML page with plots. It reads results files only
// (internal/results is the contract); it never runs a suite.
//
// The workflow (cmd/vlbench report is a thin shell over it):
//
//  1. Load the inputs: s, err := report.Load(paths...). A folder is searched
//     recursively for results.json (a rubric run, results.ReadRun) and bench-*.txt /
//     llama-bench-*.txt (Go benchmark files from `make bench`, read with benchfmt);
//     answers/ folders (recorded answers) are skipped. A bench file's model is its
//     `model:` config line if it has one, else the .gguf named on llama-bench's comment
//     line, else its file name bench-<model>-<date>.txt (a note says so); its quant is
//     a `quant:` line or the name's suffix (-Q4_K_M).
//  2. Join them: rep := report.Join(s). Runs and bench series meet per model (name
//     without the quant suffix, and quant) and config. The newest run and the last
//     bench file (by path, so by date) win a duplicate.
//  3. Assign roles: rep.Assign(). Every entry with a rubric run is judged for every
//     role with vlrubric's own rules: Summary.Failures(role, gates...), where the gates
//     are the plan's decision criteria from Role.Floors: generation speed (the median
//     of BenchmarkGenerate's tok/s, or the rubric run's server timings without a bench
//     file) more than the floor, and memory (BenchmarkMemory's peak-MiB, else the run's
//     peak RSS, else the GGUF estimate) less than the ceiling. "With its best
//     acceleration": a baseline run is judged at the speed of its fastest lossless
//     config (spec-kK: speculative decoding gives the same answers); moeN changes the
//     answers, so it needs its own rubric run. An unknown speed or memory fails a role
//     that has a floor. Among the qualified, worker_vision ("fast, interactive") ranks
//     by speed, then T1, T2, T3, then less memory; vision_escalation and
//     vision_architect (quality first) by T3, T2, T1, then speed, VideoMME, memory. A full
//     tie goes to the first by name and says so.
//     Beside the rubric gates the plan's other decision criteria (criteria.go,
//     DefaultCriteria, `-criteria name=value,…`): worker_vision's DocVQA ≥ 0.90 and
//     OCRBench ≥ 800, vision_escalation's MMMU ≥ 0.55 and MathVista ≥ 0.60 where those
//     sets ran, its cold load < 30 s (BenchmarkColdLoad, else the rubric's load time),
//     and VideoMME as a preference. A measured criterion that fails is a failure; one
//     without data says "not measured" in the reasons and fails nothing.
//  4. Compare configs paired (paired.go): rep.Costs() is the "Quality cost of
//     acceleration" table, every config of a model against its baseline: the speed
//     ratio with benchstat's p; per tier the mean difference on the items both rubric
//     runs scored (same question and variant), with the paired 95% t interval and, where
//     n ≤ 25, Wilcoxon's signed-rank p (internal/stats); standard-set deltas paired by
//     sample (McNemar's exact test for 0/1 scores); for spec-kK and ngram the answers
//     compared item by item (results.SameAnswers: "lossless: n of n answers
//     identical", or the first that differ; a config shown to differ lends the baseline
//     no speed in step 3); and the -variants a tier difference of 0.5 needs (80% power),
//     from the spread of the differences. rep.Matrix() is the plan's Acceleration
//     Compatibility Matrix from the same figures.
//  5. Compare with a baseline: report.Compare(old, rep, dir). Quality regressed when a
//     role whose rubric minimums the old run met is no longer met, or when a tier fell
//     beyond noise: paired where the two runs share items (the paired 95% interval
//     wholly below 0), unpaired where they share none (the new interval wholly below
//     the old mean); the regression says which. Standard sets likewise (McNemar on
//     shared samples, else the intervals). Speed regressed when a series (model,
//     config, benchmark, unit with a known better direction) moved the wrong way with
//     p < 0.05 in benchstat's test (benchmath.AssumeNothing, a Mann-Whitney U test;
//     with fewer than 4+4 samples it can never be significant).
//  6. Write: rep.Markdown(w, regs), rep.HTML(w, regs). The HTML inlines its plots
//     (gonum/plot PNGs as data URLs) and needs no server or network: speed against
//     T1/T2/T3, the paired quality cost (tier score against speed, paired intervals as
//     error bars, role speed floors), per-question scores, acceleration gains, memory
//     against the role limits, and the image request's parts by image size. Where perf's
//     vision benchmarks ran, Markdown adds (vision.go): the image request taken apart
//     (BenchmarkImageSplit), the image-token budget configs (imgmaxN/imgminN) with their
//     image tokens, image prompt time, speed and rubric tiers, acceleration on image
//     turns against text turns per config with a verdict (BenchmarkImageGenerate), and
//     concurrent load beside llama-batched-bench (BenchmarkConcurrent). Sub-benchmarks
//     below config= are kept apart (SampleKey.Sub).
//
// From the command line:
//
//	vlbench report results/                       # Markdown on stdout
//	vlbench report -o out results/ old/bench-*.txt # out/report.md, out/report.html
//	vlbench report -baseline old/ results/        # exit status 1 on a regression
//	vlbench report -criteria docvqa=0.85,coldload=45 results/
//	make report [REPORT_IN=dir] [BASELINE=dir]
//
// Tests: the golden report of hand-made fixtures and of four real recorded rubric runs
// of the synthetic models (cmd/vlbench/testdata/report/current/synthetic-*: baseline and
// spec-k8, MoE baseline and moe1; -update rewrites it, -fixtures regenerates the
// hand-made ones), the paired gate on a run worse on its shared items only, the matrix
// and criteria on the suite's synthetic results (internal/suite), role edge cases here (ties, missing
// speed, a model that qualifies for no role, gates at their limits), and the HTML opened
// in a headless Chromium (`make chromium` installs Debian's) whose screenshot must not
// be blank.
package report
