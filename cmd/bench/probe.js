// Installed by the bench before any script of the page runs
// (Page.addScriptToEvaluateOnNewDocument). Every time is performance.now(),
// i.e. milliseconds since navigation start. Nothing here changes the page.
(() => {
  if (window.__bench) {
    return;
  }
  const b = (window.__bench = { lcp: null, mounted: null });

  // Largest contentful paint: the last candidate reported before the first
  // input wins (the browser stops reporting at the first key or click).
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.lcp = e.startTime;
      }
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch (e) {}

  b.fcp = () => {
    const e = performance.getEntriesByType("paint").find((p) => p.name === "first-contentful-paint");
    return e ? e.startTime : null;
  };

  // Resolves with FCP once it has been painted and LCP has a candidate.
  b.paints = () =>
    new Promise((resolve) => {
      const check = () => {
        const fcp = b.fcp();
        if (fcp !== null && b.lcp !== null) {
          // One more frame, so a candidate painted with FCP is reported.
          requestAnimationFrame(() => setTimeout(() => resolve({ fcp: b.fcp(), lcp: b.lcp }), 0));
        } else {
          setTimeout(check, 10);
        }
      };
      check();
    });

  // Paint entries also count content painted under go-app's full-screen
  // loader, or painted before the loader (last in the page) arrives. This
  // follows the centre of the viewport frame by frame after FCP: while the
  // loader never covers it, the content is visible from FCP on; once it
  // has, from the first frame of the last stretch it does not.
  // readVisible() stops following and reports it.
  b.visible = null;
  let following = true;
  let covered = false;
  const follow = () => {
    if (!following) {
      return;
    }
    if (b.fcp() !== null) {
      const el = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
      if (!el || el.closest("#app-wasm-loader")) {
        covered = true;
        b.visible = null;
      } else if (b.visible === null) {
        b.visible = covered ? performance.now() : b.fcp();
      }
    }
    requestAnimationFrame(follow);
  };
  requestAnimationFrame(follow);
  b.readVisible = () =>
    new Promise((resolve) => {
      const check = () => {
        if (b.visible !== null) {
          following = false;
          resolve(b.visible);
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    });

  // The app sets data-state="interactive" on #widget once mounted.
  const isMounted = () => !!document.querySelector('#widget[data-state="interactive"]');
  b.mountedPromise = new Promise((resolve) => {
    const done = () => {
      if (b.mounted === null) {
        b.mounted = performance.now();
        resolve(b.mounted);
      }
    };
    new MutationObserver(() => isMounted() && done()).observe(document, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-state"],
    });
    // In case the attribute arrives with a new element rather than a change.
    const poll = () => (isMounted() ? done() : requestAnimationFrame(poll));
    requestAnimationFrame(poll);
  });

  const visibleCards = () =>
    Array.from(document.querySelectorAll(".card"))
      .filter((c) => !c.closest("[hidden]") && c.checkVisibility())
      .map((c) => c.dataset.category)
      .join(",");

  // Resolves with the time the visible cards first differ from now.
  b.cardsChange = (timeoutMs) =>
    new Promise((resolve) => {
      const before = visibleCards();
      const check = () => {
        if (visibleCards() !== before) {
          const t = performance.now();
          mo.disconnect();
          clearTimeout(timer);
          resolve(t);
        }
      };
      const mo = new MutationObserver(check);
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      const timer = setTimeout(() => {
        mo.disconnect();
        resolve(null);
      }, timeoutMs);
    });

  // Filter latency. arm() is called before each change; the capture
  // listeners note when its input or change event is dispatched, and the
  // observer on #results when the DOM is updated. result() resolves with
  // {changed, dom, frame} in ms after the event, {changed: false} when the
  // app settled without touching #results, or {error}.
  //
  // "Settled" means: two frames have passed, the main thread has gone idle
  // and quietMs have passed since the event (room for a debounce). A
  // mutation that still arrives before the next arm() is counted in
  // b.late: it means quietMs was too short and a change was misfiled.
  b.late = 0;
  let armed = null; // the change being measured, until its event is seen
  let current = null; // the change result() reports on
  const onEvent = () => {
    if (armed && armed.t0 === null) {
      armed.t0 = performance.now();
      armed.onEvent();
    }
  };
  window.addEventListener("input", onEvent, true);
  window.addEventListener("change", onEvent, true);

  b.arm = (timeoutMs, quietMs) => {
    if (current) {
      current.mo.disconnect();
    }
    const results = document.getElementById("results");
    const a = { t0: null, mutated: false, settled: false };
    armed = a;
    current = a;
    a.promise = new Promise((resolve) => {
      let finished = false;
      const finish = (v) => {
        if (!finished) {
          finished = true;
          clearTimeout(timer);
          if (armed === a) {
            armed = null;
          }
          resolve(v);
        }
      };
      a.mo = new MutationObserver(() => {
        if (a.t0 === null || a.mutated) {
          return;
        }
        a.mutated = true;
        a.mo.disconnect();
        if (a.settled) {
          b.late++;
          return;
        }
        const dom = performance.now() - a.t0;
        requestAnimationFrame(() => finish({ changed: true, dom, frame: performance.now() - a.t0 }));
      });
      if (results) {
        a.mo.observe(results, { subtree: true, childList: true, attributes: true, characterData: true });
      }
      const settle = () => {
        const wait = a.t0 + quietMs - performance.now();
        if (wait > 0) {
          setTimeout(settle, wait);
          return;
        }
        if (!a.mutated) {
          a.settled = true; // the observer stays on until the next arm()
          finish({ changed: false });
        }
      };
      a.onEvent = () =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => requestIdleCallback(settle, { timeout: timeoutMs })));
      const timer = setTimeout(() => finish({ error: results ? "timeout" : "no #results" }), 4 * timeoutMs);
    });
    return true;
  };
  b.result = () => (current ? current.promise : Promise.resolve({ error: "not armed" }));
})();
