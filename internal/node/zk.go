package node

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// A zk job runs like any other job with two substitutions. Its "program"
// is the circuit's proving key (a blob, shared by content address like a
// module) and its per-task arguments are the circuit's parameters
// ("name=value"); a provider that fetches a proving key proves instead of
// running wazero. With payments on, every task also gets the input
// TaskLeavesFile: the leaves of the Merkle tree the consumer committed to
// in the proof escrow, so a provider checks its task is committed as
// assigned before it works, and builds the path it settles with.
//
// Who pays: nobody signs vouchers for zk tasks. The provider settles each
// task on chain itself (settleWithProof), and the escrow pays it the
// task's price if the proof verifies there. The consumer checks the proof
// off-chain before accepting the result; a failing proof is fraud
// evidence (verify.BadProof) and the task runs elsewhere.

// TaskLeavesFile is the input of a zk task that holds the job's task
// leaves (chain.TaskLeaf, 32 bytes each, in task order).
const TaskLeavesFile = "tasks.zk"

// ProverName is the runtime a zk receipt names.
const ProverName = "gnark/v0.13 groth16-bn254"

// zkState is a node's zk side: the key cache, the keys it knows (consumer)
// and decoded proving keys (provider).
type zkState struct {
	cache zk.Cache

	mu    sync.Mutex
	keys  map[wire.CID]*zk.CachedKeys // by proving-key CID
	vks   *zk.Verifiers
	jobs  map[wire.JobID]spec.Job        // zk jobs this node submitted
	trees map[wire.JobID]*chain.TaskTree // consumer: their task trees, to report bad proofs
	pks   map[wire.CID]*zk.ProvingKey    // provider: decoded proving keys
	pkMu  map[wire.CID]*sync.Mutex       // one decode per key at a time
	batch map[wire.JobID]*proofBatch     // provider: claims waiting to settle
	known map[string]*zk.CachedKeys      // by circuit ID
}

var _ verify.ProofVerifier = (*zkState)(nil)

