#!/usr/bin/env python3
"""Search benchmark: index time, index size, bytes per query, latency, relevance.

Usage (from the repository root, after `cargo build --release`):

    bench/search.py [--pages 10000] [--work /tmp/onramp-search-bench]

Steps:
 1. generates the corpus with ../shared/bench/gen-corpus (English only) and
    lays it out with bench/to-onramp (kept in --work between runs);
 2. builds it --runs times with `onramp build -v`, and reports the median
    time of the `search` stage against the median build;
 3. sums the index files of `search/`;
 4. runs the ignored test `bench_queries` of tests/search.rs in headless
    Chromium: bytes and time of five typical queries from a cold cache
    (documents of the 10 results shown included), the time again with
    cached files through the dialog, the bytes of typing each query one
    character at a time; and for 20 page titles, the rank of their page;
 5. when `pagefind` is on PATH, indexes the same output with it and reports
    its time and the bytes of its first query (Pagefind's own JS and WASM
    included), measured the same way in Chromium.

Only the Python standard library is used.
"""
import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERIES = ["install", "configure server", "cache invalidation", "token parser error", "deploy"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def corpus(args):
    site = os.path.join(args.work, "site-%d" % args.pages)
    if os.path.exists(os.path.join(site, "site.yaml")):
        return site
    gen = args.gen_corpus or os.path.join(REPO, "..", "shared", "bench", "gen-corpus")
    src = os.path.join(args.work, "corpus-%d" % args.pages)
    print("generating %d pages..." % args.pages, file=sys.stderr)
    run([gen, "--pages", str(args.pages), "--locales", "en", "--seed", "1", "--out", src])
    run([sys.executable, os.path.join(REPO, "bench", "to-onramp"), src, site])
    with open(os.path.join(site, "site.yaml"), "a") as f:
        f.write("search:\n  enabled: true\n")
    return site


def build(args, site, out):
    times, totals = [], []
    for _ in range(args.runs):
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.time()
        r = run([args.onramp, "build", site, "--out", out, "-v"])
        totals.append(time.time() - t0)
        m = re.search(r"^\s*search\s+([\d.]+) ms", r.stderr, re.M)
        times.append(float(m.group(1)) / 1000 if m else float("nan"))
    return statistics.median(times), statistics.median(totals)


def index_bytes(out):
    total, files = 0, 0
    for d, _, names in os.walk(os.path.join(out, "search")):
        for n in names:
            total += os.path.getsize(os.path.join(d, n))
            files += 1
    return total, files


def titles(site, n=20):
    """(title, url) of n pages spread over the corpus."""
    pages = []
    content = os.path.join(site, "content", "en")
    for d, _, names in os.walk(content):
        for name in sorted(names):
            if name.endswith(".md") and name != "_index.md":
                pages.append(os.path.join(d, name))
    pages.sort()
    picked = [pages[i * len(pages) // n] for i in range(n)]
    out = []
    for p in picked:
        with open(p, encoding="utf-8") as f:
            title = re.search(r'^title:\s*"?(.*?)"?\s*$', f.read(), re.M).group(1)
        rel = os.path.relpath(p, content)[:-3].replace(os.sep, "/")
        out.append((title, "/%s/" % rel))
    return out


def browser(args, out, extra_env=None):
    with tempfile.TemporaryDirectory() as tmp:
        qf, tf = os.path.join(tmp, "q"), os.path.join(tmp, "t")
        with open(qf, "w") as f:
            f.write("\n".join(QUERIES))
        with open(tf, "w") as f:
            f.write("\n".join("%s\t%s" % t for t in args.titles))
        env = dict(os.environ, ONRAMP_BENCH_OUT=out, ONRAMP_BENCH_QUERIES=qf, ONRAMP_BENCH_TITLES=tf, **(extra_env or {}))
        r = run(["cargo", "test", "--release", "--test", "search", "bench_queries", "--", "--ignored", "--nocapture"],
                cwd=REPO, env=env)
    line = next(l for l in r.stdout.splitlines() if l.startswith("BENCH "))
    return json.loads(line[len("BENCH "):])


def pagefind(out):
    if not shutil.which("pagefind"):
        return None
    shutil.rmtree(os.path.join(out, "pagefind"), ignore_errors=True)
    t0 = time.time()
    run(["pagefind", "--site", out])
    return time.time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "onramp-search-bench"))
    ap.add_argument("--onramp", default=os.path.join(REPO, "target", "release", "onramp"))
    ap.add_argument("--gen-corpus")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    site = corpus(args)
    out = os.path.join(args.work, "out-%d" % args.pages)
    search_s, build_s = build(args, site, out)
    size, files = index_bytes(out)
    args.titles = titles(site)
    b = browser(args, out)
    print("## Search benchmark, %d pages (en)\n" % args.pages)
    print("| figure | value | target |\n|---|---|---|")
    print("| build (median of %d) | %.2f s | |" % (args.runs, build_s))
    print("| search stage | %.2f s (%.1f %% of the build) | ≤ 10 %% |" % (search_s, 100 * search_s / build_s))
    print("| index size | %.1f MB in %d files | |" % (size / 1e6, files))
    print("| cold query | bytes of the manifest, vocabulary shards, postings and the documents of the first 6 results | |")
    for q in b["queries"]:
        gz = sum(len(gzip.compress(open(os.path.join(out, u.lstrip("/")), "rb").read(), 6)) for u in q["urls"])
        print("| `%s`: first query | %.1f KB in %d files (%.1f KB gzipped), %.0f ms cold, %.1f ms cached; typed: %.1f KB | ≤ 100 KB, ≤ 50 ms |"
              % (q["query"], q["bytes"] / 1e3, q["files"], gz / 1e3, q["coldMs"], q["warmMs"], q["typedBytes"] / 1e3))
    top3 = sum(1 for t in b["titles"] if 1 <= t["rank"] <= 3)
    print("| relevance: title queries with the page in the top 3 | %d / %d | ≥ 18 / 20 |" % (top3, len(b["titles"])))
    for t in b["titles"]:
        if not 1 <= t["rank"] <= 3:
            print("|   missed: `%s` | rank %s | |" % (t["title"], t["rank"] or "> 10"))
    pf = pagefind(out)
    if pf is not None:
        print("| Pagefind indexing the same output | %.1f s | |" % pf)
        p = browser(args, out, {"ONRAMP_BENCH_PAGEFIND": "1"})
        for q in p.get("pagefind", []):
            print("| Pagefind `%s`: first query | %.1f KB | |" % (q["query"], q["bytes"] / 1e3))
    else:
        print("\n(Pagefind not installed: `cargo install pagefind --locked` to compare.)")


if __name__ == "__main__":
    sys.exit(main())
