package vlrubric

import (
	"testing"

	"github.com/vlbench/vlbench/fixtures"
)

// truthOf is variant v's truth of question id.
func truthOf(id string, v int) *fixtures.Truth {
	t := variantTruth(id, v)
	return &t
}

// Answer forms read since the last round of blind batches, one case per rule, on the
// canonical truths. The expected fractions are the experts' for answers of the kind
// (the dev rows named).

func TestFormsText(t *testing.T) {
	runCases(t, "VL-T1-Q1", []answerCase{
		// JSON properties are said of their keys (dev 454).
		{"json properties", nil, "```json\n{\"text\": \"Hello World 123\", \"font_color\": \"black\", \"background\": \"white\"}\n```", []float64{1, 1, 1}},
		// "black on white" names the background (dev 254).
		{"black on white", nil, "Hello World 123 — one line, black on white.", []float64{1, 1, 1}},
		// One word per line (dev 402).
		{"word per line", nil, "The text reads, word by word:\n\nHello\nWorld\n123", []float64{1, 1, 1}},
		// A line read wholly wrong has no case to judge (dev 205).
		{"misread line", nil, "The text reads Yellow Wood 128.", []float64{0, 0, 1}},
		// Romance order, "letras negras sobre fondo blanco": the colour before "on" is
		// the text's (dev 162, 403).
		{"sobre fondo blanco", nil, "La imagen contiene una sola línea de texto, en letras negras sobre fondo blanco: Hello World 123", []float64{1, 1, 1}},
		// A markdown table's row is a key and its value (dev 102).
		{"table of properties", nil, "**Hello World 123**\n\n| Property | Value |\n|---|---|\n| Text color | Black |\n| Background | White |", []float64{1, 1, 1}},
		// A word of the line named by its place, an offer of more help and a
		// translation add no text (dev 264, 105, 408).
		{"second word", nil, "It reads \"Hello Word 123\" — sorry, looking more carefully, the second word is \"World\". The text is: Hello World 123", []float64{1, 1, 1}},
		{"offer", nil, "The image shows Hello World 123 in black on white. If you'd like, I can also help you reproduce this text in another font.", []float64{1, 1, 1}},
		{"translation", nil, "Le texte est « Hello World 123 ». « Hello World » signifie « Bonjour le monde » en français.", []float64{1, 1, 1}},
		// A whole reading offered beside the right one hedges it (dev 116).
		{"alternative reading", nil, "The text is Hello World 123, though the last letter of the second word is faint, so it might be \"Hello Worlds 123\".", []float64{0.75, 1, 1}},
		// An OCR listing's boxes and confidences are no text, and its bullets and quotes
		// are layout, no added punctuation (cl 854, 868).
		{"ocr listing", truthOf("VL-T1-Q1", 9), "- \"Little\" [118, 62, 298, 126] (0.98)\n- \"Mirror\" [314, 62, 500, 126] (0.97)\n- \"622\" [520, 64, 652, 126] (0.99)", []float64{1, 1, 1}},
		{"ocr listing, number dropped", truthOf("VL-T1-Q1", 5), "Detected words:\n• Open  (bbox: 128, 68, 306, 132; conf 0.96)\n• Castle  (bbox: 322, 68, 520, 132; conf 0.95)", []float64{0.5, 1, 1}},
		// Full-width letters and digits are the same text (a form of Chinese models).
		{"full width", nil, "图片中的文字是：Ｈｅｌｌｏ Ｗｏｒｌｄ １２３", []float64{1, 1, 1}},
		// Struck-out text is taken back, and a correction note that only explains the
		// reading restates no line (cv 931).
		{"struck out", truthOf("VL-T1-Q1", 7), "> **North Bridge ~~361~~ 316**\n\n*(Correction: on closer inspection the digits read 316 rather than 361.)*", []float64{1, 1, 1}},
	})
}

func TestFormsShapes(t *testing.T) {
	runCases(t, "VL-T1-Q2", []answerCase{
		// Italian number words, one group per line (dev 404).
		{"italian", nil, "Nell'immagine ci sono **cinque forme** in tutto:\n\ntre cerchi rossi\ndue quadrati blu", []float64{1, 1, 1}},
		// "one of the circles" is no count (dev 404).
		{"partitive", nil, "5 shapes: 3 red circles and 2 blue squares. One of the circles is larger.", []float64{1, 1, 1}},
		// A nested JSON answer: a total beside the list, a summary keyed by shape (dev 422).
		{"nested json", nil, `{"total": 5, "summary": {"red circle": 3, "blue square": 2}}`, []float64{1, 1, 1}},
		// Counts given by repetition (dev 192).
		{"repetition", nil, "There is five shapes: red circle red circle red circle and blue square blue square.", []float64{1, 1, 1}},
		// One item of a numbered list is one shape; a shape of its own keeps its count
		// under a wrong colour, charged to colours (dev 658); "another" repeats.
		{"list, one item", nil, "There are 5 shapes in this image.\n1. Red circle\n2. Red circle\n3. Red circle\n4. Blue square\n5. Blue square", []float64{1, 1, 1}},
		{"list, colour wrong", truthOf("VL-T1-Q2", 12), "There are 3 shapes in this image.\n1. Green triangle\n2. Green triangle\n3. Blue square", []float64{1, 1, 0.5}},
		{"another", truthOf("VL-T1-Q2", 12), "There are 3 shapes: a green triangle, another green triangle and a purple square.", []float64{1, 1, 1}},
		// A group named as another shape, with its count, is that group misread: its
		// count is lost, its colour kept, and it adds no invented shape (dev 165, 613);
		// a shape beside every true group is an addition (half the per-shape count).
		{"misnamed group", truthOf("VL-T1-Q2", 5), "6 shapes: 4 blue circles and 2 green triangles.", []float64{1, 0.5, 1}},
		{"misnamed, wrong colour", truthOf("VL-T1-Q2", 5), "6 shapes: 4 blue circles and 2 red triangles.", []float64{1, 0.5, 0.5}},
		{"added shape", nil, "6 shapes: 3 red circles, 2 blue squares and 1 green triangle.", []float64{0, 0.5, 1}},
		// Chinese 图形 (shapes) makes the total (dev 670).
		{"chinese total", nil, "图中共有 **5 个图形**：\n\n1. 红色圆形 × 3\n2. 蓝色正方形 × 2", []float64{1, 1, 1}},
		// "5-pointed" describes the stars; a count in a JSON summary line is its last
		// shape's; "one … the other" places them one by one (dev 102, 422, 33).
		{"five-pointed", truthOf("VL-T1-Q2", 2), "Total: 7 shapes\n\n| Shape | Color | Count |\n|---|---|---|\n| Square | Orange | 3 |\n| Star (5-pointed) | Red | 4 |", []float64{1, 1, 1}},
		{"json summary line", nil, `{"total": 5, "shapes": [{"id": 1, "type": "circle", "color": "red"}, {"id": 2, "type": "square", "color": "blue"}], "summary": {"red circle": 3, "blue square": 2}}`, []float64{1, 1, 1}},
		{"one and the other", nil, "5 shapes: 3 red circles and 2 blue squares. One blue square is near the top, the other in the bottom-right corner.", []float64{1, 1, 1}},
		// "may actually be an oval" hedges; it corrects nothing (dev 444).
		{"may actually", nil, "I count 5 shapes:\n\n1. Blue square\n2. Red circle\n3. Red circle\n4. Red circle — larger than the others, it may actually be an oval\n5. Blue square\n\nSo: 3 red circles and 2 blue squares.", []float64{1, 0.75, 1}},
		// A recount summed up after a self-correction (dev 438).
		{"recount summed", nil, "I count 4 shapes. Wait, let me recount, region by region:\nTop: a red circle and a blue square.\nBottom: two red circles and a blue square.\nThat makes 5 shapes in total:\n- 3 red circles\n- 2 blue squares", []float64{1, 1, 1}},
		// Cut off where the total was to come (dev 439).
		{"cut at total", nil, "There are 3 red circles and 2 blue squares, so the total number of shapes is", []float64{0, 1, 1}},
		// A table's "#" column numbers its rows; a "Total:" line after a count
		// corrected is the answer, with the breakdown's colours (bt 720, 722; dev 406).
		{"row numbers", truthOf("VL-T1-Q2", 6), "There are **8 shapes**.\n\n| # | Shape | Color | Count |\n|---|---|---|---|\n| 1 | Star | Red | 5 |\n| 2 | Square | Purple | 3 |", []float64{1, 1, 1}},
		{"corrected total", truthOf("VL-T1-Q2", 9), "Top row: 3 green stars, 1 purple square. Middle row: 2 purple squares. Bottom row: 1 green star.\n\nWait, the bottom row has 2 squares.\n\n**Total: 9 shapes** (4 green stars and 5 purple squares).", []float64{1, 1, 1}},
		{"summary without colours", truthOf("VL-T1-Q2", 6), "There are **8 shapes**.\n\n- **Red stars — 5**\n- **Purple squares — 3**\n\n**Total: 5 stars + 3 squares = 8 shapes.**", []float64{1, 1, 1}},
		// A group's colour on a line under its item ("1. Squares — 4" / "- Color: red";
		// cj 816).
		{"colour line under the item", truthOf("VL-T1-Q2", 10), "**Answer: 7 shapes.**\n\n1. **Squares — 4**\n   - Color: red\n   - Solid fill\n2. **Triangles — 3**\n   - Color: purple", []float64{1, 1, 1}},
	})
}