func newZK(dir string) *zkState {
	z := &zkState{cache: zk.Cache{Dir: dir}, keys: map[wire.CID]*zk.CachedKeys{}, jobs: map[wire.JobID]spec.Job{}, trees: map[wire.JobID]*chain.TaskTree{},
		pks: map[wire.CID]*zk.ProvingKey{}, pkMu: map[wire.CID]*sync.Mutex{}, batch: map[wire.JobID]*proofBatch{}, known: map[string]*zk.CachedKeys{}}
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
	s.Inputs = append(s.Inputs, spec.Input{Name: TaskLeavesFile, CID: lc, Size: int64(len(leaves))})
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

// proveTask is a provider's execute for a task whose program is a proving
// key: fetch the inputs, check the task is committed in the escrow, prove
// (bounded by the task's timeout), write the proof as the outputs and sign
// the receipt. It also returns the claim that settles the task on chain
// (nil without payments or a task commitment).
func (n *Node) proveTask(ctx context.Context, from peer.ID, a wire.Assign, pkBytes []byte, dir string, status func(state, msg string)) (wire.Result, *chain.ProofClaim) {
	ts := a.Spec
	res := wire.Result{Task: ts.Task, Attempt: ts.Attempt}
	fail := func(kind string, err error) (wire.Result, *chain.ProofClaim) {
		res.Failure, res.Message = kind, err.Error()
		return res, nil
	}
	pk, err := n.provingKey(ts.Program, pkBytes)
	if err != nil {
		return fail(wire.FailBadModule, err)
	}
	c, err := zk.Lookup(pk.Circuit())
	if err != nil {
		return fail(wire.FailBadModule, err)
	}
	params := map[string]string{}
	for _, arg := range ts.Args {
		k, v, ok := strings.Cut(arg, "=")
		if !ok {
			return fail(wire.FailBadModule, fmt.Errorf("zk: argument %q is not name=value", arg))
		}
		params[k] = v
	}
	fixed, err := c.Public(params)
	if err != nil {
		return fail(wire.FailBadModule, err)
	}
	var leaves []byte
	for _, in := range ts.Inputs {
		if err := n.fetchChecked(ctx, from, in.CID, a.Inline, 1<<26); err != nil {
			return fail(wire.FailMissingInput, fmt.Errorf("input %s (%s) could not be fetched from the consumer: %v", in.Name, in.CID.Short(), err))
		}
		if in.Name == TaskLeavesFile {
			if leaves, err = n.blobs.Get(in.CID, 1<<26); err != nil {
				return fail(wire.FailProvider, err)
			}
		}
	}
	var path [][32]byte
	payments := n.pay.chain != nil && leaves != nil
	if payments {
		if path, err = taskPath(ts, fixed, leaves); err != nil {
			return fail(wire.FailNoEscrow, err)
		}
	}
	running := time.AfterFunc(runningAfter, func() { status("running", "proving "+c.ID()) })
	defer running.Stop()
	start := time.Now()
	p, err := n.proveBounded(ctx, c, pk, params, time.Duration(ts.TimeoutMs)*time.Millisecond)
	res.DurationMs = time.Since(start).Milliseconds()
	if err != nil {
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			return fail(wire.FailTimeLimit, err)
		case errors.Is(err, zk.ErrNoSolution), errors.Is(err, zk.ErrBadParams):
			return fail(wire.FailBadModule, err)
		}
		return fail(wire.FailProvider, err)
	}
	if n.opts.Cheat.modeFor(ts.Task, ts.Attempt) == CheatBadProof {
		if p, err = p.Negated(); err != nil {
			return fail(wire.FailProvider, err)
		}
	}
	files, err := proofFiles(c, p)
	if err != nil {
		return fail(wire.FailProvider, err)
	}
	// The proof claim makes a proof that fails slashable on chain; a
	// provider signs it for every proof, as it signs the receipt.
	claim, err := verify.SignDigest(n.id.EVMKey, verify.ProofClaimDigest(n.domain, ts.Task.Job, ts.Task.Index, p.Words(), files[verify.PublicFile]))
	if err != nil {
		return fail(wire.FailProvider, err)
	}
	files[verify.ClaimFile] = claim
	outDir := filepath.Join(dir, "outputs")
	defer clean(outDir)
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(outDir, name), b, 0o600); err != nil {
			return fail(wire.FailProvider, err)
		}
	}
	res.Inline = map[wire.CID][]byte{}
	res.Stdout = n.keepLog(res.Inline, fmt.Appendf(nil, "proved %s for %v in %s\n", c.ID(), params, time.Duration(res.DurationMs)*time.Millisecond))
	res.StdoutSize = int64(len(res.Inline[res.Stdout]))
	m, err := n.collect(outDir, ts.MaxOutput, res.Inline)
	if err != nil {
		return fail(wire.FailProvider, err)
	}
	res.Outputs = m
	sum := sha256.Sum256(pkBytes)
	res = n.signResultAs(ProverName, ts, res, hex.EncodeToString(sum[:]), "")
	if !payments || res.Receipt == nil {
		return res, nil
	}
	return res, &chain.ProofClaim{TaskID: ts.Task.Bytes32(), Index: uint64(ts.Task.Index), Path: path, Proof: p.SolidityProof, PublicInputs: p.PublicInputs}
}

// taskPath checks that the consumer committed this task, with these fixed
// inputs, in the job's task tree, and returns its Merkle path.
func taskPath(ts wire.TaskSpec, fixed []*big.Int, leaves []byte) ([][32]byte, error) {
	if len(leaves)%32 != 0 || len(leaves)/32 != ts.Count || ts.Task.Index >= ts.Count {
		return nil, fmt.Errorf("the job's task commitment (%s) holds %d bytes, not %d tasks' leaves; refusing work the escrow would not pay", TaskLeavesFile, len(leaves), ts.Count)
	}
	ls := make([][32]byte, len(leaves)/32)
	for i := range ls {
		copy(ls[i][:], leaves[32*i:])
	}
	want := chain.TaskLeaf(ts.Task.Job.Bytes32(), uint64(ts.Task.Index), ts.Task.Bytes32(), fixed)
	if ls[ts.Task.Index] != want {
		return nil, fmt.Errorf("the job's task commitment does not hold task %d with the parameters assigned; refusing work the escrow would not pay", ts.Task.Index)
	}
	tree, err := chain.TaskTreeOf(ls)
	if err != nil {
		return nil, err
	}
	return tree.Path(ts.Task.Index)
}

