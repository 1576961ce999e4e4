// Command mining is a proof-of-work nonce search: task i of a job looks
// through nonces [i×span, (i+1)×span) for the first whose
// SHA-256(header || nonce as 8 bytes big-endian) has at least BITS leading
// zero bits, and writes /outputs/nonce.txt:
//
//	nonce <decimal>
//	hash <64 hex digits>
//
// A range without such a nonce fails the task (exit 1). Its result is
// checked with one hash by check/ (the job's checker under verification:
// check), so the job needs no replicas.
//
// Usage: mining --header HEX --bits BITS --span SPAN
package main
