// Command wasmsize shows what a Go WebAssembly binary is made of: the size
// of the code of each package, from the binary's function bodies and its
// name section (so build it without -ldflags=-s). A small twiggy for Go.
//
//	GOOS=js GOARCH=wasm go build -o /tmp/app.wasm ./cmd/widget
//	go run ./cmd/wasmsize /tmp/app.wasm
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	top := flag.Int("top", 30, "packages to list")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top N] FILE.wasm")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sizes, total, err := packageSizes(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	type row struct {
		pkg  string
		size int
	}
	var rows []row
	for p, s := range sizes {
		rows = append(rows, row{p, s})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].size > rows[j].size })
	fmt.Printf("%-60s %10s %6s\n", "package", "code bytes", "share")
	for i, r := range rows {
		if i == *top {
			break
		}
		fmt.Printf("%-60s %10d %5.1f%%\n", r.pkg, r.size, 100*float64(r.size)/float64(total))
	}
	fmt.Printf("%-60s %10d (file %d bytes)\n", "all code", total, len(b))
}

// packageSizes sums function body sizes per package.
func packageSizes(b []byte) (map[string]int, int, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, 0, errors.New("not a WebAssembly module")
	}
	r := reader{b: b, pos: 8}
	var imports int
	var bodies []int
	names := map[int]string{}
	for r.pos < len(r.b) {
		id := r.byte()
		size := int(r.uleb())
		end := r.pos + size
		switch id {
		case 2: // imports: they take the first function indexes
			n := int(r.uleb())
			for i := 0; i < n; i++ {
				r.name()
				r.name()
				switch kind := r.byte(); kind {
				case 0:
					r.uleb()
					imports++
				case 1:
					r.byte()
					r.limits()
				case 2:
					r.limits()
				case 3:
					r.byte()
					r.byte()
				}
			}
		case 10: // code
			n := int(r.uleb())
			for i := 0; i < n; i++ {
				s := int(r.uleb())
				bodies = append(bodies, s)
				r.pos += s
			}
		case 0: // custom: the name section maps indexes to names
			if r.name() == "name" {
				for r.pos < end {
					sub := r.byte()
					subEnd := r.pos + int(r.uleb())
					if sub == 1 {
						n := int(r.uleb())
						for i := 0; i < n; i++ {
							idx := int(r.uleb())
							names[idx] = r.name()
						}
					}
					r.pos = subEnd
				}
			}
		}
		r.pos = end
	}
	if len(names) == 0 {
		return nil, 0, errors.New("no name section: build without -ldflags=-s")
	}
	sizes := map[string]int{}
	total := 0
	for i, s := range bodies {
		sizes[pkgOf(names[imports+i])] += s
		total += s
	}
	return sizes, total, nil
}

// pkgOf returns the package of a function name as Go writes it in the
// name section: "/" becomes "_", so "github.com/a/b.(*T).M" reads
// "github.com_a_b.__T_.M". The package ends at the first dot after the
// host, whose own dots come before the first "_".
func pkgOf(sym string) string {
	start := 0
	if us := strings.Index(sym, "_"); us > 0 && strings.Contains(sym[:us], ".") {
		start = us
	}
	dot := strings.Index(sym[start:], ".")
	if dot < 0 {
		return sym
	}
	return sym[:start+dot]
}

type reader struct {
	b   []byte
	pos int
}

func (r *reader) byte() byte { c := r.b[r.pos]; r.pos++; return c }

func (r *reader) uleb() uint64 {
	v, n := binary.Uvarint(r.b[r.pos:])
	r.pos += n
	return v
}

func (r *reader) name() string {
	n := int(r.uleb())
	s := string(r.b[r.pos : r.pos+n])
	r.pos += n
	return s
}

func (r *reader) limits() {
	if r.byte() == 1 {
		r.uleb()
	}
	r.uleb()
}
