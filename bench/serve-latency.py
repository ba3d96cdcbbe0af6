#!/usr/bin/env python3
"""Save-to-reload latency of `onramp serve`, next to `hugo server`, on one corpus.

Usage: bench/serve-latency.py [--pages 10000] [--langs en] [--edits 20] [--template-edits 5]
                              [--input-edits 3] [--work DIR] [--corpus DIR] [--onramp PATH]
                              [--hugo PATH] [--no-hugo] [--no-onramp] [--hugo-full-render]

One run measures, on the same generated corpus (../shared/bench/gen-corpus,
locales --langs, seed 1, laid out by bench/to-onramp and ../shared/bench/to-hugo):

  onramp body      save a page's markdown (one line appended) -> reload signal
  onramp template  save a template override (templates/docs.html)  -> reload signal
  onramp data      save data/bench.yaml, which the override reads -> reload signal
  onramp ftl       save locales/<default>/bench.ftl, a message the override shows -> reload signal
  onramp css       save static/bench.css -> CSS swap signal
  onramp menu      save a menu label in site.yaml -> reload signal
  hugo body        the same page in the Hugo layout -> Hugo's livereload message
  hugo template    layouts/_default/single.html -> Hugo's livereload message

onramp's reload client names the page it shows in the socket's URL, and the
server renders that page before it signals; the script does the same. For
the template, data, ftl and menu saves it also reports when the whole site
was current again (the server's `site current` line, timed from the write);
the next save waits for it.

Each figure is the median and max over the edits, timed from just before the
write to the arrival of the message on the server's WebSocket
(`/__onramp/ws` for onramp, `/livereload` for Hugo, after the livereload
`hello`). Before every edit the script waits `--pause` seconds and drains
stray messages; after every signal it fetches the edited page over HTTP and
checks that it shows the edit (signals that came before the new output are
counted and reported). `hugo server` runs with its defaults (fast render mode, output
in memory); `--hugo-full-render` adds `--disableFastRender`. Edits go to
fresh copies of the sites under WORK, never to the corpus.

Defaults: WORK is $BENCH_DIR or /tmp/onramp-bench (bench/build.sh's folder;
the corpus is generated there when missing), the onramp binary is
target/release/onramp (build it with `cargo build --release` first), hugo is
the one on PATH. Standard library only: a minimal WebSocket client is
included. Example (the figures in bench/README.md):

    cargo build --release && bench/serve-latency.py --pages 10000 --edits 20
"""
import argparse
import base64
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


# --- a minimal WebSocket client (RFC 6455, text frames, client masking) ---

