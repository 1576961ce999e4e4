// Command membomb allocates memory in 8 MiB blocks, touching every page and
// keeping every block, until the Go runtime dies with "fatal error: out of
// memory". It prints how much it held after each block.
package main
