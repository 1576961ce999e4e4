package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

var vocabulary = strings.Fields(`the a of and to in is that it was for on with as by at from this be are
compute network provider consumer task job stage map reduce word count shard output input escrow voucher
receipt proof verify replica quorum market auction bid offer price token chain block hash content address
data blob peer stream gossip node sandbox module memory timeout checkpoint heartbeat lease cloud idle
render simulation training video mining analytics science model gradient frame pixel nonce sum partition
Alpha Beta Gamma Delta river mountain ocean forest desert city village bridge tower garden light shadow`)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: corpus DIR SHARDS WORDS_PER_SHARD")
		os.Exit(2)
	}
	shards, _ := strconv.Atoi(os.Args[2])
	words, _ := strconv.Atoi(os.Args[3])
	state := uint64(17)
	next := func(n int) int {
		state = state*6364136223846793005 + 1442695040888963407
		return int((state >> 33) % uint64(n))
	}
	for s := 0; s < shards; s++ {
		var b strings.Builder
		line := 0
		for w := 0; w < words; w++ {
			// Skewed: low indices are drawn more often, like real text.
			word := vocabulary[min(next(len(vocabulary)), next(len(vocabulary)))]
			if line > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(word)
			line++
			if next(12) == 0 {
				b.WriteString(".")
			}
			if line == 14 {
				b.WriteString("\n")
				line = 0
			}
		}
		b.WriteString("\n")
		if err := os.WriteFile(filepath.Join(os.Args[1], fmt.Sprintf("shard-%d.txt", s)), []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
