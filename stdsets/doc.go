// Package stdsets runs the standard vision-language benchmarks (MMMU, DocVQA, MathVista,
// ChartQA, VideoMME, ScreenSpot, OCRBench) on a local copy of each set, with the set's
// official prompt and metric, as Go tests beside the rubric. vlbench never downloads a
// set: the user does.
//
// The workflow:
//
//  1. Get the set. Either the Hugging Face parquet export (lmms-lab/DocVQA,
//     lmms-lab/ChartQA, AI4Math/MathVista, MMMU/MMMU, echo840/OCRBench,
//     rootsautomation/ScreenSpot, lmms-lab/Video-MME: images are bytes in an
//     {bytes, path} struct column) or JSONL with the same field names plus an image
//     folder (an image field holds a file name, relative to the JSONL file or -images).
//     -data takes a file or a folder, whose .parquet files (recursively, in name order)
//     or else .jsonl files are read: only the scored split's where the folder holds
//     several (validation for MMMU and DocVQA, testmini for MathVista, else test;
//     -split overrides). Point -data at the set's own folder (lmms-lab/DocVQA's
//     DocVQA/, not the repository with InfographicVQA beside it). VideoMME's videos (<videoID>.mp4) are looked for in
//     data/, videos/, video/ beside -data (or -videos DIR), subtitles in subtitle/.
//  2. Run it: go test ./stdsets -run TestSet -set docvqa -data PATH [-limit N]
//     [-shuffle-seed S] [-min SCORE] [-results DIR] [-record DIR | -replay DIR]
//     [-cache DIR] [-model GGUF -mmproj GGUF | -endpoint URL]. Each sample is a subtest;
//     the summary gives the headline metric with its 95% interval (Wilson for 0/1
//     metrics, Student's t for ANLS) and its parts (per discipline, category, question
//     type, platform × element type, duration). `make stdsets SET= DATA=` does the same
//     into results/<set>/.
//  3. Assert: -min SCORE fails the test when the metric (in the set's scale: fractions,
//     OCRBench points of 1000) is below it.
//  4. Resume: answers are cached by sample id at temperature 0 in
//     build/stdsets-cache/<model>/<set> (or -cache DIR; -cache off disables), keyed by
//     the model files' identity, the prompt, the images and the request settings. A run
//     stopped at sample 3,000 of 5,000 asks only the rest when started again.
//  5. Record and replay as vlrubric: -record DIR keeps <id>.txt per answer; -replay DIR
//     scores them without a server.
//  6. Compare: results.json (internal/results, suite = the set name, Metric with its
//     parts) and results.md put the measured score beside the published one
//     (PublishedScores) where the model's file name matches a published model.
//
// VideoMME: -frames K (default 32, lmms-eval's) frames are sampled uniformly (first and
// last included) with ffmpeg, scaled to -frame-side pixels (default 448); -subtitles
// gives the subtitle lines at those frames. ScreenSpot: -coords auto|pixel|1000 says how
// the answer's numbers are read (auto: all within [0, 1] are fractions, else pixels;
// Qwen3-VL answers in thousandths: -coords 1000). MathVista: -judge URL asks an LLM to
// extract the answer when no rule does; the share extracted by rule is reported.
//
// Without -set, `go test ./stdsets` runs the unit tests and TestEndToEnd: the synthetic
// model on llama-server over a 5-sample set of each kind, drawn from the rubric fixtures
// and written by the test (TestTinySetsLoad checks that both layouts load the same; the
// live runs take the layouts in turn). `go test ./stdsets -run TestWriteTinySets -args
// -write-tiny DIR` writes those sets out, to try the workflow on.
//
// Metrics, their sources, and the choices made where references disagree (each
// function's doc says more):
//
//   - DocVQA, ANLS (Biten et al. 2019; RRC): max over ground truths of 1-NL when NL < 0.5.
//     Divides by the normalized strings' lengths and zeroes NL = 0.5, as the paper;
//     lmms-eval divides by the raw lengths and keeps 0.5.
//   - ChartQA, relaxed accuracy (Masry et al. 2022; Qwen-VL's relaxed_correctness): 5%
//     for numbers, exact (case-insensitive) otherwise. A percent sign on one side only is
//     right under either reading (12% = 0.12 or 12); thousands commas and a final full stop are dropped; a
//     0 ground truth needs a numeric 0. The reference counts all three wrong.
//   - MathVista (lupantech/MathVista): the official pipeline extracts with GPT; here rules
//     extract (answer tail, choice letter or text, last number, last [...] list) and
//     -judge is the fallback. A multiple-choice extraction that is neither a letter nor
//     a choice is wrong (the reference picks the nearest choice by edit distance);
//     floats and lists compare as numbers (the reference compares text).
//   - MMMU (MMMU-Benchmark eval_utils): the official multiple-choice parser and open-answer
//     rules, except that an unparsed answer is counted unparsed and wrong, never a random
//     letter. Parts: the six disciplines and the unparsed share.
//   - OCRBench (Yuliang-Liu/MultimodalOCR): substring match, lower-cased; HME100k keeps
//     case and drops all spaces and newlines. Full-width ASCII is folded (as lmms-eval
//     now does). The score is 1000 × accuracy; parts are points per category.
//   - ScreenSpot (SeeClick): click accuracy, the point (or a box's centre) inside the
//     element's box; IoU is reported when a box is given. Parts: mobile/desktop/web ×
//     text/icon. The set has no official prompt; ours asks for a point in fractions.
//     Pixel answers are read against the image as sent; a model that answers in the
//     pixels of its own resized input (Qwen2.5-VL) is off by that scale.
//   - VideoMME, accuracy: the benchmark's own extract_characters_regex (first A-D after removing
//     lead-ins), not lmms-eval's newer priority extractor. Parts: short/medium/long.
//     A run is either without or with subtitles (-subtitles); its config says which.
package stdsets
