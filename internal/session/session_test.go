package session

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// A result is accepted on its signed root without its bytes (the
// provider withholds them until paid); FetchOutputs then stores them,
// checked against the manifest.
func TestAcceptedResultIsJudgedOnItsRootAndFetchedAfter(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(a wire.Assign) *wire.Result {
		return p.signed(t, c.domain, a, 0, map[string][]byte{"out.txt": []byte("hello")})
	}
	a := assignment(p, 0)
	c.Start(context.Background(), a)
	out := next[market.Outcome](t, c)
	if !out.Verdict.OK || out.Verdict.Reason != "" || !out.Verdict.Withheld {
		t.Fatalf("verdict %+v, want accepted on its root, outputs withheld", out.Verdict)
	}
	if len(out.Verdict.Outputs.Entries) != 1 || c.blobs.Has(out.Verdict.Outputs.Entries[0].CID) {
		t.Fatalf("outputs %+v fetched before payment", out.Verdict.Outputs)
	}
	f := market.Fetch{Peer: a.Peer, Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Outputs: out.Verdict.Outputs, MaxOutput: a.Msg.Spec.MaxOutput}
	if err := c.FetchOutputs(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if !c.blobs.Has(out.Verdict.Outputs.Entries[0].CID) {
		t.Fatalf("outputs %+v not fetched into the consumer's store", out.Verdict.Outputs)
	}
}

// Outputs fetched after payment are the provider's to deliver: missing
// bytes or a manifest that lies about a size are errors (the market then
// blames the paid provider).
func TestFetchAfterPaymentChecksTheManifest(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	a := assignment(p, 0)
	res := p.signed(t, c.domain, a.Msg, 0, map[string][]byte{"out.txt": []byte("hello")})
	f := market.Fetch{Peer: a.Peer, Task: a.Msg.Spec.Task, Attempt: 1, Outputs: res.Outputs, MaxOutput: a.Msg.Spec.MaxOutput}
	lying := f
	lying.Outputs.Entries = append([]wire.Entry(nil), f.Outputs.Entries...)
	lying.Outputs.Entries[0].Size++
	if err := c.FetchOutputs(context.Background(), lying); err == nil || !strings.Contains(err.Error(), "signed manifest says") {
		t.Fatalf("fetch with a lying manifest: %v, want a size mismatch", err)
	}
	p.blobs = newMemBlobs() // the provider lost them
	if err := newConsumer(t, p, nil).FetchOutputs(context.Background(), f); err == nil {
		t.Fatal("fetch of outputs the provider does not have succeeded")
	}
}

// The provider of an attempt may read the task's program and inputs from
// the consumer while the attempt lasts; other peers never, and the
// provider no longer once the attempt is over.
func TestAttemptGrantsItsBlobsToItsProviderOnly(t *testing.T) {
	p, other := newProvider(t), newProvider(t)
	c := newConsumer(t, p, nil)
	a := assignment(p, 0)
	input := wire.CIDOf([]byte("input"))
	a.Msg.Spec.Inputs = []wire.Input{{Name: "in.txt", CID: input, Size: 5}}
	during := map[string]bool{}
	p.result = func(a wire.Assign) *wire.Result {
		during["provider program"] = c.access.Allowed(p.id, a.Spec.Program)
		during["provider input"] = c.access.Allowed(p.id, input)
		during["other program"] = c.access.Allowed(other.id, a.Spec.Program)
		during["other input"] = c.access.Allowed(other.id, input)
		return p.signed(t, c.domain, a, 0, nil)
	}
	c.Start(context.Background(), a)
	if out := next[market.Outcome](t, c); !out.Verdict.OK {
		t.Fatalf("verdict %+v, want accepted", out.Verdict)
	}
	want := map[string]bool{"provider program": true, "provider input": true, "other program": false, "other input": false}
	for k, v := range want {
		if during[k] != v {
			t.Errorf("during the attempt, %s readable: %v, want %v", k, during[k], v)
		}
	}
	if c.access.Allowed(p.id, a.Msg.Spec.Program) || c.access.Allowed(p.id, input) {
		t.Error("the provider can still read the task's blobs after the attempt ended")
	}
}

func TestVerdictReasons(t *testing.T) {
	cases := []struct {
		name    string
		result  func(p *provider, c *consumer, a wire.Assign) *wire.Result
		program bool // a program fault, not the provider's
		reason  string
	}{
		{"time limit", func(_ *provider, _ *consumer, a wire.Assign) *wire.Result {
			return &wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, Failure: wire.FailTimeLimit}
		}, true, "time limit: the program ran longer than its 5s limit (raise it with --timeout or timeout:)"},
		{"missing input", func(_ *provider, _ *consumer, a wire.Assign) *wire.Result {
			return &wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, Failure: wire.FailMissingInput, Message: "in.txt"}
		}, true, "missing input: in.txt"},
		{"provider could not run it", func(_ *provider, _ *consumer, a wire.Assign) *wire.Result {
			return &wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, Failure: wire.FailProvider, Message: "disk full"}
		}, false, "could not run the task: disk full"},
		{"no receipt", func(_ *provider, _ *consumer, a wire.Assign) *wire.Result {
			return &wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, Outputs: wire.Manifest{Kind: "outputs"}}
		}, false, "returned no receipt"},
		{"receipt for other outputs", func(p *provider, c *consumer, a wire.Assign) *wire.Result {
			res := p.signed(t, c.domain, a, 0, map[string][]byte{"out.txt": []byte("hello")})
			other := p.signed(t, c.domain, a, 0, map[string][]byte{"out.txt": []byte("HELLO")})
			res.Outputs = other.Outputs
			return res
		}, false, "rejected"},
		{"nonzero exit", func(p *provider, c *consumer, a wire.Assign) *wire.Result {
			return p.signed(t, c.domain, a, 3, nil)
		}, true, "the program exited with code 3 (see `deco job logs` for its stderr)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newProvider(t)
			c := newConsumer(t, p, nil)
			p.result = func(a wire.Assign) *wire.Result { return tc.result(p, c, a) }
			c.Start(context.Background(), assignment(p, 0))
			v := next[market.Outcome](t, c).Verdict
			if v.OK || v.ProgramFault != tc.program || !strings.Contains(v.Reason, tc.reason) {
				t.Fatalf("verdict %+v, want program fault %v and a reason containing %q", v, tc.program, tc.reason)
			}
			paid := paidFailure(assignment(p, 0), v)
			if want := tc.name == "time limit" || tc.name == "nonzero exit"; paid != want {
				t.Fatalf("verdict %+v: paid failure %v, want %v", v, paid, want)
			}
			if paid {
				// The market pays its share or rejects it: no "done, no
				// pay" from the session.
				select {
				case c := <-p.cancels:
					t.Fatalf("provider told %q before the market judged a paid failure", c.Reason)
				case <-time.After(100 * time.Millisecond):
				}
				return
			}
			if c := <-p.cancels; c.Reason != v.Reason {
				t.Fatalf("provider told %q, want the verdict's reason %q", c.Reason, v.Reason)
			}
		})
	}
}

