/*
 * onramp default theme: Mermaid diagrams. Pages with a ```mermaid block
 * load this script after mermaid.min.js (vendored from npm at the version
 * package.json pins); other pages load neither. Each diagram is written as
 * <figure class="diagram"><pre class="mermaid">source</pre></figure>, so
 * the source reads without scripts; here it is drawn as an SVG beside the
 * source, which is then hidden, and drawn again in the other scheme when
 * the page's colour scheme changes (the header's toggle, the OS, another
 * tab). A diagram Mermaid cannot read keeps its source shown.
 */
(function () {
  "use strict";

  var mermaid = window.mermaid;
  var root = document.documentElement;
  var script = document.currentScript;
  var fallbackLabel = (script && script.getAttribute("data-label")) || "";
  var figures = Array.prototype.slice.call(document.querySelectorAll("figure.diagram"));
  if (!mermaid || !figures.length) return;

  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  // The scheme the page shows: the same rule as onramp.js.
  function mermaidTheme() {
    var scheme = root.getAttribute("data-theme") || (darkQuery && darkQuery.matches ? "dark" : "light");
    return scheme === "dark" ? "dark" : "default";
  }

  var diagrams = figures
    .map(function (figure) {
      var pre = figure.querySelector("pre.mermaid");
      if (!pre) return null;
      var caption = figure.querySelector("figcaption");
      var drawing = document.createElement("div");
      drawing.className = "diagram-drawing";
      drawing.hidden = true;
      figure.insertBefore(drawing, pre);
      return {
        figure: figure,
        pre: pre,
        drawing: drawing,
        source: pre.textContent,
        label: (caption && caption.textContent.trim()) || fallbackLabel,
      };
    })
    .filter(Boolean);

  var drawnTheme = null;
  var run = 0;

  function place(d, svg, bind) {
    d.drawing.innerHTML = svg;
    var el = d.drawing.querySelector("svg");
    // Mermaid names the drawing after its `accTitle`; without one it is
    // named after the caption, or "Diagram".
    if (el && !el.hasAttribute("aria-labelledby") && d.label) el.setAttribute("aria-label", d.label);
    if (bind) bind(d.drawing);
    d.drawing.hidden = false;
    d.pre.hidden = true;
    d.figure.classList.remove("diagram-failed");
    d.figure.setAttribute("data-diagram-theme", drawnTheme);
  }

  function failed(d, err) {
    d.drawing.hidden = true;
    d.drawing.textContent = "";
    d.pre.hidden = false;
    d.figure.classList.add("diagram-failed");
    if (window.console) console.warn("onramp: this diagram could not be drawn:", err);
  }

  function draw() {
    var theme = mermaidTheme();
    if (theme === drawnTheme) return;
    drawnTheme = theme;
    var current = ++run;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: theme,
    });
    // One after another: a newer run (the scheme changed again) stops an
    // older one.
    diagrams.reduce(function (previous, d, i) {
      return previous.then(function () {
        if (current !== run) return null;
        return mermaid.render("onramp-diagram-" + current + "-" + i, d.source).then(
          function (result) {
            if (current === run) place(d, result.svg, result.bindFunctions);
          },
          function (err) {
            if (current === run) failed(d, err);
          }
        );
      });
    }, Promise.resolve());
  }

  draw();
  new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  if (darkQuery) {
    if (darkQuery.addEventListener) darkQuery.addEventListener("change", draw);
    else if (darkQuery.addListener) darkQuery.addListener(draw);
  }
})();
