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

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

func main() {
	_, file, _, _ := runtime.Caller(0)
	web := filepath.Dir(filepath.Dir(file))
	src := flag.String("src", filepath.Join(web, "src"), "the dashboard's source folder")
	out := flag.String("out", filepath.Join(web, "dist"), "where to write the built files (replaced)")
	flag.Parse()
	if err := build(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "build dashboard:", err)
		os.Exit(1)
	}
}
