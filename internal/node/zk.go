package node

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// A zk job runs like any other job with two substitutions. Its "program"
// is the circuit's proving key (a blob, shared by content address like a
// module), its tasks declare kind wire.KindZK and its per-task arguments
// are the circuit's parameters ("name=value"); a provider proves them with
// its zk executor (exec/zkexec). With payments on, every task also gets
// the input zkexec.LeavesFile: the leaves of the Merkle tree the consumer
// committed to in the proof escrow, so a provider checks its task is
// committed as assigned before it works, and builds the path it settles
// with.
//
// Who pays: nobody signs vouchers for zk tasks. The provider settles each
// task on chain itself (settleProof, with the claim its executor
// returned), and the escrow pays it the task's price if the proof
// verifies there. The consumer checks the proof off-chain before
// accepting the result; a failing proof is fraud evidence
// (verify.BadProof) and the task runs elsewhere.

// zkState is a node's zk side: the key cache and the keys it knows
// (consumer; a provider's decoded proving keys live in its zk executor).
type zkState struct {
	cache zk.Cache

	mu    sync.Mutex
	keys  map[wire.CID]*zk.CachedKeys // by proving-key CID
	vks   *zk.Verifiers
	jobs  map[wire.JobID]spec.Job        // zk jobs this node submitted
	trees map[wire.JobID]*chain.TaskTree // consumer: their task trees, to report bad proofs
	known map[string]*zk.CachedKeys      // by circuit ID
}

var _ verify.ProofVerifier = (*zkState)(nil)

func newZK(dir string) *zkState {
	z := &zkState{cache: zk.Cache{Dir: dir}, keys: map[wire.CID]*zk.CachedKeys{}, jobs: map[wire.JobID]spec.Job{}, trees: map[wire.JobID]*chain.TaskTree{},
		known: map[string]*zk.CachedKeys{}}
	z.vks = zk.NewVerifiers()
	return z
}

// load reads every cached key pair, so proofs of those circuits can be
// checked (fraud evidence from gossip included).
func (z *zkState) load() error {
	list, err := z.cache.List()
	if err != nil {
		return err
	}
	for _, ck := range list {
		z.add(ck)
	}
	return nil
}

func (z *zkState) add(ck *zk.CachedKeys) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.keys[wire.CIDOf(ck.Proving)] = ck
	z.known[ck.Circuit.ID()] = ck
	vks := make([]*zk.VerifyingKey, 0, len(z.known))
	for _, k := range z.known {
		vks = append(vks, k.Verifying)
	}
	z.vks = zk.NewVerifiers(vks...)
}

// VerifyProof implements verify.ProofVerifier with every key the node holds.
func (z *zkState) VerifyProof(circuit string, proof, public []byte) error {
	z.mu.Lock()
	v := z.vks
	z.mu.Unlock()
	return v.VerifyProof(circuit, proof, public)
}

func (z *zkState) track(id wire.JobID, s spec.Job) {
	if s.Policy().Policy != spec.VerifyZK {
		return
	}
	z.mu.Lock()
	z.jobs[id] = s
	z.mu.Unlock()
}

// tree returns the task tree of zk job id, if this node committed one.
func (z *zkState) tree(id wire.JobID) (*chain.TaskTree, bool) {
	z.mu.Lock()
	defer z.mu.Unlock()
	t, ok := z.trees[id]
	return t, ok
}

// job returns the spec of zk job id, if this node submitted one.
func (z *zkState) job(id wire.JobID) (spec.Job, bool) {
	z.mu.Lock()
	defer z.mu.Unlock()
	s, ok := z.jobs[id]
	return s, ok
}

// keysFor returns the keys whose proving key is pk.
func (z *zkState) keysFor(pk wire.CID) (*zk.CachedKeys, bool) {
	z.mu.Lock()
	defer z.mu.Unlock()
	ck, ok := z.keys[pk]
	return ck, ok
}

// resolve turns a spec's circuit name into a circuit: a bare kind
// ("mimc-chain") means the size this node holds keys for, if it holds
// keys for exactly one; otherwise the kind's default size.
func (z *zkState) resolve(name string) (*zk.Circuit, error) {
	if !strings.Contains(name, "/") {
		z.load() // keys set up since the node started (a devnet's) count too
		z.mu.Lock()
		var ids []string
		for id, ck := range z.known {
			if ck.Circuit.Kind() == name {
				ids = append(ids, id)
			}
		}
		z.mu.Unlock()
		sort.Strings(ids)
		if len(ids) == 1 {
			name = ids[0]
		}
	}
	return zk.Lookup(name)
}

