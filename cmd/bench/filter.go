package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// filterChange is one reader action on the filters: a keystroke in the
// search box (sent as real key events) or a click on a checkbox (made in
// the page). Controls are found by type alone (input[type=search],
// input[type=checkbox]), so the plan survives a redesign of the page.
type filterChange struct {
	Name     string
	Key      string // a key for chromedp.KeyEvent, or
	Checkbox int    // the index of a checkbox among the page's, when Key is ""
}

// The kinds of change, reported apart: a keystroke and a click on a
// checkbox go through different code in the app.
const (
	kindKeystroke = "keystroke"
	kindCheckbox  = "checkbox"
)

func (c filterChange) kind() string {
	if c.Key != "" {
		return kindKeystroke
	}
	return kindCheckbox
}

// searchTerms are typed letter by letter, then erased with Backspace. Most
// of their keystrokes change the page; the others are counted as "no
// change" and left out of the latency.
var searchTerms = []string{"fee", "fx", "fraud", "wire", "mtls"}

// filterPlan follows each search term (typed, then erased) with a share of
// the checkboxes, each clicked and clicked back, so that one cycle of the
// five terms toggles every checkbox once, as issue 11 measured it. Cycles
// repeat until the plan holds at least n changes.
func filterPlan(n, checkboxes int) []filterChange {
	perTerm := (checkboxes + len(searchTerms) - 1) / len(searchTerms)
	var plan []filterChange
	next := 0 // the next checkbox to toggle
	for i := 0; len(plan) < n; i++ {
		term := searchTerms[i%len(searchTerms)]
		for _, r := range term {
			plan = append(plan, filterChange{Name: "type " + string(r), Key: string(r)})
		}
		for range term {
			plan = append(plan, filterChange{Name: "backspace", Key: kb.Backspace})
		}
		for range min(perTerm, checkboxes) {
			name := fmt.Sprintf("checkbox %d", next)
			plan = append(plan, filterChange{Name: name + " on", Checkbox: next}, filterChange{Name: name + " back", Checkbox: next})
			next = (next + 1) % checkboxes
		}
	}
	return plan
}

// filterRun is the latency of one session's filter changes.
type filterRun struct {
	DOM        []float64 `json:"dom_ms"`   // input/change event → first DOM mutation
	Frame      []float64 `json:"frame_ms"` // … → the next animation frame after it
	Kinds      []string  `json:"kinds"`    // each measured change's kind (kindKeystroke, kindCheckbox)
	NoChange   int       `json:"no_change"`
	Late       int       `json:"late"` // "no change" answers later contradicted by a mutation
	Errors     []string  `json:"errors,omitempty"`
	Attempted  int       `json:"attempted"`
	Skipped    int       `json:"skipped_disabled"` // checkboxes the app had disabled
	Checkboxes int       `json:"checkboxes"`       // on the page when the changes began
}

// of picks the samples (fr.DOM or fr.Frame) of the changes of one kind.
func (fr filterRun) of(kind string, samples []float64) []float64 {
	var out []float64
	for i, k := range fr.Kinds {
		if k == kind && i < len(samples) {
			out = append(out, samples[i])
		}
	}
	return out
}

// measureFilters makes changes until want of them changed the DOM (or
// three times that many were tried), one at a time.
func (t *tab) measureFilters(want int, cpuRate float64) (filterRun, error) {
	var fr filterRun
	if err := t.clearSearch(cpuRate); err != nil {
		return fr, fmt.Errorf("clearing the search box: %w", err)
	}
	var boxes int
	if err := t.eval(visitTimeout, `__bench.checkboxCount()`, &boxes); err != nil {
		return fr, err
	}
	fr.Checkboxes = boxes
	timeoutMs := int(1000 * cpuRate)
	// A change that leaves the DOM alone is only called so after this
	// long: a debounce shorter than it is still measured.
	quietMs := int(200 * cpuRate)
	arm := fmt.Sprintf(`__bench.arm(%d, %d)`, timeoutMs, quietMs)
	stepTimeout := time.Duration(8*timeoutMs)*time.Millisecond + 10*time.Second
	for _, c := range filterPlan(3*want, boxes) {
		if len(fr.DOM) >= want {
			break
		}
		var ok bool
		if c.Key != "" {
			// Keys go to the focused element: make sure it is the search box.
			err := t.run(stepTimeout,
				chromedp.Evaluate(`__bench.searchBox().focus(), `+arm, &ok),
				chromedp.KeyEvent(c.Key))
			if err != nil {
				return fr, fmt.Errorf("filter change %s: %w", c.Name, err)
			}
		} else {
			err := t.run(stepTimeout,
				chromedp.Evaluate(arm, &ok),
				chromedp.Evaluate(fmt.Sprintf(`__bench.toggle(%d)`, c.Checkbox), &ok))
			if err != nil {
				return fr, fmt.Errorf("filter change %s: %w", c.Name, err)
			}
			if !ok {
				fr.Skipped++ // disabled: the app locks it
				continue
			}
		}
		fr.Attempted++
		var res struct {
			Changed bool    `json:"changed"`
			DOM     float64 `json:"dom"`
			Frame   float64 `json:"frame"`
			Error   string  `json:"error"`
		}
		if err := t.eval(stepTimeout, `__bench.result()`, &res); err != nil {
			return fr, fmt.Errorf("filter change %s: %w", c.Name, err)
		}
		switch {
		case res.Error != "":
			fr.Errors = append(fr.Errors, c.Name+": "+res.Error)
			if len(fr.Errors) > 20 {
				return fr, fmt.Errorf("too many failed filter changes: %s", strings.Join(fr.Errors, "; "))
			}
		case !res.Changed:
			fr.NoChange++
		default:
			fr.DOM = append(fr.DOM, res.DOM)
			fr.Frame = append(fr.Frame, res.Frame)
			fr.Kinds = append(fr.Kinds, c.kind())
		}
	}
	err := t.run(visitTimeout, chromedp.Evaluate(`__bench.late`, &fr.Late))
	return fr, err
}
