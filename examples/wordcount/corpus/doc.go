// Command corpus writes the word count's text shards, deterministically:
// sentences drawn from a fixed vocabulary by a fixed linear congruential
// generator, so the same files come out on every machine.
//
//	go run ./examples/wordcount/corpus DIR SHARDS WORDS_PER_SHARD
package main
