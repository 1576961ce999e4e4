package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/deco-network/deco/examples/mining/pow"
)

func main() {
	index, _ := strconv.Atoi(os.Getenv("DECO_TASK_INDEX"))
	j, err := pow.Parse(os.Args[1:], index)
	if err != nil {
		fmt.Fprintln(os.Stderr, "check:", err)
		os.Exit(2)
	}
	b, err := os.ReadFile(filepath.Join("/outputs", pow.ResultFile))
	if err != nil {
		fmt.Fprintf(os.Stderr, "no %s among the outputs: %v\n", pow.ResultFile, err)
		os.Exit(1)
	}
	if len(b) > 4096 {
		fmt.Fprintf(os.Stderr, "%s is %d bytes; a result is two short lines\n", pow.ResultFile, len(b))
		os.Exit(1)
	}
	if err := j.Check(string(b)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("ok:", pow.ResultFile, "holds a valid nonce")
}
