package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// InlineLimit is the largest blob sent inside a task message instead of
// being fetched by content address.
const InlineLimit = 256 << 10

// MsgTTL is how long a sealed bid request stays valid.
const MsgTTL = 2 * time.Minute

// Config wires a Manager to the node. Every field is required.
type Config struct {
	Host  Host
	Blobs Blobs
	// Seal wraps body in an envelope signed by the node, valid for ttl.
	Seal func(typ string, body any, ttl time.Duration) ([]byte, error)
	// Open decodes and checks an envelope signed by peer from (signature,
	// expiry, replay, type) into v.
	Open func(raw []byte, from peer.ID, typ string, v any) error
	// Post hands an event to the node's loop; it may block until the loop
	// takes it or ctx ends.
	Post func(ctx context.Context, ev market.Event)
	// Binding binds the node's EVM address (the consumer the market
	// names) to its peer; bid requests and assignments carry it.
	Binding wire.Binding
	// Domain is the EIP-712 domain receipts are checked under.
	Domain      verify.Domain
	Attestation Attestation
	Proofs      ProofJudge
	// Access lets the provider of an attempt read its program and inputs
	// from this node while the attempt lasts, and no one else.
	Access Access
	// Eligible, if set, refuses bids from a peer the consumer may not pay
	// at the bid's EVM address (with payments on: not a staked provider
	// bound to that peer, see internal/stake). Nil takes every bid.
	Eligible func(ctx context.Context, p peer.ID, evm string) error
	// Clock times heartbeat leases (nil: the real clock).
	Clock clock.Clock
}

// Manager runs the consumer's task sessions: one goroutine per attempt in
// flight, one link per provider. It is safe for concurrent use.
type Manager struct {
	Fetcher // fetches a result's outputs; the provider role uses it too

	host        Host
	seal        func(typ string, body any, ttl time.Duration) ([]byte, error)
	open        func(raw []byte, from peer.ID, typ string, v any) error
	post        func(ctx context.Context, ev market.Event)
	binding     wire.Binding
	domain      verify.Domain
	attestation Attestation
	proofs      ProofJudge
	access      Access
	eligible    func(ctx context.Context, p peer.ID, evm string) error
	clock       clock.Clock

	sessMu   sync.Mutex
	sessions map[string]context.CancelFunc
	linkMu   sync.Mutex
	links    map[peer.ID]*link
	wg       sync.WaitGroup
}

// New returns a Manager with no session open.
func New(c Config) *Manager {
	if c.Clock == nil {
		c.Clock = clock.Real{}
	}
	return &Manager{clock: c.Clock,
		Fetcher: Fetcher{Blobs: c.Blobs, Host: c.Host},
		host:    c.Host, seal: c.Seal, open: c.Open, post: c.Post, binding: c.Binding,
		domain: c.Domain, attestation: c.Attestation, proofs: c.Proofs, access: c.Access, eligible: c.Eligible,
		sessions: map[string]context.CancelFunc{}, links: map[peer.ID]*link{},
	}
}

// Close cancels every attempt in flight and resets every link (shutdown);
// Wait waits for their goroutines.
func (m *Manager) Close() {
	m.sessMu.Lock()
	for _, c := range m.sessions {
		c()
	}
	m.sessMu.Unlock()
	m.closeLinks()
}

// Wait waits until every attempt and link reader has returned; call it
// after Close (and after the host is closed, so a link still dialling
// gives up).
func (m *Manager) Wait() { m.wg.Wait() }

