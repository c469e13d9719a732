// Rankfile: the only script the pages load (no inline code, CSP: script-src 'self').
// Turns a text selection in a document into character offsets for the "add incident" form.
"use strict";
(function () {
  const text = document.getElementById("doctext");
  const start = document.getElementById("sel-start");
  const end = document.getElementById("sel-end");
  const info = document.getElementById("sel-info");
  if (!text || !start || !end) return;

  function offsetOf(node, offset) {
    // characters of #doctext before (node, offset): the rendered text is the document text
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  document.addEventListener("selectionchange", function () {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) return;
    const a = offsetOf(r.startContainer, r.startOffset);
    const b = offsetOf(r.endContainer, r.endOffset);
    start.value = String(Math.min(a, b));
    end.value = String(Math.max(a, b));
    const quote = r.toString();
    info.textContent = "Selected " + (Math.max(a, b) - Math.min(a, b)) + " characters: \u201c" +
      (quote.length > 80 ? quote.slice(0, 80) + "\u2026" : quote) + "\u201d";
  });
})();