// circuitRegistry is the part of chain.Client a consumer checks a circuit
// with before it opens a proof escrow.
type circuitRegistry interface {
	Circuit(ctx context.Context, id [32]byte) (chain.CircuitInfo, error)
}

// prepareZK resolves a zk job before it is submitted: keys (from the cache,
// or a fresh setup), the proving key published as the job's program, the
// circuit parameters as each task's arguments, and, with payments, the
// task leaves as every task's input. It returns the task tree (nil
// without payments).
func (n *Node) prepareZK(ctx context.Context, id wire.JobID, s *spec.Job) (*chain.TaskTree, error) {
	z := n.zk
	c, err := z.resolve(s.Circuit.Name)
	if err != nil {
		return nil, spec.Errors{{Path: "circuit.name", Reason: err.Error()}}
	}
	fixed := make([][]*big.Int, s.Tasks.Count)
	for i := range fixed {
		if fixed[i], err = c.Public(s.CircuitFor(i)); err != nil {
			return nil, spec.Errors{{Path: "circuit.set", Reason: fmt.Sprintf("task %d: %v (%s takes %s)", i, err, c.ID(), strings.Join(c.Fixed(), ", "))}}
		}
	}
	if _, err := z.cache.Load(c); err != nil {
		n.log.Info("zk setup: no cached keys for the circuit, running a trusted setup (minutes for large circuits)", "circuit", c.ID(), "cache", z.cache.Dir)
	}
	ck, err := z.cache.Ensure(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("keys of circuit %s: %w", c.ID(), err)
	}
	z.add(ck)
	pkCID, err := n.blobs.PutBytes(ck.Proving)
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
	if n.pay.chain == nil {
		return nil, nil
	}
	reg, ok := n.pay.chain.(circuitRegistry)
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
	lc, err := n.blobs.PutBytes(leaves)
	if err != nil {
		return nil, err
	}
	s.Inputs = append(s.Inputs, spec.Input{Name: zkexec.LeavesFile, CID: lc, Size: int64(len(leaves))})
	n.zk.mu.Lock()
	n.zk.trees[id] = tree
	n.zk.mu.Unlock()
	return tree, nil
}

// openProofEscrow opens a zk job's escrow: the budget, paid per task
// against proofs of the job's circuit for the tasks committed by tree.
func (n *Node) openProofEscrow(ctx context.Context, id wire.JobID, s spec.Job, tree *chain.TaskTree) error {
	ck, ok := n.zk.keysFor(s.Program.CID)
	if !ok {
		return fmt.Errorf("no keys for circuit %s", s.Circuit.Name)
	}
	digest, err := ck.Verifying.Digest()
	if err != nil {
		return err
	}
	budget := max(pricing.Budget(s.Tasks.Count, s.Price.Max, s.Price.Budget), s.Price.Max*wire.Amount(s.Tasks.Count))
	deadline := n.chainNow(ctx).Add(n.escrowWindow(s))
	// Through the consumer, which records the escrow and refunds what the
	// proofs do not take after deadline + grace.
	err = n.pay.consumer.OpenProof(ctx, id, budget, deadline, chain.ProofJob{Circuit: digest, Price: s.Price.Max.Wei(), TaskRoot: tree.Root(), Tasks: tree.Len()})
	if err != nil {
		return fmt.Errorf("open the job's proof escrow (%s DECO, %s per proven task, circuit %s): %w", budget, s.Price.Max, s.Circuit.Name, err)
	}
	n.log.Info("proof escrow opened", "job", id, "circuit", s.Circuit.Name, "deposit", budget, "price", s.Price.Max)
	return nil
}

// chainNow is the later of the node's clock and the chain's block time
// (a devnet seals blocks at least a second apart, so it can run ahead).
func (n *Node) chainNow(ctx context.Context) time.Time {
	start := n.clk.Now()
	if ct, ok := n.pay.chain.(interface {
		ChainTime(context.Context) (time.Time, error)
	}); ok {
		if t, err := ct.ChainTime(ctx); err == nil && t.After(start) {
			start = t
		}
	}
	return start
}

