// Command bigoutput writes --mb MiB (default 64) to /outputs/big.bin in
// 1 MiB chunks. When a write fails (the executor refuses once the output
// limit is reached) it reports the error on stderr and exits 1.
package main
