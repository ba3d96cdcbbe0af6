// onramp dev server client: injected into every HTML page by `onramp serve`
// (never part of a built site). Reloads the page after each rebuild, swaps
// stylesheets in place when only CSS changed, says so while the whole site
// is rebuilt, and reconnects when the server restarts. The socket's URL
// names the page shown, which the server renders first after a template save.
(function () {
  "use strict";
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__onramp/ws?path=" +
    encodeURIComponent(location.pathname);
  var connectedOnce = false;
  var delay = 200;

  function swapCss(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var u = new URL(link.href, location.href);
      if (paths && paths.length && paths.indexOf(u.pathname) < 0) return;
      u.searchParams.set("onramp-reload", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = u.toString();
      fresh.addEventListener("load", function () { link.remove(); });
      link.after(fresh);
    });
  }

  function building(message) {
    var note = document.getElementById("onramp-building");
    if (!note) {
      note = document.createElement("div");
      note.id = "onramp-building";
      note.setAttribute("role", "status");
      note.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:30rem;padding:.75rem 1rem;" +
        "background:rgb(20,20,24);color:#f8f8f2;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;border-radius:6px";
      document.body.appendChild(note);
    }
    note.textContent = "onramp: " + message;
  }

  function connect() {
    var ws;
    try { ws = new WebSocket(url); } catch (e) { return retry(); }
    ws.onopen = function () {
      // After a server restart the page may be stale: reload once.
      if (connectedOnce) { location.reload(); return; }
      connectedOnce = true;
      delay = 200;
      document.documentElement.setAttribute("data-onramp-live", "connected");
    };
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.type === "reload") location.reload();
      else if (msg.type === "css") swapCss(msg.paths);
      else if (msg.type === "building") building(String(msg.message));
    };
    ws.onclose = function () {
      document.documentElement.setAttribute("data-onramp-live", "disconnected");
      retry();
    };
  }

  function retry() {
    setTimeout(connect, delay);
    delay = Math.min(delay * 2, 3000);
  }

  connect();
})();