// judgeProof checks the proof in a zk task's outputs (already fetched and
// matched with the signed receipt in v): it must be of the job's circuit,
// verify, and be about this task's parameters and paid to the provider
// that bid. A proof that does not verify is fraud evidence.
func (n *Node) judgeProof(s spec.Job, a market.Assign, v market.Verdict) market.Verdict {
	read := func(name string) ([]byte, error) {
		for _, e := range v.Outputs.Entries {
			if e.Path == name {
				return n.blobs.Get(e.CID, 1<<20)
			}
		}
		return nil, fmt.Errorf("no %s in the outputs", name)
	}
	fault := func(format string, args ...any) market.Verdict {
		return providerFault("zk proof from %s rejected: %s", shortID(a.Peer), fmt.Sprintf(format, args...))
	}
	circuit, err := read(verify.CircuitFile)
	if err != nil {
		return fault("%v", err)
	}
	proof, err := read(verify.ProofFile)
	if err != nil {
		return fault("%v", err)
	}
	public, err := read(verify.PublicFile)
	if err != nil {
		return fault("%v", err)
	}
	if string(circuit) != s.Circuit.Name {
		return fault("it proves circuit %q, the job asked for %s", circuit, s.Circuit.Name)
	}
	ck, ok := n.zk.keysFor(s.Program.CID)
	if !ok {
		return fault("this node holds no verifying key for %s", s.Circuit.Name)
	}
	p, err := zk.ParseFiles(string(circuit), proof, public)
	if err == nil {
		err = zk.Verify(ck.Verifying, p)
	}
	if err != nil {
		if errors.Is(err, zk.ErrMalformed) || errors.Is(err, zk.ErrInvalidProof) {
			ev := verify.BadProof(*v.Receipt, v.Signature, v.Outputs, string(circuit), proof, public)
			if claim, cerr := read(verify.ClaimFile); cerr == nil && p != nil {
				// Slashable on chain when the claim is over this proof file's
				// words; a claim over other words is dropped, the signed
				// outputs still prove the fraud.
				if withClaim := ev.WithClaim(p.Words(), claim); withClaim.CheckClaim(n.domain) == nil {
					ev = withClaim
				} else {
					n.log.Warn("zk proof claim does not match the proof file: fraud evidence without it, not slashable on chain", "job", a.Msg.Spec.Task.Job, "task", a.Msg.Spec.Task.Index, "provider", shortID(a.Peer))
				}
			}
			v.OK, v.Evidence = false, &ev
			v.Reason = fmt.Sprintf("zk proof from %s does not verify (%v): provable fraud, the task runs elsewhere", shortID(a.Peer), err)
			return v
		}
		return fault("%v", err)
	}
	if err := ck.Circuit.CheckTask(p, s.CircuitFor(a.Msg.Spec.Task.Index), common.HexToAddress(a.EVM)); err != nil {
		return fault("%v", err)
	}
	return v
}

// settleProof settles one zk task on chain with its proof claim (see
// pay.Proofs: batched with the job's other claims). It returns when the
// claim's transaction is mined or failed.
func (n *Node) settleProof(ctx context.Context, job wire.JobID, cl chain.ProofClaim) error {
	if n.pay.proofs == nil {
		return errors.New("this chain client cannot settle proofs")
	}
	return n.pay.proofs.Settle(ctx, job, cl)
}

// proofPaymentView is what `deco job describe` shows about a zk job's
// money: the escrow, and the tasks settled on chain by proof (nil when the
// chain has no proof escrow or cannot be read).
func (n *Node) proofPaymentView(ctx context.Context, job *api.JobView) *api.PaymentView {
	pe, ok := n.pay.chain.(chain.ProofEscrow)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	info, err := n.pay.chain.Job(ctx, job.ID.Bytes32())
	if err != nil {
		return nil
	}
	e := api.ProofEscrow{Escrow: n.pay.chain.Contracts().Escrow.Hex(), Deposited: weiAmount(info.Deposited), Redeemed: weiAmount(info.Redeemed),
		Refunded: weiAmount(info.Refunded), Deadline: info.Deadline, RefundAt: info.RefundAt, Closed: info.Closed, PerTask: job.Spec.Price.Max}
	if terms, err := pe.ProofTerms(ctx, job.ID.Bytes32()); err == nil {
		e.PerTask = weiAmount(terms.Price)
	}
	for _, t := range job.Tasks {
		ok, err := pe.Settled(ctx, job.ID.Bytes32(), uint64(t.Index))
		if err != nil {
			e.SettledErr = err
			break
		}
		if ok {
			e.Settled = append(e.Settled, t.Index)
		}
	}
	return api.ProofPaymentView(job, e)
}

func weiAmount(w *big.Int) wire.Amount {
	if w == nil {
		return 0
	}
	return wire.Amount(new(big.Int).Div(w, wire.Amount(1).Wei()).Uint64())
}