// RequestBid asks one provider for a bid and posts the answer
// (market.BidIn or market.BidFailed). It blocks on the network: run it on
// its own goroutine.
func (m *Manager) RequestBid(ctx context.Context, e market.RequestBid) {
	fail := func(err error) {
		m.post(ctx, market.BidFailed{Job: e.Req.Job, Round: e.Req.Round, Peer: e.Peer, Err: err.Error()})
	}
	p, err := peer.Decode(e.Peer)
	if err != nil {
		fail(err)
		return
	}
	req := e.Req
	req.Binding = m.binding
	raw, err := m.seal(wire.TypeBidRequest, req, MsgTTL)
	if err != nil {
		fail(err)
		return
	}
	rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := m.host.Request(rctx, p, p2p.ProtoBid, raw, 1<<20)
	if err != nil {
		fail(err)
		return
	}
	var b wire.Bid
	if err := m.open(resp, p, wire.TypeBid, &b); err != nil {
		fail(err)
		return
	}
	if b.Job != e.Req.Job || b.Round != e.Req.Round {
		fail(errors.New("bid answers another auction"))
		return
	}
	// The bid's EVM address is who gets paid and who signs receipts: it
	// must be the bidding peer's own.
	if err := verify.CheckBinding(b.Binding, e.Peer, b.EVM); err != nil {
		fail(fmt.Errorf("bid signed by a key not bound to the peer: %w", err))
		return
	}
	if m.eligible != nil {
		if err := m.eligible(ctx, p, b.EVM); err != nil {
			fail(fmt.Errorf("bidder cannot be paid: %w", err))
			return
		}
	}
	m.post(ctx, market.BidIn{Job: e.Req.Job, Peer: e.Peer, Bid: b})
}

func sessionKey(t wire.TaskID, attempt int) string { return fmt.Sprintf("%s#%d", t, attempt) }

// Start delivers assignment a on its own goroutine and posts its
// market.Outcome (and market.Progress on the way). It does not block.
func (m *Manager) Start(ctx context.Context, a market.Assign) {
	sctx, cancel := context.WithCancel(ctx)
	key := sessionKey(a.Msg.Spec.Task, a.Msg.Spec.Attempt)
	m.sessMu.Lock()
	m.sessions[key] = cancel
	m.sessMu.Unlock()
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer func() {
			m.sessMu.Lock()
			delete(m.sessions, key)
			m.sessMu.Unlock()
			cancel()
		}()
		v := m.run(sctx, a)
		if sctx.Err() != nil && ctx.Err() == nil && v.Reason == "" {
			return // aborted by the market; it already moved on
		}
		if ctx.Err() != nil {
			return // the node is stopping: a restart interrupts the attempt, with a reason
		}
		m.post(ctx, market.Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: v})
	}()
}

// Abort stops the attempt e names, if it is in flight: the provider is
// told, and the attempt posts no outcome.
func (m *Manager) Abort(e market.Abort) {
	m.sessMu.Lock()
	c := m.sessions[sessionKey(e.Task, e.Attempt)]
	m.sessMu.Unlock()
	if c != nil {
		c()
	}
}

// unreachable marks v as the provider being out of reach (market.Verdict.Unreachable).
func unreachable(v market.Verdict) market.Verdict {
	v.Unreachable = true
	return v
}

// ProviderFault builds the verdict for a failure that is the provider's.
func ProviderFault(format string, a ...any) market.Verdict {
	return market.Verdict{Reason: fmt.Sprintf(format, a...)}
}

