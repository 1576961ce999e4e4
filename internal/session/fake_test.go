package session

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	p2pcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Hand-written fakes: an in-memory blob store, a pair of message pipes
// standing for a /deco/task/2 stream, and a provider that answers each
// assignment with what a test tells it to.

var errReset = errors.New("stream reset")

type memBlobs struct {
	mu sync.Mutex
	m  map[wire.CID][]byte
}

func newMemBlobs() *memBlobs { return &memBlobs{m: map[wire.CID][]byte{}} }

func (b *memBlobs) Has(c wire.CID) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.m[c]
	return ok
}

func (b *memBlobs) Get(c wire.CID, max int64) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	v, ok := b.m[c]
	if !ok {
		return nil, fmt.Errorf("no blob %s", c.Short())
	}
	if int64(len(v)) > max {
		return nil, fmt.Errorf("blob %s above %d bytes", c.Short(), max)
	}
	return v, nil
}

func (b *memBlobs) PutBytes(p []byte) (wire.CID, error) {
	c := wire.CIDOf(p)
	b.mu.Lock()
	b.m[c] = bytes.Clone(p)
	b.mu.Unlock()
	return c, nil
}

func (b *memBlobs) Import(c wire.CID, write func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if got := wire.CIDOf(buf.Bytes()); got != c {
		return fmt.Errorf("content hashes to %s, not %s", got.Short(), c.Short())
	}
	_, err := b.PutBytes(buf.Bytes())
	return err
}

func (b *memBlobs) Open(c wire.CID) (io.ReadCloser, int64, error) {
	v, err := b.Get(c, 1<<40)
	if err != nil {
		return nil, 0, err
	}
	return io.NopCloser(bytes.NewReader(v)), int64(len(v)), nil
}

// pipeEnd is one end of an in-memory message stream; Reset on either end
// breaks both.
type pipeEnd struct {
	in    <-chan []byte
	out   chan<- []byte
	reset chan struct{}
	once  *sync.Once
}

func newPipe() (a, b *pipeEnd) {
	ab, ba := make(chan []byte, 16), make(chan []byte, 16)
	reset, once := make(chan struct{}), &sync.Once{}
	return &pipeEnd{in: ba, out: ab, reset: reset, once: once}, &pipeEnd{in: ab, out: ba, reset: reset, once: once}
}

func (p *pipeEnd) ReadMsg(max int) ([]byte, error) {
	select {
	case b := <-p.in:
		return b, nil
	case <-p.reset:
		return nil, errReset
	}
}

func (p *pipeEnd) WriteMsg(msg []byte) error {
	select {
	case <-p.reset:
		return errReset
	default:
	}
	select {
	case p.out <- msg:
		return nil
	case <-p.reset:
		return errReset
	}
}

func (p *pipeEnd) Reset() error {
	p.once.Do(func() { close(p.reset) })
	return nil
}

// provider plays the far side: it serves blobs, answers bids with bid(),
// and answers each assignment with result() (nil: no answer).
type provider struct {
	id      peer.ID
	key     *ecdsa.PrivateKey
	evm     string
	binding wire.Binding // evm bound to id
	blobs   *memBlobs
	opens   atomic.Int32
	down    atomic.Bool  // Open fails, as for a provider that died
	refused atomic.Int32 // Opens that failed so
	bid     func(wire.BidRequest) wire.Bid
	result  func(wire.Assign) *wire.Result
	// statuses, if set, are sent after "running" and before the result.
	statuses func(wire.Assign) []wire.Status

	mu      sync.Mutex
	streams []*pipeEnd
	cancels chan wire.Cancel
	// vouchers receives the vouchers the consumer sends, in order.
	vouchers chan wire.Voucher
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	priv, _, err := p2pcrypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := peer.IDFromPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ethcrypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	b, err := verify.Bind(key, id.String())
	if err != nil {
		t.Fatal(err)
	}
	return &provider{id: id, key: key, evm: b.EVM, binding: b, blobs: newMemBlobs(), cancels: make(chan wire.Cancel, 16), vouchers: make(chan wire.Voucher, 16)}
}

func (p *provider) Request(_ context.Context, to peer.ID, proto protocol.ID, req []byte, _ int) ([]byte, error) {
	if to != p.id {
		return nil, fmt.Errorf("no route to %s", to)
	}
	var r wire.BidRequest
	if err := json.Unmarshal(req, &r); err != nil {
		return nil, err
	}
	return json.Marshal(p.bid(r))
}

func (p *provider) Open(_ context.Context, to peer.ID, _ protocol.ID) (Stream, error) {
	if to != p.id || p.down.Load() {
		p.refused.Add(1)
		return nil, fmt.Errorf("no route to %s", to)
	}
	p.opens.Add(1)
	mine, theirs := newPipe()
	p.mu.Lock()
	p.streams = append(p.streams, mine)
	p.mu.Unlock()
	go p.serve(mine)
	return theirs, nil
}

func (p *provider) FetchBlob(_ context.Context, from peer.ID, c wire.CID, w io.Writer, max int64) (int64, error) {
	b, err := p.blobs.Get(c, max)
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

// breakStreams resets every stream the provider has open.
func (p *provider) breakStreams() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.streams {
		s.Reset()
	}
}

