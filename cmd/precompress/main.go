// Command precompress writes name.gz and name.br beside each file given, at
// the highest compression levels, so the server never compresses per request.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE...")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		if err := compress(name); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
	}
}

func compress(name string) error {
	body, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	gw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	gw.Write(body)
	if err := gw.Close(); err != nil {
		return err
	}
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(body)
	if err := bw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(name+".gz", gz.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(name+".br", br.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes, gzip %d (%.1f%%), brotli %d (%.1f%%)\n", name, len(body),
		gz.Len(), pct(gz.Len(), len(body)), br.Len(), pct(br.Len(), len(body)))
	return nil
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(b) }