func TestFormsIcon(t *testing.T) {
	runCases(t, "VL-T1-Q3", []answerCase{
		// A counterfactual names no option (dev 406).
		{"counterfactual", nil, "This is a folder icon with a tab on the upper left. A briefcase would have a handle on top instead.", []float64{1, 1}},
		// An option offered beside it hedges (dev 445), and the description stands on its own.
		{"could also be", nil, "It most likely represents a folder, though it could also be a document wallet. It is yellow with a tab.", []float64{0.75, 1}},
		// A wrong object in the icon's colour: a quarter of the description (dev 23).
		{"wrong object, true colour", nil, "It is a yellow sticky note.", []float64{0, 0.25}},
		// A resemblance granted and set aside names no option (dev 664).
		{"mistaken for", nil, "At first glance it could be mistaken for a briefcase, but the raised tab on the top-left makes it clear: this icon represents a folder.", []float64{1, 1}},
		// What the icon stands for, beside its name, describes it (dev 281); a meaning
		// that is the identification alone does not.
		{"meaning", truthOf("VL-T1-Q3", 3), "A lock — it represents security, i.e. that something is password-protected.", []float64{1, 1}},
		{"meaning alone", truthOf("VL-T1-Q3", 1), "Mail.", []float64{1, 0.5}},
		// The colours of the icon's other parts are its own: a padlock's grey shackle,
		// an orange magnifier's brown handle (dev 07, 134).
		{"grey shackle", truthOf("VL-T1-Q3", 3), "A padlock: the blue body with the keyhole and the grey shackle make it the classic locked symbol.", []float64{1, 1}},
		{"brown handle", truthOf("VL-T1-Q3", 6), "A magnifying glass (search): an orange rim around a pale lens and a darker brown handle.", []float64{1, 1}},
		// A part the icon does not have halves the description, once with its colour
		// (dev 19, 204, 442); one the icon has (a variant's sheet of paper), one it
		// holds or is used with, a word of a drawn part, and a negated one are none.
		{"invented key", truthOf("VL-T1-Q3", 3), "A blue padlock with a key sticking out of the keyhole: it stands for security.", []float64{1, 0.5}},
		{"invented paper", nil, "A yellow folder with a tab; a white sheet of paper peeks out of the top.", []float64{1, 0.5}},
		{"invented badge", nil, "A file folder, yellow with a tab, and a small blue sync badge in the lower-right corner.", []float64{1, 0.5}},
		{"drawn paper", truthOf("VL-T1-Q3", 5), "A green folder with a tab and a white sheet of paper sticking out: a directory.", []float64{1, 1}},
		{"opened with a key", truthOf("VL-T1-Q3", 3), "A padlock: blue body, grey shackle. Something locked that only opens with a key.", []float64{1, 1}},
		{"key hole", truthOf("VL-T1-Q3", 3), "a lock. it have blue body and gray shackle on top and a key hole in the middle", []float64{1, 1}},
		{"stores documents", nil, "A yellow folder with a tab, used to store documents and other files.", []float64{1, 1}},
		{"no key", truthOf("VL-T1-Q3", 3), "A blue padlock with a keyhole (no key in it): security.", []float64{1, 1}},
		// German: "Lupe", "Suchfunktion" (bo 703).
		{"lupe", truthOf("VL-T1-Q3", 6), "Das Symbol zeigt eine **Lupe**: ein orangefarbener Ring mit hellblauem Glas und einem braunen Griff. Es steht für die Suchfunktion.", []float64{1, 1}},
		// After "Hmm, no — looking again", the final object stands; the icon's own part
		// ("the lens area") named beside it names nothing (ct 926).
		{"corrected to a wrong object", truthOf("VL-T1-Q3", 6), "The icon represents a magnifying glass, for search.\n\nHmm, no — looking again, the circle is large and the lens area is plain, so it looks more like a hand mirror.", []float64{0, 0.5}},
		{"scratch that", truthOf("VL-T1-Q3", 1), "This icon represents a folder.\n\nScratch that — the shape is a rectangle with a triangular flap and no tab: it is an **envelope**, for mail.", []float64{1, 1}},
		{"sorry dash", truthOf("VL-T1-Q3", 4), "Ping-pong paddle. Sorry — magnifying glass.", []float64{1, 0.5}},
		// "… made me think of a shopping bag handle, but … I'll stick with the padlock"
		// sets the other object aside (db 975).
		{"made me think of", truthOf("VL-T1-Q3", 3), "This icon represents a **padlock** (lock). For a moment the rounded loop made me think of a shopping bag handle, but the shackle is a thick, closed arc, so I'll stick with the padlock. It means security.", []float64{1, 1}},
		{"or rather", truthOf("VL-T1-Q3", 1), "It is a folder, or rather an envelope: the standard mail icon with a flap.", []float64{1, 1}},
	})
}

