package app

import (
	"runtime/debug"
	"testing"
)

// TestGCPaceRestored: the takeover's slower pace is set once and put back
// once, to whatever pace was set before it.
func TestGCPaceRestored(t *testing.T) {
	const before = 150
	defer debug.SetGCPercent(debug.SetGCPercent(before))
	SlowGCDuringTakeover()
	if got := debug.SetGCPercent(takeoverGCPercent); got != takeoverGCPercent {
		t.Fatalf("during the takeover the pace is %d, want %d", got, takeoverGCPercent)
	}
	restoreGCPace()
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("after the takeover the pace is %d, want %d as before it", got, before)
	}
	debug.SetGCPercent(70)
	restoreGCPace() // nothing left to restore
	if got := debug.SetGCPercent(before); got != 70 {
		t.Errorf("a second restore changed the pace to %d", got)
	}
}