func TestZKJobsAreJudgedByTheirProof(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, proofs{testJob: spec.Job{}})
	p.result = func(a wire.Assign) *wire.Result { return p.signed(t, c.domain, a, 0, nil) }
	c.Start(context.Background(), assignment(p, 0))
	if v := next[market.Outcome](t, c).Verdict; v.OK || !strings.Contains(v.Reason, "zk proof from") {
		t.Fatalf("verdict %+v, want the proof judge's rejection", v)
	}
}

func TestOneLinkPerProvider(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(a wire.Assign) *wire.Result { return p.signed(t, c.domain, a, 0, nil) }
	for i := range 4 {
		c.Start(context.Background(), assignment(p, i))
	}
	for range 4 {
		if v := next[market.Outcome](t, c).Verdict; !v.OK {
			t.Fatalf("verdict %+v, want accepted", v)
		}
	}
	if n := p.opens.Load(); n != 1 {
		t.Fatalf("%d streams opened for 4 attempts, want 1", n)
	}
}

func TestBrokenLinkFailsTheAttemptAndReopens(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(a wire.Assign) *wire.Result {
		if a.Spec.Task.Index == 0 {
			return nil // runs until the link breaks
		}
		return p.signed(t, c.domain, a, 0, nil)
	}
	c.Start(context.Background(), assignment(p, 0))
	next[market.Progress](t, c)
	p.breakStreams()
	v := next[market.Outcome](t, c).Verdict
	if v.OK || v.ProgramFault || !strings.Contains(v.Reason, "lost connection to provider") || !strings.Contains(v.Reason, "while the task ran") {
		t.Fatalf("verdict %+v, want a lost connection", v)
	}
	c.Start(context.Background(), assignment(p, 1))
	if v := next[market.Outcome](t, c).Verdict; !v.OK {
		t.Fatalf("verdict after reconnecting %+v, want accepted", v)
	}
	if n := p.opens.Load(); n != 2 {
		t.Fatalf("%d streams opened, want 2 (one new link after the break)", n)
	}
}

