// Checks a built web edition as a browser user meets it, with tools folio
// did not write: real Chromium (headless, driven by playwright-core),
// axe-core and the W3C Nu HTML Checker (vnu.jar). Run by
// tests/integration/browser.rs:
//
//   node tests/integration/web_check.mjs EDITION_FOLDER SHOTS_FOLDER
//
// Every page is opened over a small local HTTP server that sends a strict
// `Content-Security-Policy: default-src 'self'`, at 375 px and 1280 px
// wide. A page fails on a CSP violation, a console error, a failed request
// or one outside the server's origin, on scrolling sideways (only table
// regions may), and on any axe violation of the WCAG 2.0/2.1/2.2 A and AA
// rules. A full-page screenshot of each is saved in SHOTS_FOLDER as
// NAME-WIDTH.png. The pages are opened from file:// too (the style sheet
// must apply), and vnu.jar checks every .html file (no errors allowed).
//
// Prints each finding on a line (page, width, rule, element) and a summary;
// exits 1 if there were findings, 2 if a tool is missing. The tools come
// from .tools/node_modules (scripts/test.sh --setup-only installs them).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { delimiter, dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SETUP = "run scripts/test.sh --setup-only";
const here = dirname(fileURLToPath(import.meta.url));
const tools = join(here, "..", "..", ".tools");
const require = createRequire(join(tools, "package.json"));

function missing(what) {
  console.error(`web_check.mjs: ${what}; ${SETUP}`);
  process.exit(2);
}

let chromium, axeSource, vnuJar;
try {
  ({ chromium } = require("playwright-core"));
  axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  vnuJar = String(require("vnu-jar"));
} catch (e) {
  missing(`an npm test tool is missing from ${join(tools, "node_modules")} (${e.message.split("\n")[0]})`);
}
if (!existsSync(vnuJar)) missing(`${vnuJar} is missing`);

/** The first `name` on PATH, or null. */
function onPath(name) {
  for (const d of (process.env.PATH || "").split(delimiter)) {
    const p = join(d, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {}
  }
  return null;
}
const browserPath = onPath("chromium") || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null);
if (!browserPath) missing("Chromium is not installed ('chromium' is not on PATH)");
const javaPath = onPath("java");
if (!javaPath) missing("Java is not installed ('java' is not on PATH; the Nu HTML Checker needs it)");

const [editionArg, shotsArg] = process.argv.slice(2);
if (!editionArg || !shotsArg) {
  console.error("usage: node web_check.mjs EDITION_FOLDER SHOTS_FOLDER");
  process.exit(2);
}
const root = resolve(editionArg);
const shots = resolve(shotsArg);
mkdirSync(shots, { recursive: true });
const pages = readdirSync(root)
  .filter((f) => f.endsWith(".html"))
  .sort((a, b) => (a === "index.html" ? -1 : b === "index.html" ? 1 : a.localeCompare(b)));

const findings = [];
const find = (page, width, rule, detail) => findings.push({ page, width, rule, detail });
const started = Date.now();

// ---------------------------------------------------- the Nu HTML Checker --
// Runs beside the browser (it is a separate process) and is awaited last.
const vnu = new Promise((done) => {
  const p = spawn(javaPath, ["-jar", vnuJar, "--errors-only", "--format", "json", ...pages.map((f) => join(root, f))], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  p.stderr.on("data", (d) => (out += d));
  p.on("error", (e) => done({ error: `cannot run java: ${e.message}` }));
  p.on("close", (code) => {
    try {
      done({ messages: JSON.parse(out).messages || [] });
    } catch {
      done({ error: `vnu.jar exited with ${code} and printed no JSON: ${out.slice(0, 2000)}` });
    }
  });
});

// ------------------------------------------------------ the local server --
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};
const server = http.createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = resolve(root, "." + (path.endsWith("/") ? path + "index.html" : path));
  let body = null;
  if (file === root || file.startsWith(root + sep)) {
    try {
      body = readFileSync(file);
    } catch {}
  }
  const headers = { "Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff" };
  if (body === null) {
    res.writeHead(404, { ...headers, "Content-Type": "text/plain" });
    res.end("not found");
    return;
  }
  res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file).toLowerCase()] || "application/octet-stream" });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// -------------------------------------------------------------- Chromium --
const browser = await chromium.launch({
  executablePath: browserPath,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

/** Records what goes wrong while `page` shows the page `shown()` names
 * at `width`. */
function watch(page, shown, width, allowed) {
  page.on("console", (m) => {
    if (m.type() === "error") find(shown(), width, "console-error", m.text());
  });
  page.on("pageerror", (e) => find(shown(), width, "page-error", e.message));
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: the browser dropped the request itself, as when the tab
    // moves on to the next page before the last one's icon came; a file
    // that is not there fails with its own error (or answers 404, below).
    const error = r.failure()?.errorText;
    if (error !== "net::ERR_ABORTED") find(shown(), width, "request-failed", `${r.url()} (${error})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) find(shown(), width, "request-failed", `${r.url()} answered ${r.status()}`);
  });
  page.on("request", (r) => {
    if (!allowed(r.url())) find(shown(), width, "outside-request", r.url());
  });
}

// Reports CSP violations from inside the page (Chromium also logs them as
// console errors; this names the directive and the blocked address).
const cspProbe = () => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`),
  );
};

/** Elements that stick out past the right edge outside a scrolling region. */
const overflow = () => {
  const w = window.innerWidth;
  if (document.documentElement.scrollWidth <= w) return null;
  const name = (e) =>
    e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const path = (e) => {
    const parts = [];
    for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) parts.unshift(name(n));
    return parts.join(" > ");
  };
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    if (e.closest(".table")) continue;
    const r = e.getBoundingClientRect();
    if (r.right > w + 0.5 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 0.5)) {
      out.push(`${path(e)} reaches ${Math.round(r.right)} px`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, width: w, elements: out.slice(0, 8) };
};

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const timing = {};

