package htmlattr

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// readBack writes value the way go-app prerenders an attribute and returns
// what an HTML parser reads from it.
func readBack(t *testing.T, value string) (string, int) {
	t.Helper()
	quoted := " a"
	if value != "" && value != "true" { // go-app writes these two as a bare name
		quoted += "=" + strconv.Quote(value)
	}
	z := html.NewTokenizer(strings.NewReader("<p" + quoted + " b=1>"))
	if z.Next() != html.StartTagToken {
		t.Fatalf("%q: not read as one start tag", value)
	}
	tok := z.Token()
	for _, a := range tok.Attr {
		if a.Key == "a" {
			return a.Val, len(tok.Attr)
		}
	}
	return "", len(tok.Attr)
}

// expected is what an attribute can hold of s: invalid UTF-8, NUL and the
// C1 controls become U+FFFD.
func expected(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0 || (r >= 0x80 && r <= 0x9f) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, string(utf8.RuneError)))
}

func check(t *testing.T, s string) {
	got, n := readBack(t, Escape(s))
	if n != 2 {
		t.Fatalf("Escape(%q) = %q: the tag reads as %d attributes, want 2", s, Escape(s), n)
	}
	if got != expected(s) {
		t.Fatalf("Escape(%q) = %q reads back as %q", s, Escape(s), got)
	}
}

func TestEscapeReadsBackExactly(t *testing.T) {
	for _, s := range []string{
		"", "camt", "true", "false", `"><h1>HACKED</h1>`, `x aria-live y`, `\"`, `a\b`,
		"&amp; &#34; &lt;", "tab\there", "line\r\nbreak", "nul\x00", "bad \xff utf-8",
		"zero\u200bwidth", "c1 \u0084 control", "émoji 🙂", "`backtick` 'single' =equals",
	} {
		check(t, s)
	}
}

func TestEscapeLeavesPlainTextAlone(t *testing.T) {
	for _, s := range []string{"camt.053 pain.001", "OAuth 2.0", "section=api"[:7]} {
		if Escape(s) != s {
			t.Errorf("Escape(%q) = %q, want it unchanged", s, Escape(s))
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{`"><h1>x</h1>`, "true", "a\x00\xff", `\`} {
		f.Add(s)
	}
	f.Fuzz(check)
}