func TestAbortPostsNothingAndTellsTheProvider(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(wire.Assign) *wire.Result { return nil }
	a := assignment(p, 0)
	c.Start(context.Background(), a)
	next[market.Progress](t, c)
	c.Abort(market.Abort{Peer: a.Peer, Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt})
	if got := <-p.cancels; got.Reason != "cancelled by the consumer" {
		t.Fatalf("provider told %q", got.Reason)
	}
	c.Close()
	c.Wait()
	select {
	case ev := <-c.events:
		t.Fatalf("an aborted attempt posted %T %+v", ev, ev)
	default:
	}
}

func TestRequestBid(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	req := wire.BidRequest{Job: testJob, Round: 2}
	p.bid = func(r wire.BidRequest) wire.Bid {
		return wire.Bid{Job: r.Job, Round: r.Round, Accept: true, Slots: 3, EVM: p.evm, Binding: p.binding}
	}
	c.RequestBid(context.Background(), market.RequestBid{Peer: p.id.String(), Req: req})
	if in := next[market.BidIn](t, c); in.Bid.Slots != 3 || in.Peer != p.id.String() {
		t.Fatalf("bid %+v", in)
	}
	p.bid = func(r wire.BidRequest) wire.Bid {
		return wire.Bid{Job: r.Job, Round: r.Round - 1, Accept: true, EVM: p.evm, Binding: p.binding}
	}
	c.RequestBid(context.Background(), market.RequestBid{Peer: p.id.String(), Req: req})
	if f := next[market.BidFailed](t, c); f.Err != "bid answers another auction" {
		t.Fatalf("failure %q", f.Err)
	}
}

func TestFetchChecksInlineContent(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	good := []byte("input bytes")
	want := wire.CIDOf(good)
	if err := c.Fetch(context.Background(), p.id, want, map[wire.CID][]byte{want: []byte("forged")}, 1<<20); err == nil || !strings.Contains(err.Error(), "inline content for") {
		t.Fatalf("forged inline content: %v", err)
	}
	if err := c.Fetch(context.Background(), p.id, want, nil, 1<<20); err == nil {
		t.Fatal("fetched a blob the provider does not have")
	}
	p.blobs.PutBytes(good)
	if err := c.Fetch(context.Background(), p.id, want, nil, 1<<20); err != nil || !c.blobs.Has(want) {
		t.Fatalf("fetch from the provider: %v", err)
	}
}

func TestFailureReasons(t *testing.T) {
	s := wire.TaskSpec{TimeoutMs: 1500, MemoryLimit: 2 << 30, MaxOutput: 3 << 20}
	cases := []struct{ failure, msg, want string }{
		{wire.FailTimeLimit, "", "time limit: the program ran longer than its 1.5s limit (raise it with --timeout or timeout:)"},
		{wire.FailMemoryLimit, "", "memory limit: the program needed more than 2GiB (raise it with --memory or resources.memory:)"},
		{wire.FailBadModule, "magic header not detected", "invalid WebAssembly module: magic header not detected"},
		{wire.FailBadModule, "zk: no circuit", "zk: no circuit"},
		{wire.FailMissingInput, "a.txt", "missing input: a.txt"},
		{wire.FailMissingInput, "missing input a.txt", "missing input a.txt"},
		{wire.FailNoEscrow, "0 left", "no deposit, no work: the provider found the job's escrow short: 0 left (top it up with `deco wallet deposit`)"},
		{wire.FailOutputTooLarge, "4MiB", "output limit: the program wrote more than 3MiB under /outputs (max_output): 4MiB"},
		{"odd", "thing", "odd: thing"},
	}
	for _, tc := range cases {
		if got := failureReason(s, wire.Result{Failure: tc.failure, Message: tc.msg}); got != tc.want {
			t.Errorf("%s %q: got %q, want %q", tc.failure, tc.msg, got, tc.want)
		}
	}
}

