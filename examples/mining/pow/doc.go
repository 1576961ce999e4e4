// Package pow is the proof of work the mining example searches and its
// checker verifies: a nonce such that SHA-256(header || nonce as 8 bytes
// big-endian) starts with at least Bits zero bits, task i searching nonces
// [i×Span, (i+1)×Span). Both guests share it so they agree on the
// arguments and on the result file's format.
package pow
