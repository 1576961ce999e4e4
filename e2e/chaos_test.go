package e2e

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain/bindings"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/wire"
)

// The chaos test's size: tasks of examples/hello on chaosProviders
// providers. Kept explicit so a slower CI can lower it knowingly.
const (
	chaosTasks     = 1000
	chaosProviders = 6
)

// TestChaos runs chaosTasks small tasks on chaosProviders provider
// processes while it SIGKILLs two providers at random moments (restarting
// the first), then SIGKILLs the consumer and restarts it (on a new port:
// its config listens on port 0). The moments are fractions of the tasks
// verified, drawn from a logged seed (DECO_CHAOS_SEED replays one).
// Afterwards: every task verified with hello's exact output, every task
// paid exactly once in the job's view and no provider redeemed more than
// its paid attempts on chain, the DECO over every account that ever held
// any unchanged, and every attempt that did not win says why it ended.
func TestChaos(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("DECO_CHAOS_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("DECO_CHAOS_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("chaos seed %d (replay with DECO_CHAOS_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	dir, _ := startDevnet(t, chaosProviders, "--slots", "2")
	df, err := devnet.ReadFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	if df.Chain == nil {
		t.Fatal("devnet.json names no chain: the chaos test checks payments")
	}
	ctx := context.Background()
	eth, err := ethclient.DialContext(ctx, df.Chain.RPC)
	if err != nil {
		t.Fatal(err)
	}
	defer eth.Close()
	tokensBefore := tokenTotal(t, eth, df.Chain.Contracts.Token)

	wasmPath := filepath.Join(t.TempDir(), "hello.wasm")
	if err := os.WriteFile(wasmPath, examples.HelloWASM(), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, err := deco(t, dir, "run", "--wasm", wasmPath, "--tasks", strconv.Itoa(chaosTasks), "--verify", "receipt",
		"--timeout", "1m", "--id-only", "--", "chaos")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(out)

	// The plan: which providers die and when, as fractions of the job.
	var providers []int // indexes in df.Nodes
	for i, n := range df.Nodes {
		if n.Provider() {
			providers = append(providers, i)
		}
	}
	rng.Shuffle(len(providers), func(i, j int) { providers[i], providers[j] = providers[j], providers[i] })
	first, second := providers[0], providers[1]
	kill1 := 0.05 + 0.15*rng.Float64()
	kill2 := kill1 + 0.05 + 0.15*rng.Float64()
	restart1 := kill2 + 0.05*rng.Float64()
	killConsumer := restart1 + 0.05 + 0.25*rng.Float64()
	t.Logf("plan: kill %s at %.0f%%, kill %s at %.0f%%, restart %s at %.0f%%, kill and restart the consumer at %.0f%%",
		df.Nodes[first].Name, 100*kill1, df.Nodes[second].Name, 100*kill2, df.Nodes[first].Name, 100*restart1, 100*killConsumer)

	ch := &chaos{t: t, dir: dir, file: df}
	backUp := func() {}
	steps := []struct {
		at float64
		do func()
	}{
		{kill1, func() { ch.kill(first) }},
		{kill2, func() { ch.kill(second) }},
		// The provider's start-up runs while the job goes on (a slow start
		// could otherwise outlast the job); it must be serving at the end.
		{restart1, func() { backUp = ch.restartBegin(first) }},
		{killConsumer, func() { ch.kill(0); ch.restart(0) }},
	}
	for _, s := range steps {
		want := int(s.at * chaosTasks)
		waitFor(t, 6*time.Minute, fmt.Sprintf("%d tasks verified", want), func() bool {
			j := ch.summary(id)
			if j.State.Terminal() {
				t.Fatalf("job %s at %d of %d verified, before the chaos was over: %s", j.State, j.Verified, j.Tasks, j.Reason)
			}
			return j.Verified >= want
		})
		s.do()
	}
	backUp()
	waitFor(t, 8*time.Minute, "the job to end", func() bool { return ch.summary(id).State.Terminal() })
	t.Logf("job ended %s after the submission", time.Since(start).Round(time.Second))

	final := describe(t, dir, id)
	if final.State != api.JobCompleted {
		t.Fatalf("job %s: %s", final.State, final.Reason)
	}
	killed := map[string]bool{df.Nodes[first].PeerID: true, df.Nodes[second].PeerID: true}
	owed := map[string]wire.Amount{} // provider EVM -> paid attempts' prices
	var spent wire.Amount
	moved, reasons := 0, map[string]int{}
	for _, tk := range final.Tasks {
		if tk.State != api.TaskVerified {
			t.Fatalf("task %d %s: %s", tk.Index, tk.State, tk.Reason)
		}
		paid := 0
		for _, a := range tk.Attempts {
			if a.Paid {
				spent += a.Price
				owed[strings.ToLower(a.EVM)] += a.Price
				// Fair exchange: a provider killed between its voucher and
				// the consumer's fetch was paid for outputs it never
				// delivered (docs/economics.md: each side risks one task).
				if !(a.State == "failed" && killed[a.Provider] && strings.Contains(a.Reason, "was paid but")) {
					paid++
				}
			}
			if a.State == "verified" {
				continue
			}
			moved++
			if a.Reason == "" {
				t.Errorf("task %d attempt %d on %s ended %s with no reason", tk.Index, a.N, a.Provider, a.State)
			}
			reasons[a.State+": "+firstWords(a.Reason, 6)]++
		}
		if paid != 1 {
			for _, a := range tk.Attempts {
				t.Logf("task %d attempt %d on %s: %s, paid %v: %s", tk.Index, a.N, a.Provider, a.State, a.Paid, a.Reason)
			}
			t.Errorf("task %d: %d paid attempts (besides those of killed providers that could not deliver), want exactly 1 under receipt verification", tk.Index, paid)
		}
	}
	t.Logf("%d attempts ended without the task's result; reasons: %v", moved, reasons)
	if moved == 0 {
		t.Errorf("no attempt was lost although two providers and the consumer were killed")
	}
	if final.Payment == nil || final.Payment.Spent != spent {
		t.Errorf("payment %+v, want spent %s (the paid attempts)", final.Payment, spent)
	}

	// On chain: the live providers redeem what they hold; nobody redeems
	// more than its paid attempts (a task paid twice would show here).
	for i, n := range ch.file.Nodes {
		if !n.Provider() || ch.dead[i] {
			continue
		}
		if _, err := deco(t, dir, "--api", n.API, "--token", n.Token, "wallet", "redeem"); err != nil {
			t.Logf("redeem on %s: %v", n.Name, err) // nothing to redeem is fine
		}
	}
	redeemed := redemptions(t, eth, df.Chain.Contracts.Escrow)
	for evm, amt := range redeemed {
		if want := owed[evm].Wei(); amt.Cmp(want) > 0 {
			t.Errorf("provider %s redeemed %s wei on chain, was paid for tasks worth %s wei", evm, amt, want)
		}
	}
	t.Logf("redeemed on chain: %v; owed: %v", redeemed, owed)

	if after := tokenTotal(t, eth, df.Chain.Contracts.Token); after.Cmp(tokensBefore) != 0 {
		t.Errorf("DECO over all accounts: %s wei before, %s after", tokensBefore, after)
	}

	// Every output is hello's, for its own task.
	results := t.TempDir()
	if _, err := deco(t, dir, "job", "get", id, "--output-dir", results); err != nil {
		t.Fatal(err)
	}
	for _, tk := range final.Tasks {
		want := fmt.Sprintf("task %d of %d\nsquare %d\nargs chaos\ninputs 0\n", tk.Index, chaosTasks, tk.Index*tk.Index)
		got, err := os.ReadFile(filepath.Join(results, strconv.Itoa(tk.Index), "outputs", "result.txt"))
		if err != nil {
			t.Fatalf("task %d: %v", tk.Index, err)
		}
		if string(got) != want {
			t.Fatalf("task %d: result.txt is %q, want %q", tk.Index, got, want)
		}
	}
}

// chaos kills and restarts the devnet's node processes and keeps
// devnet.json current, so the CLI finds a restarted consumer.
type chaos struct {
	t    *testing.T
	dir  string
	file devnet.File
	dead map[int]bool
}

func (c *chaos) kill(i int) {
	n := c.file.Nodes[i]
	if err := syscall.Kill(n.PID, syscall.SIGKILL); err != nil {
		c.t.Fatalf("kill %s (pid %d): %v", n.Name, n.PID, err)
	}
	if c.dead == nil {
		c.dead = map[int]bool{}
	}
	c.dead[i] = true
	c.t.Logf("SIGKILLed %s (pid %d)", n.Name, n.PID)
}

// restart starts node i again on its home, as `deco devnet` started it
// (its config listens on port 0, so it comes back on new ports), and
// waits until it serves.
func (c *chaos) restart(i int) { c.restartBegin(i)() }

// restartBegin starts node i again and returns what waits until it serves.
func (c *chaos) restartBegin(i int) (wait func()) {
	t := c.t
	n := c.file.Nodes[i]
	h := config.Home(n.Home)
	logf, err := os.OpenFile(h.Path("node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(binary, "node", "--home", n.Home, "--zk-keys", zkKeys)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return func() { c.cameBack(i, n, h, cmd, done) }
}

// cameBack waits until node i, started again as cmd, serves, and records
// where in devnet.json.
func (c *chaos) cameBack(i int, n devnet.Node, h config.Home, cmd *exec.Cmd, done chan struct{}) {
	t := c.t
	var rt config.Runtime
	var err error
	waitFor(t, 2*time.Minute, n.Name+" to come back", func() bool {
		select {
		case <-done:
			t.Fatalf("%s exited after its restart; see %s", n.Name, h.Path("node.log"))
		default:
		}
		rt, err = h.ReadRuntime()
		return err == nil && rt.PID == cmd.Process.Pid
	})
	if slices.Equal(rt.Addrs, n.Addrs) {
		t.Logf("%s came back on its old addresses %v", n.Name, rt.Addrs)
	}
	n.API, n.PID, n.Addrs = rt.API, rt.PID, rt.Addrs
	c.file.Nodes[i] = n
	delete(c.dead, i)
	if err := c.file.Write(); err != nil {
		t.Fatal(err)
	}
	t.Logf("restarted %s (pid %d) on %v", n.Name, rt.PID, rt.Addrs)
}

// summary is job id's summary from the consumer that runs now.
func (c *chaos) summary(id string) api.JobSummary {
	cons := c.file.Nodes[0]
	cl := &api.Client{Base: cons.API, Token: cons.Token}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	js, err := cl.Jobs(ctx)
	if err != nil {
		if c.dead[0] {
			return api.JobSummary{}
		}
		c.t.Logf("list jobs: %v", err) // a busy machine: the next poll retries
		return api.JobSummary{}
	}
	for _, j := range js {
		if string(j.ID) == id {
			return j
		}
	}
	c.t.Fatalf("the consumer does not know job %s", id)
	return api.JobSummary{}
}

// tokenTotal sums the DECO balance of every account that ever held any
// (every Transfer's recipient, from the token's first block), read from
// the chain, and checks the sum is the token's total supply.
func tokenTotal(t *testing.T, eth *ethclient.Client, token common.Address) *big.Int {
	t.Helper()
	ctx := context.Background()
	transfer := crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))
	logs, err := eth.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{token}, Topics: [][]common.Hash{{transfer}}})
	if err != nil {
		t.Fatal(err)
	}
	holders := map[common.Address]bool{}
	for _, l := range logs {
		if len(l.Topics) == 3 {
			holders[common.BytesToAddress(l.Topics[2].Bytes())] = true
		}
	}
	abi := bindings.NewDecoToken()
	call := func(data []byte) []byte {
		out, err := eth.CallContract(ctx, ethereum.CallMsg{To: &token, Data: data}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	sum := new(big.Int)
	for h := range holders {
		b, err := abi.UnpackBalanceOf(call(abi.PackBalanceOf(h)))
		if err != nil {
			t.Fatal(err)
		}
		sum.Add(sum, b)
	}
	supply, err := abi.UnpackTotalSupply(call(abi.PackTotalSupply()))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cmp(supply) != 0 {
		t.Fatalf("DECO held by %d accounts sums to %s wei, the total supply is %s", len(holders), sum, supply)
	}
	return sum
}

// redemptions sums the escrow's Redeemed events by provider (lower-case
// address): what each provider took out of escrows on chain.
func redemptions(t *testing.T, eth *ethclient.Client, escrow common.Address) map[string]*big.Int {
	t.Helper()
	topic := crypto.Keccak256Hash([]byte("Redeemed(bytes32,address,uint256,uint256)"))
	logs, err := eth.FilterLogs(context.Background(), ethereum.FilterQuery{Addresses: []common.Address{escrow}, Topics: [][]common.Hash{{topic}}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*big.Int{}
	for _, l := range logs {
		if len(l.Topics) != 3 || len(l.Data) < 32 {
			t.Fatalf("Redeemed event with %d topics and %d data bytes", len(l.Topics), len(l.Data))
		}
		p := strings.ToLower(common.BytesToAddress(l.Topics[2].Bytes()).Hex())
		if out[p] == nil {
			out[p] = new(big.Int)
		}
		out[p].Add(out[p], new(big.Int).SetBytes(l.Data[:32]))
	}
	return out
}

// firstWords is s cut to n words, to group reasons in the log.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}
