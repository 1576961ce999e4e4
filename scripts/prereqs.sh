#!/usr/bin/env bash
# Installs what the test suite needs beyond Go. Idempotent; quick when
# everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f contracts/package-lock.json ] && command -v npm >/dev/null 2>&1; then
  if [ ! -d contracts/node_modules ]; then
    echo "prereqs: installing pinned npm packages for contracts/ (solc, OpenZeppelin)"
    (cd contracts && npm ci --no-audit --no-fund)
  fi
fi
if [ -x contracts/install-geth.sh ]; then
  ./contracts/install-geth.sh
fi
# The C example guests (examples/counter/c) build with Debian's clang for
# wasm32-wasi; TestCModulesCurrent skips without it.
if ! command -v clang >/dev/null 2>&1 || [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "prereqs: installing clang, lld, wasi-libc and libclang-rt-dev-wasm32 for the C example guests"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang lld wasi-libc libclang-rt-dev-wasm32 >/dev/null
  else
    echo "prereqs: clang for wasm32-wasi missing; install clang lld wasi-libc libclang-rt-dev-wasm32 to rebuild the C example guests"
  fi
fi
# The Rust example guests (examples/counter/rust) build with Debian's rustc
# and its wasm32-wasi std; TestRustModulesCurrent skips without them
# locally (it fails under CI=true).
if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/wasm32-wasi ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "prereqs: installing rustc and libstd-rust-dev-wasm32 for the Rust example guests"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rustc libstd-rust-dev-wasm32 >/dev/null 2>&1; then
      apt-get update >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rustc libstd-rust-dev-wasm32 >/dev/null
    fi
  else
    echo "prereqs: Debian's rustc for wasm32-wasi missing; install rustc libstd-rust-dev-wasm32 to rebuild the Rust example guests"
  fi
fi
# The dashboard's browser test (e2e TestDashboardBrowser) drives Debian's
# chromium with the pinned playwright-core of e2e/browser; it never
# downloads a browser. It skips without them locally (fails under CI=true).
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "prereqs: installing chromium for the dashboard's browser test"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; then
      apt-get update >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null
    fi
  else
    echo "prereqs: chromium missing; install Debian's chromium to run the dashboard's browser test"
  fi
fi
if [ -f e2e/browser/package-lock.json ] && command -v npm >/dev/null 2>&1; then
  if [ ! -d e2e/browser/node_modules/playwright-core ]; then
    echo "prereqs: installing the pinned playwright-core for e2e/browser"
    (cd e2e/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
