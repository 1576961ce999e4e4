// Command check is the mining example's checker (verification: check):
// the consumer runs it on each task's result with the task's args, and it
// verifies /outputs/nonce.txt with one hash. Exit 0 accepts the result;
// exit 1 rejects it, saying why on stderr.
//
// Usage: check --header HEX --bits BITS --span SPAN
package main
