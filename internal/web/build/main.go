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