func TestHumanBytesAndShortID(t *testing.T) {
	for b, want := range map[uint64]string{5: "5B", 12 << 10: "12KiB", 300 << 20: "300MiB", 2 << 30: "2GiB", 3<<30 + 1<<20: "3073MiB"} {
		if got := HumanBytes(b); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", b, got, want)
		}
	}
	if got := ShortID("12D3KooWabcdefghijkl"); got != "12D3…ghijkl" {
		t.Errorf("ShortID = %q", got)
	}
	if got := ShortID("short"); got != "short" {
		t.Errorf("ShortID = %q", got)
	}
}

// TestResultsForUnassignedTasksAreRefused: a provider answering with
// results for tasks it was never given (another index, attempt or job)
// reaches no attempt: they are dropped, and the assigned attempt is
// judged on its own result. A result whose receipt names another task
// is the provider's fault, not a verified result.
func TestResultsForUnassignedTasksAreRefused(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(a wire.Assign) *wire.Result {
		files := map[string][]byte{"out.txt": []byte("hello")}
		send := func(task wire.TaskID, attempt int) {
			other := a
			other.Spec.Task, other.Spec.Attempt = task, attempt
			out, _ := wire.EncodeFrame(wire.TypeResult, *p.signed(t, c.domain, other, 0, files))
			p.mu.Lock()
			defer p.mu.Unlock()
			p.streams[len(p.streams)-1].WriteMsg(out)
		}
		id := a.Spec.Task
		send(wire.TaskID{Job: id.Job, Index: id.Index + 1}, a.Spec.Attempt)                 // another task
		send(id, a.Spec.Attempt+1)                                                          // a later attempt
		send(wire.TaskID{Job: wire.NewJobID([16]byte{9}), Index: id.Index}, a.Spec.Attempt) // another job
		// Its own result, with a receipt signed for another task.
		wrong := a
		wrong.Spec.Task.Index = 3
		res := p.signed(t, c.domain, wrong, 0, files)
		res.Task, res.Attempt = a.Spec.Task, a.Spec.Attempt
		return res
	}
	c.Start(context.Background(), assignment(p, 1))
	out := next[market.Outcome](t, c)
	if out.Task != assignment(p, 1).Msg.Spec.Task || out.Attempt != 1 {
		t.Fatalf("outcome for %s attempt %d, want the assigned task", out.Task, out.Attempt)
	}
	if v := out.Verdict; v.OK || v.ProgramFault || !strings.Contains(v.Reason, "receipt from") {
		t.Fatalf("verdict %+v, want the receipt for another task refused", v)
	}
	select {
	case ev := <-c.events:
		if _, ok := ev.(market.Progress); !ok {
			t.Fatalf("a result for an unassigned task was posted: %T %+v", ev, ev)
		}
	case <-time.After(200 * time.Millisecond):
	}
}

// A result whose logs the provider cut says so in its verdict, whether
// the program succeeded or failed.
func TestTruncatedLogsReachTheVerdict(t *testing.T) {
	for _, exit := range []int64{0, 2} {
		p := newProvider(t)
		c := newConsumer(t, p, nil)
		p.result = func(a wire.Assign) *wire.Result {
			res := p.signed(t, c.domain, a, exit, nil)
			res.Truncated = true
			return res
		}
		c.Start(context.Background(), assignment(p, 0))
		if v := next[market.Outcome](t, c).Verdict; !v.LogsTruncated || v.OK != (exit == 0) {
			t.Fatalf("exit %d: verdict %+v, want the logs marked truncated", exit, v)
		}
	}
}
