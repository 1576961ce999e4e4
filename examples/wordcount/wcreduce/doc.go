// Command wcreduce is the reduce stage of the word count: it sums the
// "word count" lines of every file in /inputs (one partition of every map
// task's output) and writes /outputs/counts.txt, sorted by word.
package main
