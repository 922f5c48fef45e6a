package vlrubric

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeJudge is an OpenAI-compatible endpoint that answers every chat with reply and
// counts the requests; it checks the fixed prompt's version-independent parts.
func fakeJudge(t *testing.T, reply string, calls *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			Messages []struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"messages"`
			Temperature *float64 `json:"temperature"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 {
			t.Errorf("judge request: %v, %d messages", err, len(req.Messages))
		}
		if req.Temperature == nil || *req.Temperature != 0 {
			t.Errorf("judge temperature = %v, want 0 sent explicitly", req.Temperature)
		}
		if !strings.Contains(req.Messages[1].Content, "Criterion: ") {
			t.Errorf("judge prompt lacks the criterion: %q", req.Messages[1].Content)
		}
		b, _ := json.Marshal(reply)
		fmt.Fprintf(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}]}`, b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestJudge(t *testing.T) {
	items, err := Items(0)
	if err != nil {
		t.Fatal(err)
	}
	var code Item
	for _, it := range items {
		if it.Question.ID == "VL-T2-Q3" {
			code = it
		}
	}
	res := Score(code.Truth(), "It returns the largest value. Bug: the loop skips the last element.")
	for _, tc := range []struct {
		reply, wantErr string
		want           float64
	}{
		{`Sure. {"fraction": 0.75, "reason": "explains the off-by-one"}`, "", 0.75},
		{`<think>hmm</think>{"fraction": 1, "reason": "clear"}`, "", 1},
		{`I'd say it's fine.`, "no {\"fraction\"", 0},
		{`{"fraction": 7, "reason": "great"}`, "outside [0, 1]", 0},
	} {
		var calls atomic.Int32
		srv := fakeJudge(t, tc.reply, &calls)
		j := newJudgeClient(srv.URL, "", time.Minute)
		got := Judge(t.Context(), j.chat, j.model, j.timeout, code.Truth(), res)
		v, ok := got["clear explanation"]
		if !ok || len(got) != 1 || calls.Load() != 1 {
			t.Fatalf("Judge() = %v after %d calls, want one verdict on \"clear explanation\"", got, calls.Load())
		}
		if v.Prompt != JudgePromptVersion {
			t.Errorf("verdict prompt version %q, want %q", v.Prompt, JudgePromptVersion)
		}
		if tc.wantErr != "" {
			if !strings.Contains(v.Error, tc.wantErr) {
				t.Errorf("reply %q: error %q, want it to contain %q", tc.reply, v.Error, tc.wantErr)
			}
			continue
		}
		if v.Error != "" || v.Fraction != tc.want {
			t.Errorf("reply %q: verdict %+v, want fraction %v", tc.reply, v, tc.want)
		}
	}
	// Questions without subjective criteria ask the judge nothing.
	var calls atomic.Int32
	srv := fakeJudge(t, `{"fraction": 1}`, &calls)
	j := newJudgeClient(srv.URL, "", time.Minute)
	if got := Judge(t.Context(), j.chat, j.model, j.timeout, items[0].Truth(), Result{}); len(got) != 0 || calls.Load() != 0 {
		t.Errorf("Judge(VL-T1-Q1) = %v after %d calls, want none", got, calls.Load())
	}
	for id, crits := range Subjective {
		names := map[string]bool{}
		for _, c := range Criteria(id) {
			names[c.Name] = true
		}
		for _, c := range crits {
			if !names[c] {
				t.Errorf("Subjective[%s] names %q, not one of its criteria", id, c)
			}
		}
	}
}

// The judge through the rubric (-replay with -judge): a stand-in judge that answers each
// request with a reason naming the answer it was shown; every verdict must land on the
// entry of that answer, on exactly the criteria asked about. One question's requests
// stall past the judge timeout and come back as errors, not as guesses.
func TestJudgeThroughRubric(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		p := req.Messages[1].Content
		shown := p[strings.Index(p, "<<<\n")+4 : strings.LastIndex(p, "\n>>>")]
		crit := p[strings.Index(p, "Criterion: ")+len("Criterion: "):]
		crit = crit[:strings.Index(crit, "\n")]
		if strings.Contains(p, "Solve the equation") {
			select { // past the judge timeout
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		reply, _ := json.Marshal(fmt.Sprintf(`{"fraction": 0.5, "reason": "%s|%s"}`, crit, judgeTag(shown)))
		fmt.Fprintf(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}]}`, reply)
	}))
	t.Cleanup(srv.Close)

	run := runRubric(t, options{config: "baseline", replay: filepath.Join("testdata", "answers", "good"),
		judge: srv.URL, judgeModel: "stand-in", judgeTimeout: 300 * time.Millisecond})
	items, _ := Items(0)
	asked := 0
	for i, a := range run.Answers {
		want := map[string]bool{}
		for _, c := range JudgeCriteria(items[i].Truth(), Score(items[i].Truth(), a.Answer)) {
			want[c] = true
		}
		for _, c := range a.Criteria {
			switch {
			case !want[c.Name] && c.Judge != nil:
				t.Errorf("%s %q: judged, but the judge was not asked about it", a.ID, c.Name)
			case want[c.Name] && c.Judge == nil:
				t.Errorf("%s %q: no verdict recorded", a.ID, c.Name)
			case c.Judge == nil:
			case a.ID == "VL-T3-Q1":
				if !strings.Contains(c.Judge.Error, "deadline exceeded") {
					t.Errorf("%s %q: stalled judge gave %+v, want a timeout error", a.ID, c.Name, *c.Judge)
				}
			default:
				asked++
				if want := c.Name + "|" + judgeTag(a.Final); c.Judge.Reason != want || c.Judge.Fraction != 0.5 || c.Judge.Model != "stand-in" {
					t.Errorf("%s %q: verdict %+v, want reason %q (this answer's)", a.ID, c.Name, *c.Judge, want)
				}
			}
		}
	}
	if asked == 0 || int(calls.Load()) < asked {
		t.Errorf("%d verdicts checked after %d judge requests", asked, calls.Load())
	}
}

// judgeTag names an answer in a stand-in judge's reason.
func judgeTag(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}
