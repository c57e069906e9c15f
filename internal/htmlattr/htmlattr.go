// Package htmlattr escapes text for an HTML attribute value that go-app will
// write with strconv.Quote, so that the browser reads the original text back.
package htmlattr

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character that strconv.Quote would change, or
// that HTML gives a meaning inside a quoted attribute, written as a numeric
// character reference: quotes, backslashes, ampersands, angle brackets and
// anything strconv.Quote does not print as itself. What HTML cannot carry in
// a character reference (invalid UTF-8, NUL, and the C1 controls
// U+0080–U+009F, which references map to Windows-1252 letters) becomes
// U+FFFD, as a browser would read the first two. The value "true" is written with its
// first letter as a reference too, because go-app writes an attribute whose
// value is exactly "true" as a bare name, which reads back as empty.
func Escape(s string) string {
	if s == "true" {
		return "&#116;rue"
	}
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range strings.ToValidUTF8(s, string(utf8.RuneError)) {
		if r == 0 || (r >= 0x80 && r <= 0x9f) {
			r = utf8.RuneError
		}
		if plain(r) {
			b.WriteRune(r)
			continue
		}
		b.WriteString("&#")
		b.WriteString(strconv.Itoa(int(r)))
		b.WriteByte(';')
	}
	return b.String()
}

func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if !plain(r) {
			return true
		}
	}
	return false
}

// plain reports whether r goes through strconv.Quote unchanged and means
// nothing special in a double-quoted HTML attribute.
func plain(r rune) bool {
	switch r {
	case '"', '\'', '\\', '&', '<', '>', '`', '=':
		return false
	}
	// Carriage returns are normalised by HTML parsers; a reference keeps one.
	return r != '\r' && strconv.IsPrint(r)
}
