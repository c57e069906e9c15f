package compare

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// The search text is built on the first search, once, even when requests
// search at the same time (the server shares one index).
func TestSearchTextBuiltOnceUnderConcurrentSearches(t *testing.T) {
	ds, _ := shipped(t)
	want := NewIndex(ds)
	want.PrepareSearch()
	ix := NewIndex(ds)
	today := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	queries := []string{"camt", "oauth", "webhook", "sandbox", "iso 20022"}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(q string) {
			defer wg.Done()
			got := ix.Filter(Filters{Query: q}, today).CategoryIDs()
			if exp := want.Filter(Filters{Query: q}, today).CategoryIDs(); !slices.Equal(got, exp) || len(exp) == 0 {
				t.Errorf("search %q: got %v, want %v (non-empty)", q, got, exp)
			}
		}(queries[i%len(queries)])
	}
	wg.Wait()
}
