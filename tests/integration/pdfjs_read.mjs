// Reads a PDF as Mozilla's pdf.js does for a screen reader (Firefox's
// viewer), and prints what it found as JSON on standard output:
//
//   {"pages": [{"structTree": <getStructTree()>,
//               "items": [{"str", "x", "y", "mc", "tag"}, ...]}, ...]}
//
// `items` are getTextContent({includeMarkedContent: true})'s text items in
// content order, each with the marked-content sequence it is inside: `mc`
// the innermost sequence's id (as the structure tree's content nodes name
// it, "p<page ref>R_mc<MCID>") or null, `tag` that sequence's tag
// ("Artifact", "P", ...) or null outside any. Run by
// tests/integration/pdfjs.rs:
//
//   node tests/integration/pdfjs_read.mjs FILE.pdf
//
// pdfjs-dist comes from .tools/node_modules (scripts/test.sh --setup-only
// installs it at the version in .tools/package-lock.json).

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lib = join(here, "..", "..", ".tools", "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs");
if (!existsSync(lib)) {
  console.error(`pdfjs_read.mjs: ${lib} is missing; run scripts/test.sh --setup-only`);
  process.exit(2);
}
const pdfjs = await import(pathToFileURL(lib).href);

const file = process.argv[2];
if (!file) {
  console.error("usage: node pdfjs_read.mjs FILE.pdf");
  process.exit(2);
}
const data = new Uint8Array(readFileSync(file));
const doc = await pdfjs.getDocument({
  data,
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  verbosity: 0,
}).promise;

const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const structTree = await page.getStructTree();
  const content = await page.getTextContent({ includeMarkedContent: true });
  const open = [];
  const items = [];
  for (const it of content.items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      open.push({ id: it.id ?? null, tag: it.tag ?? null });
    } else if (it.type === "endMarkedContent") {
      open.pop();
    } else if (typeof it.str === "string") {
      const top = open.length ? open[open.length - 1] : null;
      items.push({
        str: it.str,
        x: it.transform[4],
        y: it.transform[5],
        mc: top ? top.id : null,
        tag: top ? top.tag : null,
      });
    }
  }
  pages.push({ structTree, items });
  page.cleanup();
}
await doc.destroy();
process.stdout.write(JSON.stringify({ pages }));
