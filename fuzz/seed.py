#!/usr/bin/env python3
"""Seeds fuzz/corpus/loader and fuzz/corpus/markdown (not committed) from the
repository's report.toml, the fixtures and the variants in
tests/corpus/cases.toml. Run from anywhere: python3 fuzz/seed.py"""
import hashlib, pathlib, tomllib

fuzz = pathlib.Path(__file__).resolve().parent
root = fuzz.parent
loader = fuzz / "corpus" / "loader"
markdown = fuzz / "corpus" / "markdown"
for d in (loader, markdown):
    d.mkdir(parents=True, exist_ok=True)

def put(d, data):
    if isinstance(data, str):
        data = data.encode()
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

reports = [root / "report.toml", *sorted(root.glob("tests/fixtures/*/report.toml"))]
base = (root / "report.toml").read_text()
for p in reports:
    put(loader, p.read_bytes())

# Case variants, as tests/corpus.rs makes them; the generators that make
# megabytes (long paragraphs, 20,000 events) are left out.
cases = tomllib.loads((root / "tests/corpus/cases.toml").read_text())["case"]
for c in cases:
    if "text" in c:
        put(loader, c["text"])
        continue
    text = base
    for a, b in c.get("replace", []):
        text = text.replace(a, b, 1)
    g = c.get("generate")
    if g is None:
        put(loader, text)
    elif g == "garbage":
        x, out = 12345, bytearray()
        for _ in range(4096):
            x = (x * 1103515245 + 12345) & 0xFFFFFFFF
            out.append((x >> 16) & 0xFF)
        put(loader, bytes(out))
    elif g == "invalid-utf8":
        b = text.encode()
        put(loader, b[: len(b) // 2] + b"\xc3\x28\xff" + b[len(b) // 2 :])

# Small reports: the fuzzer mutates these far faster than 88 KB ones.
meta = """[report]
title = "Report"
organisation = "Org"
year = 2023
language = "en"
author = "Org"
date = 2023-12-31
"""
put(loader, meta)
put(loader, meta + '\n[output]\npdf = "r.pdf"\n\n[[sections]]\nid = "a"\ntitle = "A"\nbody = """\nSome **bold** [link](#a) {{events.count}}\n"""\n')
# One small seed per top-level table of report.toml: [report] plus the
# first entry of that table, so every kind of entry is in reach.
doc = tomllib.loads(base)
chunks, cur = {}, None
for line in base.splitlines(keepends=True):
    s = line.strip()
    if s.startswith("[") and not s.startswith("[["):
        cur = s.strip("[]").split(".")[0]
        if cur not in chunks:
            chunks[cur] = ""
    elif s.startswith("[["):
        cur = s.strip("[]")
        if cur in chunks and chunks[cur].count(line) >= 1:
            cur = None  # only the first entry
        else:
            chunks.setdefault(cur, "")
    if cur is not None:
        chunks[cur] += line
for name, chunk in chunks.items():
    if name != "report":
        put(loader, chunks.get("report", meta) + "\n" + chunk)

# Markdown: every section body of the reports, and the constructs the
# dialect knows.
for p in reports:
    for s in tomllib.loads(p.read_text()).get("sections", []):
        if s.get("body") and len(s["body"].encode()) <= 4096:
            put(markdown, s["body"])
for m in [
    "", "Plain text.", "**bold** *italic* ***both***", "[a link](https://example.org) and [another](#other)",
    "- one\n- two\n  - nested\n    - deeper\n", "1. first\n2. second\n",
    "> A call-out\n>\n> — Someone\n", "> > nested\n> > quote\n", "line  \nbreak\nsoft",
    "# Heading\n\ntext", "`code` and\n\n```\nblock\n```\n", "{{events.count}} events, {{members.count}} members",
    "![alt](images/x.png \"Caption\"){width=half credit=\"Photo: X\"}",
    "<b>html</b> &amp; entities &#x2014;", "| a | b |\n|---|---|\n| 1 | 2 |\n", "\"quotes\" -- dashes --- ...",
    "word " * 200, "x" * 3000, "日本語のテキスト。中文文本。한국어 텍스트. Ελληνικά. Русский.",
]:
    put(markdown, m)
print(f"loader: {len(list(loader.iterdir()))} seeds, markdown: {len(list(markdown.iterdir()))} seeds")
