package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// filterChange is one reader action on the filter bar: a keystroke in the
// search box (sent as real key events) or a choice in a select or checkbox
// (set in the page, which dispatches its change event).
type filterChange struct {
	Name string
	Key  string // a key for chromedp.KeyEvent, or
	JS   string // an expression that makes the change
}

// searchTerms are typed letter by letter, then erased with Backspace. Most
// of their keystrokes change the visible cards; the others are counted as
// "no change" and left out of the latency.
var searchTerms = []string{"fee", "fx", "fraud", "wire", "mtls"}

// togglePairs each change one control and put it back, so every change
// starts from the unfiltered view and really changes it.
var togglePairs = [][2]filterChange{
	{selectChange("f-section", "playbook"), selectChange("f-section", "")},
	{checkboxClick("f-bank-jpm"), checkboxClick("f-bank-jpm")},
	{selectChange("f-conf", "high"), selectChange("f-conf", "")},
	{checkboxClick("f-status-not-visible"), checkboxClick("f-status-not-visible")},
	{selectChange("f-label", "analyst"), selectChange("f-label", "")},
	{checkboxClick("f-diff"), checkboxClick("f-diff")},
}

func selectChange(id, value string) filterChange {
	return filterChange{
		Name: fmt.Sprintf("#%s=%q", id, value),
		JS: fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q; `+
			`e.dispatchEvent(new Event("input", { bubbles: true })); `+
			`e.dispatchEvent(new Event("change", { bubbles: true })); return true; })()`, id, value),
	}
}

func checkboxClick(id string) filterChange {
	return filterChange{
		Name: "#" + id + " click",
		JS:   fmt.Sprintf(`(() => { document.getElementById(%q).click(); return true; })()`, id),
	}
}

// filterPlan alternates a search term (typed, then erased) with a toggle
// pair, cycle after cycle, until it holds at least n changes.
func filterPlan(n int) []filterChange {
	var plan []filterChange
	for i := 0; len(plan) < n; i++ {
		term := searchTerms[i%len(searchTerms)]
		for _, r := range term {
			plan = append(plan, filterChange{Name: "type " + string(r), Key: string(r)})
		}
		for range term {
			plan = append(plan, filterChange{Name: "backspace", Key: kb.Backspace})
		}
		pair := togglePairs[i%len(togglePairs)]
		plan = append(plan, pair[0], pair[1])
	}
	return plan
}

// filterRun is the latency of one session's filter changes.
type filterRun struct {
	DOM       []float64 `json:"dom_ms"`   // input/change event → #results mutated
	Frame     []float64 `json:"frame_ms"` // … → the next animation frame after it
	NoChange  int       `json:"no_change"`
	Late      int       `json:"late"` // "no change" answers later contradicted by a mutation
	Errors    []string  `json:"errors,omitempty"`
	Attempted int       `json:"attempted"`
}

// measureFilters makes changes until want of them changed #results (or
// three times that many were tried), one at a time.
func (t *tab) measureFilters(want int, cpuRate float64) (filterRun, error) {
	var fr filterRun
	if err := t.clearSearch(); err != nil {
		return fr, fmt.Errorf("clearing the search box: %w", err)
	}
	timeoutMs := int(1000 * cpuRate)
	// A change that leaves #results alone is only called so after this
	// long: a debounce shorter than it is still measured.
	quietMs := int(200 * cpuRate)
	arm := fmt.Sprintf(`__bench.arm(%d, %d)`, timeoutMs, quietMs)
	stepTimeout := time.Duration(8*timeoutMs)*time.Millisecond + 10*time.Second
	plan := filterPlan(3 * want)
	for _, c := range plan {
		if len(fr.DOM) >= want {
			break
		}
		fr.Attempted++
		var ok bool
		armJS, act := arm, chromedp.Action(nil)
		if c.Key != "" {
			// Keys go to the focused element: make sure it is the search box.
			armJS = `document.getElementById("f-q").focus(), ` + arm
			act = chromedp.KeyEvent(c.Key)
		} else {
			act = chromedp.Evaluate(c.JS, &ok)
		}
		var res struct {
			Changed bool    `json:"changed"`
			DOM     float64 `json:"dom"`
			Frame   float64 `json:"frame"`
			Error   string  `json:"error"`
		}
		err := t.run(stepTimeout,
			chromedp.Evaluate(armJS, &ok),
			act,
			chromedp.Evaluate(`__bench.result()`, &res, awaitPromise),
		)
		switch {
		case err != nil:
			return fr, fmt.Errorf("filter change %s: %w", c.Name, err)
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
		}
	}
	err := t.run(visitTimeout, chromedp.Evaluate(`__bench.late`, &fr.Late))
	return fr, err
}
