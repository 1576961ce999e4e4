// Command badnames writes outputs no manifest can list: with --control
// (the default) one file whose name holds a control character; with
// --files N, N small files (a manifest lists at most 10,000, the sandbox
// allows 100,000). It exits 0: the fault is in what it leaves behind.
package main
