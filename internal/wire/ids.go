package wire

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// JobID names a job: 16 random bytes in lowercase hex (32 characters).
type JobID string

// ErrBadJobID reports a malformed job id.
var ErrBadJobID = errors.New("job id must be 32 lowercase hex characters")

// NewJobID builds a JobID from 16 bytes of entropy supplied by the caller
// (the core has no randomness of its own).
func NewJobID(entropy [16]byte) JobID { return JobID(hex.EncodeToString(entropy[:])) }

// ParseJobID checks s.
func ParseJobID(s string) (JobID, error) {
	if len(s) != 32 || strings.ToLower(s) != s {
		return "", ErrBadJobID
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", ErrBadJobID
	}
	return JobID(s), nil
}

// Bytes32 is the on-chain form of the id: its 16 bytes, zero padded on the right.
func (j JobID) Bytes32() [32]byte {
	var out [32]byte
	b, _ := hex.DecodeString(string(j))
	copy(out[:], b)
	return out
}

// Short is the first 8 characters, enough to name a job in a table.
func (j JobID) Short() string {
	if len(j) < 8 {
		return string(j)
	}
	return string(j[:8])
}

// TaskID names one task of a job by its index.
type TaskID struct {
	Job   JobID `json:"job"`
	Index int   `json:"index"`
}

// String renders the id as "<job>/<index>".
func (t TaskID) String() string { return fmt.Sprintf("%s/%d", t.Job, t.Index) }

// Bytes32 is the on-chain task id: sha256(jobId bytes32 ‖ uint32 index, big endian).
func (t TaskID) Bytes32() [32]byte {
	j := t.Job.Bytes32()
	var buf [36]byte
	copy(buf[:32], j[:])
	binary.BigEndian.PutUint32(buf[32:], uint32(t.Index))
	return sha256.Sum256(buf[:])
}

// Seed derives the deterministic seed a task's sandbox uses for its clock
// and random source, so honest replicas produce identical outputs.
func (t TaskID) Seed() [32]byte {
	b := t.Bytes32()
	return sha256.Sum256(append([]byte("deco/seed/1"), b[:]...))
}