func TestFormsChart(t *testing.T) {
	runCases(t, "VL-T2-Q1", []answerCase{
		// The answer after a restated question (dev 302).
		{"question then answer", nil, "What is the value of bar B? Bar B reaches 25. Which bar has the highest value? Bar B, with 25.", []float64{1, 1, 1}},
		// A ranking from the tallest claims its first bar (dev 404).
		{"ranking", nil, "Ranking the bars from tallest to shortest:\n1. B — 25\n2. D — 20\n3. C — 15\n4. A — 10", []float64{1, 1, 1}},
		// The bars another is compared with are not claimed (dev 274, 445).
		{"rises above", nil, "B = 25. Highest bar: B — it rises above A, C and D, making it the tallest.", []float64{1, 1, 1}},
		{"above B", nil, "B = 22. Highest bar: D. D rises just above B, making it the tallest in the chart.", []float64{0, 0, 1}},
		// "is the B" (dev 164, in Spanish); a YAML key with underscores (dev 174).
		{"is the B", nil, "La barra B tiene un valor de 25. La barra con el valor más alto es la B.", []float64{1, 1, 1}},
		{"yaml keys", nil, "value_of_B: 25\nhighest_bar: B", []float64{1, 1, 1}},
		// The bars of a comparison in an aside claim nothing (dev 611).
		{"aside of other bars", nil, "Bar B reaches 25, so B = 25. It is also the tallest bar (A = 10, C = 15, D = 20), so B has the highest value.", []float64{1, 1, 1}},
		// A bar named with "itself" or a relative pronoun, in French too (dev 403).
		{"itself", nil, "La barre B monte jusqu'à vingt-cinq. Aucune autre ne l'atteint : c'est donc B elle-même qui a la valeur la plus élevée.", []float64{1, 1, 1}},
		{"tallest = D", nil, "Read bar B → 20 → compare with the others (A = 10, B = 20, C = 15, D = 25) → tallest = D", []float64{0, 0, 0}},
		// A YAML key and its comment; a restated two-part question is answered part by
		// part, and its "(2)" is no value (bt 720, 722).
		{"yaml highest", truthOf("VL-T2-Q1", 4), "```yaml\nbars:\n  - {label: E, value: 25}\n  - {label: H, value: 30}\nanswer:\n  value_of_E: 25\n  highest_bar: H   # 30\n```", []float64{1, 1, 1}},
		{"restated questions", truthOf("VL-T2-Q1", 11), "You asked: (1) what is the value of bar S, and (2) which bar has the highest value?\n\n1. **Bar S = 20.**\n2. **Bar V has the highest value**, at about 35.", []float64{1, 1, 1}},
		// The bars "followed by" the tallest are not claimed highest (cc 750).
		{"followed by", truthOf("VL-T2-Q1", 5), "Bar T is 35. Bar R reaches 50, making it the tallest bar, followed by T (35), U (30) and S (20).", []float64{1, 1, 1}},
		// "Wait, … so T = 35": the value after a correction, and the gridlines a top lies
		// between are no value; "Hmm, no — I mixed up the last two bars. Corrected
		// table:" (ct 925, 927).
		{"corrected value", truthOf("VL-T2-Q1", 5), "Bar T has a value of 30. Wait, the top of T is halfway between the 30 and 40 gridlines, so T = 35.\n\nThe highest bar is R, with a value of 50.", []float64{1, 1, 1}},
		// "30, I mean 35" corrects the value on the spot (cv 930).
		{"i mean", truthOf("VL-T2-Q1", 5), "Bar T has a value of 30, I mean 35. The highest bar is R, at 50.", []float64{1, 1, 1}},
		// A correction after a JSON answer is read with it (cy 962).
		{"json then correction", truthOf("VL-T2-Q1", 12), "```json\n{\"bar_R_value\": 15, \"highest_bar\": \"Q\", \"highest_value\": 40}\n```\nCorrection: looking at the gridlines again, bar R is at 20, not 15.", []float64{0, 1, 0}},
	})
}

func TestFormsInvoice(t *testing.T) {
	runCases(t, "VL-T2-Q2", []answerCase{
		// A true date with a 08 month (once read as a bad octal number; dev 307).
		{"date with 08", truthOf("VL-T2-Q2", 12), "Invoice #5360, billed to Wonka Works (2024-08-09). The total amount is $954.47.", []float64{1, 1, 1}},
		// An ellipsis then "no" takes the misread total back (dev 664).
		{"ellipsis no", nil, "Le montant total semble être de 87,12 $... non, en regardant de plus près, c'est 87,21 $.\n\n**Montant total : 87,21 $**", []float64{1, 1, 1}},
		// The figures in a bracket after the total explain it; they are no total
		// (dev 649, in German).
		{"bracket after the total", nil, "### Ergebnis\nDer **Gesamtbetrag** dieser Rechnung beträgt **$87.21** (80,75 $ + 6,46 $ Steuer).", []float64{1, 1, 1}},
		// "doesn't list a due date or payment terms" invents neither (dev 251).
		{"doesn't list", nil, "The total is $87.21. The invoice doesn't list a due date or payment terms.", []float64{1, 1, 1}},
		// A total committed first, then another value allowed, leans to the truth (three
		// quarters, dev 284, 705); "X or Y" side by side is even (half, dev 194).
		{"leaning hedge", nil, "The total is **$87.21**, although the last digit is slightly unclear — it could also be $87.27.", []float64{0.75, 1, 1}},
		{"even hedge", nil, "The total is $87.21 or $87.27; the last digit is hard to read.", []float64{0.5, 1, 1}},
		// "— sorry, that's the subtotal. The total is …" corrects the answer (cy 960).
		{"sorry, the subtotal", truthOf("VL-T2-Q2", 1), "The total amount is $341.55 — sorry, that's the subtotal. The total is $372.29.", []float64{1, 1, 1}},
		// "the Total after 10% tax of $36.17 is $397.82": the tax label is the other
		// figure's (df 991).
		{"tax of X is Y", truthOf("VL-T2-Q2", 2), "Total: $397.82\n\n(I initially picked up $361.65 but that's the Subtotal line; the Total after 10% tax of $36.17 is $397.82.)", []float64{1, 1, 1}},
	})
}

