package session

import (
	"context"
	"io"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Host is what sessions need of the network. Network adapts *p2p.Host.
type Host interface {
	BlobSource
	// Request sends req on a fresh stream of proto to p and returns the
	// answer (at most maxResp bytes); used for bids.
	Request(ctx context.Context, p peer.ID, proto protocol.ID, req []byte, maxResp int) ([]byte, error)
	// Open opens a stream of proto to p. The stream outlives ctx once
	// opened; the caller resets it when done.
	Open(ctx context.Context, p peer.ID, proto protocol.ID) (Stream, error)
}

// BlobSource fetches a blob by content address from a peer.
type BlobSource interface {
	// FetchBlob writes blob c from p to w, at most maxSize bytes, and
	// returns its size; p2p checks the bytes against c.
	FetchBlob(ctx context.Context, p peer.ID, c wire.CID, w io.Writer, maxSize int64) (int64, error)
}

// Stream is one message stream of a task session. ReadMsg and WriteMsg
// may be called concurrently with each other but each from one goroutine
// at a time; Reset aborts both directions and unblocks them.
type Stream interface {
	ReadMsg(max int) ([]byte, error)
	WriteMsg(msg []byte) error
	Reset() error
}

// Blobs is the node's content-addressed store (*store.Blobs).
type Blobs interface {
	Has(c wire.CID) bool
	// Get reads blob c whole, failing above max bytes.
	Get(c wire.CID, max int64) ([]byte, error)
	// PutBytes stores p and returns its address.
	PutBytes(p []byte) (wire.CID, error)
	// Import stores blob c from what write writes, checking it hashes to c.
	Import(c wire.CID, write func(w io.Writer) error) error
	// Open returns a reader of blob c and its size.
	Open(c wire.CID) (io.ReadCloser, int64, error)
}

// Access records which peers may read which of this node's blobs
// (*access.Registry).
type Access interface {
	// Grant lets p read cids until the lease is released.
	Grant(p peer.ID, cids ...wire.CID) *access.Lease
}

// Attestation verifies a receipt's attestation evidence over its digest
// (*attest.Registry).
type Attestation interface {
	Verify(ctx context.Context, ev attest.Evidence, reportData [32]byte) (attest.Claims, error)
}

// ProofJudge checks the zk proof behind an accepted result of a zk job.
type ProofJudge interface {
	// ProofJob reports whether job is a zk job this node submitted, and
	// its spec.
	ProofJob(job wire.JobID) (spec.Job, bool)
	// JudgeProof returns v, accepted only if the proof in its outputs
	// verifies; v is an accepted verdict of job s's assignment a.
	JudgeProof(s spec.Job, a market.Assign, v market.Verdict) market.Verdict
}

// Network adapts a libp2p host to Host.
func Network(h *p2p.Host) Host { return network{h} }

type network struct{ *p2p.Host }

func (h network) Open(ctx context.Context, p peer.ID, proto protocol.ID) (Stream, error) {
	s, err := h.Host.Open(ctx, p, proto)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return s, nil
}
