// The door page's camera scanner (progressive enhancement): where the browser offers the BarcodeDetector API and a
// camera, a button starts the camera; a badge's QR code (the check-in URL) fills the code field and submits the
// form. Without this script, or without BarcodeDetector, door staff type the code (or scan the badge with the
// phone's own camera app, which opens the check-in URL).
(function () {
  "use strict";
  var box = document.getElementById("scanner");
  var form = document.getElementById("door-form");
  var input = document.getElementById("f-code");
  if (!box || !form || !input) return;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var toggle = document.getElementById("scan-toggle");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var stream = null;
  var timer = null;
  var detector;
  try {
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  } catch (e) {
    return;
  }
  box.hidden = false;

  function stop() {
    if (timer) window.clearInterval(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    toggle.textContent = box.getAttribute("data-start");
    sessionStorage.removeItem("g1000-door-scanning");
  }

  function found(value) {
    stop();
    // Keep scanning after the page comes back with the result.
    sessionStorage.setItem("g1000-door-scanning", "1");
    input.value = value;
    form.submit();
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        return video.play();
      })
      .then(function () {
        toggle.textContent = box.getAttribute("data-stop");
        status.textContent = "";
        sessionStorage.setItem("g1000-door-scanning", "1");
        timer = window.setInterval(function () {
          detector.detect(video).then(function (codes) {
            if (codes.length && codes[0].rawValue) found(codes[0].rawValue);
          }).catch(function () {});
        }, 250);
      })
      .catch(function () {
        stop();
        status.textContent = box.getAttribute("data-error");
      });
  }

  toggle.addEventListener("click", function () {
    if (stream) stop(); else start();
  });
  if (sessionStorage.getItem("g1000-door-scanning") === "1") start();
})();