func TestFormsCode(t *testing.T) {
	runCases(t, "VL-T2-Q3", []answerCase{
		// "is not checked" claims a bug (dev 446).
		{"not checked", nil, "This code find the maximum value in a list. Yes there is a bug. The loop use range(1, len(values) - 1) so the last value in the list is not checked. It should be range(1, len(values)).", []float64{1, 1, 1}},
		// The consequence in the sentence after the claim goes on with it (dev 232);
		// "Yes," answering the question claims (dev 423, in Spanish).
		{"consequence after", truthOf("VL-T2-Q3", 15), "It returns the largest value. Yes, there is a bug: the starting value 0 is not taken from the list. If every number in the list is negative, no element is ever greater than 0, so the function returns 0. Initialising with the first element fixes it: largest = xs[0].", []float64{1, 1, 1}},
		{"sí", truthOf("VL-T2-Q3", 8), "La función cuenta cuántos valores son positivos. ¿Hay un error? Sí, en la línea 5: la condición es items[i] >= 0, así que los ceros también se cuentan como positivos. Corrección: if items[i] > 0:", []float64{1, 1, 1}},
		// "Not an obvious one", then the bug raised as worth double-checking: a hedged
		// bug, half (dev 413).
		{"worth double-checking", truthOf("VL-T2-Q3", 8), "It counts how many numbers in the list are positive. Is there a bug? Not an obvious one. The only thing worth double-checking is the condition >= 0: it includes zero, which may or may not be what you want. If you don't, change it to > 0.", []float64{1, 0.5, 1}},
		// The bug's words said to defend the code find nothing, and a bug named on
		// another line earns nothing for saying there is one (dev 110, shared 06).
		{"defends the range", nil, "This function returns the index of the largest element. The loop range(1, len(values) - 1) covers every index up to the last element, so nothing in the list is missed. The bug is on line 3: largest = values[0] should be largest = 0.", []float64{0.5, 0, 0}},
		// An action the code does not take (dev 666); the error an empty list raises
		// is no such action (dev 251).
		{"prints", nil, "It returns the largest value and prints the running maximum before returning it. Bug: the loop stops at len(values) - 1, so the last element is never checked. Fix: range(1, len(values)).", []float64{0.5, 1, 1}},
		{"raises on empty", nil, "It returns the largest value; like max(), it raises an error on an empty list. Bug: the loop stops at len(values) - 1, so the last element is never checked. Fix: range(1, len(values)).", []float64{1, 1, 1}},
		// The buggy line quoted and called correct defends it (dev 674).
		{"line called correct", truthOf("VL-T2-Q3", 7), "It counts how many elements are greater than 0. Bug: yes, the condition `if data[i] > 0:` excludes zero, so it should be `>=`. Note that `range(len(data) - 1)` is correct; it keeps the index inside the list so `data[i]` never raises an `IndexError`.", []float64{1, 0, 0}},
		// A consequence that is not this bug's earns no effect (dev 54).
		{"wrong effect", truthOf("VL-T2-Q3", 8), "This function counts the positive values in items. There is a bug in the condition items[i] >= 0. Because it uses >=, negative numbers will also be counted, so the result will be too high. It should be items[i] > 0.", []float64{1, 1, 0.5}},
		// A worked example is run on the code: a result it does not give halves the
		// explanation (dev 204, 410, and a table row, dev 115); true ones, one clause
		// each, cost nothing (dev 65).
		{"false example", nil, "It returns the largest value. Bug: range(1, len(values) - 1) stops early, so the last element is never checked; for example find_max([3, 8, 6]) returns 3 instead of 8. Fix: range(1, len(values)).", []float64{1, 1, 0.5}},
		{"true table", nil, "It returns the largest value. Bug: the loop stops at len(values) - 1, so the last element is never checked.\n\n| input | expected | returned |\n|---|---|---|\n| [3, 6, 8] | 8 | 6 |\n| [8, 6, 3] | 8 | 8 |\n\nFix: range(1, len(values)).", []float64{1, 1, 1}},
		{"false table", nil, "It returns the largest value. Bug: the loop stops at len(values) - 1, so the last element is never checked.\n\n| input | expected | returned |\n|---|---|---|\n| [3, 6, 8] | 8 | 3 |\n\nFix: range(1, len(values)).", []float64{1, 1, 0.5}},
		{"examples by clause", truthOf("VL-T2-Q3", 11), "It counts the positive values. Bug: count starts at 1 instead of 0, so the result is one too high: count_positive([-1, 2, 5]) returns 3 instead of 2, and an empty list returns 1. Fix: count = 0.", []float64{1, 1, 1}},
		// Both ends said missed where one is: the bug and a false one (dev 678); a fix
		// under a German heading is proposed, not quoted.
		{"both ends", nil, "It returns the largest value. Bug: the loop range(1, len(values) - 1) skips the first and the last element. Fix: range(len(values)).", []float64{1, 0.75, 0.5}},
		// A proposed change is run: one that breaks the fixed code is a fix that does
		// not work on the buggy line (dev 45, 106), a second false bug elsewhere
		// (shared 09); a harmless other fix, and code named in a trace, cost nothing
		// (dev 409).
		{"fix overruns", nil, "It returns the largest value. Bug: the loop stops at len(values) - 1, so the last element is never checked. Fix: use range(1, len(values) + 1).", []float64{1, 1, 0.5}},
		{"false second bug", nil, "It returns the largest value. Bugs: the loop stops at len(values) - 1, so the last element is never checked; use range(1, len(values)). Also, largest should be initialised to 0 instead of values[0].", []float64{1, 0.75, 0.5}},
		{"other fix", nil, "It returns the largest value. Bug: the loop stops at len(values) - 1, so the last element is never checked. Fix: `for i in range(len(values)):` (comparing values[0] with itself is harmless).", []float64{1, 1, 1}},
		{"trace names code", truthOf("VL-T2-Q3", 12), "It sums the list. Bug: range(len(xs) - 1) stops early, so the last element is never added. For a single-element list like [5], range(0) is empty and it returns 0 instead of 5. Fix: range(len(xs)).", []float64{1, 1, 1}},
		// A verdict left to the reader's intent hedges the bug (dev 681).
		{"depends on the spec", truthOf("VL-T2-Q3", 8), "It counts how many values are positive. The condition items[i] >= 0 also counts zeros. Whether that is a bug depends on the specification: if only strictly positive numbers should count, use items[i] > 0.", []float64{1, 0.5, 0.5}},
		{"korrektur", nil, "Die Funktion gibt den größten Wert zurück. Fehler: Die Schleife range(1, len(values) - 1) endet zu früh, deshalb wird das letzte Element übersprungen. Korrektur:\n```python\nfor i in range(1, len(values)):\n```", []float64{1, 1, 1}},
		// The loop quoted as the code has it not is a misread; the last element said
		// to be missed where the first is, no part of the bug, and a "fix" that is
		// the line as drawn no pointing at it (bp 714).
		{"misquoted loop, wrong end", truthOf("VL-T2-Q3", 2), "It loops `for i in range(1, len(data) - 1):` and adds each `data[i]` to `total`, so it computes the sum of the values.\n\nIs there a bug? Yes. Because the range ends at `len(data) - 1`, the last value in `data` is never added.\n\nFix: change the loop to `for i in range(1, len(data)):`.", []float64{0.5, 0, 0}},
		// A simpler rewrite offered is no quote of the code (bp 712); "returns the index
		// of the largest" reads half the purpose (dev 315).
		{"simplified rewrite", nil, "The function returns the largest value in the list. There is no bug in this code. However, it could be simplified by using Python's built-in `max()` function:\n\n```python\ndef find_max(values):\n    return max(values)\n```", []float64{1, 0, 0}},
		{"index of the largest", nil, "这段代码找出最大值所在的位置（索引）并返回。有 bug：循环 range(1, len(values) - 1) 永远不会比较最后一个元素。修复：range(1, len(values))。", []float64{0.5, 1, 1}},
		// Code said to be the image's that it is not: a transcription that has the fix
		// already, a name "initialized to" another value, a JSON "code" field, a
		// return the code has not; an error the code cannot raise on a non-empty list
		// names no bug, and a bug taken back after "Actually" is denied (bw 730–745).
		{"transcribed as fixed", truthOf("VL-T2-Q3", 1), "The image shows the following function:\n\n```python\ndef count_positive(items):\n    count = 0\n    for i in range(len(items)):\n        if items[i] > 0:\n            count += 1\n    return count\n```\n\nIt counts how many numbers in the list are positive. There is no bug: it works correctly.", []float64{0.5, 0, 0}},
		{"initialized to", nil, "This function finds the maximum value in the list. Yes, there is a bug: `largest` is initialized to `0`, so for a list of negative numbers it returns 0. It should be initialized with `largest = values[0]`.", []float64{0.5, 0, 0}},
		{"json code field", truthOf("VL-T2-Q3", 7), "```json\n{\"description\": \"Counts how many elements are greater than zero.\", \"bug\": {\"line\": 3, \"code\": \"count = 1\", \"issue\": \"The counter starts at 1 instead of 0.\", \"fix\": \"count = 0\"}}\n```", []float64{0.5, 0, 0}},
		{"false crash", truthOf("VL-T2-Q3", 2), "It adds up the values of the list. **Bug:** the loop is written as `for i in range(1, len(data) + 1)`, so `data[i]` runs past the end and the function raises an IndexError.", []float64{0.5, 0, 0}},
		{"taken back", truthOf("VL-T2-Q3", 6), "This function returns the smallest value in the list. At first glance the comparison looks reversed — if line 5 were `if nums[i] > smallest:`, it would return the maximum instead. Actually, looking again, line 5 reads `if nums[i] < smallest:`, so the comparison is correct. So there is no logic bug.", []float64{0.5, 0, 0}},
		// A count with a test read as a count of everything, "like len()" (dev 47).
		{"counts all", truthOf("VL-T2-Q3", 7), "It goes through the list and adds 1 to count for each element, so this function counts how many elements there are in the list, similar to the built-in len() function. There is no bug in this code.", []float64{0.5, 0, 0}},
		// A table row that gives a line the code has not got misreads it (bx 764); an
		// example input set in a code block quotes nothing (bx 755); "debería ser" is
		// a fix (bx 760).
		{"table row invented", truthOf("VL-T2-Q3", 12), "| Line | Code |\n|---|---|\n| 3 | `if not xs: return 0` |\n| 5 | `for i in range(len(xs) - 1):` |\n\nIt returns the sum of all values. **Bug:** `range(len(xs) - 1)` stops one index too early, so the last value is never added. **Fix:** `for i in range(len(xs)):`.", []float64{0.5, 1, 1}},
		{"example input block", truthOf("VL-T2-Q3", 10), "It returns the largest value. Bug: `range(1, len(numbers) - 1)` stops early, so the last element is never compared.\n\n```python\nnumbers = [4, 7, 2, 9]   # range(1, 3) -> i = 1, 2\n```\n\nSo it returns 7 instead of 9. Fix: `range(1, len(numbers))`.", []float64{1, 1, 1}},
		// A JSON verdict "bug_found": false denies the bug, whatever its other fields
		// say the code does (cb 776).
		{"json no bug", truthOf("VL-T2-Q3", 4), "```json\n{\"purpose\": \"Returns the largest value in the list.\", \"logic\": \"updates largest whenever values[i] > largest\", \"bug_found\": false, \"verdict\": \"The implementation is correct.\"}\n```", []float64{1, 0, 0}},
		// The sentence after a bare "Bug: Yes." is the claim: the buggy line pointed at
		// and cut off earns half the bug and the cause's quarter (dev 479, 500).
		{"yes, then the line", truthOf("VL-T2-Q3", 7), "**What it does:** `count_positive` counts how many values are greater than 0.\n\n**Bug:** Yes. The loop uses `range(len(data) - 1)`, which", []float64{1, 0.5, 0.25}},
		// "the position (index) of the largest" misreads the return (cf 793); a JSON
		// "fix" that overruns the list does not work (cf 794).
		{"position (index)", truthOf("VL-T2-Q3", 9), "The function finds the position (index) of the largest element in the list. Bug: the loop `for i in range(1, len(data) - 1)` stops one element early, so the last element is never compared. It should be `for i in range(1, len(data))`.", []float64{0.5, 1, 1}},
		{"json fix overruns", nil, "```json\n{\"description\": \"Returns the largest value in the list.\", \"bug\": {\"line\": 4, \"code\": \"for i in range(1, len(values) - 1):\", \"issue\": \"Off-by-one: the loop stops before the last element, so it is never compared.\", \"fix\": \"for i in range(1, len(values) + 1):\"}}\n```", []float64{1, 1, 0.5}},
		// A unit test of the answer's own quotes no code of the image, and a hedge in a
		// relative clause ("a value that may not be in the list") hedges no bug (cn 853,
		// 859).
		{"unit test", truthOf("VL-T2-Q3", 1), "The function returns how many values in the list are positive. Bug: the loop `for i in range(len(items) - 1):` misses the final item, so a positive last number is never counted.\n\n```python\nimport unittest\n\nclass TestCountPositive(unittest.TestCase):\n    def test_last_item_positive(self):\n        self.assertEqual(count_positive([-1, 0, 5]), 1)  # fails: returns 0\n```\n\nFix: `for i in range(len(items)):`", []float64{1, 1, 1}},
		{"relative hedge", truthOf("VL-T2-Q3", 3), "The function should return the smallest value in the list, but it sets `smallest = 0`. If every number is positive, nothing is less than 0, so it returns 0 — a value that may not even be in the list. Fix: `smallest = numbers[0]`.", []float64{1, 1, 1}},
		// Saying the code changes the list (it stores nothing into it) or returns None
		// misreads it; a guard that returns None, proposed, does not (cr 882, 892; dev
		// 272).
		{"mutates the list", truthOf("VL-T2-Q3", 2), "It returns the sum of the values. Bug: the line `total += data[i]` modifies the list while iterating over it, so the original data is changed.", []float64{0.5, 0, 0}},
		{"guard returns None", nil, "The function returns the largest value. Bug: if `values` is empty, `values[0]` raises an IndexError. You should check `if not values: return None` first.", []float64{1, 0.25, 0}},
		// The skip seen and called intentional is no bug found (de 995).
		{"skip called intentional", truthOf("VL-T2-Q3", 5), "It counts how many values are positive. The loop `range(len(xs) - 1)` does not check the last element, but that is intentional: the last element is a sentinel. So there is no bug.", []float64{1, 0, 0}},
		// A verdict sentence denies the bug even when it names its kind ("Conclusion:
		// after reconsidering, there is no off-by-one bug"; de 999).
		{"verdict no off-by-one", truthOf("VL-T2-Q3", 9), "It returns the largest value. The loop `for i in range(1, len(data) - 1):` skips the last index, so the last element is never compared.\n\nBut wait, let me reconsider. The loop covers one extra element at the start, which balances the one it leaves out.\n\nConclusion: after reconsidering, there is no off-by-one bug. The function correctly returns the largest value in the list.", []float64{1, 0, 0}},
	})
}

