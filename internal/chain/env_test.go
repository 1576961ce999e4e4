package chain

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// testEnv is a simulated chain with named, funded accounts.
type testEnv struct {
	t   *testing.T
	ctx context.Context
	sim *Simulated

	consumer, provider, provider2, reporter, stranger *Client
	keys                                              map[common.Address]*ecdsa.PrivateKey

	mu  sync.Mutex
	gas map[string]uint64 // last gas used per op
}

func newTestEnv(t *testing.T, opts ...Option) *testEnv {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	e := &testEnv{t: t, ctx: ctx, keys: map[common.Address]*ecdsa.PrivateKey{}, gas: map[string]uint64{}}
	var keys []*ecdsa.PrivateKey
	for range 5 {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		e.keys[crypto.PubkeyToAddress(k.PublicKey)] = k
	}
	opts = append([]Option{WithAccounts(keys...), WithTxHook(e.record)}, opts...)
	sim, err := NewSimulated(ctx, opts...)
	if err != nil {
		t.Fatalf("NewSimulated: %v", err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	e.sim = sim
	clients := make([]*Client, len(keys))
	for i, k := range keys {
		if clients[i], err = sim.Client(k); err != nil {
			t.Fatal(err)
		}
	}
	e.consumer, e.provider, e.provider2, e.reporter, e.stranger = clients[0], clients[1], clients[2], clients[3], clients[4]
	return e
}

func (e *testEnv) record(tx Tx) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.gas[tx.Op] = tx.GasUsed
}

func (e *testEnv) lastGas(op string) uint64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.gas[op]
}

func (e *testEnv) key(c *Client) *ecdsa.PrivateKey { return e.keys[c.Address()] }

// now is the chain's clock.
func (e *testEnv) now() time.Time {
	e.t.Helper()
	n, err := e.consumer.ChainTime(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// advance moves the chain's clock forward.
func (e *testEnv) advance(d time.Duration) {
	e.t.Helper()
	if err := e.sim.AdjustTime(d); err != nil {
		e.t.Fatal(err)
	}
}

func (e *testEnv) balance(addr common.Address) *big.Int {
	e.t.Helper()
	b, err := e.consumer.Balance(e.ctx, addr)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// open opens a fresh job funded by the consumer, due in an hour.
func (e *testEnv) open(name string, amount *big.Int) [32]byte {
	e.t.Helper()
	id := jobIDOf(e.consumer.Address(), name)
	if err := e.consumer.OpenJob(e.ctx, id, amount, e.now().Add(time.Hour)); err != nil {
		e.t.Fatalf("open job %s: %v", name, err)
	}
	return id
}

func (e *testEnv) voucher(job [32]byte, provider common.Address, cumulative *big.Int) []byte {
	e.t.Helper()
	sig, err := e.consumer.SignVoucher(job, provider, cumulative)
	if err != nil {
		e.t.Fatal(err)
	}
	return sig
}

func (e *testEnv) stake(c *Client, amount *big.Int) {
	e.t.Helper()
	if err := c.Stake(e.ctx, amount); err != nil {
		e.t.Fatalf("stake: %v", err)
	}
}

func jobID(name string) [32]byte { return sha256.Sum256([]byte("job/" + name)) }

// jobIDOf is jobID made into an id owner may open (see NewJobID).
func jobIDOf(owner common.Address, name string) [32]byte {
	id := jobID(name)
	copy(id[jobIDEntropy:jobIDEntropy+jobIDOwner], owner[common.AddressLength-jobIDOwner:])
	return id
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantRevert checks err is the contract error want.
func wantRevert(t *testing.T, err error, want *RevertError) {
	t.Helper()
	if err == nil {
		t.Fatalf("want revert %s, got success", want.Name)
	}
	if !errors.Is(err, want) {
		t.Fatalf("want revert %s, got %v", want.Name, err)
	}
	if !errors.Is(err, ErrReverted) {
		t.Fatalf("%v does not match ErrReverted", err)
	}
}

func eq(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Fatalf("%s = %s, want %s", what, got, want)
	}
}

func add(xs ...*big.Int) *big.Int {
	s := new(big.Int)
	for _, x := range xs {
		s.Add(s, x)
	}
	return s
}

func sub(a, b *big.Int) *big.Int { return new(big.Int).Sub(a, b) }

// receiptPair returns two receipts for the same task with different outputs.
func receiptPair(provider common.Address, task string) (Receipt, Receipt) {
	a := Receipt{
		JobID:      jobID("equivocation/" + task),
		TaskID:     sha256.Sum256([]byte("task/" + task)),
		ProgramCID: sha256.Sum256([]byte("program")),
		InputRoot:  sha256.Sum256([]byte("inputs")),
		SpecHash:   sha256.Sum256([]byte("spec")),
		OutputRoot: sha256.Sum256([]byte("output A")),
		EnvHash:    sha256.Sum256([]byte("env")),
		ExitCode:   0,
		Provider:   provider,
	}
	b := a
	b.OutputRoot = sha256.Sum256([]byte("output B"))
	return a, b
}

// testPeerID is a peer ID shaped like an ed25519 one; the registry stores
// bindings unchecked, so chain tests need no real libp2p key.
const testPeerID = "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf"

// bond makes each client a provider the escrow pays: staked at the
// registry's minimum (unless already staked) and bound to a peer.
func (e *testEnv) bond(cs ...*Client) {
	e.t.Helper()
	for _, c := range cs {
		s, err := c.Standing(e.ctx, c.Address())
		must(e.t, err)
		if !s.Staked() {
			e.stake(c, sub(s.MinStake, s.Bonded))
		}
		must(e.t, c.BindPeer(e.ctx, testPeerID, make([]byte, 64)))
	}
}
