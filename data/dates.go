package data

// ReadableDate turns a dataset date into "Apr 2, 2026" or "Nov 2025"; the
// raw value is kept when it cannot be read, so nothing is hidden.
func ReadableDate(s string) string {
	if s == Undated {
		return "undated"
	}
	t, err := ParseDate(s)
	if err != nil {
		return s
	}
	if len(s) == len("2006-01") {
		return t.Format("Jan 2006")
	}
	return t.Format("Jan 2, 2006")
}
