package data

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"citijpm/internal/testclock"
)

// today is the test clock: the day of the shipped data's newest
// verification (see internal/testclock), so the tests depend neither on
// the day they run nor on the last re-verification.
var today = testclock.Today(Shipped())

// shippedCopy returns the shipped dataset files as an editable map.
func shippedCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(Shipped(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Shipped(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit decodes one file generically, lets f change it, and writes it back.
func edit(t *testing.T, m fstest.MapFS, file string, f func(v any) any) {
	t.Helper()
	var v any
	if err := json.Unmarshal(m[file].Data, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(f(v))
	if err != nil {
		t.Fatal(err)
	}
	m[file] = &fstest.MapFile{Data: b}
}

func item(v any, i int) map[string]any { return v.([]any)[i].(map[string]any) }

func TestShippedDatasetIsValid(t *testing.T) {
	ds, err := Load(Shipped(), today)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(ds.Cells); got != len(ds.Banks)*len(ds.Categories) {
		t.Errorf("%d cells for %d banks × %d categories", got, len(ds.Banks), len(ds.Categories))
	}
}

// TestEveryValidationRule breaks the shipped dataset one rule at a time and
// requires a problem naming the file, the JSON path and the reason.
func TestEveryValidationRule(t *testing.T) {
	cases := []struct {
		name, file string
		change     func(v any) any
		wantFile   string
		wantPath   string
		wantReason string
	}{
		{"unknown field", "cells/jpm.json", func(v any) any { item(v, 0)["colour"] = "blue"; return v },
			"cells/jpm.json", "$[0].colour", `unknown field "colour"`},
		{"unknown field in meta", "meta.json", func(v any) any { v.(map[string]any)["owner"] = "x"; return v },
			"meta.json", "$.owner", `unknown field "owner"`},
		{"wrong type", "cells/citi.json", func(v any) any { item(v, 2)["confidence"] = 3; return v },
			"cells/citi.json", "$[2].confidence", "expected a string, found number 3"},
		{"duplicate source id", "sources.json", func(v any) any { item(v, 1)["id"] = item(v, 0)["id"]; return v },
			"sources.json", "$[1].id", "duplicate id"},
		{"duplicate category id", "categories.json", func(v any) any { item(v, 3)["id"] = item(v, 2)["id"]; return v },
			"categories.json", "$[3].id", "duplicate id"},
		{"malformed id", "banks.json", func(v any) any { item(v, 0)["id"] = "Citi Bank"; return v },
			"banks.json", "$[0].id", "lower-case words joined by hyphens"},
		{"unknown bank", "cells/jpm.json", func(v any) any { item(v, 4)["bank"] = "hsbc"; return v },
			"cells/jpm.json", "$[4].bank", `unknown bank "hsbc"`},
		{"unknown category", "cells/jpm.json", func(v any) any { item(v, 4)["category"] = "crypto"; return v },
			"cells/jpm.json", "$[4].category", `unknown category "crypto"`},
		{"unknown source", "cells/citi.json", func(v any) any { item(v, 0)["sources"] = []any{"nowhere"}; return v },
			"cells/citi.json", "$[0].sources[0]", `unknown source "nowhere"`},
		{"source cited twice", "cells/citi.json", func(v any) any {
			c := item(v, 0)
			s := c["sources"].([]any)
			c["sources"] = append(s, s[0])
			return v
		}, "cells/citi.json", "$[0].sources[", "cited twice"},
		{"unknown section", "categories.json", func(v any) any { item(v, 0)["section"] = "misc"; return v },
			"categories.json", "$[0].section", `unknown section "misc"`},
		{"confidence outside its set", "cells/jpm.json", func(v any) any { item(v, 1)["confidence"] = "Certain"; return v },
			"cells/jpm.json", "$[1].confidence", `"Certain" is not one of High, Medium, Low`},
		{"status outside its set", "cells/jpm.json", func(v any) any { item(v, 1)["status"] = "live"; return v },
			"cells/jpm.json", "$[1].status", `"live" is not one of documented, partial, not-visible`},
		{"label outside its set", "cells/jpm.json", func(v any) any { item(v, 1)["label"] = "rumour"; return v },
			"cells/jpm.json", "$[1].label", `"rumour" is not one of`},
		{"source kind outside its set", "sources.json", func(v any) any { item(v, 0)["kind"] = "blog"; return v },
			"sources.json", "$[0].kind", `"blog" is not one of`},
		{"unparseable date", "cells/citi.json", func(v any) any { item(v, 0)["lastVerified"] = "2 April 2026"; return v },
			"cells/citi.json", "$[0].lastVerified", "is not a date"},
		{"impossible date", "banks.json", func(v any) any { item(v, 1)["lastVerified"] = "2026-02-30"; return v },
			"banks.json", "$[1].lastVerified", "is not a date"},
		{"future date", "cells/citi.json", func(v any) any { item(v, 0)["lastVerified"] = today.AddDate(0, 0, 1).Format(time.DateOnly); return v },
			"cells/citi.json", "$[0].lastVerified", "in the future"},
		{"future source date", "sources.json", func(v any) any { item(v, 0)["date"] = today.AddDate(0, 2, 0).Format("2006-01"); return v },
			"sources.json", "$[0].date", "in the future"},
		{"missing cell", "cells/jpm.json", func(v any) any { return v.([]any)[1:] },
			"cells/jpm.json", "$", `missing cell for bank "jpm" × category "balances"`},
		{"duplicate cell", "cells/jpm.json", func(v any) any { a := v.([]any); return append(a, a[0]) },
			"cells/jpm.json", "$[", `duplicate cell for bank "jpm" × category "balances"`},
		{"non-https source URL", "sources.json", func(v any) any {
			for _, s := range v.([]any) {
				if u, ok := s.(map[string]any)["url"].(string); ok {
					s.(map[string]any)["url"] = strings.Replace(u, "https://", "http://", 1)
					break
				}
			}
			return v
		}, "sources.json", ".url", "must be an https URL"},
		{"non-https portal URL", "banks.json", func(v any) any { item(v, 0)["portalURL"] = "ftp://citi.example"; return v },
			"banks.json", "$[0].portalURL", "must be an https URL"},
		{"source without URL or note", "sources.json", func(v any) any {
			s := item(v, 0)
			delete(s, "url")
			delete(s, "note")
			return v
		}, "sources.json", "$[0].url", "give the https URL, or a note"},
		{"empty required text", "cells/jpm.json", func(v any) any { item(v, 2)["evidence"] = "  "; return v },
			"cells/jpm.json", "$[2].evidence", "required text is empty"},
		{"empty title", "meta.json", func(v any) any { v.(map[string]any)["title"] = ""; return v },
			"meta.json", "$.title", "required text is empty"},
		{"sourced cell without sources", "cells/jpm.json", func(v any) any {
			c := item(v, 0)
			c["label"], c["sources"] = "sourced", []any{}
			return v
		}, "cells/jpm.json", "$[0].sources", "must cite at least one source"},
		{"stale age not positive", "meta.json", func(v any) any { v.(map[string]any)["staleAfterDays"] = 0; return v },
			"meta.json", "$.staleAfterDays", "positive number of days"},
		{"uncited source", "sources.json", func(v any) any {
			a := v.([]any)
			return append(a, map[string]any{"id": "orphan", "title": "Orphan", "publisher": "Nobody",
				"url": "https://example.com", "date": "undated", "kind": "news"})
		}, "sources.json", ".id", `source "orphan" is not cited`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := shippedCopy(t)
			edit(t, m, tc.file, tc.change)
			_, err := Load(m, today)
			problems, ok := err.(Problems)
			if !ok {
				t.Fatalf("Load error = %v (%T), want Problems", err, err)
			}
			for _, p := range problems {
				if p.File == tc.wantFile && strings.Contains(p.Path, tc.wantPath) && strings.Contains(p.Reason, tc.wantReason) {
					return
				}
			}
			t.Errorf("no problem %s %s %q among:\n%v", tc.wantFile, tc.wantPath, tc.wantReason, err)
		})
	}
}

func TestSyntaxErrorNamesLineAndColumn(t *testing.T) {
	m := shippedCopy(t)
	m["banks.json"] = &fstest.MapFile{Data: []byte("[\n  {\"id\": \"citi\",,}\n]")}
	_, err := Load(m, today)
	if err == nil || !strings.Contains(err.Error(), "banks.json: $: invalid JSON: line 2") {
		t.Fatalf("error = %v, want banks.json line 2", err)
	}
}

func TestMissingFileIsReported(t *testing.T) {
	m := shippedCopy(t)
	delete(m, "sections.json")
	_, err := Load(m, today)
	if err == nil || !strings.Contains(err.Error(), "sections.json: $: file is missing") {
		t.Fatalf("error = %v", err)
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	m := shippedCopy(t)
	edit(t, m, "cells/jpm.json", func(v any) any {
		item(v, 0)["confidence"] = "Sure"
		item(v, 1)["status"] = "maybe"
		return v
	})
	_, err := Load(m, today)
	problems, _ := err.(Problems)
	if len(problems) < 2 {
		t.Fatalf("want both problems reported, got %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-04-02", "2025-11"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "undated", "2026-4-2", "April 2, 2026", "2026-00"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}