// run delivers one assignment and judges the result.
func (m *Manager) run(ctx context.Context, a market.Assign) market.Verdict {
	p, err := peer.Decode(a.Peer)
	if err != nil {
		return ProviderFault("bad provider id: %v", err)
	}
	spec := a.Msg.Spec
	msg := a.Msg
	msg.Binding = m.binding
	msg.Inline = map[wire.CID][]byte{}
	if spec.ProgramSize <= InlineLimit {
		if b, err := m.Blobs.Get(spec.Program, InlineLimit); err == nil {
			msg.Inline[spec.Program] = b
		}
	}
	for _, in := range spec.Inputs {
		if in.Size <= InlineLimit {
			if b, err := m.Blobs.Get(in.CID, InlineLimit); err == nil {
				msg.Inline[in.CID] = b
			}
		}
	}
	// The provider fetches what did not travel inline, from this node,
	// while the attempt lasts; no other peer may.
	var fetched []wire.CID
	for _, c := range taskBlobs(spec) {
		if _, ok := msg.Inline[c]; !ok {
			fetched = append(fetched, c)
		}
	}
	lease := m.access.Grant(p, fetched...)
	defer lease.Release()
	msg.Holders = m.share(ctx, p, spec)
	l, err := m.link(ctx, p)
	if err != nil {
		if ctx.Err() != nil {
			return market.Verdict{}
		}
		return unreachable(ProviderFault("cannot reach provider %s: %v", ShortID(a.Peer), err))
	}
	key := sessionKey(spec.Task, spec.Attempt)
	w, err := l.wait(key)
	if err != nil {
		return unreachable(ProviderFault("lost connection to provider %s: %v", ShortID(a.Peer), err))
	}
	defer l.stop(key, w)
	if err := l.send(wire.TypeAssign, msg); err != nil {
		return unreachable(ProviderFault("send assignment to %s: %v", ShortID(a.Peer), err))
	}
	// done tells the provider the attempt is over without payment, so it
	// stops the task (if still running) and releases what it held for it.
	done := func(reason string) {
		l.send(wire.TypeCancel, wire.Cancel{Task: spec.Task, Attempt: spec.Attempt, Reason: reason})
	}
	// The lease: the provider beats for the attempt until its result;
	// when no word of it came for a.Lease the attempt is dead.
	var leaseCheck <-chan time.Time
	if a.Lease > 0 {
		t := m.clock.NewTicker(max(a.Lease/8, 10*time.Millisecond))
		defer t.Stop()
		leaseCheck = t.C()
	}
	var news beatNews
	var gate checkpointGate
	for {
		var msg linkMsg
		select {
		case msg = <-w.ch:
		case <-leaseCheck:
			if silent := m.clock.Now().Sub(time.Unix(0, w.heard.Load())); silent >= a.Lease {
				v := ProviderFault("no heartbeat for %s from provider %s (it hangs or lost the task); the task goes to another provider", a.Lease, ShortID(a.Peer))
				if m.clock.Now().Sub(time.Unix(0, l.heard.Load())) >= a.Lease {
					v = unreachable(ProviderFault("lost connection to provider %s: no heartbeat for %s and nothing else heard from it (the link is down or the provider is gone); the task goes to another provider", ShortID(a.Peer), a.Lease))
				}
				done(v.Reason)
				return v
			}
			continue
		case <-ctx.Done():
			done("cancelled by the consumer")
			return market.Verdict{}
		}
		switch {
		case msg.beat != nil:
			if p, ok := news.of(msg.beat); ok {
				p.Task, p.Attempt = spec.Task, spec.Attempt
				m.post(ctx, p)
			}
		case msg.err != nil:
			if ctx.Err() != nil {
				return market.Verdict{}
			}
			v := unreachable(ProviderFault("lost connection to provider %s while the task ran: %v", ShortID(a.Peer), msg.err))
			m.abandon(ctx, a.Peer, spec, v.Reason)
			return v
		case msg.status != nil && msg.status.Checkpoint != nil:
			m.checkpoint(ctx, p, a, *msg.status.Checkpoint, &gate)
		case msg.status != nil:
			m.post(ctx, market.Progress{Task: spec.Task, Attempt: spec.Attempt, State: msg.status.State, Message: msg.status.Message})
		case msg.result != nil:
			m.post(ctx, market.Progress{Task: spec.Task, Attempt: spec.Attempt, State: "verifying"})
			v := m.judge(ctx, p, a, *msg.result)
			if !v.OK && !paidFailure(a, v) {
				done(v.Reason)
			}
			// An accepted result is paid when the market says so (market.Pay):
			// under replication only after a majority agrees.
			return v
		}
	}
}

