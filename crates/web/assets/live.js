// Live updates for pages that carry data-live="<SSE URL>": when the server says something changed, fetch the
// page again and swap in its live region. The page works fully without this script. An optional data-kinds lists
// the kinds of change the page shows (e.g. "summit groups"); others are ignored.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || !window.EventSource || !window.fetch) return;
  var url = root.getAttribute("data-live");
  if (!url) return;
  var pending = false;
  var again = false; // a change arrived while a refresh was on its way: refresh once more after it

  function done() {
    pending = false;
    if (again) {
      again = false;
      refresh();
    }
  }

  function refresh() {
    if (pending) {
      again = true;
      return;
    }
    pending = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live": "1" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return done();
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("live");
        var current = document.getElementById("live");
        if (!fresh || !current) return done();
        // Keep focus where it was if the focused element survives the swap.
        var focusedId = document.activeElement && document.activeElement.id;
        // The status line is a live region: keep the same element, so screen readers announce its new text.
        var oldStatus = current.querySelector(".live-status");
        // Keep what the person was typing in a text field that survives the swap.
        var typed = {};
        var fields = current.querySelectorAll("input[type=text], input[type=number], textarea");
        for (var i = 0; i < fields.length; i++) {
          if (fields[i].id && fields[i].value !== fields[i].defaultValue) typed[fields[i].id] = fields[i].value;
        }
        current.innerHTML = fresh.innerHTML;
        Object.keys(typed).forEach(function (id) {
          var el = document.getElementById(id);
          if (el && current.contains(el)) el.value = typed[id];
        });
        if (doc.title) document.title = doc.title;
        if (focusedId) {
          var el = document.getElementById(focusedId);
          if (el) el.focus();
        }
        var status = current.querySelector(".live-status");
        if (status && oldStatus) {
          oldStatus.setAttribute("data-updated", status.getAttribute("data-updated") || "");
          status.parentNode.replaceChild(oldStatus, status);
          status = oldStatus;
        }
        if (status) {
          status.textContent = "";
          window.setTimeout(function () { status.textContent = status.getAttribute("data-updated") || ""; }, 100);
        }
        document.documentElement.setAttribute("data-live-updates", String(Number(document.documentElement.getAttribute("data-live-updates") || 0) + 1));
        done();
      })
      .catch(done);
  }

  // data-kinds="a b c" limits the refresh to changes of those kinds (a missed-events notice always refreshes);
  // the server is asked for those kinds only, so a phone is not sent every keyword of the hall.
  var kinds = (root.getAttribute("data-kinds") || "").split(/\s+/).filter(Boolean);
  if (kinds.length) url += (url.indexOf("?") < 0 ? "?" : "&") + "kinds=" + encodeURIComponent(kinds.join(","));
  var es = new EventSource(url);
  es.addEventListener("ready", function () { document.documentElement.setAttribute("data-live-ready", "1"); });
  es.addEventListener("change", function (e) {
    if (kinds.length && e.data !== "lagged" && kinds.indexOf(e.data) < 0) return;
    refresh();
  });
})();
