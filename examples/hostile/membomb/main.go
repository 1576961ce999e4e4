package main

import (
	"fmt"
	"os"
)

func main() {
	var keep [][]byte
	for total := 0; ; {
		b := make([]byte, 8<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = byte(i)
		}
		keep = append(keep, b)
		total += len(b)
		fmt.Fprintf(os.Stdout, "holding %d MiB\n", total>>20)
	}
}
