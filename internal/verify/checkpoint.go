package verify

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

var checkpointType = crypto.Keccak256([]byte("Checkpoint(bytes32 jobId,uint256 index,uint256 attempt,bytes32 root,uint256 size,uint256 seq,uint256 permille,bytes32 resume)"))

// ErrBadCheckpoint: a checkpoint receipt does not describe the attempt
// it came on, or is not signed by its provider.
var ErrBadCheckpoint = errors.New("checkpoint receipt refused")

// CheckpointDigest is the EIP-712 digest of a checkpoint receipt under d
// (the escrow's domain, like receipts and vouchers): roots are the
// sha2-256 digests of their CIDs, an empty Resume is zero.
func CheckpointDigest(d Domain, c wire.Checkpoint) ([32]byte, error) {
	root, err := c.Root.Digest()
	if err != nil {
		return [32]byte{}, fmt.Errorf("%w: root: %v", ErrBadCheckpoint, err)
	}
	var resume [32]byte
	if c.Resume != "" {
		if resume, err = c.Resume.Digest(); err != nil {
			return [32]byte{}, fmt.Errorf("%w: resume: %v", ErrBadCheckpoint, err)
		}
	}
	if c.Index < 0 || c.Attempt < 0 || c.Size < 0 || c.Permille < 0 {
		return [32]byte{}, fmt.Errorf("%w: negative field", ErrBadCheckpoint)
	}
	word := func(v uint64) []byte {
		var w [32]byte
		for i := 31; v != 0; i, v = i-1, v>>8 {
			w[i] = byte(v)
		}
		return w[:]
	}
	j := c.Job.Bytes32()
	sh := crypto.Keccak256(checkpointType, j[:], word(uint64(c.Index)), word(uint64(c.Attempt)), root[:],
		word(uint64(c.Size)), word(c.Seq), word(uint64(c.Permille)), resume[:])
	sep := d.Separator()
	var out [32]byte
	copy(out[:], crypto.Keccak256([]byte{0x19, 0x01}, sep[:], sh))
	return out, nil
}

// SignCheckpoint fills c.Signature with key's signature.
func SignCheckpoint(key *ecdsa.PrivateKey, d Domain, c *wire.Checkpoint) error {
	h, err := CheckpointDigest(d, *c)
	if err != nil {
		return err
	}
	c.Signature, err = SignDigest(key, h)
	return err
}

// CheckCheckpoint verifies that c describes attempt spec of the task
// (job, index, attempt, the checkpoint it resumed from), that provider
// signed it, and that its size is within max.
func CheckCheckpoint(d Domain, c wire.Checkpoint, spec wire.TaskSpec, provider string, max int64) error {
	switch {
	case c.Job != spec.Task.Job || c.Index != spec.Task.Index || c.Attempt != spec.Attempt:
		return fmt.Errorf("%w: it names task %s/%d attempt %d", ErrBadCheckpoint, c.Job, c.Index, c.Attempt)
	case c.Resume != spec.Resume:
		return fmt.Errorf("%w: it says the attempt resumed from %q, assigned %q", ErrBadCheckpoint, c.Resume, spec.Resume)
	case !strings.EqualFold(c.Provider, provider):
		return fmt.Errorf("%w: provider %s, the attempt is %s's", ErrBadCheckpoint, c.Provider, provider)
	case c.Size < 0 || c.Size > max:
		return fmt.Errorf("%w: %d bytes, the job allows %d", ErrBadCheckpoint, c.Size, max)
	case c.Permille < 0 || c.Permille > 1000:
		return fmt.Errorf("%w: progress %d‰", ErrBadCheckpoint, c.Permille)
	}
	h, err := CheckpointDigest(d, c)
	if err != nil {
		return err
	}
	who, err := Recover(h, c.Signature)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadCheckpoint, err)
	}
	if who != common.HexToAddress(provider) {
		return fmt.Errorf("%w: signed by %s, not the provider %s", ErrBadCheckpoint, who.Hex(), provider)
	}
	return nil
}
