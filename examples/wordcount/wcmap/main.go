package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/deco-network/deco/examples/wordcount"
)

func main() {
	parts := 1
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 || n > 1024 {
			fail("the argument is the number of partitions (1-1024), got %q", os.Args[1])
		}
		parts = n
	}
	if os.Getenv("WORDCOUNT_FAIL") == "1" {
		fmt.Fprintln(os.Stderr, "wcmap: failing as WORDCOUNT_FAIL=1 asks")
		os.Exit(3)
	}
	files, err := filepath.Glob("/inputs/*")
	if err != nil || len(files) == 0 {
		fail("no input files in /inputs")
	}
	counts := make([]map[string]int, parts)
	for i := range counts {
		counts[i] = map[string]int{}
	}
	words := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			fail("%v", err)
		}
		err = wordcount.Words(f, func(w string) {
			counts[wordcount.Partition(w, parts)][w]++
			words++
		})
		f.Close()
		if err != nil {
			fail("%s: %v", name, err)
		}
	}
	for r, c := range counts {
		f, err := os.Create(fmt.Sprintf("/outputs/part-%d.txt", r))
		if err != nil {
			fail("%v", err)
		}
		if err := wordcount.Write(f, c); err != nil {
			fail("%v", err)
		}
		if err := f.Close(); err != nil {
			fail("%v", err)
		}
	}
	fmt.Printf("%d words in %d files, %d partitions\n", words, len(files), parts)
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "wcmap: "+format+"\n", a...)
	os.Exit(1)
}
