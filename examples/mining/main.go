package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/deco-network/deco/examples/guest/deco"
	"github.com/deco-network/deco/examples/mining/pow"
)

func main() {
	index, _ := strconv.Atoi(os.Getenv("DECO_TASK_INDEX"))
	j, err := pow.Parse(os.Args[1:], index)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mining:", err)
		os.Exit(2)
	}
	nonce, ok := j.Search(func(p int) { deco.Progress(p) })
	if !ok {
		fmt.Fprintf(os.Stderr, "mining: no nonce in [%d, %d) gives %d leading zero bits; use a larger --span or fewer --bits\n", j.Start, j.Start+j.Span, j.Bits)
		os.Exit(1)
	}
	out := j.Format(nonce)
	if err := os.WriteFile(filepath.Join("/outputs", pow.ResultFile), []byte(out), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "mining:", err)
		os.Exit(1)
	}
	fmt.Print(out)
}
