package zkjob

import (
	"context"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/big"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// Chain is the part of the chain client every zk job needs: the escrow's
// address and a job's escrow record (for `deco job describe`). Proof
// escrows (chain.ProofEscrow), the circuit registry and block time are
// optional capabilities, found by assertion.
type Chain interface {
	Contracts() chain.Addresses
	Job(ctx context.Context, jobID [32]byte) (chain.JobInfo, error)
}

// Escrow opens a zk job's proof escrow and takes care of it afterwards
// (pay.Consumer: it records the escrow and refunds what the proofs do not
// take after the deadline and the contract's grace period).
type Escrow interface {
	OpenProof(ctx context.Context, job wire.JobID, deposit wire.Amount, deadline time.Time, terms chain.ProofJob) error
}

// Blobs is the node's content-addressed store: proving keys and task
// leaves are published into it, a provider's proof files read from it.
type Blobs interface {
	PutBytes(p []byte) (wire.CID, error)
	// Get reads blob c whole if it is at most max bytes.
	Get(c wire.CID, max int64) ([]byte, error)
}

// circuitRegistry is the part of chain.Client a consumer checks a circuit
// with before it opens a proof escrow.
type circuitRegistry interface {
	Circuit(ctx context.Context, id [32]byte) (chain.CircuitInfo, error)
}

// chainClock reads the latest block's time (chain.Client).
type chainClock interface {
	ChainTime(ctx context.Context) (time.Time, error)
}

// Options configure Jobs. Chain and Escrow are nil without payments.
type Options struct {
	Keys   string // the key cache's directory (zk.Cache)
	Chain  Chain
	Escrow Escrow
	Blobs  Blobs
	Clock  clock.Clock   // default clock.Real
	Domain verify.Domain // receipts and proof claims are signed under it
	Logger *slog.Logger  // default: discard
}

// Jobs is a consumer's zk side: the key cache and the keys it knows (a
// provider's decoded proving keys live in its zk executor), and the zk
// jobs it submitted.
type Jobs struct {
	cache  zk.Cache
	chain  Chain
	escrow Escrow
	blobs  Blobs
	clk    clock.Clock
	domain verify.Domain
	log    *slog.Logger

	mu    sync.Mutex
	keys  map[wire.CID]*zk.CachedKeys // by proving-key CID
	vks   *zk.Verifiers
	jobs  map[wire.JobID]spec.Job        // zk jobs this node submitted
	trees map[wire.JobID]*chain.TaskTree // their task trees, to report bad proofs
	known map[string]*zk.CachedKeys      // by circuit ID
}

var _ verify.ProofVerifier = (*Jobs)(nil)

// New returns Jobs with no keys loaded (see Load).
func New(o Options) *Jobs {
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Jobs{
		cache: zk.Cache{Dir: o.Keys}, chain: o.Chain, escrow: o.Escrow, blobs: o.Blobs, clk: o.Clock, domain: o.Domain, log: o.Logger,
		keys: map[wire.CID]*zk.CachedKeys{}, vks: zk.NewVerifiers(), jobs: map[wire.JobID]spec.Job{},
		trees: map[wire.JobID]*chain.TaskTree{}, known: map[string]*zk.CachedKeys{},
	}
}

// Load reads every cached key pair, so proofs of those circuits can be
// checked (fraud evidence from gossip included).
func (j *Jobs) Load() error {
	list, err := j.cache.List()
	if err != nil {
		return err
	}
	for _, ck := range list {
		j.add(ck)
	}
	return nil
}

func (j *Jobs) add(ck *zk.CachedKeys) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.keys[wire.CIDOf(ck.Proving)] = ck
	j.known[ck.Circuit.ID()] = ck
	vks := make([]*zk.VerifyingKey, 0, len(j.known))
	for _, k := range j.known {
		vks = append(vks, k.Verifying)
	}
	j.vks = zk.NewVerifiers(vks...)
}

