package zkjob

import (
	"context"
	"errors"
	"math/big"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// memBlobs is an in-memory Blobs.
type memBlobs struct {
	mu sync.Mutex
	m  map[wire.CID][]byte
}

func newBlobs() *memBlobs { return &memBlobs{m: map[wire.CID][]byte{}} }

func (b *memBlobs) PutBytes(p []byte) (wire.CID, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := wire.CIDOf(p)
	b.m[c] = append([]byte(nil), p...)
	return c, nil
}

func (b *memBlobs) Get(c wire.CID, max int64) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p, ok := b.m[c]
	if !ok || int64(len(p)) > max {
		return nil, errors.New("no such blob")
	}
	return p, nil
}

// fakeChain is a proof escrow with a circuit registry and a block clock;
// methods the tests do not reach panic (the embedded nil interface).
type fakeChain struct {
	chain.ProofEscrow
	now      time.Time
	info     chain.JobInfo
	price    *big.Int
	settled  map[uint64]bool
	reported []chain.ProofClaim
	sigs     [][]byte
}

func (f *fakeChain) Contracts() chain.Addresses {
	return chain.Addresses{Escrow: common.HexToAddress("0x00000000000000000000000000000000000000e5")}
}
func (f *fakeChain) Job(context.Context, [32]byte) (chain.JobInfo, error) { return f.info, nil }
func (f *fakeChain) Circuit(context.Context, [32]byte) (chain.CircuitInfo, error) {
	return chain.CircuitInfo{FixedInputs: 1}, nil
}
func (f *fakeChain) ChainTime(context.Context) (time.Time, error) { return f.now, nil }
func (f *fakeChain) ProofTerms(context.Context, [32]byte) (chain.ProofTerms, error) {
	return chain.ProofTerms{ProofJob: chain.ProofJob{Price: f.price}}, nil
}
func (f *fakeChain) Settled(_ context.Context, _ [32]byte, i uint64) (bool, error) {
	return f.settled[i], nil
}
func (f *fakeChain) ReportBadProof(_ context.Context, _ [32]byte, cl chain.ProofClaim, sig []byte) error {
	f.reported = append(f.reported, cl)
	f.sigs = append(f.sigs, sig)
	return nil
}

// recEscrow records the proof escrows opened.
type recEscrow struct {
	job      wire.JobID
	deposit  wire.Amount
	deadline time.Time
	terms    chain.ProofJob
}

func (e *recEscrow) OpenProof(_ context.Context, job wire.JobID, deposit wire.Amount, deadline time.Time, terms chain.ProofJob) error {
	e.job, e.deposit, e.deadline, e.terms = job, deposit, deadline, terms
	return nil
}

// keysDir is one key cache for every test: a setup runs once per circuit.
var keysDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "deco-zkjob-keys-")
	if err != nil {
		panic(err)
	}
	keysDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const testJob = wire.JobID("00112233445566778899aabbccddeeff")

func cubicJob(tasks int) spec.Job {
	return spec.Job{Verification: spec.VerifyZK, Tasks: spec.Tasks{Count: tasks}, Price: spec.Price{Max: 10, Budget: 100},
		Circuit: &spec.Circuit{Name: "cubic", Set: map[string]string{"y": "51"}}}
}

var payee = common.HexToAddress("0x00000000000000000000000000000000deadbeef")

