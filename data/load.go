//go:build !wasm

// The checked decoding lives here, out of the WebAssembly build: goccy's
// decoder is large, and the browser only ever reads the shipped dataset,
// already checked, through Trusted.

package data

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-json"
)

var (
	defaultOnce sync.Once
	defaultDS   *Dataset
	defaultErr  error
)

// Default decodes the shipped dataset once and returns it. It does not
// validate: the embedded files were validated when the binary was built
// (`make check`, and TestShippedDatasetIsValid in CI), and validation
// compares dates with the clock, so doing it again here would let a reader
// whose clock is wrong, or a server started on such a machine, lose the
// whole comparison over a date. Decoding goes straight into the Go types,
// once, which is also the cheapest start in the browser.
func Default() (*Dataset, error) {
	defaultOnce.Do(func() {
		defaultDS, defaultErr = decodeTrusted(Shipped(), json.Unmarshal)
	})
	return defaultDS, defaultErr
}

// Load decodes every file of a dataset directory and validates the result
// against today's date. On any problem it returns Problems listing all of
// them, each with its file, JSON path and reason.
func Load(fsys fs.FS, today time.Time) (*Dataset, error) {
	ds, problems := decodeAll(fsys, Decode)
	if len(problems) > 0 {
		// Cross-file checks on half-decoded data would only add noise.
		return nil, problems
	}
	if problems = Validate(ds, today); len(problems) > 0 {
		return nil, problems
	}
	ds.index()
	return ds, nil
}

// Decode parses one dataset file's bytes into v, reporting syntax errors with
// line and column, unknown fields and wrong types with their JSON path.
// It reports whether v was filled.
func Decode(file string, b []byte, v any, problems *Problems) bool {
	r := reporter{problems: problems, file: file}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		r.add("$", "invalid JSON: %s", syntaxReason(b, err))
		return false
	}
	before := len(*problems)
	checkShape(r, "$", generic, reflect.TypeOf(v).Elem())
	if len(*problems) > before {
		return false
	}
	if err := json.Unmarshal(b, v); err != nil {
		r.add("$", "cannot decode: %v", err)
		return false
	}
	return true
}

// syntaxReason turns a decoder error into "line L, column C: message".
func syntaxReason(b []byte, err error) string {
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return err.Error()
	}
	off := int(syn.Offset)
	if off > len(b) {
		off = len(b)
	}
	line := 1 + strings.Count(string(b[:off]), "\n")
	col := off - strings.LastIndex(string(b[:off]), "\n")
	return fmt.Sprintf("line %d, column %d: %s", line, col, syn.Error())
}

// checkShape walks a generically decoded JSON value beside the Go type it is
// meant to fill, so that an unknown field or a wrong type is reported with
// its full path rather than the decoder's terse message.
func checkShape(r reporter, at string, v any, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			r.add(at, "expected an object, found %s", jsonKind(v))
			return
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f, known := fields[k]
			if !known {
				r.add(at+"."+k, "unknown field %q (known fields: %s)", k, knownList(fields))
				continue
			}
			checkShape(r, at+"."+k, obj[k], f.Type)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			r.add(at, "expected an array, found %s", jsonKind(v))
			return
		}
		for i, e := range arr {
			checkShape(r, fmt.Sprintf("%s[%d]", at, i), e, t.Elem())
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			r.add(at, "expected a string, found %s", jsonKind(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			r.add(at, "expected true or false, found %s", jsonKind(v))
		}
	case reflect.Int:
		n, ok := v.(float64)
		if !ok || n != float64(int(n)) {
			r.add(at, "expected a whole number, found %s", jsonKind(v))
		}
	}
}

func jsonFields(t reflect.Type) map[string]reflect.StructField {
	fields := make(map[string]reflect.StructField, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		fields[name] = f
	}
	return fields
}

func knownList(fields map[string]reflect.StructField) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func jsonKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("string %q", x)
	case float64:
		return fmt.Sprintf("number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
