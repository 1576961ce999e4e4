package main

import (
	"bytes"
	"os"
)

func main() {
	out := bytes.Repeat([]byte("spam! "), 64<<10/6)
	for i := 0; i < 1024; i++ {
		os.Stdout.Write(out)
		os.Stderr.Write(out)
	}
	os.Stdout.WriteString("\nspam done\n")
}
