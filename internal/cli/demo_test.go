package cli

import (
	"bytes"
	"encoding/json"
	"image/png"
	"math/big"
	"os"
	"testing"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/zk"
)

// `deco demo`, the README's first command, at a small size: the render
// completes with every receipt verified and paid through the escrow, the
// image is whole, and the zk job's tasks prove the right MiMC chains and
// are all settled on chain.
func TestDemo(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run([]string{"demo", "--providers", "2", "--tiles", "2", "--width", "64", "--height", "48", "--out", dir, "-o", "json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("demo exited %d:\n%s", code, errb.String())
	}
	var s DemoSummary
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("demo -o json: %v\n%s", err, out.String())
	}
	if s.State != string(api.JobCompleted) || s.Tasks != 2 || s.ReceiptsVerified != 2 {
		t.Fatalf("render: %s, %d tasks, %d receipts verified", s.State, s.Tasks, s.ReceiptsVerified)
	}
	f, err := os.Open(s.Image)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("render.png: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 64 || b.Dy() != 48 {
		t.Fatalf("render.png is %dx%d, want 64x48", b.Dx(), b.Dy())
	}
	if p := s.Payment; p == nil || p.Spent == 0 || p.Spent > p.Deposit {
		t.Fatalf("render payment %+v", s.Payment)
	}

	z := s.ZK
	if z == nil {
		t.Fatal("no zk job in the summary")
	}
	if z.Skipped != "" {
		t.Fatalf("zk job skipped: %s", z.Skipped)
	}
	if z.State != string(api.JobCompleted) || z.Tasks != 3 || z.Settled != 3 || !z.SetupNew {
		t.Fatalf("zk job: %s, %d tasks, %d settled, set up now %v", z.State, z.Tasks, z.Settled, z.SetupNew)
	}
	for i, got := range z.Outputs {
		if want := zk.MimcChain(big.NewInt(int64(i)), 8).String(); got != want {
			t.Fatalf("zk task %d proved out %s, want MiMC⁸(%d) = %s", i, got, i, want)
		}
	}
	if p := z.Payment; p == nil || p.Redeemed != 3*p.PerTask || p.PerTask == 0 {
		t.Fatalf("zk payment %+v, want 3 tasks paid on proof", z.Payment)
	}
}