// VerifyProof implements verify.ProofVerifier with every key Jobs holds.
func (j *Jobs) VerifyProof(circuit string, proof, public []byte) error {
	j.mu.Lock()
	v := j.vks
	j.mu.Unlock()
	return v.VerifyProof(circuit, proof, public)
}

// Track records job id if s is a zk job (a no-op otherwise): its results
// are judged by proof and paid by the escrow, not by vouchers.
func (j *Jobs) Track(id wire.JobID, s spec.Job) {
	if s.Policy().Policy != spec.VerifyZK {
		return
	}
	j.mu.Lock()
	j.jobs[id] = s
	j.mu.Unlock()
}

// Job returns the spec of zk job id, if this node submitted one.
func (j *Jobs) Job(id wire.JobID) (spec.Job, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	s, ok := j.jobs[id]
	return s, ok
}

// Tree returns the task tree of zk job id, if this node committed one.
func (j *Jobs) Tree(id wire.JobID) (*chain.TaskTree, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	t, ok := j.trees[id]
	return t, ok
}

// keysFor returns the keys whose proving key is pk.
func (j *Jobs) keysFor(pk wire.CID) (*zk.CachedKeys, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	ck, ok := j.keys[pk]
	return ck, ok
}

// resolve turns a spec's circuit name into a circuit: a bare kind
// ("mimc-chain") means the size this node holds keys for, if it holds
// keys for exactly one; otherwise the kind's default size.
func (j *Jobs) resolve(name string) (*zk.Circuit, error) {
	if !strings.Contains(name, "/") {
		j.Load() // keys set up since the node started (a devnet's) count too
		j.mu.Lock()
		var ids []string
		for id, ck := range j.known {
			if ck.Circuit.Kind() == name {
				ids = append(ids, id)
			}
		}
		j.mu.Unlock()
		sort.Strings(ids)
		if len(ids) == 1 {
			name = ids[0]
		}
	}
	return zk.Lookup(name)
}

// Prepare resolves zk job id before it is submitted, rewriting s: keys
// (from the cache, or a fresh setup), the proving key published as the
// job's program, the circuit parameters as each task's arguments, and,
// with payments, the task leaves as every task's input. It returns the
// task tree (nil without payments). Spec problems are spec.Errors; a
// chain that cannot take the job wraps api.ErrPayment.
func (j *Jobs) Prepare(ctx context.Context, id wire.JobID, s *spec.Job) (*chain.TaskTree, error) {
	c, err := j.resolve(s.Circuit.Name)
	if err != nil {
		return nil, spec.Errors{{Path: "circuit.name", Reason: err.Error()}}
	}
	fixed := make([][]*big.Int, s.Tasks.Count)
	for i := range fixed {
		if fixed[i], err = c.Public(s.CircuitFor(i)); err != nil {
			return nil, spec.Errors{{Path: "circuit.set", Reason: fmt.Sprintf("task %d: %v (%s takes %s)", i, err, c.ID(), strings.Join(c.Fixed(), ", "))}}
		}
	}
	if _, err := j.cache.Load(c); err != nil {
		j.log.Info("zk setup: no cached keys for the circuit, running a trusted setup (minutes for large circuits)", "circuit", c.ID(), "cache", j.cache.Dir)
	}
	ck, err := j.cache.Ensure(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("keys of circuit %s: %w", c.ID(), err)
	}
	j.add(ck)
	pkCID, err := j.blobs.PutBytes(ck.Proving)
	if err != nil {
		return nil, fmt.Errorf("store the proving key of %s: %w", c.ID(), err)
	}
	s.Circuit.Name = c.ID()
	s.Program = spec.Program{CID: pkCID, Size: int64(len(ck.Proving))}
	keys := make([]string, 0, len(s.Circuit.Set))
	for k := range s.Circuit.Set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s.Tasks.Args = s.Tasks.Args[:0]
	for _, k := range keys {
		s.Tasks.Args = append(s.Tasks.Args, k+"="+s.Circuit.Set[k])
	}
	if j.chain == nil {
		return nil, nil
	}
	reg, ok := j.chain.(circuitRegistry)
	if !ok {
		return nil, fmt.Errorf("%w: this chain client cannot read the escrow's circuit registry", api.ErrPayment)
	}
	digest, err := ck.Verifying.Digest()
	if err != nil {
		return nil, err
	}
	if _, err := reg.Circuit(ctx, digest); err != nil {
		return nil, fmt.Errorf("%w: circuit %s with this node's keys (id %s) is not registered in the escrow: %v; `deco devnet` registers its circuits, other chains need the escrow owner to deploy the verifier and call setCircuit",
			api.ErrPayment, c.ID(), hex.EncodeToString(digest[:8]), err)
	}
	tasks := make([]chain.ProofTask, s.Tasks.Count)
	for i := range tasks {
		tasks[i] = chain.ProofTask{ID: wire.TaskID{Job: id, Index: i}.Bytes32(), Fixed: fixed[i]}
	}
	tree, err := chain.NewTaskTree(id.Bytes32(), tasks)
	if err != nil {
		return nil, err
	}
	leaves := make([]byte, 0, 32*tree.Len())
	for _, l := range tree.Leaves() {
		leaves = append(leaves, l[:]...)
	}
	lc, err := j.blobs.PutBytes(leaves)
	if err != nil {
		return nil, err
	}
	s.Inputs = append(s.Inputs, spec.Input{Name: zkexec.LeavesFile, CID: lc, Size: int64(len(leaves))})
	j.mu.Lock()
	j.trees[id] = tree
	j.mu.Unlock()
	return tree, nil
}

