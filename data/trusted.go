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
func Trusted() (*Dataset, error) {
	trustedOnce.Do(func() { trustedDS, trustedErr = decodeTrusted(Shipped(), stdjson.Unmarshal) })
	return trustedDS, trustedErr
}
