package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	mb := flag.Int("mb", 64, "MiB to write")
	flag.Parse()
	f, err := os.Create("/outputs/big.bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "create:", err)
		os.Exit(1)
	}
	chunk := make([]byte, 1<<20)
	for i := 0; i < *mb; i++ {
		if _, err := f.Write(chunk); err != nil {
			fmt.Fprintf(os.Stderr, "write after %d MiB: %v\n", i, err)
			os.Exit(1)
		}
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "close:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d MiB\n", *mb)
}
