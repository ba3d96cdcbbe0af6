#!/usr/bin/env python3
"""Time from saving a page to the dev server's reload signal.

Usage: serve-latency.py SITE_DIR [--edits 20] [--onramp PATH] [--template]

Starts `onramp serve SITE_DIR`, connects to its reload WebSocket, then
appends a line to one page's body EDITS times (or, with --template, touches a
template) and reports the median and max time until the reload message.
Standard library only: a minimal WebSocket client is included.
"""
import argparse, base64, glob, os, socket, statistics, subprocess, sys, time


def ws_connect(host, port, path):
    s = socket.create_connection((host, port), timeout=120)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, host, port, key)).encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += s.recv(1024)
    assert b" 101 " in buf.split(b"\r\n")[0], buf
    return s


def ws_recv_text(s):
    while True:
        head = s.recv(2)
        op, n = head[0] & 0x0F, head[1] & 0x7F
        if n == 126:
            n = int.from_bytes(s.recv(2), "big")
        elif n == 127:
            n = int.from_bytes(s.recv(8), "big")
        data = b""
        while len(data) < n:
            data += s.recv(n - len(data))
        if op == 1:
            return data.decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--onramp", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "onramp"))
    ap.add_argument("--template", action="store_true")
    a = ap.parse_args()
    proc = subprocess.Popen([a.onramp, "serve", a.site, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        t0 = time.time()
        for line in proc.stdout:
            if " at http://" in line:
                host, port = line.split(" at http://")[1].split("/")[0].split(":")
                break
        print("initial build and start: %.1f s" % (time.time() - t0))
        ws = ws_connect(host, int(port), "/__onramp/ws")
        if a.template:
            target = os.path.join(a.site, "templates", "docs.html")
            os.makedirs(os.path.dirname(target), exist_ok=True)
        else:
            pages = sorted(glob.glob(os.path.join(a.site, "content", "**", "*.md"), recursive=True))
            target = [p for p in pages if not p.endswith("_index.md")][len(pages) // 2]
        base = open(target).read() if os.path.exists(target) else '{% extends "theme/docs.html" %}\n'
        times = []
        for i in range(a.edits):
            time.sleep(0.3)
            start = time.time()
            with open(target, "w") as f:
                f.write(base + ("\n{# edit %d #}\n" % i if a.template else "\nEdit number %d.\n" % i))
            msg = ws_recv_text(ws)
            times.append((time.time() - start) * 1000)
            assert "reload" in msg, msg
        with open(target, "w") as f:
            f.write(base)
        print("%s: %d edits, median %.1f ms, max %.1f ms" % ("template" if a.template else "page body", len(times), statistics.median(times), max(times)))
    finally:
        proc.terminate()


if __name__ == "__main__":
    sys.exit(main())
