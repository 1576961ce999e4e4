// Command build bundles the dashboard's source (internal/web/src) into the
// files the binary embeds (internal/web/dist) with esbuild's Go API, so
// building it needs Go only: no npm, no node.
//
// Run it from the repository root (or through go generate in internal/web):
//
//	go run ./internal/web/build
//
// The output is deterministic: the same source gives the same bytes, and
// TestDistUpToDate fails when the committed dist is stale.
package main
