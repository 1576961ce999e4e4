// Command nondet prints everything a program could use to behave
// differently from one run to the next: wall and monotonic time, time
// passing across a sleep, crypto/rand and math/rand output, map iteration
// order, the environment and the process id. Under Deco two runs with the
// same seed must print the same bytes.
package main