// proveBounded runs zk.Prove, giving up at the timeout or when ctx ends.
// gnark cannot be interrupted: an abandoned proof finishes in the
// background and is dropped.
func (n *Node) proveBounded(ctx context.Context, c *zk.Circuit, pk *zk.ProvingKey, params map[string]string, timeout time.Duration) (*zk.Proof, error) {
	if timeout <= 0 {
		timeout = spec.DefaultTimeout
	}
	type out struct {
		p   *zk.Proof
		err error
	}
	done := make(chan out, 1)
	go func() {
		p, err := zk.Prove(ctx, c, pk, params, n.EVM())
		done <- out{p, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case o := <-done:
		return o.p, o.err
	case <-t.C:
		return nil, fmt.Errorf("zk: proving %s took longer than the task's %s limit: %w", c.ID(), timeout, context.DeadlineExceeded)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// provingKey decodes a proving key once per provider (it takes seconds
// for a large circuit) and keeps the last few.
func (n *Node) provingKey(cid wire.CID, b []byte) (*zk.ProvingKey, error) {
	z := n.zk
	z.mu.Lock()
	if pk, ok := z.pks[cid]; ok {
		z.mu.Unlock()
		return pk, nil
	}
	mu := z.pkMu[cid]
	if mu == nil {
		mu = &sync.Mutex{}
		z.pkMu[cid] = mu
	}
	z.mu.Unlock()
	mu.Lock()
	defer mu.Unlock()
	z.mu.Lock()
	pk, ok := z.pks[cid]
	z.mu.Unlock()
	if ok {
		return pk, nil
	}
	pk, err := zk.LoadProvingKey(b)
	if err != nil {
		return nil, err
	}
	z.mu.Lock()
	if len(z.pks) >= 4 {
		z.pks = map[wire.CID]*zk.ProvingKey{}
	}
	z.pks[cid] = pk
	z.mu.Unlock()
	return pk, nil
}

// proofFiles are the outputs of a zk task: the proof files the receipt
// commits to (zk.Proof.Files) and result.json, the public inputs by name.
func proofFiles(c *zk.Circuit, p *zk.Proof) (map[string][]byte, error) {
	circuit, proof, public, err := p.Files()
	if err != nil {
		return nil, err
	}
	named := map[string]string{}
	for i, name := range c.Fixed() {
		if i < len(p.Fixed(c)) {
			named[name] = p.Fixed(c)[i].String()
		}
	}
	for i, name := range c.Outputs() {
		if i < len(p.Outputs(c)) {
			named[name] = p.Outputs(c)[i].String()
		}
	}
	result, _ := json.MarshalIndent(map[string]any{"circuit": c.ID(), "public": named, "payee": p.Payee().Hex()}, "", "  ")
	return map[string][]byte{verify.CircuitFile: circuit, verify.ProofFile: proof, verify.PublicFile: public, "result.json": append(result, '\n')}, nil
}

// proofBatch collects a job's claims so a provider settles several tasks
// in one transaction (cheaper per task from two on).
type proofBatch struct {
	claims []chain.ProofClaim
	done   []chan error
	sent   bool
}

// Settlement batching: a claim waits at most proofBatchWait for others of
// its job; a batch of proofBatchMax goes at once.
const (
	proofBatchWait = 500 * time.Millisecond
	proofBatchMax  = 4
)

// settleProof settles one task on chain with its proof, batched with the
// job's other claims that arrive within proofBatchWait. It returns when
// the claim's transaction is mined or failed.
func (n *Node) settleProof(ctx context.Context, job wire.JobID, cl chain.ProofClaim) error {
	pe, ok := n.pay.chain.(chain.ProofEscrow)
	if !ok {
		return errors.New("this chain client cannot settle proofs")
	}
	z := n.zk
	done := make(chan error, 1)
	fctx := context.WithoutCancel(ctx)
	z.mu.Lock()
	b := z.batch[job]
	if b == nil {
		b = &proofBatch{}
		z.batch[job] = b
		time.AfterFunc(proofBatchWait, func() { n.flushProofs(fctx, pe, job, b) })
	}
	b.claims = append(b.claims, cl)
	b.done = append(b.done, done)
	full := len(b.claims) >= proofBatchMax
	z.mu.Unlock()
	if full {
		go n.flushProofs(fctx, pe, job, b)
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// flushProofs sends batch b of job (once, whoever calls first). A batch is
// all or nothing on chain, so when it reverts each claim is tried alone:
// one bad claim does not keep the others unpaid.
func (n *Node) flushProofs(ctx context.Context, pe chain.ProofEscrow, job wire.JobID, b *proofBatch) {
	z := n.zk
	z.mu.Lock()
	if z.batch[job] == b {
		delete(z.batch, job)
	}
	if b.sent {
		z.mu.Unlock()
		return
	}
	b.sent = true
	claims, done := b.claims, b.done
	z.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	id := job.Bytes32()
	if len(claims) > 1 {
		err := pe.SettleWithProofs(ctx, id, claims)
		if err == nil {
			for _, d := range done {
				d <- nil
			}
			return
		}
		n.log.Debug("batched proof settlement failed; settling one by one", "job", job.Short(), "claims", len(claims), "err", err)
	}
	for i, cl := range claims {
		done[i] <- pe.SettleWithProof(ctx, id, cl)
	}
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
