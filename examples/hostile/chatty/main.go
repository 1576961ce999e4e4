package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	lines := flag.Int("lines", 3, "lines to print")
	work := flag.Int("work", 200, "millions of loop iterations between lines")
	flag.Parse()
	x := uint64(1)
	for i := 0; i < *lines; i++ {
		fmt.Printf("chatty line %d\n", i)
		fmt.Fprintf(os.Stderr, "chatty progress %d/%d\n", i, *lines)
		for j := 0; j < *work*1_000_000; j++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	fmt.Printf("chatty done %d\n", x%10)
}
