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

  // Long main-thread tasks (50 ms or more), for the longest after first
  // paint and after the mount.
  b.longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}

  // The app sets data-state="interactive" on its root once mounted (the
  // end-to-end tests wait on it too); nothing else about the page's
  // markup is assumed.
  const isMounted = () => !!document.querySelector('[data-state="interactive"]');
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

  // The search box and the checkboxes, found by type alone.
  b.searchBox = () =>
    document.querySelector('input[type="search"]') || document.querySelector('input[type="text"]');
  const checkboxes = () => Array.from(document.querySelectorAll('input[type="checkbox"]'));
  b.checkboxCount = () => checkboxes().length;
  // toggle clicks the i-th checkbox, unless it is missing or disabled (a
  // control the app locks, e.g. the last bank left on): then false.
  b.toggle = (i) => {
    const c = checkboxes()[i];
    if (!c || c.disabled) {
      return false;
    }
    c.click();
    return true;
  };

  // Resolves with the time of the first DOM change after the next
  // input event (null after timeoutMs): the app responding to a keystroke.
  b.responds = (timeoutMs) =>
    new Promise((resolve) => {
      let mo = null;
      const finish = (t) => {
        window.removeEventListener("input", onInput, true);
        if (mo) {
          mo.disconnect();
        }
        clearTimeout(timer);
        resolve(t);
      };
      const onInput = () => {
        if (!mo) {
          mo = new MutationObserver(() => finish(performance.now()));
          mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
        }
      };
      window.addEventListener("input", onInput, true);
      const timer = setTimeout(() => finish(null), timeoutMs);
    });

  // Resolves once the DOM has not changed for quietMs and the main thread
  // is idle (or after capMs): chunked rendering after the mount is over.
  b.settled = (quietMs, capMs) =>
    new Promise((resolve) => {
      const start = performance.now();
      let last = start;
      const mo = new MutationObserver(() => (last = performance.now()));
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      const check = () => {
        const now = performance.now();
        if (now - last >= quietMs || now - start >= capMs) {
          mo.disconnect();
          resolve({ settled: now - last >= quietMs, at: now });
        } else {
          requestIdleCallback(() => setTimeout(check, 50), { timeout: quietMs });
        }
      };
      check();
    });

  // The page's weight and length as it stands, and its long tasks.
  b.shape = () => {
    const after = (t) => b.longTasks.filter((e) => e.start + e.duration > t);
    const longest = (es) => es.reduce((m, e) => Math.max(m, e.duration), 0);
    const paint = b.fcp() ?? 0;
    const afterPaint = after(paint);
    return {
      elements: document.querySelectorAll("*").length,
      height: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0),
      width: innerWidth,
      longest_task_after_paint: longest(afterPaint),
      longest_task_after_mount: b.mounted === null ? null : longest(b.longTasks.filter((e) => e.start >= b.mounted)),
      long_tasks_after_paint: afterPaint.length,
      blocking_after_paint: afterPaint.reduce((s, e) => s + Math.max(0, e.duration - 50), 0),
    };
  };

  // Filter latency. arm() is called before each change; the capture
  // listeners note when its input or change event is dispatched, and the
  // observer on the whole document when the DOM is first updated (the
  // issue measures it from outside the app, so no element of the app is
  // assumed). result() resolves with {changed, dom, frame} in ms after the
  // event, {changed: false} when the app settled without touching the DOM,
  // or {error}.
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
    const root = document.documentElement;
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
      a.mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
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
      const timer = setTimeout(() => finish({ error: "timeout" }), 4 * timeoutMs);
    });
    return true;
  };
  b.result = () => (current ? current.promise : Promise.resolve({ error: "not armed" }));
})();