// judge fetches the outputs a provider reported, checks them against its
// receipt, and returns the verdict.
func (m *Manager) judge(ctx context.Context, p peer.ID, a market.Assign, res wire.Result) market.Verdict {
	spec := a.Msg.Spec
	if res.Task != spec.Task || res.Attempt != spec.Attempt {
		return ProviderFault("result names another task (%s attempt %d)", res.Task, res.Attempt)
	}
	v := market.Verdict{ExitCode: res.ExitCode, Duration: time.Duration(res.DurationMs) * time.Millisecond, Compiled: res.Compiled}
	if res.Failure != "" {
		reason := failureReason(spec, res)
		if res.Failure == wire.FailProvider {
			return ProviderFault("provider %s could not run the task: %s", ShortID(a.Peer), res.Message)
		}
		v.ProgramFault, v.Failure, v.Reason = true, res.Failure, reason
		// keep whatever logs came along
		v.Stdout, v.Stderr = m.keepInline(res, res.Stdout), m.keepInline(res, res.Stderr)
		v.LogsTruncated = res.Truncated
		return v
	}
	if res.Receipt == nil {
		return ProviderFault("provider %s returned no receipt", ShortID(a.Peer))
	}
	out := res.Outputs
	if out.Kind == "" {
		out.Kind = "outputs"
	}
	if err := out.Normalize(); err != nil {
		return ProviderFault("provider %s returned a bad output manifest: %v", ShortID(a.Peer), err)
	}
	if out.TotalSize() > spec.MaxOutput && spec.MaxOutput > 0 {
		return market.Verdict{ProgramFault: true, Reason: fmt.Sprintf("output limit: the outputs total %d bytes, above the %d-byte limit (max_output)", out.TotalSize(), spec.MaxOutput)}
	}
	// Fair exchange: a successful result is judged on its signed root and
	// manifest, paid, and only then fetched (Fetch). Its provider withholds
	// the bytes until the voucher. A zk proof is judged on its bytes (the
	// escrow pays it on the proof, not by voucher), and a failed run's
	// outputs and logs are not withheld.
	if _, proof := m.proofs.ProofJob(spec.Task.Job); res.ExitCode == 0 && spec.Kind != wire.KindZK && !proof {
		return m.judgeRoot(ctx, a, res, out, v)
	}
	// Fetch every output and the logs, each checked against its CID.
	need := []wire.CID{}
	for _, e := range out.Entries {
		need = append(need, e.CID)
	}
	for _, c := range []wire.CID{res.Stdout, res.Stderr} {
		if c != "" {
			need = append(need, c)
		}
	}
	for _, c := range need {
		if err := m.Fetch(ctx, p, c, res.Inline, spec.MaxOutput+2<<20); err != nil {
			if ctx.Err() != nil {
				return market.Verdict{}
			}
			return ProviderFault("outputs do not match what provider %s reported: %v", ShortID(a.Peer), err)
		}
	}
	// Sizes in the manifest must be true too.
	for _, e := range out.Entries {
		if _, size, err := m.blobSize(e.CID); err != nil || size != e.Size {
			return ProviderFault("outputs do not match the manifest from provider %s: %s has size %d, manifest says %d", ShortID(a.Peer), e.Path, size, e.Size)
		}
	}
	if fault, bad := m.checkReceipt(ctx, a, res, out); bad {
		return fault
	}
	v.Outputs, v.Stdout, v.Stderr, v.Receipt, v.Signature = out, res.Stdout, res.Stderr, res.Receipt, res.Signature
	v.LogsTruncated = res.Truncated
	if res.ExitCode != 0 {
		v.ProgramFault, v.Reason = true, fmt.Sprintf("the program exited with code %d (see `deco job logs` for its stderr)", res.ExitCode)
		return v
	}
	v.OK = true
	if s, ok := m.proofs.ProofJob(spec.Task.Job); ok {
		return m.proofs.JudgeProof(s, a, v)
	}
	return v
}

// beatNews tells what an attempt's heartbeats say that the market has
// not heard yet: that it runs, its progress, new output.
type beatNews struct {
	running  bool
	permille int
}

