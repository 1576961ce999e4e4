// Command spam writes 64 MiB to stdout and 64 MiB to stderr in 64 KiB
// chunks, then exits 0. The executor must keep only its capture caps.
package main