class WebSocket:
    def __init__(self, host, port, path, timeout=600):
        self.s = socket.create_connection((host, port), timeout=30)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                        % (path, host, port, key)).encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.s.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the WebSocket handshake")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("no WebSocket upgrade: %r" % head[:200])
        self.timeout = timeout

    def _exact(self, n):
        while len(self.buf) < n:
            chunk = self.s.recv(65536)
            if not chunk:
                raise ConnectionError("WebSocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send_text(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        head = bytes([0x81])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        self.s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv_text(self, timeout=None):
        """The next text message; None when `timeout` passes first."""
        self.s.settimeout(self.timeout if timeout is None else timeout)
        try:
            while True:
                b0, b1 = self._exact(2)
                op, n = b0 & 0x0F, b1 & 0x7F
                if n == 126:
                    n = int.from_bytes(self._exact(2), "big")
                elif n == 127:
                    n = int.from_bytes(self._exact(8), "big")
                mask = self._exact(4) if b1 & 0x80 else None
                data = self._exact(n)
                if mask:
                    data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
                if op == 1:
                    return data.decode()
                if op == 8:
                    raise ConnectionError("WebSocket closed by the server")
        except socket.timeout:
            return None

    def drain(self):
        """Drops messages already sent (e.g. a second signal for one save)."""
        dropped = []
        while True:
            msg = self.recv_text(timeout=0.05)
            if msg is None:
                return dropped
            dropped.append(msg)


# --- helpers ---

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read().decode("utf-8", "replace")


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


class Server:
    """A dev server process whose output is read on a thread."""

    def __init__(self, cmd, ready):
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.ready = threading.Event()
        self.url = None

        def read():
            for line in self.proc.stdout:
                self.lines.append(line.rstrip("\n"))
                if not self.ready.is_set():
                    found = ready(line)
                    if found:
                        self.url = found
                        self.ready.set()
            self.ready.set()

        threading.Thread(target=read, daemon=True).start()

    def wait_ready(self, what, timeout=900):
        t0 = time.time()
        if not self.ready.wait(timeout) or self.url is None:
            raise SystemExit("%s did not start:\n%s" % (what, "\n".join(self.lines[-20:])))
        return time.time() - t0

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def measure(name, ws, target, edit, check, edits, pause, settled=None, expect="reload"):
    """Times `edits` saves of `target`; returns the latencies in ms.
    `settled(start)`, when given, waits until the whole site is current and
    returns the time from `start` (perf_counter) in ms."""
    base = open(target).read()
    times = []
    whole = []
    early = 0
    try:
        for i in range(edits):
            time.sleep(pause)
            ws.drain()
            text = edit(base, i)
            start = time.perf_counter()
            with open(target, "w") as f:
                f.write(text)
            msg = ws.recv_text()
            elapsed = (time.perf_counter() - start) * 1000
            if msg is None or expect not in msg:
                raise SystemExit("%s: edit %d: expected a %s message, got %r" % (name, i, expect, msg))
            if not check(i):
                early += 1
                deadline = time.time() + 60
                while not check(i):
                    if time.time() > deadline:
                        raise SystemExit("%s: edit %d: the edit never showed" % (name, i))
                    time.sleep(0.05)
            times.append(elapsed)
            if settled:
                whole.append(settled(start))
    finally:
        start = time.perf_counter()
        with open(target, "w") as f:
            f.write(base)
        # The restoring save's own signal must not count for the next series.
        ws.recv_text(timeout=600)
        if settled:
            settled(start)
        time.sleep(pause)
        ws.drain()
    line = "%-26s %2d edits  median %7.1f ms  max %7.1f ms" % (name, len(times), statistics.median(times),
                                                                max(times))
    if early:
        line += "  (%d signals came before the new output was served)" % early
    if whole:
        line += "  whole site current: median %.1f s, max %.1f s" % (statistics.median(whole) / 1000,
                                                                     max(whole) / 1000)
    print(line, flush=True)
    out = {"edits": len(times), "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
           "signals_before_output": early, "all_ms": [round(t, 1) for t in times]}
    if whole:
        out["site_current_ms"] = [round(t, 1) for t in whole]
    return out


def body_edit(base, i):
    return base.rstrip("\n") + "\n\nEdit number %d of the latency benchmark.\n" % i


def pick_page(content):
    pages = sorted(p for p in glob.glob(os.path.join(content, "**", "*.md"), recursive=True)
                   if not p.endswith("_index.md"))
    return pages[len(pages) // 2]


# --- onramp ---

def bench_onramp(a, site, results):
    os.makedirs(os.path.join(site, "templates"), exist_ok=True)
    template = os.path.join(site, "templates", "docs.html")
    # The override reads a data file and a UI string, so that saving either
    # changes every docs page.
    with open(template, "w") as f:
        f.write('{% extends "theme/docs.html" %}\n'
                '{% block head %}<meta name="bench-data" content="{{ data.bench.note }}">'
                '<meta name="bench-ftl" content="{{ t(id="bench-note") }}">{% endblock head %}\n')
    os.makedirs(os.path.join(site, "data"), exist_ok=True)
    data = os.path.join(site, "data", "bench.yaml")
    with open(data, "w") as f:
        f.write("note: data-base\n")
    config = os.path.join(site, "site.yaml")
    default = open(config).read().split("- code: ", 1)[1].split()[0]
    os.makedirs(os.path.join(site, "locales", default), exist_ok=True)
    ftl = os.path.join(site, "locales", default, "bench.ftl")
    with open(ftl, "w") as f:
        f.write("bench-note = ftl-base\n")
    with open(config, "a") as f:
        f.write("menu:\n  - label: Menu-base\n    url: /\n")
    css = os.path.join(site, "static", "bench.css")
    with open(css, "w") as f:
        f.write("body { --bench: base; }\n")

    def ready(line):
        return line.split(" at http://")[1].split("/")[0] if " at http://" in line else None

    server = Server([a.onramp, "serve", site, "--port", str(free_port())], ready)
    try:
        took = server.wait_ready("onramp serve")
        print("onramp serve: initial build and start %.1f s" % took, flush=True)
        host, port = server.url.rsplit(":", 1)
        page = pick_page(os.path.join(site, "content"))
        rel = os.path.relpath(page, os.path.join(site, "content", default))
        path = "/%s/" % rel[:-3]
        url = "http://%s%s" % (server.url, path)
        # As the browser client does: the socket names the page shown.
        ws = WebSocket(host, int(port), "/__onramp/ws?path=" + urllib.parse.quote(path, safe=""))
        if "Edit number" in http_get(url):
            raise SystemExit("unexpected text in %s" % url)

        check = lambda i: ("Edit number %d of" % i) in http_get(url)
        results["onramp body"] = measure("onramp body", ws, page, body_edit, check, a.edits, a.pause)
        inputs = []
        if a.template_edits:
            inputs.append(("onramp template", template, a.template_edits,
                           lambda base, i: base.replace("{% endblock head %}",
                                                        '<i data-edit="%d"></i>{%% endblock head %%}' % i),
                           lambda i: ('data-edit="%d"' % i) in http_get(url)))
        if a.input_edits:
            inputs += [
                ("onramp data", data, a.input_edits, lambda base, i: "note: data-%d\n" % i,
                 lambda i: ('content="data-%d"' % i) in http_get(url)),
                ("onramp ftl", ftl, a.input_edits, lambda base, i: "bench-note = ftl-%d\n" % i,
                 lambda i: ('content="ftl-%d"' % i) in http_get(url)),
                ("onramp menu", config, a.input_edits,
                 lambda base, i: base.replace("label: Menu-base", "label: Menu-%d" % i),
                 lambda i: (">Menu-%d<" % i) in http_get(url)),
            ]
        for name, target, edits, edit, check in inputs:
            results[name] = measure(name, ws, target, edit, check, edits, a.pause, settled=settled_after(server))
        if a.input_edits:
            css_url = "http://%s/bench.css" % server.url
            results["onramp css"] = measure("onramp css", ws, css, lambda base, i: "body { --bench: %d; }\n" % i,
                                            lambda i: ("--bench: %d;" % i) in http_get(css_url), a.edits, a.pause,
                                            expect='"css"')
        updates = [l for l in server.lines if l.startswith("updated ")]
        if updates:
            ms = sorted(int(l.rsplit(" in ", 1)[1].split()[0]) for l in updates)
            print("  (onramp's own figure, batch to signal: median %d ms, max %d ms)"
                  % (statistics.median(ms), ms[-1]), flush=True)
        reloads = [l for l in server.lines if l.startswith("reloaded templates")]
        if reloads:
            ms = sorted(int(l.rsplit(" in ", 1)[1].split()[0]) for l in reloads)
            print("  (onramp's own figure, template/data/ftl/menu batch to open page current: median %d ms, max %d ms)"
                  % (statistics.median(ms), ms[-1]), flush=True)
    finally:
        server.stop()


def settled_after(server):
    """A `settled(start)` for `measure`: waits for the server's next
    `site current` line (counted from when it is made, i.e. before the save)."""
    state = {"seen": None}

    def count():
        return sum(1 for l in list(server.lines) if l.startswith("site current"))

    def settled(start):
        if state["seen"] is None:
            state["seen"] = count()
        deadline = time.time() + 900
        while count() <= state["seen"]:
            if time.time() > deadline:
                raise SystemExit("the site never became current:\n" + "\n".join(server.lines[-20:]))
            time.sleep(0.02)
        state["seen"] = count()
        return (time.perf_counter() - start) * 1000

    state["seen"] = count()
    return settled


# --- hugo ---

def bench_hugo(a, site, results, full_render):
    port = free_port()
    cmd = [a.hugo, "server", "-s", site, "--bind", "127.0.0.1", "--port", str(port), "--baseURL",
           "http://127.0.0.1:%d/" % port]
    name = "hugo"
    if full_render:
        cmd.append("--disableFastRender")
        name = "hugo full-render"

    def ready(line):
        return "127.0.0.1:%d" % port if "Web Server is available" in line or "Press Ctrl+C" in line else None

    server = Server(cmd, ready)
    try:
        took = server.wait_ready("hugo server")
        print("%s server: initial build and start %.1f s" % (name, took), flush=True)
        ws = WebSocket("127.0.0.1", port, "/livereload")
        ws.send_text(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]},
                               separators=(",", ":")))
        hello = ws.recv_text(timeout=30)
        if not hello or "hello" not in hello:
            raise SystemExit("hugo livereload: no hello, got %r" % hello)
        page = pick_page(os.path.join(site, "content"))
        rel = os.path.relpath(page, os.path.join(site, "content", "en"))
        url = "http://127.0.0.1:%d/%s/" % (port, rel[:-3])
        if "Edit number" in http_get(url):  # also: a visited page, as with a browser on it
            raise SystemExit("unexpected text in %s" % url)
        check = lambda i: ("Edit number %d of" % i) in http_get(url)
        results[name + " body"] = measure(name + " body", ws, page, body_edit, check, a.edits, a.pause)
        if a.template_edits:
            template = os.path.join(site, "layouts", "_default", "single.html")
            tcheck = lambda i: ('data-edit="%d"' % i) in http_get(url)
            tedit = lambda base, i: base.replace("</article>", '</article><i data-edit="%d"></i>' % i, 1)
            results[name + " template"] = measure(name + " template", ws, template, tedit, tcheck,
                                                  a.template_edits, a.pause)
    finally:
        server.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--langs", default="en", help="corpus locales, comma-separated, default first (default en)")
    ap.add_argument("--input-edits", type=int, default=3,
                    help="data, ftl and menu saves each, and CSS saves (--edits of them) (default 3; 0: none)")
    ap.add_argument("--edits", type=int, default=20, help="page body saves per server (default 20)")
    ap.add_argument("--template-edits", type=int, default=5, help="template saves per server (default 5; 0: none)")
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between saves (default 1)")
    ap.add_argument("--work", default=os.environ.get("BENCH_DIR", "/tmp/onramp-bench"))
    ap.add_argument("--corpus", help="an existing gen-corpus folder (default: WORK/corpus-PAGES-en)")
    ap.add_argument("--shared", default=os.environ.get("SHARED_BENCH", os.path.join(REPO, "..", "shared", "bench")))
    ap.add_argument("--onramp", default=os.path.join(REPO, "target", "release", "onramp"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--no-onramp", action="store_true", help="run Hugo only")
    ap.add_argument("--hugo-full-render", action="store_true", help="also run hugo server --disableFastRender")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()

    corpus = a.corpus or os.path.join(a.work, "corpus-%d-%s" % (a.pages, a.langs.replace(",", "-")))
    if not os.path.exists(os.path.join(corpus, "corpus.json")):
        os.makedirs(a.work, exist_ok=True)
        run([os.path.join(a.shared, "gen-corpus"), "--pages", str(a.pages), "--locales", a.langs, "--seed", "1",
             "--out", corpus])
    sites = os.path.join(a.work, "serve-latency")
    onramp_site = os.path.join(sites, "onramp")
    hugo_site = os.path.join(sites, "hugo")
    run([os.path.join(HERE, "to-onramp"), corpus, onramp_site, "--locales", a.langs])
    if not a.no_hugo:
        run([os.path.join(a.shared, "to-hugo"), corpus, hugo_site])
    print("corpus %s, %d cores, %d body edits, %d template edits, %.1f s apart"
          % (corpus, os.cpu_count(), a.edits, a.template_edits, a.pause), flush=True)

    results = {}
    if not a.no_onramp:
        bench_onramp(a, onramp_site, results)
    if not a.no_hugo:
        bench_hugo(a, hugo_site, results, False)
        if a.hugo_full_render:
            bench_hugo(a, hugo_site, results, True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"corpus": corpus, "cores": os.cpu_count(), "results": results}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
