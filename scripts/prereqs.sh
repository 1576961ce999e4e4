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
