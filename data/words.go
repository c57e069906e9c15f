package data

import (
	"strconv"
	"strings"
)

// The small readings and writings of dataset values that the URL state,
// the UI, the chart and the tools share, so each is done one way.

// ParseConfidence reads a confidence level in any letter case ("high",
// "HIGH"); it returns "" when s names none.
func ParseConfidence(s string) Confidence {
	for _, c := range Confidences {
		if strings.EqualFold(s, string(c)) {
			return c
		}
	}
	return ""
}

// StatusIDs are statuses as the strings the dataset and URLs use.
func StatusIDs(ss []Status) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// Plural writes a count with its noun: "1 source", "3 sources".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
