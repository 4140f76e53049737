// The day's timers: an element with data-remaining (milliseconds left when the page was made) and
// data-running="1" counts down once a second in its .timer-value. Without this script the page shows the time
// at loading, and every reload (or live update) shows the current time.
(function () {
  "use strict";
  function fmt(ms) {
    var neg = ms < 0;
    var s = Math.abs(ms);
    s = neg ? Math.floor(s / 1000) : Math.ceil(s / 1000);
    var text = Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
    return (neg ? "\u2212" : "") + text;
  }
  function tick() {
    var els = document.querySelectorAll("[data-remaining]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.getAttribute("data-running") !== "1") continue;
      if (!el.hasAttribute("data-t0")) el.setAttribute("data-t0", String(Date.now()));
      var left = Number(el.getAttribute("data-remaining")) - (Date.now() - Number(el.getAttribute("data-t0")));
      var v = el.querySelector(".timer-value");
      if (v) v.textContent = fmt(left);
    }
  }
  window.setInterval(tick, 1000);
})();
