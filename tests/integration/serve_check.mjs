// `folio serve` as someone editing report.toml meets it in a real browser:
// Chromium (headless, driven by playwright-core, with a fresh profile).
// Run by tests/integration/serve_browser.rs once the server has built:
//
//   node tests/integration/serve_check.mjs ADDRESS REPORT_TOML
//
// The page at http://ADDRESS/overview.html is opened once and never
// reloaded by this script: after an event's title is changed in
// REPORT_TOML the new title must be on the page within 2 s (the live
// script reloads it); after a broken save the banner must show the
// problem with its place (report.toml:LINE:); after the fix the banner
// must go. Paths that climb out of the folder, plain or encoded, must be
// 404, asked for both raw (no client-side clean-up) and by the browser.
//
// Prints each failure on a line; exits 1 if there were any, 2 if a tool
// is missing (scripts/test.sh --setup-only installs them).

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SETUP = "run scripts/test.sh --setup-only";
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "..", ".tools", "package.json"));

function missing(what) {
  console.error(`serve_check.mjs: ${what}; ${SETUP}`);
  process.exit(2);
}

let chromium;
try {
  ({ chromium } = require("playwright-core"));
} catch (e) {
  missing(`playwright-core is missing (${e.message.split("\n")[0]})`);
}
function onPath(name) {
  for (const d of (process.env.PATH || "").split(delimiter)) {
    try {
      if (statSync(join(d, name)).isFile()) return join(d, name);
    } catch {}
  }
  return null;
}
const browserPath = onPath("chromium") || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null);
if (!browserPath) missing("Chromium is not installed ('chromium' is not on PATH)");

const [address, reportPath] = process.argv.slice(2);
if (!address || !reportPath) {
  console.error("usage: node serve_check.mjs ADDRESS REPORT_TOML");
  process.exit(2);
}
const base = `http://${address}`;
/** How long a save may take to show on the open page. */
const LIVE_MS = 2000;
const failures = [];
const fail = (what) => failures.push(what);

/** A raw GET: the path is sent exactly as given. */
function rawStatus(path) {
  return new Promise((done, failed) => {
    const [host, port] = address.split(":");
    const req = http.request({ host, port, path, method: "GET" }, (res) => {
      res.resume();
      done(res.statusCode);
    });
    req.on("error", failed);
    req.end();
  });
}

const original = readFileSync(reportPath, "utf8");
const title = "ICLEI-UNDRR Disaster Resilience Building Series";
const moved = `${title} (moved)`;
const edited = original.replace(`title = "${title}"`, `title = "${moved}"`);
if (edited === original) missing(`the event "${title}" is not in ${reportPath}`);
const broken = edited.replace("year = 2023", 'year = "twenty"');
const brokenLine = broken.slice(0, broken.indexOf('year = "twenty"')).split("\n").length;

const profile = mkdtempSync(join(tmpdir(), "folio-serve-profile-"));
const context = await chromium.launchPersistentContext(profile, {
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
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (e) => fail(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") fail(`console error: ${m.text()}`);
  });
  const first = await page.goto(`${base}/overview.html`);
  if (first?.status() !== 200) fail(`/overview.html: status ${first?.status()}, expected 200`);
  const body = () => page.locator("body").innerText();
  if (!(await body()).includes(title)) fail(`the page does not show "${title}" before the edit`);
  // Saved at once, maybe before the page's event stream is open: the page
  // knows the build it was served from, so it still reloads.

  // A save: the new title, without a reload by hand.
  let saved = Date.now();
  writeFileSync(reportPath, edited);
  try {
    await page.waitForFunction((t) => document.body.innerText.includes(t), moved, { timeout: LIVE_MS });
    console.log(`the new title showed ${Date.now() - saved} ms after the save`);
  } catch {
    fail(`the new title "${moved}" did not show within ${LIVE_MS} ms of the save`);
  }

  // A broken save: the banner, with the problem's place.
  saved = Date.now();
  writeFileSync(reportPath, broken);
  const banner = page.locator("#folio-problems");
  try {
    await banner.waitFor({ state: "visible", timeout: LIVE_MS });
    const text = await banner.innerText();
    if (!text.includes(`report.toml:${brokenLine}:`)) {
      fail(`the banner does not give the place report.toml:${brokenLine}: — it says: ${text}`);
    }
    if ((await banner.getAttribute("role")) !== "alert") fail("the banner is not role=alert");
    console.log(`the banner showed ${Date.now() - saved} ms after the broken save`);
  } catch {
    fail(`no banner within ${LIVE_MS} ms of a broken save`);
  }
  if (!(await body()).includes(moved)) fail("the last good edition went while the report was broken");

  // Fixed: the banner goes.
  saved = Date.now();
  writeFileSync(reportPath, edited);
  try {
    await page.waitForFunction(() => !document.getElementById("folio-problems"), null, { timeout: LIVE_MS });
    console.log(`the banner went ${Date.now() - saved} ms after the fix`);
  } catch {
    fail(`the banner stayed more than ${LIVE_MS} ms after the fix`);
  }

  // Nothing outside the folder, however the path is spelt.
  for (const path of [
    "/../report.toml",
    "/%2e%2e/report.toml",
    "/%2E%2E/report.toml",
    "/..%2freport.toml",
    "/%2e%2e%2freport.toml",
    "/annual-report-2023/../../report.toml",
    "/.folio-manifest",
  ]) {
    const status = await rawStatus(path);
    if (status !== 404) fail(`raw GET ${path}: status ${status}, expected 404`);
  }
  const other = await context.newPage();
  for (const path of ["/%2e%2e/report.toml", "/..%2freport.toml"]) {
    const r = await other.goto(`${base}${path}`);
    if (r?.status() !== 404) fail(`the browser's GET ${path}: status ${r?.status()}, expected 404`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(failures.length ? `${failures.length} failures` : "serve: all checks passed");
process.exit(failures.length ? 1 : 0);
