#!/usr/bin/env python3
"""Search benchmark: onramp's index next to Pagefind's, on the same built site.

Usage (from the repository root):

    bench/search.py [--pages 10000] [--work /tmp/onramp-search-bench]
                    [--site SITE] [--runs 3] [--pagefind BIN | --no-pagefind]

One command prints the whole table. Method:

 1. Corpus: ../shared/bench/gen-corpus (English, seed 1) laid out by
    bench/to-onramp, kept in --work between runs; or an existing onramp site
    given with --site.
 2. Build time: `cargo build --release`, then --runs cold builds with
    `onramp build -v` (the output folder removed before each, as in
    bench/build.sh). Reported: the median `search` stage (building the
    index *and* writing its files into the staging folder) against the
    median whole build, and the median whole build of the same site with
    `search: {enabled: false}` (a copy of site.yaml beside symlinks to the
    content), whose difference is what search costs the build in all (the
    index, and the search dialog in every page). Builds with and without
    search alternate, so that both see the same load from the rest of the
    machine, which moves these figures: compare medians of one run.
 3. Index size: bytes and number of files under `search/` of the output.
 4. Pagefind: the Pagefind CLI (--pagefind, else `pagefind` on PATH, else
    installed with `npm install pagefind` into --work/pagefind; its npm
    package ships a prebuilt binary) indexes the same output folder into
    `pagefind/`, timed as one run, with `--root-selector main
    --exclude-selectors "nav, .toc"` so that it indexes what onramp indexes
    (the page's main content, not its navigation); its size and files are
    counted the same way.
 5. Bytes per query, in headless Chromium (the ignored test `bench_queries`
    of tests/search.rs, against a local server that sends `no-cache`
    without validators, so nothing comes from a cache):
    - onramp: the bytes of the responses that search.js's own fetches
      receive for one query from a cold index: the manifest, vocabulary
      shards, postings, and the document-store files of the first 6 results
      (what the dialog loads before showing the list). search.js itself
      (loaded with every page) is reported apart.
    - Pagefind: each query in a fresh page through its JS API
      (`import('/pagefind/pagefind.js')`, `search(q)`, `data()` of the first 6
      results); the bytes are the response bodies the server sent meanwhile:
      pagefind.js, its WASM, the entry and meta files, index chunks and
      fragments.
    - "typed": the same, searching every prefix of the query in turn (each
      with its first 6 results' data), as if each keystroke ran a search.
 6. Relevance: for 20 page titles spread over the corpus, how many find
    their page in the top 3 (onramp and Pagefind, same titles).

Only the Python standard library is used.
"""
import argparse
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
    if args.site:
        return os.path.abspath(args.site)
    site = os.path.join(args.work, "site-%d" % args.pages)
    if os.path.exists(os.path.join(site, "site.yaml")):
        return site
    gen = args.gen_corpus or os.path.join(REPO, "..", "shared", "bench", "gen-corpus")
    src = os.path.join(args.work, "corpus-%d" % args.pages)
    print("generating %d pages..." % args.pages, file=sys.stderr)
    run([gen, "--pages", str(args.pages), "--locales", "en", "--seed", "1", "--out", src])
    run([sys.executable, os.path.join(REPO, "bench", "to-onramp"), src, site])
    return site


def without_search(args, site):
    """The same site with search disabled: site.yaml copied, the rest linked."""
    dst = os.path.join(args.work, "site-nosearch")
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    for name in os.listdir(site):
        if name != "site.yaml":
            os.symlink(os.path.join(site, name), os.path.join(dst, name))
    with open(os.path.join(site, "site.yaml")) as f:
        cfg = f.read()
    cfg = re.sub(r"^search:.*\n(?:[ \t]+.*\n)*", "", cfg, flags=re.M)
    with open(os.path.join(dst, "site.yaml"), "w") as f:
        f.write(cfg.rstrip("\n") + "\nsearch:\n  enabled: false\n")
    return dst


def build_once(args, site, out):
    """(search stage, whole build) of one cold build, in seconds."""
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.time()
    r = run([args.onramp, "build", site, "--out", out, "-v"])
    total = time.time() - t0
    m = re.search(r"^\s*search\s+([\d.]+) ms", r.stderr, re.M)
    return (float(m.group(1)) / 1000 if m else 0.0), total


def builds(args, site, off):
    """Builds without and with search, alternating so that both see the same
    load; the last one (with search) stays in the output folder."""
    out = os.path.join(args.work, "out")
    search, on_all, off_all = [], [], []
    for _ in range(args.runs):
        off_all.append(build_once(args, off, out)[1])
        s, t = build_once(args, site, out)
        search.append(s)
        on_all.append(t)
    return out, search, on_all, off_all


def tree_size(path):
    total, files = 0, 0
    for d, _, names in os.walk(path):
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


def browser(args, out, pagefind):
    with tempfile.TemporaryDirectory() as tmp:
        qf, tf = os.path.join(tmp, "q"), os.path.join(tmp, "t")
        with open(qf, "w") as f:
            f.write("\n".join(QUERIES))
        with open(tf, "w") as f:
            f.write("\n".join("%s\t%s" % t for t in args.titles))
        env = dict(os.environ, ONRAMP_BENCH_OUT=out, ONRAMP_BENCH_QUERIES=qf, ONRAMP_BENCH_TITLES=tf,
                   ONRAMP_BENCH_PAGEFIND="1" if pagefind else "0")
        r = run(["cargo", "test", "--release", "--test", "search", "bench_queries", "--", "--ignored", "--nocapture"],
                cwd=REPO, env=env)
    line = next(l for l in r.stdout.splitlines() if l.startswith("BENCH "))
    return json.loads(line[len("BENCH "):])


