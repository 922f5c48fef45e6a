// Package suite runs every model of a manifest through the rubric and the speed
// benchmarks with the configurations that suit each, resumably: the plan's
// run_all_vl_benchmarks.sh as a Go program.
//
// The workflow (`vlbench suite models.yaml`, or `make suite MODELS=models.yaml`):
//
//  1. Load reads the manifest (see Manifest) and checks it, naming the line of any
//     problem: an unknown key, a missing file, an mmproj for another architecture.
//  2. Plan reads each model's GGUF facts and lists its steps, one per (model, config,
//     test), named {model}_{config}_{test} as the plan names its results: dense models get
//     baseline plus spec-kK when a draft is given; MoE models (qwen3vlmoe, qwen3moe, …)
//     get baseline plus moeN (perf.Select decides, the same rules as the benchmarks); every
//     model gets prompt lookup (ngram: llama.cpp's --spec-type ngram-simple) where the
//     llama-server build has it; imgmax/imgmin add image-token budgets (imgmaxN, imgminN)
//     for models with a projector, and configs adds names such as moe4+imgmax512
//     (harness.Variant is the one rule for what a name means and whether a model takes
//     it). A model whose GGUF memory estimate exceeds the available memory is skipped with
//     both figures, before anything loads it; a model over rpc: workers is checked by the
//     estimate's split (host and local workers here, each given worker within
//     rpc_memory_gib) and runs every config with -rpc. The perf step runs its config by
//     name (perf -configs NAME).
//  3. Runner.Run runs each step through `go test` (./vlrubric with -results, ./perf with
//     -bench), so its outputs are exactly those packages' files, under the output folder.
//     suite-state.json records every step as it ends, with its inputs (Inputs: the
//     settings passed to it, the model files' fingerprints, the llama-server binary and
//     build): a rerun after an interruption or a crash keeps what is done with the same
//     inputs and redoes what is missing, failed, was running or whose inputs changed,
//     saying which changed; a failed step is recorded with its reason and the suite goes
//     on. Interrupting the suite interrupts the running step's go test and its servers.
//     A model's roles are asserted by its rubric steps (roles.go): each role gets a
//     verdict, and a model below a role is a verdict, not a failed step.
//  4. Progress is one line per step with the elapsed time and an estimate of what is
//     left; a long step says every 30 s that it is still running. Each rubric step's cold
//     load is checked against the plan's < 30 s escalation target.
//  5. At the end the report reads the output folder (vlbench report).
package suite
