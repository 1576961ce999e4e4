package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/deco-network/deco/examples/wordcount"
)

func main() {
	files, err := filepath.Glob("/inputs/*")
	if err != nil || len(files) == 0 {
		fail("no input files in /inputs")
	}
	counts := map[string]int{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			fail("%v", err)
		}
		err = wordcount.Read(f, counts)
		f.Close()
		if err != nil {
			fail("%s: %v", name, err)
		}
	}
	f, err := os.Create("/outputs/counts.txt")
	if err != nil {
		fail("%v", err)
	}
	if err := wordcount.Write(f, counts); err != nil {
		fail("%v", err)
	}
	if err := f.Close(); err != nil {
		fail("%v", err)
	}
	fmt.Printf("%d distinct words from %d files\n", len(counts), len(files))
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "wcreduce: "+format+"\n", a...)
	os.Exit(1)
}