def pagefind_bin(args):
    if args.no_pagefind:
        return None
    if args.pagefind:
        return args.pagefind
    if shutil.which("pagefind"):
        return shutil.which("pagefind")
    local = os.path.join(args.work, "pagefind", "node_modules", ".bin", "pagefind")
    if not os.path.exists(local) and shutil.which("npm"):
        print("installing pagefind with npm...", file=sys.stderr)
        try:
            run(["npm", "install", "--prefix", os.path.join(args.work, "pagefind"), "pagefind@1"])
        except subprocess.CalledProcessError as e:
            print("npm install pagefind failed: %s" % e.stderr[-500:], file=sys.stderr)
    return local if os.path.exists(local) else None


def pagefind_index(binary, out):
    shutil.rmtree(os.path.join(out, "pagefind"), ignore_errors=True)
    version = run([binary, "--version"]).stdout.strip()
    t0 = time.time()
    run([binary, "--site", out, "--root-selector", "main", "--exclude-selectors", "nav, .toc"])
    return time.time() - t0, version


def kb(n):
    return "%.1f KB" % (n / 1e3)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "onramp-search-bench"))
    ap.add_argument("--site", help="an existing onramp site (instead of generating one)")
    ap.add_argument("--onramp", default=os.path.join(REPO, "target", "release", "onramp"))
    ap.add_argument("--gen-corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pagefind", help="the Pagefind binary")
    ap.add_argument("--no-pagefind", action="store_true")
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    run(["cargo", "build", "--release"], cwd=REPO)
    site = corpus(args)
    off = without_search(args, site)
    out, search_all, build_all, off_all = builds(args, site, off)
    search_s, build_s, off_s = (statistics.median(x) for x in (search_all, build_all, off_all))
    size, files = tree_size(os.path.join(out, "search"))
    script = os.path.getsize(os.path.join(out, "theme", "search.js"))
    args.titles = titles(site)
    pf = pagefind_bin(args)
    pf_time = pf_version = None
    if pf:
        pf_time, pf_version = pagefind_index(pf, out)
        pf_size, pf_files = tree_size(os.path.join(out, "pagefind"))
    b = browser(args, out, pf is not None)

    pages = sum(1 for _ in os.walk(out) for n in _[2] if n == "index.html")
    print("## Search benchmark: %s, %d pages (en), %d cores\n" % (os.path.basename(site), pages, os.cpu_count()))
    print("Builds: %s s with search, %s s without (search stage: %s s)\n"
          % (", ".join("%.2f" % t for t in build_all), ", ".join("%.2f" % t for t in off_all),
             ", ".join("%.2f" % t for t in search_all)))
    print("| figure | onramp | Pagefind %s |" % (pf_version.split()[-1] if pf_version else "(not run)"))
    print("|---|---|---|")
    print("| whole build, median of %d | %.2f s (%.2f s without search) | |" % (args.runs, build_s, off_s))
    print("| indexing | search stage %.2f s = %.1f %% of the build (target ≤ 10 %%); build with − without search: %.2f s"
          " | %s |" % (search_s, 100 * search_s / build_s, build_s - off_s,
                       "%.1f s, after the build" % pf_time if pf_time else ""))
    print("| index on disk | %.1f MB in %d files | %s |"
          % (size / 1e6, files, "%.1f MB in %d files" % (pf_size / 1e6, pf_files) if pf else ""))
    print("| search script (with every page / on first search) | %s | in the bytes below |" % kb(script))
    pfq = {q["query"]: q for q in b.get("pagefind", [])}
    for q in b["queries"]:
        p = pfq.get(q["query"])
        print("| `%s`: bytes of the first query (files), typed | %s (%d), %s | %s |"
              % (q["query"], kb(q["bytes"]), q["files"], kb(q["typedBytes"]),
                 "%s (%d), %s" % (kb(p["bytes"]), p["files"], kb(p["typedBytes"])) if p else ""))
    mean = statistics.mean(q["bytes"] for q in b["queries"])
    pf_mean = statistics.mean(q["bytes"] for q in b["pagefind"]) if b.get("pagefind") else None
    print("| mean bytes per query | %s | %s |" % (kb(mean), kb(pf_mean) if pf_mean else ""))
    print("| cold query time in Chromium (ms, median) | %.0f | %s |"
          % (statistics.median(q["coldMs"] for q in b["queries"]),
             "%.0f" % statistics.median(q["coldMs"] for q in b["pagefind"]) if b.get("pagefind") else ""))
    print("| query time once its files are cached (ms, median / max; target ≤ 50) | %.0f / %.0f | |"
          % (statistics.median(q["warmMs"] for q in b["queries"]), max(q["warmMs"] for q in b["queries"])))
    top3 = sum(1 for t in b["titles"] if 1 <= t["rank"] <= 3)
    pf_top3 = sum(1 for t in b.get("pagefindTitles", []) if 1 <= t["rank"] <= 3)
    print("| relevance: title queries with their page in the top 3 | %d / %d | %s |"
          % (top3, len(b["titles"]), "%d / %d" % (pf_top3, len(b["pagefindTitles"])) if pf else ""))
    for t in b["titles"]:
        if not 1 <= t["rank"] <= 3:
            print("|   onramp missed `%s` | rank %s | |" % (t["title"], t["rank"] or "> 10"))


if __name__ == "__main__":
    sys.exit(main())