func TestFormsEquation(t *testing.T) {
	runCases(t, "VL-T3-Q1", []answerCase{
		// A value under a condition contrary to fact is no answer (dev 663, in Spanish).
		{"counterfactual", nil, "2x + 5 = 13\n2x = 8\nx = 4\n\n(Nota: si el signo fuera \"-5\", el resultado sería x = 9.)", []float64{1, 1, 1}},
		// A JSON "solution" field is the answer (cb 775).
		{"json solution", truthOf("VL-T3-Q1", 6), "```json\n{\"equation\": \"7y - 11 = 52\", \"variable\": \"y\", \"solution\": 9, \"verified\": true}\n```", []float64{1, 0, 1}},
		// A fraction before an aside is the value, not its numerator (cj 817).
		{"fraction", truthOf("VL-T3-Q1", 12), "7a - 9 = 12\n7a = 21\na = 21/7 (= 3)", []float64{1, 1, 1}},
		// A re-read equation is the reading (ct 926).
		{"re-read", truthOf("VL-T3-Q1", 9), "The equation is 5y + 14 = 69, so 5y = 55 and y = 11.\n\nHmm, no — I misread the right-hand side: the equation is 5y + 14 = 64.\n5y = 64 - 14 = 50\ny = 10", []float64{0, 1, 0}},
		// A step taken back on the spot, and a struck-out value (cv 930, 932).
		{"i mean step", truthOf("VL-T3-Q1", 2), "6y - 10 = 38\n1. Add 10 to both sides: 6y = 28, I mean 6y = 48.\n2. Divide by 6: y = 48 / 6 = 8.", []float64{1, 1, 1}},
		{"struck value", truthOf("VL-T3-Q1", 12), "7a - 9 = 12, so 7a = 21 and **a = ~~2~~ 3**", []float64{1, 1, 1}},
	})
}

