// Command spam writes 64 MiB to stdout and 64 MiB to stderr in 64 KiB
// chunks, then exits 0. The executor must keep only its capture caps.
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
