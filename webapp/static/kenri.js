/* Kenri: optional enhancements. Every page works fully without this file. */
(function () {
  "use strict";
  var doc = document, win = window;

  /* Quick exit and "Finish and erase" replace this page in the history: Back does not return. */
  var kiosk = !!doc.querySelector(".kiosk-bar");
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    /* A kiosk never leaves for another site (its pages erase themselves; it may be offline). */
    if (kiosk && link.origin !== win.location.origin && /^https?:/.test(link.href)) {
      event.preventDefault();
      return;
    }
    if (!link.matches("a.quick-exit, a.finish")) return;
    event.preventDefault();
    if (win.speechSynthesis) win.speechSynthesis.cancel();
    win.location.replace(link.href);
  });

  /* A page restored from the back/forward cache is fetched again (pages are no-store), so after
     an erase the server answers with the start page, never with what was on the screen. */
  win.addEventListener("pageshow", function (event) {
    if (event.persisted) win.location.reload();
  });

  /* Kiosk, "Are you still there?": a countdown. The page's meta refresh does the erasing. */
  var counter = doc.querySelector("[data-countdown]");
  if (counter) {
    var left = parseInt(counter.getAttribute("data-countdown"), 10) || 0;
    counter.parentNode.hidden = false;
    var tick = win.setInterval(function () {
      left -= 1;
      counter.textContent = String(Math.max(left, 0));
      if (left <= 0) win.clearInterval(tick);
    }, 1000);
  }

  /* Kiosk: print the bilingual summary where the kiosk is set up to print. */
  var printer = doc.querySelector("[data-print]");
  if (printer && win.print) {
    printer.hidden = false;
    printer.addEventListener("click", function () { win.print(); });
  }

  /* Read-aloud with the device's own voices, only where one speaks the page's language. Voices
     that are not local (localService false: a cloud service) are never used. */
  var speech = win.speechSynthesis;
  var buttons = doc.querySelectorAll("[data-listen]");
  if (!speech || !buttons.length || !win.SpeechSynthesisUtterance) return;
  var lang = (doc.documentElement.lang || "en").toLowerCase();
  var base = lang.split("-")[0];
  /* Filipino voices may be tagged tl; Mandarin ones cmn (espeak-ng), not zh. */
  var bases = { fil: ["fil", "tl"], zh: ["zh", "cmn"] }[base] || [base];
  var preferred = { "zh-hans": ["zh-cn", "cmn-cn", "cmn-hans-cn", "cmn", "zh-sg"] }[lang] || [];
  var voice = null, playing = null;

  function pickVoice() {
    var voices = speech.getVoices() || [], exact = null, near = null, same = null;
    for (var i = 0; i < voices.length; i++) {
      var v = voices[i];
      if (v.localService === false) continue;
      var tag = (v.lang || "").toLowerCase().replace(/_/g, "-");
      if (tag === lang) exact = exact || v;
      if (preferred.indexOf(tag) >= 0) near = near || v;
      if (bases.indexOf(tag.split("-")[0]) >= 0) same = same || v;
    }
    return exact || near || same;
  }

  /* The button's parent, as shown: without the button itself and the folded-away law. */
  function textOf(button) {
    var target = button.parentNode, hide = target.querySelectorAll(".listen, details");
    var was = [], i;
    for (i = 0; i < hide.length; i++) { was.push(hide[i].hidden); hide[i].hidden = true; }
    var lines = (target.innerText || "").split(/\n+/);
    for (i = 0; i < hide.length; i++) hide[i].hidden = was[i];
    var out = [];
    for (i = 0; i < lines.length; i++) {
      var line = lines[i].replace(/\s+/g, " ").trim();
      if (line) out.push(/[.!?:;。？！：।။។]$/.test(line) ? line : line + ".");
    }
    return out.join(" ");
  }

  function stop() {
    speech.cancel();
    if (playing) playing.setAttribute("aria-pressed", "false");
    playing = null;
  }

  function listen(event) {
    var button = event.currentTarget, again = playing === button;
    stop();
    if (again) return;
    var utterance = new win.SpeechSynthesisUtterance(textOf(button));
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = utterance.onerror = function () {
      if (playing === button) stop();
    };
    playing = button;
    button.setAttribute("aria-pressed", "true");
    speech.speak(utterance);
  }

  function enable() {
    voice = pickVoice();
    if (!voice) return false;
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", "false");
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", listen);
    }
    return true;
  }

  /* Chromium lists its voices only after "voiceschanged"; they may come in several batches. */
  if (!enable() && speech.addEventListener) {
    speech.addEventListener("voiceschanged", function again() {
      if (enable()) speech.removeEventListener("voiceschanged", again);
    });
  }
  win.addEventListener("pagehide", function () { speech.cancel(); });
})();