func TestFormsFlowchart(t *testing.T) {
	runCases(t, "VL-T3-Q2", []answerCase{
		// Branches said not to be taken are no claim (dev 417).
		// The right end with the outcome left open is half the path (dev 682).
		{"left open", nil, "Start → input > 10? (Yes) → flag = true? (Yes) → Send Alert. Still, the final outcome depends on how the diagram is meant to be read, so both readings are possible.", []float64{0.5, 1, 1}},
		{"untaken branches", nil, "Start → input > 10? (Yes) → flag = true? (Yes) → Send Alert. The No branches of both decisions lead to Log Only, but neither is taken here.", []float64{1, 1, 1}},
		// Action boxes listed as the chart's parts are no route (dev 255).
		{"inventory", nil, "The chart has two action boxes (\"Send Alert\" and \"Log Only\"). Start → input > 10? Yes → flag = true? Yes → Send Alert.", []float64{1, 1, 1}},
		// The inputs restated before the route are no steps of it (dev 418, 204), and
		// a branch said not to be taken claims nothing.
		{"premise", nil, "When input > 10 and flag = true, the flowchart goes: Start → input > 10? → Yes → flag = true? → Yes → Send Alert.", []float64{1, 1, 1}},
		{"conditions given", nil, "Conditions given: input > 10 is true, flag = true is true.\n\nTrace: Start → input > 10? → Yes → flag = true? → Yes → Send Alert.\n\nThe first decision's No branch (to Log Only) is not taken.", []float64{1, 1, 1}},
		// A decision "not evaluated" is no step; a JSON path's extra item is an
		// invented node (dev 642).
		{"json path", nil, "```json\n{\"conditions\": {\"input > 10?\": \"Yes\", \"flag = true?\": \"Yes\"}, \"path\": [\"Start\", \"input > 10?\", \"flag = true?\", \"Send Alert\", \"End\"]}\n```", []float64{0.5, 1, 1}},
		{"not evaluated", truthOf("VL-T3-Q2", 15), "```json\n{\"conditions\": {\"score > 35?\": \"Yes (43 > 35)\", \"flag = true?\": \"not evaluated\"}, \"result\": \"Abort\"}\n```\nStart → score > 35? (Yes) → Abort", []float64{1, 1, 1}},
		// An edge taken on the wrong outcome reaches the right box by a wrong route
		// (dev 657, 508).
		{"wrong outcome, right end", truthOf("VL-T3-Q2", 4), "If size is 78, the size < 75 is Yes so it go to Hold Order. The answer is Hold Order.", []float64{0.5, 0, 0.5}},
		// A box said to be reached only on a condition is not claimed (dev 664, in
		// Chinese); an invented node in a table's node column costs the path (dev 663).
		{"only if", nil, "路径如下：\n\nStart → input > 10? → 是 → flag = true? → 是 → **Send Alert**\n\n右侧的 Log Only 只有在 input ≤ 10 或 flag 为 false 时才会到达。", []float64{1, 1, 1}},
		{"table node", nil, "| Step | Node | Branch |\n|---|---|---|\n| 1 | Start | — |\n| 2 | input > 10? | Yes |\n| 3 | flag = true? | Yes |\n| 4 | Send Alert | → |\n| 5 | Notify Admin | — |", []float64{0.5, 1, 1}},
		// A decision named by its input's value against the threshold (dev 447).
		{"condition evaluated, negated", truthOf("VL-T3-Q2", 11), "Level = 49 is not less than 25, so we take the No branch to urgent = true?. Urgent is true → Yes → Notify Admin.", []float64{1, 1, 0.75}},
		{"condition evaluated", nil, "First it start at Start. Input is 12, 12 is bigger than 10 so it go Yes to flag = true. Flag is true so it go Yes, and the path end at Send Alert.", []float64{1, 1, 1}},
		// A condition judged right and then sent down the wrong arrow: the route is
		// charged to the path only (dev 194, 441; bq 704).
		{"routed wrongly", truthOf("VL-T3-Q2", 3), "Start → score > 20? → No (16 is not greater than 20) → urgent = true? → Yes → Reject\n\nThe final result is **Reject**.", []float64{0.5, 1, 1}},
		// A box's words across a sentence's end are no mention of it ("Hold Order. Ship
		// Order would only be reached…": no "Order Ship"; this one made the scorer panic,
		// bv 734).
		{"labels across sentences", truthOf("VL-T3-Q2", 4), "size < 75? No (78 is not below 75), so the flow goes to ready = true?, and ready is false, so the No arrow there leads to **Hold Order**. Ship Order would only be reached if ready were true.", []float64{1, 1, 0.75}},
		// Chinese 开始 is Start (bz 757).
		{"chinese start", truthOf("VL-T3-Q2", 8), "路径如下：\n\n开始（Start）→ input < 35?（是 / Yes）→ Hold Order\n\n说明：input = 4，4 < 35 成立，所以走 Yes 分支，直接到达 Hold Order。", []float64{1, 1, 1}},
		// The route after "Wait, that's wrong … Let me redo it:" is the answer, with its
		// conditions restated in brackets (ch 840); a decision said never to be
		// visited is no step of the route (ch 839).
		{"redone route", truthOf("VL-T3-Q2", 10), "Start → score < 60? → Yes → Hold Order\n\nWait, that's wrong — score = 93 is not less than 60. Let me redo it:\n\nStart → score < 60? → **No** → flag = true? → **Yes** (flag is true) → **Ship Order**", []float64{1, 1, 1}},
		{"never visited", truthOf("VL-T3-Q2", 9), "| Step | Node | Branch |\n|---|---|---|\n| 1 | Start | → |\n| 2 | speed < 55? | Yes |\n| 3 | Abort | end |\n\nThe flow ends at **Abort**. Because the first decision already returns Yes, the `flag = true?` diamond (reached only via No) is never visited.", []float64{1, 1, 1}},
		// An action box named by a word of its own ("the log box"; cm 851).
		{"the log box", truthOf("VL-T3-Q2", 1), "Start → size > 95? → No (21 is not greater than 95) → the log box. The urgent check is never reached.", []float64{1, 1, 1}},
		// An outcome corrected in place ("Yes… no, No", "Nein … Korrektur: Ja"; cy 960,
		// 962).
		{"outcome redone", truthOf("VL-T3-Q2", 4), "Start → size < 75? → 78 is not less than 75, so Yes… no, No → ready = true? → ready is false, so No → Hold Order", []float64{1, 1, 1}},
	})
}

