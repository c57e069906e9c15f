package server

import (
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// manifestJSON writes the web app manifest. go-app's own hard-codes the
// scope to "/", which breaks installing the app under a sub-path.
func manifestJSON(res resolver, h *app.Handler) []byte {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	root := res.Resolve("/")
	m := struct {
		ID              string   `json:"id"`
		Name            string   `json:"name"`
		ShortName       string   `json:"short_name"`
		Description     string   `json:"description"`
		Lang            string   `json:"lang"`
		StartURL        string   `json:"start_url"`
		Scope           string   `json:"scope"`
		Display         string   `json:"display"`
		Orientation     string   `json:"orientation"`
		ThemeColor      string   `json:"theme_color"`
		BackgroundColor string   `json:"background_color"`
		Categories      []string `json:"categories"`
		Icons           []icon   `json:"icons"`
	}{
		ID:              root,
		Name:            h.Name,
		ShortName:       h.ShortName,
		Description:     h.Description,
		Lang:            h.Lang,
		StartURL:        root,
		Scope:           root,
		Display:         "standalone",
		Orientation:     "any",
		ThemeColor:      h.ThemeColor,
		BackgroundColor: h.BackgroundColor,
		Categories:      []string{"business", "finance", "reference"},
		Icons: []icon{
			{Src: res.Resolve(h.Icon.Default), Sizes: "192x192", Type: "image/png", Purpose: "any"},
			{Src: res.Resolve(h.Icon.Large), Sizes: "512x512", Type: "image/png", Purpose: "any"},
			{Src: res.Resolve(h.Icon.Maskable), Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
			{Src: res.Resolve(h.Icon.SVG), Sizes: "any", Type: "image/svg+xml", Purpose: "any"},
		},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // a fixed struct of strings always encodes
	}
	return b
}