/** Every page at `width`, one after another in a context of its own. */
async function atWidth(width) {
  const t0 = Date.now();
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript(cspProbe);
  // One tab for all the pages, as a reader follows links: a new tab per
  // page would start a renderer each time, which cost more than the
  // checks.
  const page = await context.newPage();
  let shown = "";
  watch(page, () => shown, width, (u) => u.startsWith(origin + "/") || u.startsWith("data:"));
  for (const name of pages) {
    shown = name;
    const response = await page.goto(`${origin}/${name}`, { waitUntil: "load" });
    if (!response || !response.ok()) find(name, width, "request-failed", `the page answered ${response?.status()}`);
    // Lazy images load as they come near: bring them all in, then back up.
    await page.evaluate(async () => {
      for (const img of document.images) img.loading = "eager";
      await Promise.all([...document.images].map((i) => (i.complete ? null : new Promise((r) => (i.onload = i.onerror = r)))));
      await document.fonts.ready;
    });
    // (No wait for "networkidle": it is a fixed 500 ms of quiet per page,
    // and the page's images and fonts are awaited above; a request still
    // failing or going outside is reported by `watch` all the same.)
    for (const img of await page.evaluate(() => [...document.images].filter((i) => !i.naturalWidth).map((i) => i.src))) {
      find(name, width, "broken-image", img);
    }
    const over = await page.evaluate(overflow);
    if (over) {
      find(name, width, "horizontal-scroll", `page is ${over.scrollWidth} px wide in a ${over.width} px window: ${over.elements.join("; ") || "(no single element found)"}`);
    }
    await page.screenshot({ path: join(shots, `${name.replace(/\.html$/, "")}-${width}.png`), fullPage: true });
    // The numbers behind each chart are in <details>: open them, so axe
    // and the width check see them as a reader who opens them does.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const overOpen = await page.evaluate(overflow);
    if (overOpen && !over) {
      find(name, width, "horizontal-scroll", `with the chart numbers open: page is ${overOpen.scrollWidth} px wide: ${overOpen.elements.join("; ")}`);
    }
    await page.evaluate(axeSource);
    const axe = await page.evaluate(
      (tags) => axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      TAGS,
    );
    for (const v of axe.violations) {
      for (const n of v.nodes) {
        find(name, width, `axe ${v.id} (${v.impact})`, `${v.help}: ${n.target.join(" ")} — ${(n.failureSummary || "").replace(/\s+/g, " ")}`);
      }
    }
    for (const c of await page.evaluate(() => window.__csp)) find(name, width, "csp-violation", c);
  }
  await page.close();
  await context.close();
  timing[`${width} px`] = Date.now() - t0;
}

// --------------------------------------------------------------- file:// --
/** Every page from file://: the style sheet must apply. */
async function fromFiles() {
  const t0 = Date.now();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const base = pathToFileURL(root + sep).href;
  const page = await context.newPage();
  let shown = "";
  watch(page, () => shown, 1280, (u) => u.startsWith(base) || u.startsWith("data:"));
  for (const name of pages) {
    shown = `file:${name}`;
    await page.goto(base + name, { waitUntil: "load" });
    const state = await page.evaluate(async () => {
      await document.fonts.ready;
      const skip = document.querySelector(".skip");
      return {
        skipBottom: skip ? skip.getBoundingClientRect().bottom : null,
        sheets: document.styleSheets.length,
        font: getComputedStyle(document.body).fontFamily,
      };
    });
    if (state.sheets < 1) find(`file:${name}`, 1280, "no-style-sheet", "no style sheet applies from file://");
    if (state.skipBottom === null) find(`file:${name}`, 1280, "no-skip-link", "no .skip link on the page");
    else if (state.skipBottom > 0) find(`file:${name}`, 1280, "style-not-applied", `the skip link is on screen (bottom at ${state.skipBottom} px): style.css did not apply`);
  }
  await page.close();
  await context.close();
  timing["file://"] = Date.now() - t0;
}

// The two widths and file:// at once, each in a context of its own, so
// the machine's cores share the work.
await Promise.all([atWidth(375), atWidth(1280), fromFiles()]);

await browser.close();
server.close();

const t0 = Date.now();
const checked = await vnu;
timing["vnu (after the browser)"] = Date.now() - t0;
if (checked.error) find("(all)", "-", "vnu", checked.error);
for (const m of checked.messages || []) {
  if (m.type !== "error" && m.subType !== "fatal") continue;
  const page = m.url ? m.url.replace(/^file:.*\//, "") : "(?)";
  find(page, "-", "vnu", `line ${m.lastLine}: ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim())}` : ""}`);
}

// ---------------------------------------------------------------- report --
const weights = pages.map((f) => `${f} ${statSync(join(root, f)).size}`);
console.log(`checked ${pages.length} pages at 375 and 1280 px, from file:// and with vnu.jar in ${Date.now() - started} ms (${Object.entries(timing).map(([k, v]) => `${k} ${v} ms`).join(", ")})`);
console.log(`page bytes: ${weights.join(", ")}`);
console.log(`screenshots in ${shots}`);
// The checks ran side by side: findings in a stable order.
findings.sort((a, b) => `${a.page}\t${a.width}\t${a.rule}\t${a.detail}`.localeCompare(`${b.page}\t${b.width}\t${b.rule}\t${b.detail}`));
for (const f of findings) console.log(`${f.page} @ ${f.width}: ${f.rule}: ${f.detail}`);
console.log(findings.length ? `${findings.length} findings` : "no findings");
process.exit(findings.length ? 1 : 0);