func TestFormsDiff(t *testing.T) {
	runCases(t, "VL-T3-Q3", []answerCase{
		// "slightly darker" on one side claims a difference (dev 666).
		{"darker grass", nil, "1. The sun is missing on the right.\n2. The door is brown on the left and red on the right.\n3. The left house has two windows, the right one only one.\n4. The grass on the right side appears slightly darker green.", []float64{1, 1, 0}},
		// A list's heading says the side of every item (dev 648).
		// A heading line without a colon (dev 403, in Italian); each side's own
		// sentence (dev 460); a count said as a change (dev 211).
		{"heading line", nil, "Here are the differences:\n\nPresent only in the left image\n- the yellow sun in the sky, top right;\n- the second window of the house: on the left there are two windows, on the right only one.\n\nChanged colour\n- the door: brown on the left, red on the right.", []float64{1, 1, 1}},
		{"side by side", nil, "The left image has a yellow sun in the upper right of the sky, a brown door and two windows. The right image has no sun, a red door and only one window.", []float64{1, 1, 1}},
		{"count as a change", nil, "The differences are: the left image has a sun and the right one doesn't, the door changes from brown on the left to red on the right, and the house on the right is missing one of its windows.", []float64{1, 1, 1}},
		// Items of a list that a sameness opens are no differences, and the one
		// difference claimed instead is a false positive (dev 469).
		{"same scene list", nil, "Both images show the same scene: a house with a red roof, a brown door and two windows, a green tree, and a yellow sun next to a white cloud. The only difference I can find is the cloud, which is noticeably bigger in the right image.", []float64{0, 0, 0}},
		{"side in the heading", truthOf("VL-T3-Q3", 13), "There are three differences — all three objects appear in the Left image and are missing from the Right one:\n\n1. the white cloud\n2. the bird\n3. the chimney on the roof", []float64{1, 1, 1}},
		// With no true difference found, the ones listed are invented, whatever the
		// answer says is the same (dev 225); something said to be there on one side
		// is a claim (dev 272).
		{"all invented", nil, "I found **3 differences**:\n\n1. The roof is red on the left and blue on the right.\n2. The right house has an extra chimney.\n3. The tree on the right is taller than the one on the left.\n\nThe sky and the grass are identical in both images.", []float64{0, 0, 0}},
		{"there on one side", nil, "- The sun is in the Left sky but missing on the Right.\n- The door is brown on the Left and red on the Right.\n- There is a bird flying in the Right image.", []float64{2.0 / 3, 1, 0}},
		// A table row whose sides differ is a claimed difference (da 972, dev 116).
		{"table row invented", truthOf("VL-T3-Q3", 12), "| # | Left | Right |\n|---|------|-------|\n| 1 | brown roof | blue roof |\n| 2 | 2 windows | 1 window |\n| 3 | brown door | green door |", []float64{2.0 / 3, 1, 0}},
		// A question asked while re-checking claims nothing (cz 965).
		{"question while re-checking", nil, "1. The sun is in the Left sky and missing on the Right.\n2. The door is brown on the Left and red on the Right.\n3. The Left house has two windows, the Right one.\n\nWait — let me re-check the sky. Is there a cloud on one side only? No, neither image has a cloud.", []float64{1, 1, 1}},
	})
}

