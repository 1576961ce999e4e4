#!/bin/sh
# Builds the Rust counter for wasm32-wasi reproducibly: no debug info or
# symbols, one codegen unit, no local paths in the module. Run from
# examples/ (go generate does); OUT defaults to counter/rust/counter.wasm.
# Without OUT it also records the compiler in counter/rust/RUSTCVERSION.
set -eu
rustc=${RUSTC:-/usr/bin/rustc}
out=${1:-counter/rust/counter.wasm}
"$rustc" --edition 2021 --target wasm32-wasi -O -C debuginfo=0 -C strip=symbols -C codegen-units=1 \
	--remap-path-prefix="$(pwd)=." -o "$out" counter/rust/counter.rs
if [ "$out" = counter/rust/counter.wasm ]; then
	"$rustc" --version > counter/rust/RUSTCVERSION
fi
