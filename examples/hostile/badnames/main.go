package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	files := flag.Int("files", 0, "write this many files instead of one badly named one")
	flag.Parse()
	if *files == 0 {
		if err := os.WriteFile("/outputs/bell\a.txt", []byte("ding\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "write:", err)
			os.Exit(1)
		}
		fmt.Println("wrote a file named with a control character")
		return
	}
	for i := 0; i < *files; i++ {
		if err := os.WriteFile(fmt.Sprintf("/outputs/f%05d", i), []byte{byte(i)}, 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "write file %d: %v\n", i, err)
			os.Exit(1)
		}
	}
	fmt.Printf("wrote %d files\n", *files)
}
