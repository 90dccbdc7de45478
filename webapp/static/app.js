// tfgrader front end: live submission status and a small Python editor. No dependencies.
"use strict";

// --- live status: poll the JSON endpoint, then load the rendered result into the page ---
(function () {
  const card = document.getElementById("status");
  if (!card) return;
  const badge = document.getElementById("status-badge");
  const text = document.getElementById("status-text");
  const result = document.getElementById("result");
  let last = card.dataset.status;
  let delay = 500;

  function show(status) {
    badge.className = "badge big " + status;
    badge.textContent = badge.dataset["label" + status[0].toUpperCase() + status.slice(1)] || status;
    text.textContent = text.dataset["text" + status[0].toUpperCase() + status.slice(1)] || "";
    card.dataset.status = status;
  }

  async function poll() {
    try {
      const response = await fetch(card.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        if (data.status !== last) {
          show(data.status);
          if (data.status === "graded" || data.status === "error") {
            const fragment = await fetch(card.dataset.resultUrl);
            if (fragment.ok) result.innerHTML = await fragment.text();
          }
          last = data.status;
        }
      }
    } catch (e) { /* network hiccup: keep polling */ }
    if (last === "queued" || last === "running" || last === "error") {
      delay = Math.min(delay * 1.25, last === "error" ? 10000 : 1000);
      setTimeout(poll, delay);
    }
  }
  if (last === "queued" || last === "running" || last === "error") setTimeout(poll, delay);
})();

// --- editor: a textarea over a highlighted <pre>, kept in sync ---
(function () {
  const KEYWORDS = new Set(("False None True and as assert async await break class continue def del elif else " +
    "except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield").split(" "));
  const BUILTINS = new Set(("print range len int float str list dict tuple set abs min max sum zip enumerate " +
    "isinstance super open round sorted map filter any all self").split(" "));
  const TOKEN = /(#[^\n]*)|("""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|[rbfuRBFU]{0,2}"(?:\\.|[^"\\\n])*"?|[rbfuRBFU]{0,2}'(?:\\.|[^'\\\n])*'?)|(\b\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?\b)|([A-Za-z_]\w*)/g;

  function escape(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function highlight(code) {
    let out = "", last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(code)) !== null) {
      out += escape(code.slice(last, m.index));
      let cls = null;
      if (m[1]) cls = "com"; else if (m[2]) cls = "str"; else if (m[3]) cls = "num";
      else if (m[4]) {
        if (KEYWORDS.has(m[4])) cls = "kw";
        else if (BUILTINS.has(m[4])) cls = "bi";
        else if (code[TOKEN.lastIndex] === "(") cls = "fn";
      }
      out += cls ? '<span class="tok-' + cls + '">' + escape(m[0]) + "</span>" : escape(m[0]);
      last = TOKEN.lastIndex;
    }
    return out + escape(code.slice(last)) + "\n";
  }

  document.querySelectorAll("[data-editor]").forEach(function (box) {
    const area = box.querySelector("textarea");
    const pre = box.querySelector("pre");
    const code = pre.querySelector("code");
    function render() { code.innerHTML = highlight(area.value); pre.scrollTop = area.scrollTop; pre.scrollLeft = area.scrollLeft; }
    area.addEventListener("input", render);
    area.addEventListener("scroll", function () { pre.scrollTop = area.scrollTop; pre.scrollLeft = area.scrollLeft; });
    area.addEventListener("keydown", function (e) {
      if (e.key === "Tab" && !e.shiftKey) {  // indent instead of leaving the field
        e.preventDefault();
        const s = area.selectionStart;
        area.setRangeText("    ", s, area.selectionEnd, "end");
        render();
      } else if (e.key === "Enter") {  // keep the indentation of the current line
        const s = area.selectionStart;
        const line = area.value.slice(area.value.lastIndexOf("\n", s - 1) + 1, s);
        let indent = line.match(/^\s*/)[0];
        if (/:\s*$/.test(line)) indent += "    ";
        e.preventDefault();
        area.setRangeText("\n" + indent, s, area.selectionEnd, "end");
        render();
      }
    });
    render();
  });
})();

// --- math: the server marks statement math as span.math holding \(…\) or \[…\]; KaTeX (vendored,
// loaded by the pages that show a statement) typesets only those spans, never other text ---
document.addEventListener("DOMContentLoaded", function () {
  if (typeof renderMathInElement !== "function") return;  // no KaTeX on this page: LaTeX stays readable
  const options = {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,  // a typo shows the source in red instead of hiding the formula
  };
  document.querySelectorAll(".markdown .math").forEach(function (span) {
    renderMathInElement(span, options);
  });
});