// OpenEscrow opens prepared zk job id's escrow: the budget, paid per task
// against proofs of the job's circuit for the tasks committed by tree,
// open for window from the chain's now.
func (j *Jobs) OpenEscrow(ctx context.Context, id wire.JobID, s spec.Job, tree *chain.TaskTree, window time.Duration) error {
	ck, ok := j.keysFor(s.Program.CID)
	if !ok {
		return fmt.Errorf("no keys for circuit %s", s.Circuit.Name)
	}
	if j.escrow == nil {
		return fmt.Errorf("no escrow to open for circuit %s: payments are off", s.Circuit.Name)
	}
	digest, err := ck.Verifying.Digest()
	if err != nil {
		return err
	}
	// A proof escrow must hold every task's price, whatever budget is given.
	budget, err := pricing.Budget(s.Tasks.Count, 1, s.Price.Max, s.Price.Budget) // one proof a task
	if err != nil {
		return fmt.Errorf("open the job's proof escrow: %w", err)
	}
	all, err := s.Price.Max.Times(s.Tasks.Count)
	if err != nil {
		return fmt.Errorf("open the job's proof escrow: %d tasks at %s DECO: %w", s.Tasks.Count, s.Price.Max, err)
	}
	budget = max(budget, all)
	deadline := ChainNow(ctx, j.clk, j.chain).Add(window)
	err = j.escrow.OpenProof(ctx, id, budget, deadline, chain.ProofJob{Circuit: digest, Price: s.Price.Max.Wei(), TaskRoot: tree.Root(), Tasks: tree.Len()})
	if err != nil {
		return fmt.Errorf("open the job's proof escrow (%s DECO, %s per proven task, circuit %s): %w", budget, s.Price.Max, s.Circuit.Name, err)
	}
	j.log.Info("proof escrow opened", "job", id, "circuit", s.Circuit.Name, "deposit", budget, "price", s.Price.Max)
	return nil
}

// ChainNow is the later of clk's now and c's block time, if c can read it
// (a devnet seals blocks at least a second apart, so it can run ahead).
// Escrow deadlines are checked against block time. c may be nil.
func ChainNow(ctx context.Context, clk clock.Clock, c Chain) time.Time {
	now := clk.Now()
	if ct, ok := c.(chainClock); ok {
		if t, err := ct.ChainTime(ctx); err == nil && t.After(now) {
			now = t
		}
	}
	return now
}
