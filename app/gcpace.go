package app

import "runtime/debug"

// Go's collector runs on the page's only thread in the browser. Taking the
// page over allocates about 3 MB, enough for Go's default pace to start a
// collection in the middle of it: one task of about 25 ms at full speed
// (100 ms on a phone-like CPU), while the reader already uses the page.
// The collector runs less often until the page is built, which then
// allocates no collection at all, and the heap stays as large (7 MB from
// the system either way, measured with runtime.MemStats).

// takeoverGCPercent is the pace during the takeover: a collection starts
// when the heap has grown by this many percent of what the last one kept
// (Go's default is 100).
const takeoverGCPercent = 400

// gcPercentAfterTakeover is the pace to restore once the page is built;
// paceNotSaved when none was set aside.
var gcPercentAfterTakeover = paceNotSaved

const paceNotSaved = -2 // debug.SetGCPercent returns -1 at most

// SlowGCDuringTakeover makes the collector run less often until the page
// is built (see grow). The browser's main calls it before the dataset is
// decoded.
func SlowGCDuringTakeover() { gcPercentAfterTakeover = debug.SetGCPercent(takeoverGCPercent) }

// restoreGCPace puts the collector's pace back, once.
func restoreGCPace() {
	if gcPercentAfterTakeover != paceNotSaved {
		debug.SetGCPercent(gcPercentAfterTakeover)
		gcPercentAfterTakeover = paceNotSaved
	}
}
