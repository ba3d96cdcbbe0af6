// onramp dev server client: injected into every HTML page by `onramp serve`
// (never part of a built site). Reloads the page after each rebuild, swaps
// stylesheets in place when only CSS changed, and reconnects when the server
// restarts.
(function () {
  "use strict";
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__onramp/ws";
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
