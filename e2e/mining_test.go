package e2e

import (
	"crypto/sha256"
	be "encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
)

// TestMiningJobCheckedByChecker runs examples/jobs/mining.yaml as it is on
// a devnet with payments: every task's nonce is paid, fetched, judged by
// the checker on the consumer, and found here, in plain Go, to be the
// first nonce of the task's range that meets the difficulty.
func TestMiningJobCheckedByChecker(t *testing.T) {
	dir, _ := startDevnet(t, 2)
	yaml := filepath.Join(repoRoot(), "examples", "jobs", "mining.yaml")
	out, err := deco(t, dir, "job", "submit", yaml, "--id-only")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(out)
	j := waitMined(t, dir, id)
	t.Logf("%d tasks mined, paid, fetched and checked in %s", len(j.Tasks), j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond))
	checkNonces(t, dir, j, true)
	for _, tk := range j.Tasks {
		a := tk.Attempts[len(tk.Attempts)-1]
		if a.Checker != "accepted" || !a.Paid {
			t.Fatalf("task %d: accepted attempt %+v: want accepted by the checker and paid", tk.Index, a)
		}
	}
	text, err := deco(t, dir, "job", "describe", id)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(text, "accepted by checker") != len(j.Tasks) {
		t.Fatalf("describe does not show the checker's verdict per task:\n%s", text)
	}
}

// TestMiningCheaterRejectedByChecker: one of three providers returns
// wrong outputs under valid receipts (--malice wrong). The checker rejects
// its nonce (it was paid: the voucher goes before the bytes), the task
// runs again on an honest provider, every accepted nonce is valid, and the
// convicted cheater gets no task of the next job.
func TestMiningCheaterRejectedByChecker(t *testing.T) {
	dir, dn := startDevnet(t, 3, "--slots", "1", "--malicious", "1", "--malice", "wrong")
	cheater := ""
	for _, n := range dn.Nodes {
		if n.Malice != "" {
			cheater = n.PeerID
		}
	}
	if cheater == "" {
		t.Fatal("devnet.json names no malicious provider")
	}
	tmp := t.TempDir()
	for name, b := range map[string][]byte{"mining.wasm": examples.MiningWASM(), "check.wasm": examples.MiningCheckWASM()} {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	job := "name: mining-small\nprogram: {wasm: mining.wasm}\ntasks:\n  count: 6\n  args: [--header, 6d696e652d6d65, --bits, \"16\", --span, \"1048576\"]\n" +
		"resources: {memory: 64MiB}\ntimeout: 2m\nverification: check\nchecker: {wasm: check.wasm}\n"
	if err := os.WriteFile(filepath.Join(tmp, "job.yaml"), []byte(job), 0o644); err != nil {
		t.Fatal(err)
	}
	submit := func() api.JobView {
		out, err := deco(t, dir, "job", "submit", filepath.Join(tmp, "job.yaml"), "--id-only")
		if err != nil {
			t.Fatal(err)
		}
		j := waitMined(t, dir, strings.TrimSpace(out))
		checkNonces(t, dir, j, false)
		return j
	}
	// The scheduler spreads a job over the providers, so the cheater takes
	// a task of the first job; a second job covers an unlucky draw.
	rejected := 0
	for round := 0; round < 2 && rejected == 0; round++ {
		j := submit()
		for _, tk := range j.Tasks {
			if tk.Provider == cheater {
				t.Fatalf("task %d accepted from the cheater", tk.Index)
			}
			for _, a := range tk.Attempts {
				if a.Provider != cheater || a.OutputRoot == "" {
					continue
				}
				if !strings.HasPrefix(a.Checker, "rejected: ") || a.State != "struck" || !a.Paid {
					t.Fatalf("task %d: the cheater's attempt %+v: want rejected by the checker, struck after it was paid", tk.Index, a)
				}
				t.Logf("task %d: the cheater's nonce %s", tk.Index, a.Checker)
				rejected++
			}
		}
	}
	if rejected == 0 {
		t.Fatal("the cheater got no task in two jobs")
	}
	if rejected > 1 {
		t.Fatalf("the cheater was rejected %d times: a convicted provider got more work", rejected)
	}
	// Convicted: no more work from this consumer.
	for _, tk := range submit().Tasks {
		for _, a := range tk.Attempts {
			if a.Provider == cheater {
				t.Fatalf("the convicted cheater got task %d of the next job", tk.Index)
			}
		}
	}
}

// waitMined waits for job id to end and requires it completed.
func waitMined(t *testing.T, dir, id string) api.JobView {
	t.Helper()
	var j api.JobView
	waitFor(t, 4*time.Minute, "the mining job to end", func() bool {
		j = describe(t, dir, id)
		return j.State.Terminal()
	})
	if j.State != api.JobCompleted {
		t.Fatalf("mining job %s: %s", j.State, j.Reason)
	}
	return j
}

// checkNonces fetches j's outputs and checks each task's nonce with
// crypto/sha256 here: in the task's range, the hash as written, enough
// leading zero bits, and (first) no earlier nonce of the range qualifies.
func checkNonces(t *testing.T, dir string, j api.JobView, first bool) {
	t.Helper()
	results := t.TempDir()
	if _, err := deco(t, dir, "job", "get", string(j.ID), "--output-dir", results); err != nil {
		t.Fatal(err)
	}
	s := j.Spec
	var header []byte
	var need int
	var span uint64
	for i := 0; i+1 < len(s.Tasks.Args); i += 2 {
		v := spec.Expand(s.Tasks.Args[i+1], 0, s.Tasks.Count)
		switch s.Tasks.Args[i] {
		case "--header":
			header, _ = hex.DecodeString(v)
		case "--bits":
			need, _ = strconv.Atoi(v)
		case "--span":
			span, _ = strconv.ParseUint(v, 10, 64)
		}
	}
	if len(header) == 0 || need == 0 || span == 0 {
		t.Fatalf("mining args %v", s.Tasks.Args)
	}
	hash := func(nonce uint64) [32]byte {
		return sha256.Sum256(be.BigEndian.AppendUint64(append([]byte(nil), header...), nonce))
	}
	zeros := func(h [32]byte) int {
		n := 0
		for _, b := range h {
			n += bits.LeadingZeros8(b)
			if b != 0 {
				break
			}
		}
		return n
	}
	for i := range s.Tasks.Count {
		b, err := os.ReadFile(filepath.Join(results, fmt.Sprint(i), "outputs", "nonce.txt"))
		if err != nil {
			t.Fatal(err)
		}
		var nonce uint64
		var hx string
		if _, err := fmt.Sscanf(string(b), "nonce %d\nhash %s\n", &nonce, &hx); err != nil {
			t.Fatalf("task %d: %q: %v", i, b, err)
		}
		lo := uint64(i) * span
		h := hash(nonce)
		if nonce < lo || nonce >= lo+span || hex.EncodeToString(h[:]) != hx || zeros(h) < need {
			t.Fatalf("task %d: nonce %d (range [%d,%d)), hash %x (%d zero bits, want %d), written %s", i, nonce, lo, lo+span, h, zeros(h), need, hx)
		}
		if first {
			for n := lo; n < nonce; n++ {
				if zeros(hash(n)) >= need {
					t.Fatalf("task %d: nonce %d qualifies before %d", i, n, nonce)
				}
			}
		}
		t.Logf("task %d: nonce %d, hash %s", i, nonce, hx[:16])
	}
}