// of returns the market.Progress (Task and Attempt unset) that b brings,
// and false when it brings nothing new (the lease is renewed all the
// same).
func (n *beatNews) of(b *wire.TaskBeat) (market.Progress, bool) {
	var p market.Progress
	news := false
	if b.Running && !n.running {
		n.running, p.State, news = true, "running", true
	}
	if b.Permille > 0 && b.Permille != n.permille {
		n.permille, news = b.Permille, true
	}
	p.Permille = n.permille
	if len(b.Stdout) > 0 || len(b.Stderr) > 0 {
		p.Stdout, p.Stderr, news = b.Stdout, b.Stderr, true
	}
	return p, news
}

// taskBlobs lists the blobs a task's provider needs: program, inputs
// and the checkpoint it resumes from.
func taskBlobs(spec wire.TaskSpec) []wire.CID {
	cids := []wire.CID{spec.Program}
	for _, in := range spec.Inputs {
		cids = append(cids, in.CID)
	}
	if spec.Resume != "" {
		cids = append(cids, spec.Resume)
	}
	return cids
}

func (m *Manager) blobSize(c wire.CID) (wire.CID, int64, error) {
	rc, size, err := m.Blobs.Open(c)
	if err != nil {
		return c, 0, err
	}
	rc.Close()
	return c, size, nil
}

func (m *Manager) keepInline(res wire.Result, c wire.CID) wire.CID {
	if c == "" {
		return ""
	}
	b, ok := res.Inline[c]
	if !ok || wire.CIDOf(b) != c {
		return ""
	}
	if _, err := m.Blobs.PutBytes(b); err != nil {
		return ""
	}
	return c
}

// paidFailure reports whether v is a failure of the program's making that
// earns its provider a share of the price (pricing.FailureShare): the
// market pays it, or rejects it if replicas disagree, so the provider is
// not told "done, no pay" here. Proof tasks are paid on chain by proof
// only.
func paidFailure(a market.Assign, v market.Verdict) bool {
	return v.ProgramFault && a.Msg.Spec.Kind != wire.KindZK && pricing.FailureShare(v.Failure, v.ExitCode) > 0
}

func failureReason(spec wire.TaskSpec, res wire.Result) string {
	msg := res.Message
	switch res.Failure {
	case wire.FailTimeLimit:
		return fmt.Sprintf("time limit: the program ran longer than its %s limit (raise it with --timeout or timeout:)", time.Duration(spec.TimeoutMs)*time.Millisecond)
	case wire.FailMemoryLimit:
		return fmt.Sprintf("memory limit: the program needed more than %s (raise it with --memory or resources.memory:)", HumanBytes(spec.MemoryLimit))
	case wire.FailBadModule:
		if strings.HasPrefix(msg, "zk: ") || strings.Contains(msg, "invalid WebAssembly module") {
			return msg
		}
		return "invalid WebAssembly module: " + msg
	case wire.FailMissingInput:
		if strings.Contains(msg, "missing input") {
			return msg
		}
		return "missing input: " + msg
	case wire.FailNoEscrow:
		return "no deposit, no work: the provider found the job's escrow short: " + msg + " (top it up with `deco wallet deposit`)"
	case wire.FailOutputTooLarge:
		return fmt.Sprintf("output limit: the program wrote more than %s under /outputs (max_output): %s", HumanBytes(uint64(spec.MaxOutput)), msg)
	case wire.FailBadOutput:
		if strings.HasPrefix(msg, "outputs break the manifest") {
			return msg
		}
		return "outputs break the manifest: " + msg
	}
	return res.Failure + ": " + msg
}

// HumanBytes formats a size for people: 2GiB, 300MiB, 12KiB, 5B.
func HumanBytes(b uint64) string { return spec.HumanSize(b) }

// ShortID shortens a peer id for messages: the first 4 and last 6 characters.
func ShortID(p string) string {
	if len(p) > 12 {
		return p[:4] + "…" + p[len(p)-6:]
	}
	return p
}
