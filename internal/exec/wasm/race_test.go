//go:build race

package wasm

// raceEnabled: under the race detector wazero's compiler is instrumented
// too and compiling one Go-built guest takes most of a minute.
const raceEnabled = true
