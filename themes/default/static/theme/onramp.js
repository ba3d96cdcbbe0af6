/*
 * onramp default theme: the small amount of behaviour the pages need.
 * No dependencies, no requests. Every string shown comes from the page
 * (data attributes filled in by the templates from the Fluent messages).
 *
 *  - colour scheme toggle (the stored choice is applied before paint by an
 *    inline script in <head>)
 *  - a header that fits: compact, then the menu in the drawer
 *  - sidebar drawer on small screens
 *  - language switcher: close on outside click / Escape
 *  - "On this page" scroll-spy
 *  - copy buttons on code blocks; wide tables reachable from the keyboard
 *  - tab groups, synced by key across pages
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var STORAGE_KEY = "onramp-theme";
  var SVG_NS = "http://www.w3.org/2000/svg";
  root.classList.add("js");

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function icon(paths) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "2");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    paths.forEach(function (d) {
      var p = document.createElementNS(SVG_NS, "path");
      p.setAttribute("d", d);
      svg.appendChild(p);
    });
    return svg;
  }

  /* ------------------------------------------------------ colour scheme */

  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function storedTheme() {
    try {
      var t = localStorage.getItem(STORAGE_KEY);
      return t === "light" || t === "dark" ? t : null;
    } catch (e) {
      return null;
    }
  }

  function systemTheme() {
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }

  function currentTheme() {
    return root.getAttribute("data-theme") || systemTheme();
  }

  function syncThemeButtons() {
    var dark = currentTheme() === "dark";
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", dark ? "true" : "false");
    });
  }

  // Choosing the scheme the OS already asks for forgets the choice, so the
  // page follows the OS again from then on.
  function setTheme(theme) {
    var followSystem = theme === systemTheme();
    try {
      if (followSystem) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, theme);
    } catch (e) {
      /* storage may be disabled: the choice lasts for this page only */
    }
    if (followSystem) root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", theme);
    syncThemeButtons();
  }

  function initTheme() {
    syncThemeButtons();
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.addEventListener("click", function () {
        setTheme(currentTheme() === "dark" ? "light" : "dark");
      });
    });
    if (darkQuery) {
      var onChange = function () {
        if (!storedTheme()) root.removeAttribute("data-theme");
        syncThemeButtons();
      };
      if (darkQuery.addEventListener) darkQuery.addEventListener("change", onChange);
      else if (darkQuery.addListener) darkQuery.addListener(onChange);
    }
    // Another tab changed the choice.
    window.addEventListener("storage", function (e) {
      if (e.key !== STORAGE_KEY) return;
      var t = storedTheme();
      if (t) root.setAttribute("data-theme", t);
      else root.removeAttribute("data-theme");
      syncThemeButtons();
    });
  }

  /* ------------------------------------------------------------- header */

  // True when something in the header is cut: the menu scrolls, the title
  // is shortened, or the header's content is wider than the header.
  function headerCut(inner) {
    var menu = inner.querySelector(".site-menu");
    var title = inner.querySelector(".site-title span");
    if (menu && menu.offsetParent !== null && menu.scrollWidth > menu.clientWidth + 0.5) return true;
    if (title && title.scrollWidth > title.clientWidth + 0.5) return true;
    return inner.scrollWidth > inner.clientWidth + 0.5;
  }

  // Tries the header at full size, then compact, then with the menu in the
  // drawer, and keeps the first that cuts nothing. Every step is measured
  // in one go, before the page is painted again, so nothing flickers.
  var HEADER_STEPS = [[], ["header-compact"], ["header-compact", "menu-in-drawer"]];
  var headerStep = -1;

  function fitHeader() {
    var inner = document.querySelector(".header-inner");
    if (!inner) return;
    var step = 0;
    for (; step < HEADER_STEPS.length; step++) {
      root.classList.remove("header-compact", "menu-in-drawer");
      HEADER_STEPS[step].forEach(function (c) { root.classList.add(c); });
      if (!headerCut(inner)) break;
    }
    if (step === HEADER_STEPS.length) step = HEADER_STEPS.length - 1;
    if (step !== headerStep) {
      headerStep = step;
      document.dispatchEvent(new CustomEvent("onramp:header"));
    }
  }

  function initHeader() {
    var inner = document.querySelector(".header-inner");
    if (!inner) return;
    fitHeader();
    var width = window.innerWidth;
    window.addEventListener("resize", function () {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      fitHeader();
    });
    // Web fonts and the search button (added by its script) change widths.
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitHeader);
    var slot = document.getElementById("search");
    if (slot && "MutationObserver" in window) {
      new MutationObserver(fitHeader).observe(slot, { childList: true });
    }
  }

  /* ------------------------------------------------------------ sidebar */

  function initSidebar() {
    var toggle = document.querySelector("[data-sidebar-toggle]");
    var sidebar = document.getElementById("sidebar");
    var backdrop = document.querySelector("[data-sidebar-close]");
    if (!sidebar) return;

    // Bring the current page into view inside the sidebar's own scroll area.
    var current = sidebar.querySelector('[aria-current="page"]');
    if (current && sidebar.scrollHeight > sidebar.clientHeight) {
      var top = current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
      if (top > sidebar.clientHeight * 0.6) {
        sidebar.scrollTop = top - sidebar.clientHeight / 3;
      }
    }

    // The drawer lists the menu above the section tree: leave out the menu
    // entries the tree already has, so no link is listed twice.
    var menu = sidebar.querySelector(".sidebar-menu");
    if (menu) {
      var inTree = {};
      sidebar.querySelectorAll(".nav-list a[href]").forEach(function (a) {
        inTree[a.getAttribute("href")] = true;
      });
      var left = 0;
      menu.querySelectorAll("li").forEach(function (li) {
        var a = li.querySelector("a[href]");
        if (a && inTree[a.getAttribute("href")]) li.hidden = true;
        else left++;
      });
      if (!left) menu.hidden = true;
    }

    if (!toggle) return;
    var body = document.body;
    var drawerQuery = window.matchMedia("(max-width: 49.99rem)");
    var inDrawer = function () {
      return drawerQuery.matches || root.classList.contains("menu-in-drawer");
    };

    function isOpen() {
      return body.classList.contains("sidebar-open");
    }

    function open() {
      body.classList.add("sidebar-open");
      toggle.setAttribute("aria-expanded", "true");
      if (backdrop) backdrop.hidden = false;
      var first = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a, summary");
      if (first) first.focus({ preventScroll: true });
    }

    function close(returnFocus) {
      if (!isOpen()) return;
      body.classList.remove("sidebar-open");
      toggle.setAttribute("aria-expanded", "false");
      if (backdrop) backdrop.hidden = true;
      if (returnFocus) toggle.focus();
    }

    toggle.addEventListener("click", function () {
      if (isOpen()) close(false);
      else open();
    });
    if (backdrop) backdrop.addEventListener("click", function () { close(true); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && isOpen()) close(true);
    });
    // A link to a part of the current page leaves the drawer open otherwise.
    sidebar.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a") && inDrawer()) close(false);
    });
    // Tabbing out of the open drawer closes it, rather than moving focus
    // to the page hidden behind the backdrop.
    sidebar.addEventListener("focusout", function (e) {
      var to = e.relatedTarget;
      if (isOpen() && inDrawer() && to && to !== toggle && !sidebar.contains(to)) close(false);
    });
    var onResize = function () {
      if (!inDrawer()) close(false);
    };
    document.addEventListener("onramp:header", onResize);
    if (drawerQuery.addEventListener) drawerQuery.addEventListener("change", onResize);
    else if (drawerQuery.addListener) drawerQuery.addListener(onResize);
  }

  /* ------------------------------------------------- language switcher */

  function initLangSwitcher() {
    var menus = document.querySelectorAll(".lang-switcher");
    if (!menus.length) return;
    document.addEventListener("click", function (e) {
      menus.forEach(function (d) {
        if (d.open && !d.contains(e.target)) d.open = false;
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      menus.forEach(function (d) {
        if (d.open) {
          d.open = false;
          var s = d.querySelector("summary");
          if (s) s.focus();
        }
      });
    });
  }

  /* ------------------------------------------------- "On this page" column */

  /* A page carries its contents once, in the disclosure above the text
     (partials/toc-disclosure.html); where the TOC column fits, the
     stylesheet hides the disclosure on pages with JavaScript, and this
     builds the column from it. A page that has its own column (the guide
     layout, a theme's own <aside class="toc">) keeps it. */
  function initTocColumn() {
    var shell = document.querySelector(".shell.has-toc");
    var main = document.getElementById("main");
    if (!shell || !main || main.parentNode !== shell || shell.querySelector(".toc")) return;
    var disclosure = main.querySelector("details.toc-disclosure:not(.guide-contents)");
    if (!disclosure) return;
    var summary = disclosure.querySelector("summary");
    var title = summary ? summary.textContent.trim() : "";
    var aside = document.createElement("aside");
    aside.className = "toc";
    var nav = document.createElement("nav");
    nav.className = "toc-inner";
    if (title) nav.setAttribute("aria-label", title);
    var heading = document.createElement("div");
    heading.className = "toc-title";
    heading.setAttribute("aria-hidden", "true");
    heading.textContent = title;
    nav.appendChild(heading);
    Array.prototype.forEach.call(disclosure.children, function (el) {
      if (el !== summary) nav.appendChild(el.cloneNode(true));
    });
    aside.appendChild(nav);
    main.after(aside);
  }

  /* ------------------------------------------------------- scroll-spy */

  function initScrollSpy() {
    var toc = document.querySelector(".toc");
    if (!toc || !("IntersectionObserver" in window)) return;
    var links = Array.prototype.slice.call(toc.querySelectorAll('a[href^="#"]'));
    var entries = [];
    links.forEach(function (a) {
      var id = a.getAttribute("href").slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (e) {
        /* keep it as written */
      }
      var h = document.getElementById(id);
      if (h) entries.push({ link: a, heading: h });
    });
    if (!entries.length) return;

    var active = null;
    var headerHeight = function () {
      var header = document.querySelector(".site-header");
      return header ? header.offsetHeight : 0;
    };

    function setActive(entry) {
      if (entry === active) return;
      if (active) {
        active.link.classList.remove("is-active");
        active.link.removeAttribute("aria-current");
      }
      active = entry;
      if (!entry) return;
      entry.link.classList.add("is-active");
      entry.link.setAttribute("aria-current", "true");
      // Keep the active entry visible when the TOC itself scrolls.
      var inner = toc;
      if (inner.scrollHeight > inner.clientHeight) {
        var lr = entry.link.getBoundingClientRect();
        var tr = inner.getBoundingClientRect();
        if (lr.top < tr.top || lr.bottom > tr.bottom) {
          inner.scrollTop += lr.top - tr.top - tr.height / 3;
        }
      }
    }

    // The active heading is the last one above a line a third of the way
    // down the viewport; at the very bottom of the page it is the last one.
    function update() {
      var line = headerHeight() + window.innerHeight * 0.3;
      var atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      if (atBottom) {
        setActive(entries[entries.length - 1]);
        return;
      }
      var found = null;
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].heading.getBoundingClientRect().top <= line) found = entries[i];
        else break;
      }
      setActive(found);
    }

    var scheduled = false;
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        update();
      });
    }

    // Headings crossing the top band, and the end of the article coming
    // into view, are the only moments the answer can change.
    var observer = new IntersectionObserver(schedule, {
      rootMargin: "-" + headerHeight() + "px 0px -65% 0px",
      threshold: [0, 1]
    });
    entries.forEach(function (e) { observer.observe(e.heading); });
    var end = document.querySelector(".doc-footer") || document.querySelector(".site-footer");
    if (end) new IntersectionObserver(schedule).observe(end);
    window.addEventListener("hashchange", schedule);
    update();
  }

  /* -------------------------------------------------------- copy code */

  var COPY_ICON = ["M8 8h11a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z", "M4 16V5a1 1 0 0 1 1-1h11"];
  var DONE_ICON = ["M20 6L9 17l-5-5"];

  function copyWithSelection(text) {
    return new Promise(function (resolve, reject) {
      var focused = document.activeElement;
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.insetBlockStart = "0";
      ta.style.opacity = "0";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(ta);
      if (focused && focused.focus) focused.focus();
      if (ok) resolve();
      else reject(new Error("copy failed"));
    });
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  // The code of a block: without its line numbers and diff signs, which
  // are elements of their own (`.ln`, `.dm`) in numbered and diff blocks.
  function codeText(pre) {
    var code = pre.querySelector("code") || pre;
    if (!code.querySelector(".ln, .dm")) return code.innerText.replace(/\n$/, "");
    var copy = code.cloneNode(true);
    copy.querySelectorAll(".ln, .dm").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\n$/, "");
  }

  function initCopyButtons() {
    var body = document.body;
    var label = body.getAttribute("data-copy-label") || "";
    var doneLabel = body.getAttribute("data-copied-label") || "";
    // A diagram's source (`pre.mermaid`) is drawn by diagrams.js instead.
    var blocks = document.querySelectorAll(".prose pre:not(.mermaid)");
    if (!blocks.length) return;

    // One polite live region announces "Copied" to screen readers.
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    body.appendChild(status);

    blocks.forEach(function (pre) {
      if (pre.parentNode && pre.parentNode.classList && pre.parentNode.classList.contains("code-block")) return;
      var wrapper = document.createElement("div");
      wrapper.className = "code-block";
      var lang = pre.getAttribute("data-lang");
      if (lang && lang !== "text" && lang !== "plain") wrapper.setAttribute("data-lang", lang);
      pre.parentNode.insertBefore(wrapper, pre);
      wrapper.appendChild(pre);

      // A block that scrolls sideways must be reachable from the keyboard.
      if (pre.scrollWidth > pre.clientWidth) pre.setAttribute("tabindex", "0");

      if (!label) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.setAttribute("aria-label", label);
      button.title = label;
      var copyIcon = icon(COPY_ICON);
      var doneIcon = icon(DONE_ICON);
      doneIcon.style.display = "none";
      var done = document.createElement("span");
      done.className = "copy-done";
      done.textContent = doneLabel;
      done.setAttribute("aria-hidden", "true");
      button.appendChild(copyIcon);
      button.appendChild(doneIcon);
      button.appendChild(done);
      wrapper.appendChild(button);

      var timer = null;
      button.addEventListener("click", function () {
        copyText(codeText(pre)).then(function () {
          button.classList.add("is-copied");
          copyIcon.style.display = "none";
          doneIcon.style.display = "";
          status.textContent = "";
          window.setTimeout(function () { status.textContent = doneLabel; }, 50);
          window.clearTimeout(timer);
          timer = window.setTimeout(function () {
            button.classList.remove("is-copied");
            copyIcon.style.display = "";
            doneIcon.style.display = "none";
            status.textContent = "";
          }, 2000);
        }, function () {
          /* copying refused (permissions): leave the text selectable */
        });
      });
    });
  }

  /* ------------------------------------------------- wide tables */

  // A table wider than the text scrolls in its box; the box must then be
  // reachable from the keyboard to scroll it.
  function initScrollBoxes() {
    document.querySelectorAll(".prose table, [data-scroll-box]").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  }

  // Video embeds (src/markdown/video.rs): the placeholder is a link to the
  // video; a click (or Enter) puts the provider's player in its place, so
  // no request leaves the site before the reader asks for the video.
  function initVideos() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-video-play]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      var figure = link.closest("[data-video-embed]");
      var src = figure && figure.getAttribute("data-embed-src");
      if (!src || !/^https:\/\//.test(src)) return;
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.className = "video-frame";
      frame.src = src;
      frame.title = figure.getAttribute("data-video-title") || link.textContent;
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      link.replaceWith(frame);
      frame.focus();
    });
  }

  /* --------------------------------------------------------------- tabs */

  // Tab groups (src/markdown/tabs.rs), as the ARIA tabs pattern: arrow
  // keys, Home and End move between the tabs of a group and choose the one
  // they reach; only the chosen tab is in the Tab order. Without this
  // script every panel is shown under its label. A group with a key
  // (`:::tabs key=os`) follows the reader's last choice for that key: every
  // group with the same key on the page switches with it, and the choice is
  // kept (localStorage) for the next pages and visits.
  var TABS_PREFIX = "onramp-tabs:";

  function groupTabs(group) {
    var list = group.querySelector(":scope > .tab-list");
    return list ? Array.prototype.slice.call(list.querySelectorAll(":scope > [role=tab]")) : [];
  }

  function showTab(group, chosen) {
    groupTabs(group).forEach(function (tab) {
      var on = tab === chosen;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
  }

  function tabNamed(group, name) {
    return groupTabs(group).filter(function (tab) {
      return tab.getAttribute("data-tab") === name;
    })[0];
  }

  function storedTab(key) {
    try {
      return localStorage.getItem(TABS_PREFIX + key);
    } catch (e) {
      return null;
    }
  }

  // Shows the tab named `name` in every group with `key`.
  function showKeyed(key, name) {
    document.querySelectorAll(".tabs[data-tabs-key]").forEach(function (group) {
      if (group.getAttribute("data-tabs-key") !== key) return;
      var tab = tabNamed(group, name);
      if (tab) showTab(group, tab);
    });
  }

  function chooseTab(group, tab) {
    var key = group.getAttribute("data-tabs-key");
    if (!key) {
      showTab(group, tab);
      return;
    }
    // Groups above may change height: the chosen tab stays where it was on screen.
    var before = tab.getBoundingClientRect().top;
    var name = tab.getAttribute("data-tab");
    showKeyed(key, name);
    window.scrollBy(0, tab.getBoundingClientRect().top - before);
    try {
      localStorage.setItem(TABS_PREFIX + key, name);
    } catch (e) {
      /* private mode: the choice lasts for this page */
    }
  }

  function revealTarget() {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      /* not percent-encoded: the id as written */
    }
    var target = id && document.getElementById(id);
    var panel = target && target.closest(".tab-panel");
    var shown = false;
    while (panel) {
      var tab = document.querySelector('[role=tab][aria-controls="' + panel.id + '"]');
      var group = panel.parentNode;
      if (tab && group.classList.contains("tabs-ready") && panel.hidden) {
        showTab(group, tab);
        shown = true;
      }
      panel = group.parentNode && group.parentNode.closest(".tab-panel");
    }
    if (shown) target.scrollIntoView();
  }

  function initTabs() {
    document.querySelectorAll(".tabs").forEach(function (group) {
      var tabs = groupTabs(group);
      if (!tabs.length) return;
      var key = group.getAttribute("data-tabs-key");
      var stored = key && storedTab(key);
      showTab(group, (stored && tabNamed(group, stored)) || tabs[0]);
      var list = tabs[0].parentNode;
      list.hidden = false;
      group.classList.add("tabs-ready");
      list.addEventListener("click", function (event) {
        var tab = event.target.closest && event.target.closest("[role=tab]");
        if (tab && tab.parentNode === list) chooseTab(group, tab);
      });
      list.addEventListener("keydown", function (event) {
        var i = tabs.indexOf(document.activeElement);
        if (i < 0) return;
        var rtl = getComputedStyle(list).direction === "rtl";
        var next = { ArrowRight: rtl ? i - 1 : i + 1, ArrowLeft: rtl ? i + 1 : i - 1, Home: 0, End: tabs.length - 1 }[
          event.key
        ];
        if (next === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
        event.preventDefault();
        var tab = tabs[(next + tabs.length) % tabs.length];
        chooseTab(group, tab);
        tab.focus();
      });
    });
    // A link to something inside a tab that is not shown shows that tab.
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
    // A choice made in another window of the site.
    window.addEventListener("storage", function (event) {
      if (event.key && event.key.indexOf(TABS_PREFIX) === 0 && event.newValue) {
        showKeyed(event.key.slice(TABS_PREFIX.length), event.newValue);
      }
    });
  }

  ready(function () {
    initVideos();
    initTheme();
    initHeader();
    initSidebar();
    initScrollBoxes();
    initLangSwitcher();
    initTocColumn();
    initScrollSpy();
    initCopyButtons();
    initTabs();
  });
})();