func TestFormsPuzzle(t *testing.T) {
	runCases(t, "VL-T3-Q4", []answerCase{
		// An option offered with the answer hedges it (dev 445).
		// The right answer left open: half the answer and half the reasoning (dev 682).
		{"left open", nil, "Most likely three triangles: each row keeps one shape and the count grows 1, 2, 3 from left to right. Without more context, though, the row could be read another way, and both answers are reasonable.", []float64{0.5, 1, 0.5}},
		// The column colours said in order along the rows are the colour rule; a
		// wrong order is not (dev 681, 19); every row repeating one order of shapes
		// keeps each column's shape (dev 680).
		{"colours in order", truthOf("VL-T3-Q4", 6), "A green triangle, because each row keeps one shape and the colours go green, blue, red from left to right.", []float64{1, 1, 1}},
		{"colours in wrong order", truthOf("VL-T3-Q4", 6), "A green triangle, because each row keeps one shape and the colours go red, blue, green from left to right.", []float64{1, 0.5, 0.5}},
		{"same order", truthOf("VL-T3-Q4", 2), "Two hexagons. Every row repeats the same shapes in the same order: square, star, hexagon, and row k holds k of each.", []float64{1, 1, 1}},
		{"either or", nil, "The empty cell should hold either three triangles or three circles. Each row keeps one shape and the count grows 1, 2, 3 left to right.", []float64{0.5, 1, 1}},
		// A wrong answer from a wrong rule explains nothing (dev 225); the right shape
		// with the wrong count is half the answer (shared 03).
		{"wrong from a wrong rule", nil, "Four triangles: the count doubles, 1, 2, 4.", []float64{0.5, 0, 0}},
		// The counted subject of the cue is the claim, not a shape in its reason
		// (dev 660); an option with its count hedges (dev 657).
		{"subject of the cue", nil, "Three triangles should go in the empty cell because the bottom row is all triangles.", []float64{1, 0.5, 0.5}},
		// The count said to grow the wrong way, with a wrong count drawn from it, is the
		// rule misread (dev 634, 620); with the right count the wording is forgiven.
		{"wrong way, wrong count", truthOf("VL-T3-Q4", 11), "The missing cell should be three stars, since the number of shapes increases along each row.", []float64{0.5, 0, 0}},
		{"wrong way, right count", truthOf("VL-T3-Q4", 11), "The missing cell should be two stars: each column keeps one shape, and the number of shapes increases along each row.", []float64{1, 1, 1}},
		// "made of" keeps a shape (dev 672).
		{"made of", nil, "The empty cell should have three triangles. The bottom row is made of triangles, so the missing cell must also be triangles.", []float64{1, 0.5, 0.5}},
		{"or with a count", nil, "The empty cell maybe have 3 triangles or 3 circles. The shapes is getting more from left to right, 1 then 2 then 3.", []float64{0.5, 0.5, 0.5}},
		// A shape cycle is a rule no grid has (dev 435, in French).
		{"cycle", nil, "La case vide doit contenir trois cercles. Le motif est cyclique : les formes se répètent dans l'ordre cercle → carré → triangle, et le nombre augmente de un à chaque case.", []float64{0, 0.375, 0}},
		// A size rule the grid does not have (dev 662).
		{"size rule", nil, "Three triangles. Each row keeps one shape and the count grows 1, 2, 3 left to right; the shapes also get larger from left to right.", []float64{1, 0.75, 0.5}},
		// German "dieselbe Form" (dev 646).
		{"german", nil, "Ins leere Feld gehören drei Dreiecke. Jede Zeile enthält immer dieselbe Form, und von links nach rechts nimmt die Anzahl zu: 1, 2, 3.", []float64{1, 1, 1}},
		// A run after the cue: its last is the claim (dev 444).
		{"run after the cue", nil, "Each row keeps one shape and the count grows 1, 2, 3 left to right, so the bottom row needs one triangle, two triangles, and then three triangles in the last cell.", []float64{1, 1, 1}},
		// The count said to follow the wrong axis (dev 653): no count rule, and a rule
		// that does not hold explains nothing (the experts give it 0 to 1: dev 272, 194).
		{"wrong axis number", nil, "The empty cell should contain three triangles. Pattern: the number of shapes in each cell equals its row number — row 1 has one, row 2 has two, row 3 has three.", []float64{1, 0, 0}},
		// A rule shown for two or more rows, and "row 3 has three of everything" read
		// along the right axis (dev 192, 632).
		{"rows shown", nil, "Row 1 is circle 1 2 3, row 2 is square 1 2 3, so row 3 is triangle 1 2 3: three triangles.", []float64{1, 1, 1}},
		// The answer with its colour beside a later, colourless "must be a hexagon"
		// (bq 706); a "?" listed among the cells fills nothing (bq 710).
		{"colour in the answer", truthOf("VL-T3-Q4", 1), "The missing shape is an orange hexagon.\n\nEach row keeps one shape and each column one colour: blue, red, orange from left to right. The bottom row already has a blue hexagon and a red hexagon, so the empty cell must also be a hexagon.", []float64{1, 1, 1}},
		{"cells listed by column", truthOf("VL-T3-Q4", 9), "Let's analyze the grid.\n\n**Row 1:** a red triangle, a purple triangle, an orange triangle\n**Row 3:** a red circle, **?**, an orange circle\n\n**Column 1:** red triangle, red star, red circle\n**Column 2:** purple triangle, purple star, **?**\n\nNow let's look for", []float64{0, 0.5, 0.5}},
		{"cell listed", truthOf("VL-T3-Q4", 1), "Let's look at the grid.\n\n**Row 3:** a blue hexagon, a red hexagon, **?**\n\nNow let's look for", []float64{0, 0, 0}},
		// Japanese "六角形が1つ" (one hexagon), and a count said as "matches the row
		// it's in", "once … twice … three times" (bv 738, 740).
		{"japanese count", truthOf("VL-T3-Q4", 8), "空欄（左上のマス）に入るのは **六角形が1つ** です。各行は同じ図形だけでできています。左から右へ進むごとに、図形の数が1つずつ増えます（1個 → 2個 → 3個）。", []float64{1, 1, 1}},
		{"count by row", truthOf("VL-T3-Q4", 11), "The empty cell should contain **two stars**.\n\n* **Number of shapes:** The count in each cell matches the row it's in. Everything in the top row appears once, everything in the middle row twice, and everything in the bottom row three times.\n* **Type of shape:** Each column sticks to one shape: triangles, circles, stars.", []float64{1, 1, 1}},
		// Column numbers are no count rule (cb 775); the final answer after "Actually"
		// is the claim, a misread one whose reasoning follows the rule (bz 761, dev 43).
		{"column numbers", truthOf("VL-T3-Q4", 11), "```json\n{\"answer\": \"2 stars\", \"pattern\": \"Each column contains only one type of shape: triangles in column 1, circles in column 2, stars in column 3.\"}\n```", []float64{1, 0.5, 0.5}},
		{"final after actually", truthOf("VL-T3-Q4", 12), "The center cell should have **2 triangles**, since the middle column is triangles and the count goes 1, 2, 3 downwards.\n\nActually, let me re-check. The shapes in the middle column have corners on four sides, so the middle column is diamonds, not triangles.\n\nSo each column keeps one shape and the count increases by one going down: 1, 2, 3.\n\n**Final answer: 2 diamonds.**", []float64{0, 1, 1}},
		// "hexagons … and three of them" counts the claim; "a single hexagon" says how
		// many; the cell it is compared to ("one less than the 2 hexagons") is no claim
		// (ce 782, 787).
		{"three of them", truthOf("VL-T3-Q4", 3), "Every row uses one shape and the number grows 1, 2, 3 from left to right. The missing cell is in row 1, so it must contain hexagons (row rule) and three of them (column rule).", []float64{1, 1, 1}},
		{"a single one", truthOf("VL-T3-Q4", 8), "Every row uses just one kind of shape, and from left to right the number of shapes goes up by one: 1, 2, 3. The empty cell is the first cell of the hexagon row, so it needs one shape less than the 2 hexagons next to it.\n\nAnswer: a single hexagon.", []float64{1, 1, 1}},
		// "Hmm, let me look again" takes back the first answer (ch 839).
		{"look again", truthOf("VL-T3-Q4", 9), "The empty cell should be an orange circle.\n\nHmm, let me look again. The orange circle is already in the bottom-right cell; the empty cell is the middle one of the bottom row.\n\nSo the correct answer is **one purple circle**: each row keeps a single shape, and each column keeps a single colour (red, purple, orange from left to right).", []float64{1, 1, 1}},
		// Spanish "uno-dos-tres" is the count rule (cm 857).
		{"uno-dos-tres", truthOf("VL-T3-Q4", 7), "Faltan **tres cuadrados**.\n\nCada fila tiene siempre la misma figura (círculos, cuadrados, hexágonos) y la cantidad va uno-dos-tres de izquierda a derecha.", []float64{1, 1, 1}},
		// "— I mean one green triangle", "Scratch that", "(edit: …)" correct the answer (cv
		// 930).
		{"dash i mean", truthOf("VL-T3-Q4", 6), "The empty cell should contain **one blue triangle** — I mean **one green triangle**, because the first column is green in every other row. Each row keeps one shape and each column one colour: green, blue, red from left to right.", []float64{1, 1, 1}},
		{"sorry, two", truthOf("VL-T3-Q4", 2), "The empty cell should contain **three hexagons** — sorry, **two** hexagons. Each column keeps one shape (squares, stars, hexagons) and going down each column the number grows 1 → 2 → 3.", []float64{1, 1, 1}},
		// Doubts set aside with "so my first answer stands" claim nothing (cz 965).
		{"first answer stands", truthOf("VL-T3-Q4", 9), "**Answer: a purple circle.** Each row keeps one shape and each column one colour (red, purple, orange from left to right).\n\nWait — could the colours follow a diagonal? No, every row has the same order. Is the missing colour maybe orange? No, orange is already in column 3.\n\nSo my first answer stands: **one purple circle**.", []float64{1, 1, 1}},
		// "Oops, …" corrects the answer (dc 981).
		{"oops", truthOf("VL-T3-Q4", 8), "The empty cell (top-left) should contain **three hexagons**.\n\nEach row uses one shape and the number of shapes increases from left to right: 1, 2, 3.\n\nOops, that means the first column always has **one** shape, so the answer is **one hexagon**.", []float64{1, 1, 1}},
		// A correction of the colour alone keeps the row rule stated before it (dc 980).
		{"colour corrected, rule kept", truthOf("VL-T3-Q4", 1), "**Answer: one red hexagon**\n\n- Each row keeps one shape: circles, stars, hexagons.\n- Each column keeps one colour: blue, red, orange from left to right.\n\nCorrection: the empty cell is in the third column, which is orange, so the missing piece is **one orange hexagon**, not red.", []float64{1, 1, 1}},
		// "X — no, Y", "X (typo: Y)", "X, or rather Y", "Final answer (corrected):" (dd).
		{"typo", truthOf("VL-T3-Q4", 6), "The empty cell should hold a blue triangle (typo: a green triangle). Each row keeps one shape and each column one colour: green, blue, red from left to right.", []float64{1, 1, 1}},
		{"dash no", truthOf("VL-T3-Q4", 2), "The empty cell should hold three hexagons — no, two hexagons: each column keeps one shape and the count grows 1, 2, 3 from top to bottom.", []float64{1, 1, 1}},
	})
}
