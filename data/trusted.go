package data

import (
	stdjson "encoding/json"
	"sync"
)

var (
	trustedOnce sync.Once
	trustedDS   *Dataset
	trustedErr  error
)

// Trusted is Default for the browser: the same single, unvalidated pass over
// the embedded files, but with encoding/json, which the WebAssembly binary
// links anyway (go-app uses it). A browser build that calls only Trusted
// leaves goccy's decoder, and its code, to the server and the tools, which
// keeps the download smaller.
func Trusted() (*Dataset, error) { return TrustedPausing(func() {}) }

// TrustedPausing is Trusted, calling pause before each file it decodes:
// on a browser's main thread, pause can hand the thread back, so that
// decoding never holds it for long (the first files decoded pay for
// encoding/json's warm-up, the cell files for their size).
func TrustedPausing(pause func()) (*Dataset, error) {
	trustedOnce.Do(func() {
		trustedDS, trustedErr = decodeTrusted(Shipped(), func(b []byte, v any) error {
			pause()
			return stdjson.Unmarshal(b, v)
		})
	})
	return trustedDS, trustedErr
}
