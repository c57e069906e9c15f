package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Presenter mode shows one category per slide, full screen, driven by the
// keyboard, touch or buttons. The slide number lives in the URL so a
// presenter can reload or share a slide.

// slideCount is the number of slides for the current filters: the
// overview graphic, then one per category.
func (c *Comparison) slideCount() int { return 1 + c.shown.Count }

// slide returns the current 1-based slide, kept within range.
func (c *Comparison) slide() int {
	n := c.slideCount()
	switch {
	case c.st.Slide < 1:
		return 1
	case c.st.Slide > n:
		return n
	}
	return c.st.Slide
}

func (c *Comparison) enterPresenter(ctx app.Context) {
	if c.st.Present {
		return
	}
	c.st.Present, c.st.Slide, c.keyHelp = true, 1, false
	writeURL(c.st.Values(c.ix.DS), true)
	requestFullscreen()
	ctx.Defer(func(app.Context) { focusByID("presenter") })
}

func (c *Comparison) leavePresenter(ctx app.Context) {
	if !c.st.Present {
		return
	}
	c.st.Present, c.st.Slide, c.keyHelp = false, 0, false
	writeURL(c.st.Values(c.ix.DS), true)
	exitFullscreen()
	ctx.Defer(func(app.Context) { focusByID("present-button") })
}

// goTo moves to slide n (clamped) and records it in the URL.
func (c *Comparison) goTo(n int) {
	if last := c.slideCount(); n > last {
		n = last
	}
	if n < 1 {
		n = 1
	}
	if n == c.slide() && c.st.Slide != 0 {
		return
	}
	c.st.Slide = n
	writeURL(c.st.Values(c.ix.DS), false)
}

// presenterKey handles a key pressed in presenter mode; it reports whether
// the key was used, so the browser's default (scrolling) can be prevented.
func (c *Comparison) presenterKey(ctx app.Context, key string) {
	switch key {
	case "ArrowRight", "PageDown", " ", "Spacebar":
		c.goTo(c.slide() + 1)
	case "ArrowLeft", "PageUp":
		c.goTo(c.slide() - 1)
	case "Home":
		c.goTo(1)
	case "End":
		c.goTo(c.slideCount())
	case "?":
		c.keyHelp = !c.keyHelp
	case "Escape", "Esc":
		if c.keyHelp {
			c.keyHelp = false
			return
		}
		c.leavePresenter(ctx)
	}
}

// presenterKeys are the keys presenter mode takes over from the page.
var presenterKeys = map[string]bool{
	"ArrowRight": true, "ArrowLeft": true, "PageDown": true, "PageUp": true,
	" ": true, "Spacebar": true, "Home": true, "End": true, "?": true, "Escape": true, "Esc": true,
}

func (c *Comparison) renderPresenter() app.UI {
	slideSVG := ""
	if c.slide() == 1 {
		slideSVG = c.drawn.slideOf(c.ix.DS, c.shown)
	}
	return newPresenter(c.ix.DS, presenterActions{
		goTo:  func(ctx app.Context, n int) { c.goTo(n) },
		leave: c.leavePresenter,
		help:  func(ctx app.Context) { c.keyHelp = !c.keyHelp },
	}).
		Cards(c.shown.Cards()).
		Slide(c.slide()).
		KeyHelp(c.keyHelp).
		Overview(slideSVG)
}
