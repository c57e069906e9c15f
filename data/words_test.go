package data

import (
	"slices"
	"testing"
)

func TestParseConfidence(t *testing.T) {
	for in, want := range map[string]Confidence{"High": High, "medium": Medium, "LOW": Low, "": "", "sure": "", "Highest": ""} {
		if got := ParseConfidence(in); got != want {
			t.Errorf("ParseConfidence(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStatusIDs(t *testing.T) {
	if got := StatusIDs([]Status{NotVisible, Documented}); !slices.Equal(got, []string{"not-visible", "documented"}) {
		t.Errorf("StatusIDs = %q", got)
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 sources"}, {1, "1 source"}, {2, "2 sources"}} {
		if got := Plural(tc.n, "source", "sources"); got != tc.want {
			t.Errorf("Plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
