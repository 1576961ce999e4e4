#!/usr/bin/env bash
# Installs the stock go-ethereum node (geth) that the chain tests run against
# (`geth --dev`). Built from the Go module proxy: takes a few minutes on a
# 2-core machine. The binary lands in $(go env GOBIN) or $(go env GOPATH)/bin;
# put that directory on PATH.
set -euo pipefail

GETH_VERSION="${GETH_VERSION:-v1.17.10}"

bin_dir="$(go env GOBIN)"
if [ -z "$bin_dir" ]; then
	bin_dir="$(go env GOPATH)/bin"
fi

# grep reads all of geth's output (no -q): under pipefail, a geth killed by
# SIGPIPE would fail the check or the script.
if [ -x "$bin_dir/geth" ] && "$bin_dir/geth" version 2>/dev/null | grep "^Version: ${GETH_VERSION#v}" >/dev/null; then
	echo "geth ${GETH_VERSION} already installed at $bin_dir/geth"
	exit 0
fi

echo "installing geth ${GETH_VERSION} into $bin_dir (this takes a few minutes)"
# Build outside any module so the project's go.mod does not constrain geth's dependencies.
cd "$(mktemp -d)"
GOFLAGS=-mod=mod go install "github.com/ethereum/go-ethereum/cmd/geth@${GETH_VERSION}"
"$bin_dir/geth" version | sed -n 1,2p
case ":$PATH:" in
*":$bin_dir:"*) ;;
*) echo "note: add $bin_dir to PATH so the tests find geth" ;;
esac
