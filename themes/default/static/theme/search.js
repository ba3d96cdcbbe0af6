/* onramp search: the search dialog of the default theme. Plain JavaScript,
 * no dependency. The index format is described in src/search/mod.rs; the
 * tokenizer below mirrors src/search/tokenize.rs rule by rule (the tests
 * run both on the same strings). Content strings only ever reach the page
 * through textContent and text nodes. */
(function () {
  "use strict";

  // ---------------------------------------------------------------------
  // Tokenizer: the same rules as src/search/tokenize.rs.

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
  var NON_WORD = /[^\p{Alphabetic}\p{N}\p{M}]+/u;
  var GRAM = /[\u0E00-\u0EFF\u1000-\u109F\u1100-\u11FF\u1780-\u17FF\u2E80-\u2FDF\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303C\u3040-\u30FF\u3100-\u318F\u31A0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFF66-\uFFDC\u{20000}-\u{323AF}]/u;
  var FOLDED = /[\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/gu;
  var MAX_TOKEN_CHARS = 40;

  function lower(s) {
    return s.normalize("NFKD").toLowerCase().replace(/ς/g, "σ").normalize("NFC");
  }

  function fold(word) {
    return word.normalize("NFD").replace(FOLDED, "").normalize("NFC");
  }

  /** Segments: [start, end, gram] in UTF-16 offsets. */
  function segments(text) {
    var out = [];
    var start = -1;
    var gram = false;
    var i = 0;
    for (var ch of text) {
      var w = WORD.test(ch);
      var g = w && GRAM.test(ch);
      if (start >= 0 && (!w || g !== gram)) {
        out.push([start, i, gram]);
        start = -1;
      }
      if (w && start < 0) {
        start = i;
        gram = g;
      }
      i += ch.length;
    }
    if (start >= 0) out.push([start, i, gram]);
    return out;
  }

  /** Tokens of text: {key, gram, start, end} (offsets of the matched text). */
  function tokenize(text) {
    var out = [];
    segments(text).forEach(function (seg) {
      var raw = text.slice(seg[0], seg[1]);
      var words = lower(raw).split(NON_WORD).filter(Boolean);
      words.forEach(function (word) {
        var key = fold(word);
        if (!key) return;
        if (!seg[2]) {
          if (Array.from(key).length <= MAX_TOKEN_CHARS) out.push({ key: key, gram: false, start: seg[0], end: seg[1] });
          return;
        }
        grams(key, raw, seg[0], words.length === 1, out);
      });
    });
    return out;
  }

  function grams(key, raw, offset, alone, out) {
    var chars = Array.from(key);
    var rawChars = Array.from(raw);
    // Map bigrams back to the text when folding kept one character per character.
    var exact = alone && rawChars.length === chars.length;
    var starts = [];
    var pos = offset;
    rawChars.forEach(function (c) {
      starts.push(pos);
      pos += c.length;
    });
    starts.push(pos);
    var at = function (i, n) {
      return exact ? [starts[i], starts[i + n]] : [offset, pos];
    };
    if (chars.length === 1) {
      var r = at(0, 1);
      out.push({ key: key, gram: true, start: r[0], end: r[1] });
      return;
    }
    for (var i = 0; i + 1 < chars.length; i++) {
      var s = at(i, 2);
      out.push({ key: chars[i] + chars[i + 1], gram: true, start: s[0], end: s[1] });
    }
  }

  // ---------------------------------------------------------------------
  // Index files.

  /** Shortest word completed as a prefix (shorter ones match whole words only). */
  var MIN_PREFIX = 3;
  var PREFIX_WEIGHT = 0.6;
  var TYPO_WEIGHT = 0.45;
  var PAGE_SIZE = 10;
  /** Pause after a keystroke before searching (fast typing skips the words in between). */
  var DEBOUNCE_MS = 90;
  /** Results whose documents load before the list is shown (about what the dialog shows). */
  var EAGER = 6;
  /** Postings of tails loaded without asking when the heads give too few results. */
  var TAIL_BUDGET = 12000;
  /** A pasted paragraph is searched by its first words only. */
  var MAX_QUERY_TOKENS = 16;

  function Reader(bytes) {
    this.b = bytes;
    this.p = 0;
  }
  Reader.prototype.done = function () {
    return this.p >= this.b.length;
  };
  Reader.prototype.byte = function () {
    if (this.p >= this.b.length) throw new Error("truncated index file");
    return this.b[this.p++];
  };
  Reader.prototype.varint = function () {
    var v = 0;
    var mul = 1;
    for (;;) {
      var b = this.byte();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  /** A location: [pack number, byte offset, length]. */
  Reader.prototype.loc = function () {
    return [this.varint(), this.varint(), this.varint()];
  };
  Reader.prototype.take = function (n) {
    if (this.p + n > this.b.length) throw new Error("truncated index file");
    var s = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return s;
  };
  Reader.prototype.against = function (prev) {
    var shared = this.varint();
    var rest = this.take(this.varint());
    var out = new Uint8Array(shared + rest.length);
    out.set(prev.subarray(0, shared));
    out.set(rest, shared);
    return out;
  };

  var utf8 = new TextDecoder();

  function decodeVocab(bytes) {
    var r = new Reader(bytes);
    if (r.byte() !== 2) throw new Error("unknown index version");
    var n = r.varint();
    var entries = [];
    var prev = new Uint8Array(0);
    for (var i = 0; i < n; i++) {
      var key = r.against(prev);
      var freq = r.varint();
      var stem = r.against(key);
      var tag = r.byte();
      var entry = { key: utf8.decode(key), freq: freq, stem: utf8.decode(stem), inline: null, loc: null };
      if (tag === 0) entry.inline = r.take(r.varint());
      else entry.loc = r.loc();
      entries.push(entry);
      prev = key;
    }
    return entries;
  }

  function readLists(r) {
    var titles = [];
    var page = 0;
    for (var n = r.varint(); n > 0; n--) {
      page += r.varint();
      titles.push(page, r.byte());
    }
    var posts = [];
    page = 0;
    for (var m = r.varint(); m > 0; m--) {
      page += r.varint();
      posts.push(page, r.varint(), r.byte());
    }
    return { titles: titles, posts: posts };
  }

  function decodeBlock(bytes, head) {
    var r = new Reader(bytes);
    var lists = readLists(r);
    if (head) {
      var t = r.varint();
      var p = r.varint();
      lists.tail = t + p > 0 ? { size: t + p, loc: r.loc() } : null;
    }
    return lists;
  }

  /** The JSON bytes of a document store file (zlib). A file a server
   * already inflated (sent with Content-Encoding) starts with [ or {. */
  function inflate(bytes) {
    if (bytes[0] === 0x5b || bytes[0] === 0x7b) return Promise.resolve(bytes);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function Index(url) {
    this.base = new URL(url, location.href);
    this.files = new Map();
    this.blocks = new Map();
    this.vocabs = [];
    this.bytes = 0;
    this.packs = new Map();
    this.manifest = this.json(this.base.href).then(function (m) {
      if (m.version !== 3) throw new Error("unknown search index version " + m.version);
      m.groupLoc = groupLocs(m.docs);
      return m;
    });
  }

  /** The location of every group blob of the document store, from the
   * manifest's runs (pack, first group, offset) and base64 varint sizes. */
  function groupLocs(docs) {
    var raw = atob(docs.sizes);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var r = new Reader(bytes);
    var locs = [];
    var run = 0;
    var offset = 0;
    for (var g = 0; !r.done(); g++) {
      while (run < docs.runs.length && docs.runs[run][1] === g) offset = docs.runs[run++][2];
      var len = r.varint();
      locs.push([docs.runs[run - 1][0], offset, len]);
      offset += len;
    }
    return locs;
  }

  /** The bytes at loc [pack, offset, length] of one of packs: a Range
   * request, which every static host answers. A server that sends the
   * whole file instead (200) still works: the pack is kept and sliced. */
  Index.prototype.range = function (packs, loc, kind) {
    var url = new URL(packs[loc[0]], this.base).href;
    var key = url + "#" + loc[1] + "+" + loc[2];
    if (!this.files.has(key)) {
      var self = this;
      var whole = this.packs.get(url);
      var p = (whole || fetch(url, { headers: { Range: "bytes=" + loc[1] + "-" + (loc[1] + loc[2] - 1) } }).then(function (res) {
        if (!res.ok) throw new Error(res.status + " " + url);
        return res.arrayBuffer().then(function (buf) {
          self.bytes += buf.byteLength;
          if (res.status === 206) return { part: new Uint8Array(buf) };
          var all = Promise.resolve({ all: new Uint8Array(buf) });
          self.packs.set(url, all);
          return all;
        });
      })).then(function (got) {
        var bytes = got.part || got.all.subarray(loc[1], loc[1] + loc[2]);
        if (bytes.length !== loc[2]) throw new Error("short read of " + url);
        return kind === "doc" ? inflate(bytes).then(function (b) { return JSON.parse(utf8.decode(b)); }) : bytes;
      });
      p.catch(function () { self.files.delete(key); });
      this.files.set(key, p);
    }
    return this.files.get(key);
  };

  Index.prototype.fetch = function (rel, kind) {
    var url = new URL(rel, this.base).href;
    if (!this.files.has(url)) {
      var self = this;
      // The manifest keeps one name across builds: revalidate it; every
      // other file is named by its content and can come from the cache.
      var opts = kind === "json" && url === self.base.href ? { cache: "no-cache" } : {};
      var p = fetch(url, opts).then(function (res) {
        if (!res.ok) throw new Error(res.status + " " + url);
        return res.arrayBuffer();
      }).then(function (buf) {
        self.bytes += buf.byteLength;
        var bytes = new Uint8Array(buf);
        if (kind === "doc") return inflate(bytes).then(function (b) { return JSON.parse(utf8.decode(b)); });
        if (kind === "json") return JSON.parse(utf8.decode(bytes));
        if (kind !== "vocab") return bytes;
        var entries = decodeVocab(bytes);
        self.vocabs.push(entries);
        return entries;
      });
      p.catch(function () { self.files.delete(url); });
      this.files.set(url, p);
    }
    return this.files.get(url);
  };
  Index.prototype.json = function (rel) {
    return this.fetch(rel, "json");
  };

  /** Index of the vocabulary shard holding key. */
  Index.prototype.shardOf = function (m, key) {
    var lo = 0;
    var hi = m.vocab.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.vocab[mid][0] <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  Index.prototype.shard = function (m, i) {
    return this.fetch(m.vocab[i][1], "vocab");
  };

  function find(entries, key) {
    var lo = 0;
    var hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (entries[mid].key < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  Index.prototype.lookup = async function (key) {
    var m = await this.manifest;
    var entries = await this.shard(m, this.shardOf(m, key));
    var i = find(entries, key);
    return i < entries.length && entries[i].key === key ? entries[i] : null;
  };

  /** Entries whose key starts with prefix, from at most two shards. */
  Index.prototype.prefixed = async function (prefix) {
    var m = await this.manifest;
    var first = this.shardOf(m, prefix);
    var out = [];
    for (var s = first; s < m.vocab.length && s < first + 2; s++) {
      if (s > first && !m.vocab[s][0].startsWith(prefix)) break;
      var entries = await this.shard(m, s);
      for (var i = find(entries, prefix); i < entries.length && entries[i].key.startsWith(prefix); i++) out.push(entries[i]);
    }
    return out;
  };

  /** Entries near key that share its first character (typo candidates). */
  Index.prototype.near = async function (key) {
    var m = await this.manifest;
    var first = Array.from(key)[0];
    var shards = [this.shardOf(m, key), this.shardOf(m, first)];
    var out = [];
    for (var s of new Set(shards)) {
      (await this.shard(m, s)).forEach(function (e) {
        if (e.key.startsWith(first)) out.push(e);
      });
    }
    return out;
  };

  Index.prototype.block = function (entry) {
    if (!this.blocks.has(entry.stem)) {
      var self = this;
      var p = entry.inline ? Promise.resolve(decodeBlock(entry.inline, true)) : this.manifest.then(function (m) {
        return self.range(m.postings, entry.loc, "bin");
      }).then(function (b) { return decodeBlock(b, true); });
      this.blocks.set(entry.stem, p);
    }
    return this.blocks.get(entry.stem);
  };

  Index.prototype.tail = function (block) {
    var self = this;
    return this.manifest.then(function (m) {
      return self.range(m.postings, block.tail.loc, "bin");
    }).then(function (b) { return decodeBlock(b, false); });
  };

  /** Passage sec of a page: url, title, anchor, heading, text. Pages come in
   * group blobs of m.group pages (their first m.chunk passages); a long
   * page's entry there lists where its later chunks are. */
  Index.prototype.doc = async function (page, sec) {
    var m = await this.manifest;
    var chunk = Math.floor(sec / m.chunk);
    var g = Math.floor(page / m.group);
    if (!m.groupLoc[g]) throw new Error("missing document " + page);
    var d = (await this.range(m.docs.packs, m.groupLoc[g], "doc"))[page - g * m.group];
    if (d && chunk > 0) d = d.more && d.more[chunk - 1] ? await this.range(m.docs.packs, d.more[chunk - 1], "doc") : null;
    if (!d) throw new Error("missing document " + page);
    var p = d.passages[sec - chunk * m.chunk] || d.passages[0] || ["", "", ""];
    return { url: d.url, title: d.title, anchor: p[0], heading: p[1], text: p[2] };
  };

  // ---------------------------------------------------------------------
  // Matching and ranking.

  /** At most one edit (insert, delete, substitute, swap) between a and b. */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return true;
    var ra = a.slice(i + 1).join("");
    var rb = b.slice(i + 1).join("");
    if (ra === rb) return true; // substitution
    if (a.slice(i + 1).join("") === b.slice(i).join("")) return true; // deletion from a
    if (a.slice(i).join("") === b.slice(i + 1).join("")) return true; // insertion into a
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2).join("") === b.slice(i + 2).join("");
  }

  function typoMatch(query, key, prefix) {
    var q = Array.from(query);
    var k = Array.from(key);
    if (k[0] !== q[0] || k.length < 4) return false;
    if (!prefix) return oneEdit(q, k);
    for (var n = q.length - 1; n <= q.length + 1; n++) {
      if (n <= k.length && oneEdit(q, k.slice(0, n))) return true;
    }
    return false;
  }

  function byFreq(a, b) {
    return b.freq - a.freq || (a.key < b.key ? -1 : 1);
  }

  /** The vocabulary entries a query token matches, with weights. */
  async function matchesOf(index, tok, isPrefix) {
    var exact = await index.lookup(tok.key);
    var found = exact ? [{ entry: exact, weight: 1 }] : [];
    var len = Array.from(tok.key).length;
    if (isPrefix && (tok.gram ? len === 1 : len >= MIN_PREFIX)) {
      var more = (await index.prefixed(tok.key)).filter(function (e) { return e.key !== tok.key; }).sort(byFreq);
      more.slice(0, exact ? 3 : 5).forEach(function (e) { found.push({ entry: e, weight: PREFIX_WEIGHT }); });
    }
    if (!found.length && !tok.gram && len >= 5) {
      var near = (await index.near(tok.key)).filter(function (e) { return typoMatch(tok.key, e.key, isPrefix); });
      near.sort(byFreq).slice(0, 3).forEach(function (e) { found.push({ entry: e, weight: TYPO_WEIGHT }); });
    }
    var seen = new Set();
    return found.filter(function (f) {
      if (seen.has(f.entry.stem)) return false;
      seen.add(f.entry.stem);
      return true;
    });
  }

  /** Adds one query term's postings to the page table. */
  function addTerm(pages, term, lists) {
    var best = new Map();
    var titleBest = new Map();
    lists.forEach(function (l) {
      for (var i = 0; i < l.titles.length; i += 2) {
        var tv = l.weight * l.titles[i + 1] * l.titles[i + 1];
        if (!(titleBest.get(l.titles[i]) >= tv)) titleBest.set(l.titles[i], tv);
      }
      for (var j = 0; j < l.posts.length; j += 3) {
        var k = l.posts[j] * 65536 + l.posts[j + 1];
        var v = l.weight * l.posts[j + 2] * l.posts[j + 2];
        if (!(best.get(k) >= v)) best.set(k, v);
      }
    });
    var page = function (p) {
      var e = pages.get(p);
      if (!e) pages.set(p, (e = { page: p, cover: new Set(), title: 0, secs: new Map() }));
      e.cover.add(term);
      return e;
    };
    titleBest.forEach(function (v, p) { page(p).title += v; });
    best.forEach(function (v, k) {
      var e = page(Math.floor(k / 65536));
      var s = k % 65536;
      e.secs.set(s, (e.secs.get(s) || 0) + v);
    });
  }

  function rank(pages) {
    var out = [];
    pages.forEach(function (e) {
      var sec = 0;
      var top = 0;
      e.secs.forEach(function (v, s) {
        if (v > top || (v === top && s < sec)) {
          top = v;
          sec = s;
        }
      });
      out.push({ page: e.page, cover: e.cover.size, score: e.title + top, sec: sec });
    });
    out.sort(function (a, b) { return b.cover - a.cover || b.score - a.score || a.page - b.page; });
    return out;
  }

  /** Runs a query: ranked pages, plus what is needed to highlight and filter. */
  async function search(index, query, wantAll) {
    var toks = [];
    var keys = new Set();
    tokenize(query).forEach(function (t) {
      if (!keys.has(t.key) && toks.length < MAX_QUERY_TOKENS) {
        keys.add(t.key);
        toks.push(t);
      }
    });
    if (!toks.length) return { results: [], partial: false, highlight: new Set() };
    var typing = !/[^\p{Alphabetic}\p{N}\p{M}]$/u.test(query);
    var terms = await Promise.all(toks.map(function (t, i) { return matchesOf(index, t, typing && i === toks.length - 1); }));
    var lists = await Promise.all(terms.map(function (ms) {
      return Promise.all(ms.map(function (m) {
        return index.block(m.entry).then(function (b) { return { weight: m.weight, titles: b.titles, posts: b.posts, tail: b.tail, entry: m.entry }; });
      }));
    }));
    var pages = new Map();
    lists.forEach(function (ls, i) { addTerm(pages, i, ls); });
    var results = rank(pages);
    var full = results.filter(function (r) { return r.cover === toks.length; }).length;
    if (full < PAGE_SIZE || wantAll) {
      var extended = await withTails(index, lists, wantAll);
      if (extended) {
        pages = new Map();
        extended.forEach(function (ls, i) { addTerm(pages, i, ls); });
        results = rank(pages);
      }
    }
    var partial = lists.some(function (ls) { return ls.some(function (l) { return l.tail; }); });
    return { results: results, partial: partial, highlight: highlightKeys(index, toks, terms) };
  }

  /** Adds the tails of exact matches when they fit the budget (or always when asked). */
  async function withTails(index, lists, always) {
    var size = 0;
    var todo = [];
    lists.forEach(function (ls) {
      ls.forEach(function (l) {
        if (l.tail && l.weight === 1) {
          size += l.tail.size;
          todo.push(l);
        }
      });
    });
    if (!todo.length || (!always && size > TAIL_BUDGET)) return null;
    await Promise.all(todo.map(function (l) {
      return index.tail(l).then(function (t) {
        l.titles = l.titles.concat(t.titles);
        l.posts = l.posts.concat(t.posts);
        l.tail = null;
      });
    }));
    return lists;
  }

  /** Keys to highlight: the matched keys, and every loaded key of a matched stem. */
  function highlightKeys(index, toks, terms) {
    var keys = new Set();
    var stems = new Set();
    terms.forEach(function (ms) {
      ms.forEach(function (m) {
        keys.add(m.entry.key);
        stems.add(m.entry.stem);
      });
    });
    index.vocabs.forEach(function (entries) {
      entries.forEach(function (e) {
        if (stems.has(e.stem)) keys.add(e.key);
      });
    });
    toks.forEach(function (t) {
      if (t.gram) keys.add(t.key);
    });
    return keys;
  }

  // ---------------------------------------------------------------------
  // Excerpts: built with text nodes and <mark> elements only.

  var EXCERPT_CHARS = 200;
  var EXCERPT_LEAD = 50;

  function marked(text, keys) {
    return tokenize(text).filter(function (t) { return keys.has(t.key); }).map(function (t) { return [t.start, t.end, t.key]; });
  }

  /** Appends text to el with ranges [start, end) wrapped in <mark>. */
  function appendMarked(el, text, ranges, from, to) {
    var pos = from;
    merge(ranges).forEach(function (r) {
      var s = Math.max(r[0], from);
      var e = Math.min(r[1], to);
      if (e <= s) return;
      if (s > pos) el.appendChild(document.createTextNode(text.slice(pos, s)));
      var m = document.createElement("mark");
      m.textContent = text.slice(s, e);
      el.appendChild(m);
      pos = e;
    });
    if (pos < to) el.appendChild(document.createTextNode(text.slice(pos, to)));
  }

  function merge(ranges) {
    var sorted = ranges.slice().sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    sorted.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  /** The window of about EXCERPT_CHARS with the most distinct matches,
   * starting a little before the first of them, cut at token edges. */
  function excerptWindow(text, keys) {
    if (text.length <= EXCERPT_CHARS) return [0, text.length];
    var toks = tokenize(text);
    var best = 0;
    var from = 0;
    for (var i = 0; i < toks.length; i++) {
      if (!keys.has(toks[i].key)) continue;
      var seen = new Set();
      for (var j = i; j < toks.length && toks[j].end - toks[i].start <= EXCERPT_CHARS - EXCERPT_LEAD; j++) {
        if (keys.has(toks[j].key)) seen.add(toks[j].key);
      }
      if (seen.size > best) {
        best = seen.size;
        from = toks[i].start;
      }
    }
    var start = 0;
    if (from > EXCERPT_LEAD) {
      var t = toks.find(function (x) { return x.start >= from - EXCERPT_LEAD; });
      start = t ? t.start : from;
    }
    var end = text.length;
    if (end - start > EXCERPT_CHARS) {
      var last = null;
      toks.forEach(function (x) {
        if (x.start >= start && x.end <= start + EXCERPT_CHARS) last = x;
      });
      end = last ? last.end : start + EXCERPT_CHARS;
    }
    return [start, end];
  }

  function excerpt(el, text, keys) {
    var w = excerptWindow(text, keys);
    if (w[0] > 0) el.appendChild(document.createTextNode("… "));
    appendMarked(el, text, marked(text, keys), w[0], w[1]);
    if (w[1] < text.length) el.appendChild(document.createTextNode(" …"));
  }

  // ---------------------------------------------------------------------
  // The dialog.

  function strings(ui) {
    var s = { count: [] };
    var tpl = ui.querySelector("template.search-strings");
    if (!tpl) return s;
    tpl.content.querySelectorAll("[data-k]").forEach(function (el) {
      if (el.dataset.k === "count") s.count.push([Number(el.dataset.n), el.textContent]);
      else s[el.dataset.k] = el.textContent;
    });
    return s;
  }

  /** "{count} results" in the page's language, from the rendered samples. */
  function countText(s, lang, n) {
    var rules;
    try {
      rules = new Intl.PluralRules(lang);
    } catch (e) {
      rules = new Intl.PluralRules("en");
    }
    var cat = rules.select(n);
    var sample = s.count.find(function (c) { return c[0] === n; }) || s.count.find(function (c) { return rules.select(c[0]) === cat; });
    if (!sample) return String(n);
    return sample[0] === n ? sample[1] : sample[1].split(String(sample[0])).join(String(n));
  }

  function isTyping(target) {
    if (!target || !(target instanceof Element)) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function Ui(root) {
    this.root = root;
    this.lang = root.dataset.lang || document.documentElement.lang || "en";
    this.s = strings(root);
    this.dialog = root.querySelector(".search-dialog");
    this.input = root.querySelector(".search-input");
    this.list = root.querySelector(".search-results");
    this.status = root.querySelector(".search-status");
    this.filters = root.querySelector(".search-filters");
    this.more = root.querySelector(".search-more");
    this.index = null;
    this.seq = 0;
    this.active = -1;
    this.filter = -1;
    this.shown = PAGE_SIZE;
    this.last = null;
    this.timer = 0;
    this.pending = false;
  }

  Ui.prototype.open = function () {
    if (!this.dialog.open) {
      if (typeof this.dialog.showModal === "function") this.dialog.showModal();
      else this.dialog.setAttribute("open", "");
    }
    if (!this.index) this.index = new Index(this.root.dataset.index);
    this.input.focus();
    this.input.select();
    if (!this.input.value) this.empty();
  };

  Ui.prototype.close = function () {
    if (this.dialog.open) this.dialog.close();
  };

  Ui.prototype.empty = function () {
    this.list.replaceChildren();
    this.filters.replaceChildren();
    this.filters.hidden = true;
    this.more.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.status.textContent = this.s.empty || "";
  };

  Ui.prototype.schedule = function () {
    var self = this;
    this.pending = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(false); }, DEBOUNCE_MS);
  };

  /** Runs the query in the box; `pending` is true until its results are shown. */
  Ui.prototype.run = async function (wantAll) {
    var query = this.input.value;
    var seq = ++this.seq;
    this.pending = true;
    try {
      await this.show(query, seq, wantAll);
    } catch (e) {
      if (seq === this.seq) {
        this.list.replaceChildren();
        this.status.textContent = this.s.error || String(e);
      }
    }
    if (seq === this.seq) this.pending = false;
  };

  Ui.prototype.show = async function (query, seq, wantAll) {
    if (!query.trim()) {
      this.last = null;
      this.empty();
      return;
    }
    if (!this.index) this.index = new Index(this.root.dataset.index);
    var started = performance.now();
    var found = await search(this.index, query, wantAll);
    if (seq !== this.seq) return;
    if (!wantAll) {
      this.filter = -1;
      this.shown = PAGE_SIZE;
    }
    this.last = { query: query, found: found, manifest: await this.index.manifest, all: wantAll };
    await this.render(seq);
    api.lastQueryMs = performance.now() - started;
  };

  function sectionOf(m, page) {
    var s = 0;
    for (var i = 0; i < m.sections.length; i++) if (m.sections[i][1] <= page) s = i;
    return s;
  }

  /** Shows the last results: the first EAGER with their documents loaded,
   * the others as placeholders filled when they scroll into view or are
   * selected. */
  Ui.prototype.render = async function (seq) {
    var last = this.last;
    var m = last.manifest;
    var filter = this.filter;
    var all = last.found.results;
    var results = filter < 0 ? all : all.filter(function (r) { return sectionOf(m, r.page) === filter; });
    var shown = results.slice(0, this.shown);
    var index = this.index;
    var first = this.shown - PAGE_SIZE;
    var eager = shown.slice(0, Math.max(EAGER, first + EAGER));
    var docs = await Promise.all(eager.map(function (r) { return index.doc(r.page, r.sec); }));
    if (seq !== this.seq) return;
    this.renderFilters(m, all);
    var self = this;
    if (this.observer) this.observer.disconnect();
    this.rows = shown.map(function (r, i) { return i < docs.length ? self.item(r, docs[i], i, m) : self.placeholder(r, i, m); });
    this.list.replaceChildren.apply(this.list, this.rows);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.input.setAttribute("aria-expanded", shown.length ? "true" : "false");
    this.more.hidden = !(results.length > shown.length || (!last.all && last.found.partial && shown.length >= PAGE_SIZE));
    if (!results.length) {
      this.status.textContent = (this.s.none || "").split("{query}").join(last.query.trim());
    } else {
      this.status.textContent = countText(this.s, this.lang, results.length);
    }
  };

  /** A row whose document is not loaded yet: an option named "Loading…"
   * that fills itself in when scrolled to or selected. */
  Ui.prototype.placeholder = function (r, i, m) {
    var li = document.createElement("li");
    li.className = "search-result search-result-pending";
    li.setAttribute("role", "none");
    var opt = document.createElement("div");
    opt.id = "search-option-" + i;
    opt.setAttribute("role", "option");
    opt.setAttribute("aria-selected", "false");
    opt.setAttribute("aria-busy", "true");
    opt.setAttribute("aria-label", this.s.loading || "…");
    li.appendChild(opt);
    var self = this;
    li.fill = opt.fill = function () {
      if (!li.filling) {
        li.filling = self.index.doc(r.page, r.sec).then(function (doc) {
          var row = self.item(r, doc, i, m);
          var a = row.firstChild;
          a.setAttribute("aria-selected", String(self.active === i));
          if (li.parentNode === self.list) li.replaceWith(row);
          self.rows[i] = row;
          return a;
        });
      }
      return li.filling;
    };
    if (typeof IntersectionObserver === "function") {
      if (!this.observer) {
        this.observer = new IntersectionObserver(function (entries) {
          entries.forEach(function (e) {
            if (e.isIntersecting && e.target.fill) e.target.fill().catch(function () {});
          });
        }, { root: this.list, rootMargin: "200px 0px" });
      }
      this.observer.observe(li);
    } else {
      li.fill().catch(function () {});
    }
    return li;
  };

  /** Renders the last results again (after a filter or "more"). */
  Ui.prototype.rerender = function () {
    var self = this;
    var seq = this.seq;
    if (!this.last) return;
    this.pending = true;
    this.render(seq).catch(function () {}).then(function () {
      if (seq === self.seq) self.pending = false;
    });
  };

  Ui.prototype.renderFilters = function (m, results) {
    var counts = new Map();
    results.forEach(function (r) {
      var s = sectionOf(m, r.page);
      if (m.sections[s][0]) counts.set(s, (counts.get(s) || 0) + 1);
    });
    this.filters.replaceChildren();
    this.filters.hidden = counts.size < 1 || (counts.size < 2 && this.filter < 0);
    if (this.filters.hidden) return;
    var self = this;
    var chip = function (label, value, n) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "search-filter";
      b.setAttribute("aria-pressed", String(self.filter === value));
      b.dataset.section = String(value);
      b.textContent = label;
      if (n !== null) {
        var c = document.createElement("span");
        c.className = "search-filter-count";
        c.textContent = String(n);
        b.appendChild(c);
      }
      b.addEventListener("click", function () {
        self.filter = value;
        self.shown = PAGE_SIZE;
        self.rerender();
        self.input.focus();
      });
      self.filters.appendChild(b);
    };
    chip(this.s.all || "All", -1, null);
    Array.from(counts.keys()).sort(function (a, b) { return a - b; }).forEach(function (s) { chip(m.sections[s][0], s, counts.get(s)); });
  };

  Ui.prototype.item = function (r, doc, i, m) {
    var keys = this.last.found.highlight;
    // The link is the option (inside a presentational item), so that a
    // result is one interactive element: selected by the arrow keys through
    // the combobox, opened by Enter, a click or a middle click.
    var li = document.createElement("li");
    li.className = "search-result";
    li.setAttribute("role", "none");
    var a = document.createElement("a");
    a.id = "search-option-" + i;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.href = doc.anchor ? doc.url + "#" + encodeURIComponent(doc.anchor) : doc.url;
    a.tabIndex = -1;
    var title = document.createElement("span");
    title.className = "search-result-title";
    appendMarked(title, doc.title, marked(doc.title, keys), 0, doc.title.length);
    a.appendChild(title);
    var section = m.sections[sectionOf(m, r.page)][0];
    if (section || doc.heading) {
      var where = document.createElement("span");
      where.className = "search-result-where";
      if (section) {
        var sl = document.createElement("span");
        sl.className = "search-result-section";
        sl.textContent = section;
        where.appendChild(sl);
      }
      if (doc.heading) {
        var h = document.createElement("span");
        h.className = "search-result-heading";
        appendMarked(h, doc.heading, marked(doc.heading, keys), 0, doc.heading.length);
        where.appendChild(h);
      }
      a.appendChild(where);
    }
    if (doc.text) {
      var p = document.createElement("span");
      p.className = "search-result-excerpt";
      excerpt(p, doc.text, keys);
      a.appendChild(p);
    }
    li.appendChild(a);
    var self = this;
    li.addEventListener("mousemove", function () { self.select(i, false); });
    return li;
  };

  Ui.prototype.select = function (i, scroll) {
    var items = this.list.querySelectorAll("[role=option]");
    if (!items.length) return;
    this.active = (i + items.length) % items.length;
    items.forEach(function (el, j) { el.setAttribute("aria-selected", String(j === this.active)); }, this);
    var el = items[this.active];
    this.input.setAttribute("aria-activedescendant", el.id);
    if (el.fill) el.fill().catch(function () {});
    if (scroll) el.scrollIntoView({ block: "nearest" });
  };

  /** Opens the selected result (the first when none is). */
  Ui.prototype.go = async function () {
    var i = this.active >= 0 ? this.active : 0;
    var a = this.list.querySelectorAll("[role=option]")[i];
    if (!a) return;
    if (a.fill) a = await a.fill();
    this.close();
    location.href = a.href;
  };

  Ui.prototype.onKey = function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      this.select(this.active + (e.key === "ArrowDown" ? 1 : this.active < 0 ? 0 : -1), true);
    } else if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      this.go();
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.close();
    }
  };

  Ui.prototype.bind = function () {
    var self = this;
    this.root.querySelectorAll("[data-search-open]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { self.open(); });
    });
    var close = this.root.querySelector("[data-search-close]");
    if (close) close.addEventListener("click", function () { self.close(); });
    this.input.addEventListener("input", function () { self.schedule(); });
    this.input.addEventListener("keydown", function (e) { self.onKey(e); });
    this.more.addEventListener("click", function () {
      self.shown += PAGE_SIZE;
      if (self.last && !self.last.all) self.run(true);
      else self.rerender();
    });
    this.dialog.addEventListener("click", function (e) {
      if (e.target === self.dialog) self.close();
    });
    document.addEventListener("keydown", function (e) {
      var k = e.key && e.key.toLowerCase();
      var combo = k === "k" && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      var slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (combo || slash) {
        e.preventDefault();
        self.open();
      }
    });
  };

  /** Moves the open button into the header's #search slot when there is one. */
  function mount(root) {
    var slot = document.getElementById("search");
    var button = root.querySelector("[data-search-open]");
    if (slot && button && !slot.contains(button) && slot !== root) {
      slot.appendChild(button);
      if (!root.dataset.index && slot.dataset.index) root.dataset.index = slot.dataset.index;
    }
  }

  var api = { tokenize: tokenize, Index: Index, search: search, ui: null, lastQueryMs: 0 };
  window.onrampSearch = api;

  /** Benchmark: bytes and time of a query from a cold index (top results'
   * documents included), time again through the dialog with everything
   * cached, and bytes of typing the query one character at a time. */
  api.bench = async function (q) {
    var url = api.ui.root.dataset.index;
    var cold = new Index(url);
    var t0 = performance.now();
    var found = await search(cold, q, false);
    await Promise.all(found.results.slice(0, EAGER).map(function (r) { return cold.doc(r.page, r.sec); }));
    var coldMs = performance.now() - t0;
    var ui = api.ui;
    ui.open();
    ui.index = cold;
    ui.input.value = q;
    t0 = performance.now();
    await ui.run(false);
    var warmMs = performance.now() - t0;
    ui.close();
    var typed = new Index(url);
    var chars = Array.from(q);
    for (var i = 1; i <= chars.length; i++) {
      var part = await search(typed, chars.slice(0, i).join(""), false);
      await Promise.all(part.results.slice(0, EAGER).map(function (r) { return typed.doc(r.page, r.sec); }));
    }
    var urls = Array.from(cold.files.keys()).map(function (u) { return new URL(u).pathname; });
    return { query: q, bytes: cold.bytes, files: cold.files.size, urls: urls, coldMs: coldMs, warmMs: warmMs, results: found.results.length, typedBytes: typed.bytes };
  };

  /** Benchmark: the rank (1-based, 0 if not in the top 10) of the page at url for a query. */
  api.rankOf = async function (q, url) {
    api.rankIndex = api.rankIndex || new Index(api.ui.root.dataset.index);
    var found = await search(api.rankIndex, q, false);
    var top = found.results.slice(0, PAGE_SIZE);
    for (var i = 0; i < top.length; i++) {
      if ((await api.rankIndex.doc(top[i].page, top[i].sec)).url === url) return i + 1;
    }
    return 0;
  };

  /** Fetches the language's `search/dialog.html` (the button and the
   * dialog, one file per language, so pages carry neither) into root, or
   * only the dialog's inside when the page has its own empty dialog.
   * Resolves false when the dialog cannot be had. */
  function fillDialog(root) {
    var dialog = root.querySelector(".search-dialog");
    if (dialog && dialog.querySelector(".search-input")) return Promise.resolve(true);
    var url = root.dataset.dialog;
    if (!url) return Promise.resolve(false);
    return fetch(url, { cache: "no-cache" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.text();
      })
      .then(function (html) {
        var t = document.createElement("template");
        t.innerHTML = html;
        var got = t.content.querySelector(".search-dialog");
        var button = t.content.querySelector("[data-search-open]");
        // What the page says of the version it searches, wherever it put it.
        var note = root.querySelector(".search-version");
        if (note) note.remove();
        if (dialog) {
          dialog.replaceChildren(got ? fragmentOf(got) : t.content);
          if (button && !root.querySelector("[data-search-open]")) root.prepend(button);
        } else if (got) {
          root.appendChild(t.content);
        } else {
          // A theme's dialog file with only the inside of the dialog.
          dialog = document.createElement("dialog");
          dialog.className = "search-dialog";
          dialog.appendChild(t.content);
          root.appendChild(dialog);
        }
        // It goes under the search box.
        if (note) {
          var box = root.querySelector(".search-box");
          if (box) box.after(note);
          else root.querySelector(".search-dialog").prepend(note);
          note.hidden = false;
        }
        return !!root.querySelector(".search-dialog .search-input");
      })
      .catch(function () { return false; });
  }

  function fragmentOf(el) {
    var f = document.createDocumentFragment();
    while (el.firstChild) f.appendChild(el.firstChild);
    return f;
  }

  /** The header's #search slot names the index; the dialog goes into a
   * block at the end of the page, out of the header's styles. */
  function rootOf(el) {
    if (el.id !== "search") return el;
    var root = document.createElement("div");
    root.className = "search-ui";
    root.setAttribute("data-search-ui", "");
    root.dataset.index = el.dataset.index;
    root.dataset.dialog = el.dataset.dialog || "";
    if (el.dataset.lang) root.dataset.lang = el.dataset.lang;
    el.removeAttribute("data-search-ui");
    while (el.firstChild) root.appendChild(el.firstChild);
    document.body.appendChild(root);
    return root;
  }

  /** On a page of another version than the latest, the dialog searches
   * that version; its button searches the latest release instead. */
  function bindVersion(ui) {
    var button = ui.root.querySelector("[data-search-latest]");
    if (!button || !button.dataset.searchLatest) return;
    button.addEventListener("click", function () {
      ui.root.dataset.index = button.dataset.searchLatest;
      ui.index = new Index(button.dataset.searchLatest);
      var note = button.closest(".search-version");
      if (note) note.hidden = true;
      ui.input.focus();
      ui.run(false);
    });
  }

  function init() {
    var root = document.querySelector("[data-search-ui]");
    if (!root || !root.dataset.index) return;
    root = rootOf(root);
    fillDialog(root).then(function (ok) {
      if (!ok) return;
      var ui = new Ui(root);
      api.ui = ui;
      ui.bind();
      bindVersion(ui);
      mount(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
