/*
 * onramp default theme: the scripted parts of the onboarding layouts.
 *
 * Everything here is an enhancement: without JavaScript every case-study
 * card and every directory entry is in the page and visible, and the
 * filter controls stay hidden.
 *
 * Facet chips ([data-facet-list]): chips are toggle buttons carrying a token
 * (`industry-0`); a card carries the tokens of its values (data-tokens).
 * Within one facet the chips selected are alternatives (OR); across facets
 * they all apply (AND). "All" clears the selection.
 *
 * Directory ([data-directory]): a text filter, a category select and a sort
 * select over the entries (data-name, data-vendor, data-version,
 * data-category, data-text); empty groups are hidden.
 */
(function () {
  "use strict";

  /* A count sentence in the page's language, from <template data-counts>
     (one <span data-n> per possible count, written by the server). */
  function countText(root, n) {
    var tpl = root.querySelector("template[data-counts]");
    if (!tpl) return "";
    var span = tpl.content.querySelector('[data-n="' + n + '"]');
    return span ? span.textContent : String(n);
  }

  function initFacets(root) {
    var bar = root.querySelector("[data-facets]");
    var status = root.querySelector("[data-facet-status]");
    var cards = Array.prototype.slice.call(root.querySelectorAll("[data-tokens]"));
    if (!bar) return;
    var chips = Array.prototype.slice.call(bar.querySelectorAll("[data-token]"));
    var clear = bar.querySelector("[data-facet-clear]");

    function apply() {
      var selected = {};
      chips.forEach(function (chip) {
        if (chip.getAttribute("aria-pressed") === "true") {
          var facet = chip.getAttribute("data-facet");
          (selected[facet] = selected[facet] || []).push(chip.getAttribute("data-token"));
        }
      });
      var facets = Object.keys(selected);
      var shown = 0;
      cards.forEach(function (card) {
        var tokens = (card.getAttribute("data-tokens") || "").split(" ");
        var match = facets.every(function (f) {
          return selected[f].some(function (t) { return tokens.indexOf(t) >= 0; });
        });
        card.hidden = !match;
        if (match) shown++;
      });
      if (clear) clear.setAttribute("aria-pressed", facets.length === 0 ? "true" : "false");
      if (status) status.textContent = countText(root, shown);
    }

    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        var on = chip.getAttribute("aria-pressed") === "true";
        chip.setAttribute("aria-pressed", on ? "false" : "true");
        apply();
      });
    });
    if (clear) {
      clear.addEventListener("click", function () {
        chips.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
        apply();
      });
    }
    bar.hidden = false;
    apply();
  }

  function initDirectory(root) {
    var controls = root.querySelector("[data-directory-controls]");
    if (!controls) return;
    var text = controls.querySelector("[data-directory-text]");
    var category = controls.querySelector("[data-directory-category]");
    var sort = controls.querySelector("[data-directory-sort]");
    var status = root.querySelector("[data-directory-status]");
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-directory-group]"));

    function key(el, field) {
      return (el.getAttribute("data-" + field) || "").toLocaleLowerCase();
    }

    function apply() {
      var q = (text && text.value || "").trim().toLocaleLowerCase();
      var cat = category ? category.value : "";
      var by = sort ? sort.value : "name";
      var shown = 0;
      groups.forEach(function (group) {
        var list = group.querySelector("[data-directory-entries]");
        var entries = Array.prototype.slice.call(list.children);
        entries.sort(function (a, b) {
          var x = key(a, by), y = key(b, by);
          if (by === "version") {
            var c = y.localeCompare(x, undefined, { numeric: true });
            if (c !== 0) return c;
          } else if (x !== y) {
            return x.localeCompare(y);
          }
          return key(a, "name").localeCompare(key(b, "name"));
        });
        entries.forEach(function (e) { list.appendChild(e); });
        var inGroup = 0;
        entries.forEach(function (e) {
          var match = (!cat || group.getAttribute("data-directory-group") === cat) &&
            (!q || key(e, "text").indexOf(q) >= 0);
          e.hidden = !match;
          if (match) inGroup++;
        });
        group.hidden = inGroup === 0;
        shown += inGroup;
      });
      if (status) status.textContent = countText(root, shown);
    }

    [text, category, sort].forEach(function (el) {
      if (el) el.addEventListener(el === text ? "input" : "change", apply);
    });
    controls.hidden = false;
    apply();
  }

  // Meetings: each start is written in the meeting's zone; show it in the
  // reader's zone too, in the page's language. The meeting's own time stays
  // in the title attribute.
  function initMeetingTime(el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime()) || typeof Intl === "undefined") return;
    var lang = document.documentElement.lang || undefined;
    try {
      el.textContent = new Intl.DateTimeFormat(lang, {
        weekday: "short", year: "numeric", month: "short", day: "numeric",
        hour: "2-digit", minute: "2-digit", timeZoneName: "short"
      }).format(when);
    } catch (e) {
      /* an unknown language tag: keep the meeting's own time */
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("time[data-meeting-time]"), initMeetingTime);
    Array.prototype.forEach.call(document.querySelectorAll("[data-facet-list]"), initFacets);
    Array.prototype.forEach.call(document.querySelectorAll("[data-directory]"), initDirectory);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
