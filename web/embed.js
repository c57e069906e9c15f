/*
 * Citi vs J.P. Morgan comparison — embed loader. Plain JS, no dependency.
 *
 * Usage on a partner page:
 *   <div data-citijpm-embed data-query="section=api&conf=high"></div>
 *   <script src="https://WIDGET-HOST/BASE/embed.js" async></script>
 *
 * Each placeholder becomes an iframe of WIDGET-HOST/BASE/embed?<query>. The
 * widget reports its content height with postMessage as
 *   {type: "citijpm:resize", id: "<frame id>", height: <CSS pixels>}
 * and this loader applies it after checking the sender's origin, the
 * message's shape and that the id is one of its own frames, so the frame
 * never scrolls inside itself.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__citijpmEmbed) {
    return;
  }
  window.__citijpmEmbed = true;

  var widgetURL = new URL("embed", script.src); // the /embed page beside this script
  var widgetOrigin = widgetURL.origin;
  var frames = {}; // id -> iframe
  var counter = 0;
  var MAX_HEIGHT = 100000;

  function mount(placeholder) {
    if (placeholder.getAttribute("data-citijpm-mounted")) {
      return;
    }
    placeholder.setAttribute("data-citijpm-mounted", "1");
    var id = "citijpm-" + (++counter) + "-" + Math.random().toString(36).slice(2, 8);
    var params = new URLSearchParams(placeholder.getAttribute("data-query") || "");
    params.delete("frame");
    params.set("frame", id);
    var src = new URL(widgetURL.href);
    src.search = params.toString();

    var iframe = document.createElement("iframe");
    iframe.src = src.href;
    iframe.id = id;
    iframe.title = placeholder.getAttribute("data-title") ||
      "Citi vs J.P. Morgan: what their payments and treasury APIs show in public";
    iframe.loading = "lazy";
    iframe.setAttribute("allow", "fullscreen; clipboard-write");
    iframe.setAttribute("scrolling", "no");
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.display = "block";
    iframe.style.overflow = "hidden";
    iframe.style.height = (parseInt(placeholder.getAttribute("data-height"), 10) || 900) + "px";
    frames[id] = iframe;
    placeholder.appendChild(iframe);
  }

  function onMessage(event) {
    if (event.origin !== widgetOrigin) {
      return; // only the widget's own origin may resize its frames
    }
    var m = event.data;
    if (!m || typeof m !== "object" || m.type !== "citijpm:resize" || typeof m.id !== "string" ||
        typeof m.height !== "number" || !isFinite(m.height) || m.height <= 0 || m.height > MAX_HEIGHT) {
      return;
    }
    var iframe = frames[m.id];
    if (!iframe || iframe.contentWindow !== event.source) {
      return; // a message about another frame, or from a frame we did not create
    }
    iframe.style.height = Math.ceil(m.height) + "px";
  }

  function mountAll() {
    var nodes = document.querySelectorAll("[data-citijpm-embed]");
    for (var i = 0; i < nodes.length; i++) {
      mount(nodes[i]);
    }
  }

  window.addEventListener("message", onMessage);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
