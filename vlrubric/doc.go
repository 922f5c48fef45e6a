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
// Answer forms read: markdown (bold, headings, lists, tables, code ticks and fenced
// blocks), LaTeX (\(x=4\), $x = 4$, $$…$$, x=\boxed{4}, \frac{8}{2}, \text{…},
// \times, \to), number words up to the thousands ("twenty-five"), currency with
// thousands separators ("$5,732.10", "87.21 USD"), arrows (→, ->, =>, ⇒), chatty
// preambles, hedges, and <think>…</think> blocks. Not read: money in words ("eighty-
// seven dollars"), fractions and decimals in words ("four point five"), ordinals as
// counts ("the third"), Roman numerals, non-English answers, and answers that only
// point at the image ("the one on the left is different") without naming things.
//
// The hand-written answers in testdata/answers/good (each scores 5 on the canonical
// variant) and testdata/answers/wrong (each scores at most 2) are replayed by the
// tests; add a file there when a real model's answer is scored wrongly.
package vlrubric
