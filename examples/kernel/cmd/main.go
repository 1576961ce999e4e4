package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/deco-network/deco/examples/kernel"
)

func main() {
	width := flag.Int("width", 160, "image width in pixels")
	height := flag.Int("height", 120, "image height in pixels")
	repeat := flag.Int("repeat", 1, "how many times to render the image")
	flag.Parse()
	if *width < 1 || *height < 1 || *repeat < 0 {
		fmt.Fprintln(os.Stderr, "kernel: --width and --height must be positive and --repeat not negative")
		os.Exit(2)
	}
	var sum uint64
	for i := 0; i < *repeat; i++ {
		sum = kernel.Checksum(kernel.RenderBand(*width, *height, 0, *height, 1))
	}
	fmt.Printf("checksum %016x\n", sum)
}
