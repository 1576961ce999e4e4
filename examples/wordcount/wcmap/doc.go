// Command wcmap is the map stage of the word count: it counts the words of
// every file in /inputs and writes /outputs/part-<r>.txt for r below the
// number of partitions (args: PARTITIONS), each with the counts of the
// words of partition r. WORDCOUNT_FAIL=1 makes it fail (exit 3), for the
// failed-stage test.
package main
