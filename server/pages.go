package server

import (
	"bytes"
	"regexp"
)

// bareTrueAria matches an aria-* attribute written without a value.
var bareTrueAria = regexp.MustCompile(`( aria-[a-z]+)([ />])`)

// fixPrerender repairs what go-app's HTML encoder gets wrong: it writes an
// attribute whose value is "true" as a bare name, which is right for
// hidden or checked but turns aria-hidden="true" into aria-hidden="", an
// invalid value that assistive technology ignores.
func fixPrerender(page []byte) []byte {
	if !bytes.Contains(page, []byte(" aria-")) {
		return page
	}
	return bareTrueAria.ReplaceAll(page, []byte(`$1="true"$2`))
}
