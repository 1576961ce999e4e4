// Package wordcount is the map/reduce word count of examples/jobs/wordcount.yaml,
// a multi-stage job: wcmap counts the words of one shard of text and splits
// the counts into partitions by word; wcreduce sums one partition over every
// map task's output, which it reads by content address from the providers
// that ran the maps. corpus writes the shards (examples/jobs/data/wordcount).
//
// Words are maximal runs of letters, lower-cased; a partition holds the
// words whose FNV-1a hash is its index modulo the number of partitions.
// Both programs write "word count" lines sorted by word.
package wordcount

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Words calls f for every word of r.
func Words(r io.Reader, f func(word string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		for _, w := range strings.FieldsFunc(sc.Text(), func(c rune) bool { return !unicode.IsLetter(c) }) {
			f(strings.ToLower(w))
		}
	}
	return sc.Err()
}

// Partition is the partition of word among n.
func Partition(word string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(word))
	return int(h.Sum32() % uint32(n))
}

// Write writes counts as "word count" lines sorted by word.
func Write(w io.Writer, counts map[string]int) error {
	words := make([]string, 0, len(counts))
	for word := range counts {
		words = append(words, word)
	}
	sort.Strings(words)
	bw := bufio.NewWriter(w)
	for _, word := range words {
		fmt.Fprintf(bw, "%s %d\n", word, counts[word])
	}
	return bw.Flush()
}

// Read adds the "word count" lines of r to counts.
func Read(r io.Reader, counts map[string]int) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		word, num, ok := strings.Cut(sc.Text(), " ")
		c, err := strconv.Atoi(num)
		if !ok || err != nil || word == "" {
			return fmt.Errorf("line %d: %q is not \"word count\"", n, sc.Text())
		}
		counts[word] += c
	}
	return sc.Err()
}
