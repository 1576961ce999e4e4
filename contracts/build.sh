#!/usr/bin/env bash
# Builds Deco's contracts and their Go bindings.
#
#   contracts/build.sh [OUT_ROOT]
#
# 1. npm ci in contracts/ (pinned solc and @openzeppelin/contracts from package-lock.json);
# 2. compile.js: solc standard JSON, optimizer on -> OUT_ROOT/contracts/artifacts/
#    (<Name>.abi, <Name>.bin, test/<Name>.*, combined.json);
# 3. abigen v2 (pinned go-ethereum) -> OUT_ROOT/internal/chain/bindings/*.go and
#    OUT_ROOT/internal/chain/internal/hostile/*.go (test-only contracts).
#
# OUT_ROOT defaults to the repository root, so a plain run refreshes the
# committed outputs. internal/chain's TestGeneratedUpToDate runs this script
# into a temporary OUT_ROOT and fails if the committed files differ.
# Set SKIP_NPM_CI=1 to reuse an existing node_modules.
set -euo pipefail

ABIGEN="github.com/ethereum/go-ethereum/cmd/abigen@v1.17.10"

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$root}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

command -v npm >/dev/null || { echo "build.sh: npm not found; install Node.js (npm) to build the contracts" >&2; exit 1; }
command -v go >/dev/null || { echo "build.sh: go not found" >&2; exit 1; }

cd "$here"
if [ "${SKIP_NPM_CI:-}" != "1" ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi

artifacts="$out/contracts/artifacts"
rm -rf "$artifacts"
node compile.js "$artifacts"

# bind NAME ARTIFACT_DIR PKG_DIR FILE
bind() {
	local name="$1" dir="$2" pkgdir="$3" file="$4"
	mkdir -p "$pkgdir"
	(cd "$pkgdir" && GOFLAGS=-mod=mod go run "$ABIGEN" --v2 \
		--abi "$dir/$name.abi" --bin "$dir/$name.bin" \
		--pkg "$(basename "$pkgdir")" --type "$name" --out "$pkgdir/$file")
	chmod 644 "$pkgdir/$file"
}

bindings="$out/internal/chain/bindings"
hostile="$out/internal/chain/internal/hostile"
rm -f "$bindings"/*.gen.go "$hostile"/*.gen.go
bind DecoToken "$artifacts" "$bindings" token.gen.go
bind ProviderRegistry "$artifacts" "$bindings" registry.gen.go
bind JobEscrow "$artifacts" "$bindings" escrow.gen.go
bind Groth16Verifier "$artifacts" "$bindings" verifier.gen.go
bind ReentrantToken "$artifacts/test" "$hostile" reentrant_token.gen.go
echo "build.sh: wrote $artifacts, $bindings, $hostile"
