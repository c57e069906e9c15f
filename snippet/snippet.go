// Package snippet writes the HTML a partner pastes to embed the widget: the
// self-sizing loader and the plain iframe. The "Embed this view" dialog and
// the server's oEmbed answer both use it, so they hand out the same code.
// It is plain Go, small enough for the WebAssembly build.
package snippet

import (
	"fmt"
	"html"
	"strconv"
)

// FrameHeight is the fixed height of the plain iframe, in CSS pixels, for
// sites that forbid third-party scripts: enough for a few cards.
const FrameHeight = 900

// FullWidth makes the iframe as wide as the partner's column.
const FullWidth = "100%"

// EmbedURL is the embed view of a query under an app base URL ending in "/".
func EmbedURL(base, query string) string {
	src := base + "embed"
	if query != "" {
		src += "?" + query
	}
	return src
}

// Loader is a placeholder and the embed.js script that sizes the frame to
// its content. base is the app's absolute URL, ending in "/".
func Loader(base, query, title string) string {
	return fmt.Sprintf("<div data-citijpm-embed data-query=\"%s\" data-title=\"%s\"></div>\n<script src=\"%sembed.js\" async></script>",
		html.EscapeString(query), html.EscapeString(title), html.EscapeString(base))
}

// IFrame is the plain iframe showing src. width is a CSS length such as
// FullWidth or a number of pixels.
func IFrame(src, title, width string, height int) string {
	return fmt.Sprintf("<iframe src=\"%s\" title=\"%s\" width=\"%s\" height=\"%s\" style=\"border:0\" loading=\"lazy\" allow=\"fullscreen\"></iframe>",
		html.EscapeString(src), html.EscapeString(title), html.EscapeString(width), strconv.Itoa(height))
}
