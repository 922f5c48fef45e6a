// Package vlrubric scores vision-language model answers against the VL rubric of
// RUBRIC.md: ten questions in three tiers, each scored criterion by criterion from
// the ground truth of the image variant that was asked (fixtures.Truth), and the
// roles a model qualifies for from its tier scores.
//
// The workflow:
//
//  1. Draw a question variant with fixtures and ask the model its prompt (harness).
//  2. Score the raw answer: r := vlrubric.Score(truth, answer). Score keeps only the
//     final answer (FinalAnswer drops <think>…</think> blocks), reads it as plain
//     text (Plain drops markdown and LaTeX markup), and dispatches on truth.ID to the
//     question's scorer. Each criterion of Criteria(id) gets a fraction in [0, 1] and
//     its evidence; r.Score = 1 + 4 × Σ weight × fraction, rounded to one decimal.
//     An empty answer, or a refusal that earns nothing, scores 1 with r.Refusal set.
//     Print r (Result.String) to see why an answer scored what it did.
//  3. Collect the results of all questions and variants and summarize them:
//     s := vlrubric.Summarize(results). Each tier's score is the mean of its
//     questions' mean scores, with a 95% Student's t interval over the per-variant
//     tier scores (degenerate, Lo = Hi, with one variant).
//  4. Check the roles: s.Qualified lists the roles met on the rubric alone;
//     s.Failures(role, gates...) says which tier missed which minimum (each Failure
//     prints as "vision_escalation: T2 score 3.50 < minimum 4"). Speed and memory
//     floors (Role.Floors) are not measured here: pass them in as Gates.
//
// Every scorer states its rules in its doc comment and repeats the deciding fact in
// the evidence. Rules common to all:
//
//   - Matching is case-insensitive on whole words unless a criterion is about case.
//     Numbers are read in digits, with thousands separators and currency, or in words
//     ("twenty-five").
//   - A name preceded in its clause by a negation ("not", "no", "n't", "never",
//     "rather than", ...) is not asserted: "not a briefcase, it's a folder" names the
//     folder only. Clauses end at punctuation and at "but", "however", "instead".
//   - Guard criteria (no hallucinations, no value confusion, no hallucinated data, no
//     false positives) earn nothing when the answer gives nothing to check, so an
//     evasive answer cannot collect them.
//   - Length earns nothing: heuristic criteria look for named facts (a cause, an
//     effect, a fix; a feature or a purpose; working steps), never word counts.
//
// The scorers follow RUBRIC.md's "How an expert scores": a self-correction is scored on
// its final claim; a misread of something in the image is charged to the accuracy
// criterion and an invention (a line, bar, difference, node or field that is not there)
// to the guard criterion only, one clear invention costing it whole and a hedged one
// half; hedges that contain the truth earn part of the value; a terse correct answer
// identifies its field; words of the prompt are never evidence.
//
// Answer forms read: markdown (bold, headings, lists, tables, code ticks and fenced
// blocks), JSON, LaTeX (\(x=4\), $x = 4$, $$…$$, x=\boxed{4}, \frac{8}{2}, \text{…},
// \times, \to, aligned environments), numbers and arithmetic in words ("twenty-five",
// "two x equals eight"), money in words ("eighty-seven dollars and twenty-one cents"),
// currency with thousands separators, arrows (→, ->, =>, ⇒), shape glyphs (▲ ▲ ▲),
// chatty preambles, hedges and ranges, self-corrections, <think>…</think> blocks, and
// the closed vocabulary (numbers, colours, shapes, rows and columns, yes and no, scene
// objects, articles and prepositions, degrees such as "la plus grande" or "más alto",
// conditionals) of answers in Chinese, Japanese, Spanish, French, German, Italian or
// Portuguese (lexicon.go). Not read:
// fractions and decimals in words ("four point five"), ordinals as counts, Roman
// numerals, the open vocabulary of other languages, answers that only point ("the one
// on the left is different"), and inventions told in prose rather than in a list, a
// chain or a quote (a flowchart node "then it notifies the supervisor").
//
// When the rules cannot read an answer with confidence (mostly another language, no
// number where one is needed, a long answer that matched nothing) the criteria are
// marked uncertain with the reason (Result.Uncertain); with -judge the judge is asked
// about exactly those criteria and the question's subjective ones. Answers cut off at
// the token budget are marked truncated and kept out of tiers and roles unless
// -accept-truncated.
//
// Fidelity is measured, not assumed: TestCalibration scores the expert-scored answers
// of the shared set and of testdata/calibration (a dev half that may be read and a
// held-out half that is only measured) and reports the agreement. The hand-written
// answers in testdata/answers/good (each scores 5) and testdata/answers/wrong (each at
// most 2) are replayed by TestReplayHandWritten.
package vlrubric
