package localcheck

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// The mining example's checker, run here on outputs the consumer stored,
// accepts the miner's own result and rejects a wrong nonce with the reason
// it wrote on stderr; a checker the consumer does not hold concludes
// nothing.
func TestJudgeRunsTheChecker(t *testing.T) {
	blobs, err := store.OpenBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	miner, _ := blobs.PutBytes(examples.MiningWASM())
	checker, _ := blobs.PutBytes(examples.MiningCheckWASM())
	key, _ := crypto.GenerateKey()
	c, err := New(Config{Blobs: blobs, Clock: clock.Real{}, WorkDir: t.TempDir(),
		Signer: runner.Signer{EVM: crypto.PubkeyToAddress(key.PublicKey).Hex(), Key: key, Attester: attest.Software{}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	spec := wire.TaskSpec{Task: wire.TaskID{Job: "job", Index: 2}, Count: 4, Attempt: 1, Program: miner, ProgramSize: int64(len(examples.MiningWASM())),
		Args: []string{"--header", "6465636f", "--bits", "14", "--span", "1048576"}, Env: map[string]string{"DECO_TASK_INDEX": "2", "DECO_TASK_COUNT": "4"},
		MemoryLimit: 64 << 20, TimeoutMs: 60000, MaxOutput: 1 << 20, Kind: wire.KindWasm}
	// The consumer's own run of the miner gives the honest outputs.
	if err := c.start(ctx); err != nil { // the runner starts at the first Check or Judge
		t.Fatal(err)
	}
	start := time.Now()
	res, _ := c.run.Run(ctx, "", wire.Assign{Spec: spec}, 0, func(string, string) {})
	if res.Failure != "" {
		t.Fatalf("mine: %s %s", res.Failure, res.Message)
	}
	t.Logf("mined 14 bits in %s", time.Since(start))
	for _, e := range res.Outputs.Entries {
		if b := res.Inline[e.CID]; b != nil {
			blobs.PutBytes(b)
		}
	}
	start = time.Now()
	v := c.Judge(ctx, market.RunChecker{Task: spec.Task, Attempt: 1, Spec: spec, Checker: checker, Outputs: res.Outputs})
	if !v.OK || v.Err != "" || v.Task != spec.Task || v.Attempt != 1 {
		t.Fatalf("honest result: %+v", v)
	}
	t.Logf("checked in %s (compiling the checker included)", time.Since(start))
	lie := []byte(fmt.Sprintf("nonce %d\nhash %064x\n", 2*1048576+7, 0))
	lieCID, _ := blobs.PutBytes(lie)
	out := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "nonce.txt", CID: lieCID, Size: int64(len(lie))}}}
	start = time.Now()
	v = c.Judge(ctx, market.RunChecker{Task: spec.Task, Attempt: 2, Spec: spec, Checker: checker, Outputs: out})
	if v.OK || v.Err != "" || !strings.Contains(v.Reason, "hashes to") {
		t.Fatalf("wrong nonce: %+v", v)
	}
	t.Logf("checked again (compiled module in memory) in %s: %s", time.Since(start), v.Reason)
	// The checker's /outputs is a copy: the stored blob is untouched.
	if got, _ := blobs.Get(lieCID, 1<<20); string(got) != string(lie) {
		t.Fatal("the checker changed a stored output")
	}
	v = c.Judge(ctx, market.RunChecker{Task: spec.Task, Attempt: 3, Spec: spec, Checker: wire.CIDOf([]byte("not held")), Outputs: out})
	if v.OK || v.Err == "" {
		t.Fatalf("a checker the consumer does not hold judged: %+v", v)
	}
}
