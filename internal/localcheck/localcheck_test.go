package localcheck

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// The consumer's own run of a task gives the honest output root, every
// time, so a provider's different root is caught; a program the consumer
// does not hold concludes nothing.
func TestCheckRunsTheTask(t *testing.T) {
	blobs, err := store.OpenBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	prog, err := blobs.PutBytes(examples.HelloWASM())
	if err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	c, err := New(Config{Blobs: blobs, Clock: clock.Real{}, WorkDir: t.TempDir(),
		Signer: runner.Signer{EVM: crypto.PubkeyToAddress(key.PublicKey).Hex(), Key: key, Attester: attest.Software{}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	spec := wire.TaskSpec{Task: wire.TaskID{Job: "job", Index: 0}, Count: 1, Attempt: 1, Program: prog, ProgramSize: int64(len(examples.HelloWASM())),
		Args: []string{"world"}, MemoryLimit: 64 << 20, TimeoutMs: 30000, MaxOutput: 1 << 20, Kind: wire.KindWasm}
	lie := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "out", Size: 1, CID: wire.CIDOf([]byte("lie"))}}}.Root()
	a := c.Check(context.Background(), market.CheckLocal{Spec: spec, Root: lie})
	b := c.Check(context.Background(), market.CheckLocal{Spec: spec, Root: lie})
	if a.Err != "" || a.Root == "" || a.Root != b.Root || a.Root == lie || a.Claimed != lie || a.Task != spec.Task {
		t.Fatalf("checks %+v and %+v", a, b)
	}
	spec.Program = wire.CIDOf([]byte("not held"))
	if x := c.Check(context.Background(), market.CheckLocal{Spec: spec, Root: lie}); x.Err == "" {
		t.Fatalf("a program the consumer does not hold was checked: %+v", x)
	}
}
