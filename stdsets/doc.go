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
// Metrics and their sources (each function's doc says more): DocVQA, ANLS (Biten et al.
// 2019; RRC); ChartQA, relaxed accuracy (Masry et al. 2022; Qwen-VL's
// relaxed_correctness); MathVista, accuracy (lupantech/MathVista); MMMU, accuracy
// (MMMU-Benchmark eval_utils); OCRBench, substring match, 1000 × accuracy, points per
// category (Yuliang-Liu/MultimodalOCR); ScreenSpot, click accuracy, the point (or a
// box's centre) inside the element's box (SeeClick), parts mobile/desktop/web ×
// text/icon; VideoMME, accuracy, parts short/medium/long. The reference for each is
// lmms-eval's task (EvolvingLMMs-Lab/lmms-eval, lmms_eval/tasks/<set>/ and
// api/metrics.py), and where a metric's result depends on Python, the helpers do as
// Python 3 does: round() on the float's exact binary value with ties to even, float()
// and int() (any script's decimal digits, "1_000", "1e-3", ".5"), the regular
// expressions \d, \w and \b on a str, str.lower() (İ, final sigma), strip() and split().
// TestAgainstPython checks them against python3.
//
// Every deliberate difference from lmms-eval, and why:
//
//	set         here                                  lmms-eval                          why
//	all         a <think> block is removed first      scores the raw text                thinking is not the answer
//	DocVQA      NL divides by the normalized          by the raw strings' len(upper())   the RRC definition; spaces
//	            strings' lengths                                                         around an answer are no error
//	DocVQA      NL = 0.5 scores 0                     keeps 0.5                          the paper: s = 1-NL if NL < τ
//	DocVQA,     the decimal digits of every script    compared as written (OCRBench:     a digit's script is no reading
//	OCRBench    are folded to ASCII (U+0665 is 5)     full-width digits folded)          error
//	OCRBench    an empty ground truth never matches   "" is in every answer: right       it would match anything
//	ChartQA     a % on one side only is right under   "12%" is 0.12, so wrong against    the chart may show the unit
//	            either reading (12% = 0.12 or 12)     "12"
//	ChartQA     thousands commas and a final full     float() fails: exact text          a number written as charts
//	            stop dropped before reading                                              write it
//	ChartQA     a 0 ground truth needs a numeric 0    falls back to exact text           "0.0" is 0
//	ChartQA     white space around the answer         kept                               formatting, not content
//	            dropped
//	ChartQA     "inf" and "nan" are text              numbers                            no chart answer is either
//	MathVista   rules extract (answer tail, letter,   GPT-4 extracts                     reproducible, offline; -judge
//	            choice text, last number, last [...])                                    asks an LLM where no rule does
//	MathVista   an extraction neither a letter nor a  the most similar choice by edit    any text would become some
//	            choice (case aside) is wrong          distance                           answer
//	MathVista   "B." and "B)" are letters; commas     "B" or "(B)"; float() fails on     formatting, not content
//	            dropped before float()                "1,234"
//	MathVista   floats and lists compare as numbers   str(round(x, p)) == answer text    "1.50" and "1.5" are one answer
//	MMMU        an unparsed multiple-choice answer    a random letter                    reproducible scores; the share
//	            is unparsed and wrong                                                    is reported (unparsed_share)
//	ScreenSpot  asks for a point, scores the click    screenspot_rec asks for a box,     the benchmark's (SeeClick's)
//	            (box answers too: centre, and IoU)    scores IoU and ACC@τ               metric is click accuracy
//	ScreenSpot  -coords auto: numbers above 1 are     above 1: thousandths               the prompt asks for fractions;
//	            pixels (-coords 1000: thousandths)                                       -coords 1000 for Qwen3-VL
//	ScreenSpot  "(x, y)", bare numbers, "[50%, 50%]"  four numbers in brackets, digits   formatting, not content; IoU is
//	            and ".2" are read                     before any dot, else [0,0,0,0]     0 for them there
//	ScreenSpot  mean_iou_boxes (box answers alone)    mean IoU only                      mean_iou is the reference's:
//	            beside mean_iou                                                          0 for answers without a box
//	VideoMME    the benchmark's extract_characters_   mcq_extract.py's priority          the published numbers were
//	            regex (first A-D after lead-ins)      extractor (last, strongest)        made with it
//
// Not chosen but known: Go's Unicode tables are 15.0, Python 3.11's are 14.0, so
// characters added in 15.0 may lower-case or count as digits differently.
package stdsets