func (p *provider) serve(s *pipeEnd) {
	for {
		b, err := s.ReadMsg(wire.MaxMessage)
		if err != nil {
			return
		}
		f, err := wire.DecodeFrame(b)
		if err != nil {
			return
		}
		switch f.Type {
		case wire.TypeAssign:
			var a wire.Assign
			if f.Open(wire.TypeAssign, &a) != nil {
				return
			}
			st, _ := wire.EncodeFrame(wire.TypeStatus, wire.Status{Task: a.Spec.Task, Attempt: a.Spec.Attempt, State: "running"})
			s.WriteMsg(st)
			if p.statuses != nil {
				for _, x := range p.statuses(a) {
					st, _ := wire.EncodeFrame(wire.TypeStatus, x)
					s.WriteMsg(st)
				}
			}
			if res := p.result(a); res != nil {
				out, _ := wire.EncodeFrame(wire.TypeResult, *res)
				s.WriteMsg(out)
			}
		case wire.TypeCancel:
			var c wire.Cancel
			if f.Open(wire.TypeCancel, &c) == nil {
				p.cancels <- c
			}
		case wire.TypeVoucher:
			var v wire.Voucher
			if f.Open(wire.TypeVoucher, &v) == nil {
				p.vouchers <- v
			}
		}
	}
}

// signed returns an honest result of a: outputs stored with the provider,
// receipt signed under d.
func (p *provider) signed(t *testing.T, d verify.Domain, a wire.Assign, exit int64, files map[string][]byte) *wire.Result {
	t.Helper()
	res := wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, ExitCode: exit, Outputs: wire.Manifest{Kind: "outputs"}}
	for path, b := range files {
		c, _ := p.blobs.PutBytes(b)
		res.Outputs.Entries = append(res.Outputs.Entries, wire.Entry{Path: path, Size: int64(len(b)), CID: c})
	}
	if err := res.Outputs.Normalize(); err != nil {
		t.Fatal(err)
	}
	pd, _ := a.Spec.Program.Digest()
	in := a.Spec.InputManifest()
	in.Normalize()
	rec := wire.Receipt{
		Job: a.Spec.Task.Job, Index: a.Spec.Task.Index, Program: a.Spec.Program, InputRoot: in.Root(), SpecHash: verify.HashHex(verify.SpecHash(a.Spec)), OutputRoot: res.Outputs.Root(),
		Environment: wire.Environment{Runtime: "test", ModuleHash: hex.EncodeToString(pd[:]), MemoryLimit: a.Spec.MemoryLimit, TimeoutMs: a.Spec.TimeoutMs},
		ExitCode:    exit, Provider: p.evm, Attestation: attest.KindSoftware,
	}
	verify.Fill(d, &rec)
	digest, err := verify.Digest(d, rec)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := verify.SignDigest(p.key, digest)
	if err != nil {
		t.Fatal(err)
	}
	res.Receipt, res.Signature = &rec, sig
	return &res
}

// consumer is a Manager wired to fakes, with the events it posts.
type consumer struct {
	*Manager
	blobs  *memBlobs
	access *access.Registry
	events chan market.Event
	domain verify.Domain
}

// proofs is a ProofJudge that rejects every proof of the jobs it knows.
type proofs map[wire.JobID]spec.Job

func (z proofs) ProofJob(job wire.JobID) (spec.Job, bool) { s, ok := z[job]; return s, ok }

func (z proofs) JudgeProof(_ spec.Job, a market.Assign, v market.Verdict) market.Verdict {
	return ProviderFault("zk proof from %s rejected: test", ShortID(a.Peer))
}

func newConsumer(t *testing.T, host Host, z proofs) *consumer {
	t.Helper()
	c := &consumer{blobs: newMemBlobs(), access: access.New(clock.Real{}), events: make(chan market.Event, 64), domain: verify.Domain{ChainID: 1337}}
	c.Manager = New(Config{
		Host: host, Blobs: c.blobs,
		Seal: func(_ string, body any, _ time.Duration) ([]byte, error) { return json.Marshal(body) },
		Open: func(raw []byte, _ peer.ID, _ string, v any) error { return json.Unmarshal(raw, v) },
		Post: func(ctx context.Context, ev market.Event) {
			select {
			case c.events <- ev:
			case <-ctx.Done():
			}
		},
		Domain: c.domain, Attestation: attest.NewRegistry(attest.Software{}), Proofs: z, Access: c.access,
	})
	t.Cleanup(func() { c.Close(); c.Wait() })
	return c
}

// next returns the next posted event of type E, skipping progress.
func next[E market.Event](t *testing.T, c *consumer) E {
	t.Helper()
	for {
		select {
		case ev := <-c.events:
			if e, ok := ev.(E); ok {
				return e
			}
			if _, ok := ev.(market.Progress); !ok {
				t.Fatalf("posted %T %+v, want %T", ev, ev, *new(E))
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("nothing posted, want %T", *new(E))
		}
	}
}

func assignment(p *provider, index int) market.Assign {
	return market.Assign{Peer: p.id.String(), EVM: p.evm, Msg: wire.Assign{Spec: wire.TaskSpec{
		Task: wire.TaskID{Job: testJob, Index: index}, Count: 4, Attempt: 1,
		Program: wire.CIDOf([]byte("module")), ProgramSize: 6, MemoryLimit: 64 << 20, TimeoutMs: 5000, MaxOutput: 1 << 20,
	}}}
}

var testJob = wire.NewJobID([16]byte{1})