// proveTask proves task i of prepared job s as a provider would, and
// returns its output files by name.
func proveTask(t *testing.T, blobs *memBlobs, s spec.Job, i int, bad bool) map[string][]byte {
	t.Helper()
	pkb, err := blobs.Get(s.Program.CID, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := zk.LoadProvingKey(pkb)
	if err != nil {
		t.Fatal(err)
	}
	c, err := zk.Lookup(s.Circuit.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := zk.Prove(context.Background(), c, pk, s.CircuitFor(i), payee)
	if err != nil {
		t.Fatal(err)
	}
	if bad {
		if p, err = p.Negated(); err != nil {
			t.Fatal(err)
		}
	}
	circuit, proof, public, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{verify.CircuitFile: circuit, verify.ProofFile: proof, verify.PublicFile: public}
}

// verdict is a checked result carrying files as its outputs.
func verdict(t *testing.T, blobs *memBlobs, files map[string][]byte) market.Verdict {
	t.Helper()
	v := market.Verdict{OK: true, Receipt: &wire.Receipt{Job: testJob}, Outputs: wire.Manifest{Kind: "outputs"}}
	for name, b := range files {
		c, _ := blobs.PutBytes(b)
		v.Outputs.Entries = append(v.Outputs.Entries, wire.Entry{Path: name, Size: int64(len(b)), CID: c})
	}
	return v
}

// Without payments, Prepare publishes the proving key as the program and
// the circuit parameters as arguments; Judge accepts a proof of the task
// paid to the bidder and rejects everything else, a proof that does not
// verify with bad-proof evidence.
func TestPrepareAndJudge(t *testing.T) {
	ctx := context.Background()
	blobs := newBlobs()
	dir := keysDir
	j := New(Options{Keys: dir, Blobs: blobs})
	s := cubicJob(2)
	tree, err := j.Prepare(ctx, testJob, &s)
	if err != nil || tree != nil {
		t.Fatalf("Prepare without payments: tree %v, err %v", tree, err)
	}
	if s.Circuit.Name != "cubic" || !slices.Equal(s.Tasks.Args, []string{"y=51"}) || len(s.Inputs) != 0 {
		t.Fatalf("prepared spec: circuit %q args %v inputs %v", s.Circuit.Name, s.Tasks.Args, s.Inputs)
	}
	if pk, err := blobs.Get(s.Program.CID, 1<<30); err != nil || !zk.IsProvingKey(pk) || int64(len(pk)) != s.Program.Size {
		t.Fatalf("program %s is not the published proving key: %v", s.Program.CID, err)
	}
	j.Track(testJob, s)
	if _, ok := j.Job(testJob); !ok {
		t.Fatal("a tracked zk job is unknown")
	}
	plain := s
	plain.Verification = spec.VerifyReceipt
	j.Track("ffeeddccbbaa99887766554433221100", plain)
	if _, ok := j.Job("ffeeddccbbaa99887766554433221100"); ok {
		t.Fatal("a job verified by receipt is tracked as a zk job")
	}

	good := proveTask(t, blobs, s, 1, false)
	bad := proveTask(t, blobs, s, 1, true)
	assign := func(evm common.Address) market.Assign {
		return market.Assign{Peer: "12D3KooWprovider", EVM: evm.Hex(), Msg: wire.Assign{Spec: wire.TaskSpec{Task: wire.TaskID{Job: testJob, Index: 1}}}}
	}
	without := func(name string) map[string][]byte {
		out := map[string][]byte{}
		for k, v := range good {
			if k != name {
				out[k] = v
			}
		}
		return out
	}
	other := s
	other.Circuit = &spec.Circuit{Name: "sumsq/16", Set: s.Circuit.Set}
	unknown := s
	unknown.Program.CID = wire.CIDOf([]byte("not a proving key"))
	tests := []struct {
		name   string
		s      spec.Job
		files  map[string][]byte
		payee  common.Address
		reason string // "" means accepted
		fraud  bool
	}{
		{"valid proof", s, good, payee, "", false},
		{"paid to someone else", s, good, common.HexToAddress("0x01"), "the proof pays", false},
		{"no proof file", s, without(verify.ProofFile), payee, "no " + verify.ProofFile, false},
		{"no public file", s, without(verify.PublicFile), payee, "no " + verify.PublicFile, false},
		{"another circuit", other, good, payee, "the job asked for sumsq/16", false},
		{"no verifying key", unknown, good, payee, "holds no verifying key", false},
		{"proof does not verify", s, bad, payee, "does not verify", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := j.Judge(tc.s, assign(tc.payee), verdict(t, blobs, tc.files))
			if tc.reason == "" {
				if !v.OK || v.Reason != "" || v.Evidence != nil {
					t.Fatalf("rejected a valid proof: %+v", v)
				}
				return
			}
			if v.OK || !strings.Contains(v.Reason, tc.reason) {
				t.Fatalf("verdict OK=%v reason %q, want a rejection about %q", v.OK, v.Reason, tc.reason)
			}
			if got := v.Evidence != nil; got != tc.fraud {
				t.Fatalf("evidence %v, want %v", got, tc.fraud)
			}
			if tc.fraud && (v.Evidence.Kind != verify.KindBadProof || v.Evidence.Claimed()) {
				t.Fatalf("evidence %s (claimed %v), want an unclaimed bad proof", v.Evidence.Kind, v.Evidence.Claimed())
			}
		})
	}

	// The keys are cached: Jobs on the same directory checks the proofs
	// (gossiped evidence) after Load.
	j2 := New(Options{Keys: dir, Blobs: blobs})
	if err := j2.VerifyProof("cubic", good[verify.ProofFile], good[verify.PublicFile]); err == nil {
		t.Fatal("verified a proof before loading any key")
	}
	if err := j2.Load(); err != nil {
		t.Fatal(err)
	}
	if err := j2.VerifyProof("cubic", good[verify.ProofFile], good[verify.PublicFile]); err != nil {
		t.Fatalf("a valid proof: %v", err)
	}
	if err := j2.VerifyProof("cubic", bad[verify.ProofFile], bad[verify.PublicFile]); !errors.Is(err, verify.ErrProofFails) {
		t.Fatalf("a bad proof: %v, want ErrProofFails", err)
	}
}

// A bare circuit kind means the one size this node holds keys for.
func TestResolveBareKind(t *testing.T) {
	dir := keysDir
	c, err := zk.Lookup("sumsq/16")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (zk.Cache{Dir: dir}).Ensure(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	j := New(Options{Keys: dir, Blobs: newBlobs()})
	got, err := j.resolve("sumsq")
	if err != nil || got.ID() != "sumsq/16" {
		t.Fatalf("resolve(sumsq) = %v, %v; want the cached sumsq/16", got, err)
	}
	if got, err := New(Options{Keys: t.TempDir()}).resolve("sumsq"); err != nil || got.ID() != "sumsq/1000" {
		t.Fatalf("resolve(sumsq) with no keys = %v, %v; want the default size", got, err)
	}
}

// With payments, Prepare commits the tasks to a tree whose leaves every
// task gets as an input, OpenEscrow opens the escrow on those terms from
// the chain's now, and a claimed bad proof goes on chain with its path.
func TestEscrowAndBadProofReport(t *testing.T) {
	ctx := context.Background()
	blobs := newBlobs()
	clk := clock.NewFake(time.Unix(1_000_000, 0))
	fc := &fakeChain{now: clk.Now().Add(time.Minute)}
	esc := &recEscrow{}
	j := New(Options{Keys: keysDir, Chain: fc, Escrow: esc, Blobs: blobs, Clock: clk})
	s := cubicJob(3)
	tree, err := j.Prepare(ctx, testJob, &s)
	if err != nil || tree == nil || tree.Len() != 3 {
		t.Fatalf("Prepare with payments: tree %v, err %v", tree, err)
	}
	if len(s.Inputs) != 1 || s.Inputs[0].Name != zkexec.LeavesFile || s.Inputs[0].Size != 32*3 {
		t.Fatalf("inputs %+v, want the task leaves", s.Inputs)
	}
	if got, _ := j.Tree(testJob); got != tree {
		t.Fatal("the job's tree is not kept")
	}
	if err := j.OpenEscrow(ctx, testJob, s, tree, time.Hour); err != nil {
		t.Fatal(err)
	}
	if esc.job != testJob || esc.deposit != 100 || !esc.deadline.Equal(fc.now.Add(time.Hour)) ||
		esc.terms.TaskRoot != tree.Root() || esc.terms.Tasks != 3 || esc.terms.Price.Cmp(wire.Amount(10).Wei()) != 0 {
		t.Fatalf("escrow opened with %+v", esc)
	}

	words := make([]byte, verify.ProofWordsSize)
	for i := range words {
		words[i] = byte(i / 32)
	}
	ev := verify.Evidence{Kind: verify.KindBadProof, A: &wire.Receipt{Job: testJob, Index: 2}, Words: words, Public: make([]byte, 64), Claim: []byte("sig")}
	j.ReportBadProof(ctx, ev, payee)
	if len(fc.reported) != 1 || string(fc.sigs[0]) != "sig" || fc.reported[0].Index != 2 {
		t.Fatalf("reported %+v", fc.reported)
	}
	other := ev
	other.A = &wire.Receipt{Job: "ffeeddccbbaa99887766554433221100", Index: 0}
	j.ReportBadProof(ctx, other, payee)
	if len(fc.reported) != 1 {
		t.Fatal("reported a bad proof of a job this node did not commit")
	}
}

func TestBadProofClaim(t *testing.T) {
	tasks := []chain.ProofTask{}
	for i := range 3 {
		tasks = append(tasks, chain.ProofTask{ID: wire.TaskID{Job: testJob, Index: i}.Bytes32(), Fixed: []*big.Int{big.NewInt(int64(i))}})
	}
	tree, err := chain.NewTaskTree(testJob.Bytes32(), tasks)
	if err != nil {
		t.Fatal(err)
	}
	words := make([]byte, verify.ProofWordsSize)
	for i := range words {
		words[i] = byte(i/32 + 1)
	}
	public := make([]byte, 64)
	public[31], public[63] = 7, 9
	ev := func(index int, words, public []byte) verify.Evidence {
		return verify.Evidence{A: &wire.Receipt{Job: testJob, Index: index}, Words: words, Public: public}
	}
	cl, err := BadProofClaim(ev(1, words, public), tree)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := tree.Path(1)
	if cl.TaskID != tasks[1].ID || cl.Index != 1 || !slices.Equal(cl.Path, path) {
		t.Fatalf("claim task %x index %d path %x", cl.TaskID, cl.Index, cl.Path)
	}
	for i, w := range cl.Proof {
		want := new(big.Int).SetBytes(words[32*i : 32*i+32])
		if w.Cmp(want) != 0 {
			t.Fatalf("proof word %d = %s, want %s", i, w, want)
		}
	}
	if len(cl.PublicInputs) != 2 || cl.PublicInputs[0].Int64() != 7 || cl.PublicInputs[1].Int64() != 9 {
		t.Fatalf("public inputs %v", cl.PublicInputs)
	}
	for name, bad := range map[string]verify.Evidence{
		"short proof":      ev(1, words[:len(words)-1], public),
		"ragged inputs":    ev(1, words, public[:40]),
		"task not in tree": ev(3, words, public),
	} {
		if _, err := BadProofClaim(bad, tree); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestPaymentView(t *testing.T) {
	deco := func(n int64) *big.Int { return wire.Amount(n).Wei() }
	fc := &fakeChain{info: chain.JobInfo{Deposited: deco(30), Redeemed: deco(8)}, price: deco(4), settled: map[uint64]bool{0: true, 2: true}}
	j := New(Options{Chain: fc})
	view := &api.JobView{ID: testJob, Spec: cubicJob(3), Tasks: []api.TaskView{{Index: 0, ProviderEVM: payee.Hex()}, {Index: 1}, {Index: 2, ProviderEVM: payee.Hex()}}}
	pv := j.PaymentView(context.Background(), view)
	if pv == nil || pv.Deposit != 30 || pv.Redeemed != 8 || pv.PerTask != 4 || !slices.Equal(pv.Settled, []int{0, 2}) || pv.Escrow != fc.Contracts().Escrow.Hex() {
		t.Fatalf("payment view %+v", pv)
	}
	if len(pv.Providers) != 1 || pv.Providers[0].Redeemed != 8 {
		t.Fatalf("providers %+v, want %s paid 8", pv.Providers, payee.Hex())
	}
	if New(Options{}).PaymentView(context.Background(), view) != nil {
		t.Fatal("a view without a proof escrow")
	}
}

func TestWeiAmount(t *testing.T) {
	for _, tc := range []struct {
		wei  *big.Int
		want wire.Amount
	}{
		{nil, 0},
		{big.NewInt(1), 0},
		{wire.Amount(5).Wei(), 5},
		{new(big.Int).Add(wire.Amount(5).Wei(), big.NewInt(1)), 5},
	} {
		if got := weiAmount(tc.wei); got != tc.want {
			t.Errorf("weiAmount(%v) = %d, want %d", tc.wei, got, tc.want)
		}
	}
}
