#!/usr/bin/env bash
# The whole test suite, on a fresh clone or a working copy: sets up what the
# tests need that cargo does not fetch, then checks formatting and lints and
# runs `cargo test`. CI runs this too (.ci/run).
#
#   scripts/test.sh               set up, then fmt, clippy and cargo test
#   scripts/test.sh ARGS...       the same, with ARGS passed to cargo test
#                                 (e.g. `--test integration photos::`)
#   scripts/test.sh --setup-only  set up only (then `cargo test` works alone)
#
# Needs Rust (stable, with rustfmt and clippy), a C compiler (mimalloc is
# built from C) and Node.js with npm. Set-up installs the npm tools only
# into this folder (.tools/), and only when the pinned versions are not
# there yet, so a re-run does not touch the network; on Debian it installs
# the system packages the browser test needs (chromium, a Java runtime for
# the Nu HTML Checker) with apt-get when they are missing. The tests never
# install anything: a test whose tool is missing fails and says to run
# this script.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "scripts/test.sh: '$1' is not on PATH; $2" >&2
        exit 1
    }
}

# ---------------------------------------------------------------- set up --

need cargo "install Rust (stable, 1.91 or newer): https://rustup.rs"
need node "install Node.js (20 or newer) with npm"
need npm "install npm (it comes with Node.js)"

# npm packages the tests run, at the exact versions in
# .tools/package-lock.json, into .tools/node_modules:
#   @taplo/cli  taplo, checks report.toml against report.schema.json
#               (tests/integration/schema.rs)
#   pdfjs-dist  Mozilla's pdf.js, reads the PDF as a client does
#               (tests/integration/pdfjs.rs)
#   playwright-core, axe-core, vnu-jar
#               drive Chromium through the web edition, check it with axe
#               and with the Nu HTML Checker (tests/integration/browser.rs)
# To add or upgrade one: edit .tools/package.json (an exact version), then
# `npm install --package-lock-only --prefix .tools` and commit both files.
setup_npm() {
    local stamp=.tools/node_modules/.folio-installed
    if [[ -f $stamp ]] && cmp -s .tools/package-lock.json "$stamp"; then
        return
    fi
    echo "scripts/test.sh: installing the npm test tools into .tools/node_modules (npm ci)" >&2
    # --ignore-scripts: none is needed, and vnu-jar's would fetch a Java
    # runtime from outside the npm registry.
    npm ci --prefix .tools --ignore-scripts --no-audit --no-fund --loglevel=error
    cp .tools/package-lock.json "$stamp"
}

# System packages the browser test runs (tests/integration/browser.rs):
# Chromium, driven headless by playwright-core (never a browser build
# downloaded by Playwright), and Java for the Nu HTML Checker (vnu.jar).
setup_system() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
    [[ ${#missing[@]} -eq 0 ]] && return
    echo "scripts/test.sh: installing ${missing[*]} (apt-get)" >&2
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || {
            echo "scripts/test.sh: ${missing[*]} missing, and not root and no sudo to install it: install ${missing[*]} (Debian packages) by hand" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || {
        echo "scripts/test.sh: ${missing[*]} missing and no apt-get: install Chromium (as 'chromium' on PATH) and Java 17 by hand" >&2
        exit 1
    }
    if ! { "${sudo[@]}" apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >&2; then
        echo "scripts/test.sh: could not install ${missing[*]} with apt-get" >&2
        exit 1
    fi
    need chromium "apt-get installed the chromium package, but 'chromium' is still not on PATH"
    need java "apt-get installed Java, but 'java' is still not on PATH"
}

setup_npm
setup_system

if [[ ${1-} == --setup-only ]]; then
    exit 0
fi

# ------------------------------------------------------------------- run --

cargo fmt --check
cargo clippy --all-targets -- -D warnings

# The rust-version folio states (Cargo.toml) must be at least every
# resolved dependency's: with only one toolchain here, an older one cannot
# be tried, so the manifests say it.
cargo metadata --format-version 1 --locked | node -e '
let s = "";
process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const m = JSON.parse(s);
    const used = new Set(m.resolve.nodes.map((n) => n.id));
    const key = (v) => (v || "0").split(".").map(Number).concat([0, 0]).slice(0, 3);
    const cmp = (a, b) => { const x = key(a), y = key(b); for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i]; return 0; };
    const own = m.packages.find((p) => m.workspace_members.includes(p.id));
    const over = m.packages.filter((p) => p !== own && used.has(p.id) && cmp(p.rust_version, own.rust_version) > 0);
    for (const p of over)
        console.error(`scripts/test.sh: ${p.name} ${p.version} needs Rust ${p.rust_version}, but Cargo.toml says rust-version = "${own.rust_version}"`);
    process.exit(over.length ? 1 : 0);
});'

cargo test "$@"
