package data

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// datasetFile is one file of the shipped dataset and the type it decodes into.
type datasetFile struct {
	name  string
	value func() any // a fresh pointer to decode into
	raw   []byte     // the shipped bytes
}

// shippedFiles lists every file of the shipped dataset, cells last, in the
// order Load reads them.
func shippedFiles(t testing.TB) []datasetFile {
	t.Helper()
	files := []datasetFile{
		{name: metaFile, value: func() any { return new(Meta) }},
		{name: banksFile, value: func() any { return new([]Bank) }},
		{name: sourcesFile, value: func() any { return new([]Source) }},
		{name: sectionsFile, value: func() any { return new([]Section) }},
		{name: categoriesFile, value: func() any { return new([]Category) }},
		{name: marketsFile, value: func() any { return new([]Market) }},
		{name: offeringsFile, value: func() any { return new([]Offering) }},
	}
	cells, err := fs.Glob(Shipped(), cellsDir+"/*.json")
	if err != nil || len(cells) == 0 {
		t.Fatalf("no cell files: %v", err)
	}
	slices.Sort(cells)
	for _, name := range cells {
		files = append(files, datasetFile{name: name, value: func() any { return new([]Cell) }})
	}
	for i := range files {
		if files[i].raw, err = fs.ReadFile(Shipped(), files[i].name); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// firstCellFile is the index of the first cell file in shippedFiles.
const firstCellFile = 7

// assemble builds a dataset from decoded files the way Load does, cells
// concatenated with their origins, so Validate can name the file.
func assemble(files []datasetFile, decoded []any) *Dataset {
	ds := &Dataset{
		Meta:       *decoded[0].(*Meta),
		Banks:      *decoded[1].(*[]Bank),
		Sources:    *decoded[2].(*[]Source),
		Sections:   *decoded[3].(*[]Section),
		Categories: *decoded[4].(*[]Category),
		Markets:    *decoded[5].(*[]Market),
		Offerings:  *decoded[6].(*[]Offering),
	}
	for i := firstCellFile; i < len(files); i++ {
		cells := *decoded[i].(*[]Cell)
		ds.cellOrigins = append(ds.cellOrigins, cellOrigin{file: files[i].name, start: len(ds.Cells), count: len(cells)})
		ds.Cells = append(ds.Cells, cells...)
	}
	return ds
}

// checkProblems fails unless every problem says where and why. file, when
// not empty, is the only file the problems may name.
func checkProblems(t *testing.T, stage string, ps Problems, file string) {
	t.Helper()
	for _, p := range ps {
		if p.File == "" || (file != "" && p.File != file) || !strings.HasPrefix(p.Path, "$") || strings.TrimSpace(p.Reason) == "" {
			t.Errorf("%s: problem without a file, path or reason: %#v", stage, p)
		}
	}
	if len(ps) > 0 && !strings.Contains(ps.Error(), ps[0].Reason) {
		t.Errorf("%s: Problems.Error() omits the reasons", stage)
	}
}

// FuzzDecodeAndValidate feeds arbitrary bytes to Decode as every kind of
// dataset file, then validates the shipped dataset with the chosen file
// replaced by whatever decoded. Nothing may panic, and every problem must
// name its file, JSON path and reason, since analysts act on them.
func FuzzDecodeAndValidate(f *testing.F) {
	files := shippedFiles(f)
	base := make([]any, len(files))
	for i, file := range files {
		var problems Problems
		base[i] = file.value()
		if !Decode(file.name, file.raw, base[i], &problems) {
			f.Fatalf("shipped %s: %v", file.name, problems)
		}
		f.Add(uint8(i), file.raw)
	}
	if ps := Validate(assemble(files, base), today); len(ps) > 0 {
		f.Fatalf("shipped dataset: %v", ps)
	}

	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		target := int(which) % len(files)
		var replaced any
		for i, file := range files {
			var problems Problems
			v := file.value()
			ok := Decode(file.name, b, v, &problems)
			if ok != (len(problems) == 0) {
				t.Errorf("Decode as %s returned %v with %d problems", file.name, ok, len(problems))
			}
			checkProblems(t, "Decode as "+file.name, problems, file.name)
			if ok && i == target {
				replaced = v
			}
		}
		if replaced == nil {
			return // Load stops at decoding problems too
		}
		decoded := slices.Clone(base)
		decoded[target] = replaced
		checkProblems(t, "Validate with "+files[target].name+" replaced", Validate(assemble(files, decoded), today), "")
	})
}
