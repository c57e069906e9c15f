package main

import "testing"

func TestPkgOf(t *testing.T) {
	for in, want := range map[string]string{
		"github.com_maxence_charriere_go_app_v10_pkg_app.__engineX_.Navigate": "github.com_maxence_charriere_go_app_v10_pkg_app",
		"citijpm_app.__Comparison_.Render":                                    "citijpm_app",
		"runtime.mallocgc":                                                    "runtime",
		"math_big.__Int_.scan":                                                "math_big",
		"go_buildid":                                                          "go_buildid",
	} {
		if got := pkgOf(in); got != want {
			t.Errorf("pkgOf(%q) = %q, want %q", in, got, want)
		}
	}
}
