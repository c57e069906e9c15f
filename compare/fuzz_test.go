package compare

import (
	"cmp"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"citijpm/data"
)

// withNilSlices makes an empty list and an absent one compare equal: both
// mean "no filter".
func withNilSlices(st State) State {
	if len(st.Banks) == 0 {
		st.Banks = nil
	}
	if len(st.Sections) == 0 {
		st.Sections = nil
	}
	if len(st.Statuses) == 0 {
		st.Statuses = nil
	}
	return st
}

// FuzzParseQuery feeds arbitrary query strings to ParseQuery. Whatever the
// input, it must not panic, every notice must say why, and the state must
// survive its own URL: Values gives a query that parses back without a
// notice, to a state whose URL is the same, showing the same cards.
func FuzzParseQuery(f *testing.F) {
	ds, err := data.Load(data.Shipped(), today)
	if err != nil {
		f.Fatal(err)
	}
	ix := NewIndex(ds)
	f.Add("section=api,playbook&status=partial,not-visible&conf=medium&label=analyst&q=pain&diff=1&stale=1")
	f.Add("bank=jpm&view=table&present=1&slide=3&theme=dark&embed=1")

	f.Fuzz(func(t *testing.T, raw string) {
		// A malformed pair is dropped and the rest kept, as in the browser.
		q, _ := url.ParseQuery(raw)
		st, notices := ParseQuery(q, ds)
		for _, n := range notices {
			if n.Reason == "" || n.String() == "" {
				t.Errorf("notice without words: %#v", n)
			}
		}

		canon := st.Values(ds)
		back, notices := ParseQuery(canon, ds)
		if len(notices) > 0 {
			t.Errorf("the state's own query %q gives notices %v", canon.Encode(), notices)
		}
		if got := back.Values(ds).Encode(); got != canon.Encode() {
			t.Errorf("query %q reads back as %q", canon.Encode(), got)
		}
		again, notices := ParseQuery(back.Values(ds), ds)
		if len(notices) > 0 || !reflect.DeepEqual(withNilSlices(again), withNilSlices(back)) {
			t.Errorf("state does not round-trip:\n got %#v\nwant %#v\n(%v)", again, back, notices)
		}

		// The URL may drop what means nothing (a default, an order), never
		// what changes the view.
		if !slices.Equal(ix.Filter(st.Filters, today).CategoryIDs(), ix.Filter(back.Filters, today).CategoryIDs()) {
			t.Errorf("raw %q and canonical %q show different cards", raw, canon.Encode())
		}
		if len(ix.banks(st.Filters)) != len(ix.banks(back.Filters)) {
			t.Errorf("raw %q and canonical %q show different banks", raw, canon.Encode())
		}
		if st.Query != back.Query || st.Table != back.Table || st.Present != back.Present || st.Embed != back.Embed {
			t.Errorf("raw %q and canonical %q differ: %#v vs %#v", raw, canon.Encode(), st, back)
		}
		if st.Present && max(st.Slide, 1) != max(back.Slide, 1) {
			t.Errorf("slide %d became %d", st.Slide, back.Slide)
		}
		if cmp.Or(st.Theme, "auto") != cmp.Or(back.Theme, "auto") {
			t.Errorf("theme %q became %q", st.Theme, back.Theme)
		}
	})
}
