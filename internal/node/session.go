package node

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// InlineLimit is the largest blob sent inside a task message instead of
// being fetched by content address.
const InlineLimit = 256 << 10

const msgTTL = 2 * time.Minute

// requestBid asks one provider for a bid and posts the answer.
func (n *Node) requestBid(ctx context.Context, e market.RequestBid) {
	fail := func(err error) {
		n.post(ctx, market.BidFailed{Job: e.Req.Job, Round: e.Req.Round, Peer: e.Peer, Err: err.Error()})
	}
	p, err := peer.Decode(e.Peer)
	if err != nil {
		fail(err)
		return
	}
	raw, err := n.seal(wire.TypeBidRequest, e.Req, msgTTL)
	if err != nil {
		fail(err)
		return
	}
	rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := n.host.Request(rctx, p, p2p.ProtoBid, raw, 1<<20)
	if err != nil {
		fail(err)
		return
	}
	var b wire.Bid
	if err := n.open(resp, p, wire.TypeBid, &b); err != nil {
		fail(err)
		return
	}
	if b.Job != e.Req.Job || b.Round != e.Req.Round {
		fail(errors.New("bid answers another auction"))
		return
	}
	n.post(ctx, market.BidIn{Job: e.Req.Job, Peer: e.Peer, Bid: b})
}

func sessionKey(t wire.TaskID, attempt int) string { return fmt.Sprintf("%s#%d", t, attempt) }

func (n *Node) startSession(ctx context.Context, a market.Assign) {
	sctx, cancel := context.WithCancel(ctx)
	key := sessionKey(a.Msg.Spec.Task, a.Msg.Spec.Attempt)
	n.sessMu.Lock()
	n.sessions[key] = cancel
	n.sessMu.Unlock()
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		defer func() {
			n.sessMu.Lock()
			delete(n.sessions, key)
			n.sessMu.Unlock()
			cancel()
		}()
		v := n.runSession(sctx, a)
		if sctx.Err() != nil && ctx.Err() == nil && v.Reason == "" {
			return // aborted by the market; it already moved on
		}
		n.post(ctx, market.Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: v})
	}()
}

func (n *Node) abortSession(e market.Abort) {
	n.sessMu.Lock()
	c := n.sessions[sessionKey(e.Task, e.Attempt)]
	n.sessMu.Unlock()
	if c != nil {
		c()
	}
}

// providerFault builds the verdict for a failure that is the provider's.
func providerFault(format string, a ...any) market.Verdict {
	return market.Verdict{Reason: fmt.Sprintf(format, a...)}
}

// runSession delivers one assignment and judges the result.
func (n *Node) runSession(ctx context.Context, a market.Assign) market.Verdict {
	p, err := peer.Decode(a.Peer)
	if err != nil {
		return providerFault("bad provider id: %v", err)
	}
	spec := a.Msg.Spec
	msg := a.Msg
	msg.Inline = map[wire.CID][]byte{}
	if spec.ProgramSize <= InlineLimit {
		if b, err := n.blobs.Get(spec.Program, InlineLimit); err == nil {
			msg.Inline[spec.Program] = b
		}
	}
	for _, in := range spec.Inputs {
		if in.Size <= InlineLimit {
			if b, err := n.blobs.Get(in.CID, InlineLimit); err == nil {
				msg.Inline[in.CID] = b
			}
		}
	}
	l, err := n.link(ctx, p)
	if err != nil {
		if ctx.Err() != nil {
			return market.Verdict{}
		}
		return providerFault("cannot reach provider %s: %v", shortID(a.Peer), err)
	}
	key := sessionKey(spec.Task, spec.Attempt)
	w, err := l.wait(key)
	if err != nil {
		return providerFault("lost connection to provider %s: %v", shortID(a.Peer), err)
	}
	defer l.stop(key, w)
	if err := l.send(wire.TypeAssign, msg); err != nil {
		return providerFault("send assignment to %s: %v", shortID(a.Peer), err)
	}
	// done tells the provider the attempt is over without payment, so it
	// stops the task (if still running) and releases what it held for it.
	done := func(reason string) {
		l.send(wire.TypeCancel, wire.Cancel{Task: spec.Task, Attempt: spec.Attempt, Reason: reason})
	}
	for {
		var m linkMsg
		select {
		case m = <-w.ch:
		case <-ctx.Done():
			done("cancelled by the consumer")
			return market.Verdict{}
		}
		switch {
		case m.err != nil:
			if ctx.Err() != nil {
				return market.Verdict{}
			}
			return providerFault("lost connection to provider %s while the task ran: %v", shortID(a.Peer), m.err)
		case m.status != nil:
			n.post(ctx, market.Progress{Task: spec.Task, Attempt: spec.Attempt, State: m.status.State, Message: m.status.Message})
		case m.result != nil:
			n.post(ctx, market.Progress{Task: spec.Task, Attempt: spec.Attempt, State: "verifying"})
			v := n.judge(ctx, p, a, *m.result)
			if !v.OK {
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
func (n *Node) judge(ctx context.Context, p peer.ID, a market.Assign, res wire.Result) market.Verdict {
	spec := a.Msg.Spec
	if res.Task != spec.Task || res.Attempt != spec.Attempt {
		return providerFault("result names another task (%s attempt %d)", res.Task, res.Attempt)
	}
	v := market.Verdict{ExitCode: res.ExitCode, Duration: time.Duration(res.DurationMs) * time.Millisecond, Compiled: res.Compiled}
	if res.Failure != "" {
		reason := failureReason(spec, res)
		if res.Failure == wire.FailProvider {
			return providerFault("provider %s could not run the task: %s", shortID(a.Peer), res.Message)
		}
		v.ProgramFault, v.Reason = true, reason
		// keep whatever logs came along
		v.Stdout, v.Stderr = n.keepInline(res, res.Stdout), n.keepInline(res, res.Stderr)
		return v
	}
	if res.Receipt == nil {
		return providerFault("provider %s returned no receipt", shortID(a.Peer))
	}
	m := res.Outputs
	if m.Kind == "" {
		m.Kind = "outputs"
	}
	if err := m.Normalize(); err != nil {
		return providerFault("provider %s returned a bad output manifest: %v", shortID(a.Peer), err)
	}
	if m.TotalSize() > spec.MaxOutput && spec.MaxOutput > 0 {
		return market.Verdict{ProgramFault: true, Reason: fmt.Sprintf("output limit: the outputs total %d bytes, above the %d-byte limit (max_output)", m.TotalSize(), spec.MaxOutput)}
	}
	// Fetch every output and the logs, each checked against its CID.
	need := []wire.CID{}
	for _, e := range m.Entries {
		need = append(need, e.CID)
	}
	for _, c := range []wire.CID{res.Stdout, res.Stderr} {
		if c != "" {
			need = append(need, c)
		}
	}
	for _, c := range need {
		if err := n.fetchChecked(ctx, p, c, res.Inline, spec.MaxOutput+2<<20); err != nil {
			if ctx.Err() != nil {
				return market.Verdict{}
			}
			return providerFault("outputs do not match what provider %s reported: %v", shortID(a.Peer), err)
		}
	}
	// Sizes in the manifest must be true too.
	for _, e := range m.Entries {
		if _, size, err := n.blobSize(e.CID); err != nil || size != e.Size {
			return providerFault("outputs do not match the manifest from provider %s: %s has size %d, manifest says %d", shortID(a.Peer), e.Path, size, e.Size)
		}
	}
	err := verify.Check(n.domain, *res.Receipt, res.Signature, verify.Expect{Spec: spec, Provider: a.EVM, Outputs: &m})
	if err != nil {
		return providerFault("receipt from %s rejected: %v", shortID(a.Peer), err)
	}
	digest, err := verify.Digest(n.domain, *res.Receipt)
	if err != nil {
		return providerFault("receipt from %s rejected: %v", shortID(a.Peer), err)
	}
	if _, err := n.opts.Attestation.Verify(ctx, attest.Evidence{Kind: res.Receipt.Attestation, Quote: res.Quote}, digest); err != nil {
		return providerFault("receipt from %s rejected: %v", shortID(a.Peer), err)
	}
	if res.Receipt.ExitCode != res.ExitCode {
		return providerFault("receipt exit code %d differs from the result's %d", res.Receipt.ExitCode, res.ExitCode)
	}
	v.Outputs, v.Stdout, v.Stderr, v.Receipt, v.Signature = m, res.Stdout, res.Stderr, res.Receipt, res.Signature
	if res.ExitCode != 0 {
		v.ProgramFault, v.Reason = true, fmt.Sprintf("the program exited with code %d (see `deco job logs` for its stderr)", res.ExitCode)
		return v
	}
	v.OK = true
	if s, ok := n.zk.job(spec.Task.Job); ok {
		return n.judgeProof(s, a, v)
	}
	return v
}

func (n *Node) blobSize(c wire.CID) (wire.CID, int64, error) {
	rc, size, err := n.blobs.Open(c)
	if err != nil {
		return c, 0, err
	}
	rc.Close()
	return c, size, nil
}

func (n *Node) keepInline(res wire.Result, c wire.CID) wire.CID {
	if c == "" {
		return ""
	}
	b, ok := res.Inline[c]
	if !ok || wire.CIDOf(b) != c {
		return ""
	}
	if _, err := n.blobs.PutBytes(b); err != nil {
		return ""
	}
	return c
}

// fetchChecked stores blob c locally: from the inline map if present (hash
// checked), else from peer p by content address (hash checked by p2p and
// again by the store).
func (n *Node) fetchChecked(ctx context.Context, p peer.ID, c wire.CID, inline map[wire.CID][]byte, max int64) error {
	if n.blobs.Has(c) {
		return nil
	}
	if b, ok := inline[c]; ok {
		if wire.CIDOf(b) != c {
			return fmt.Errorf("inline content for %s hashes to %s", c.Short(), wire.CIDOf(b).Short())
		}
		_, err := n.blobs.PutBytes(b)
		return err
	}
	return n.blobs.Import(c, func(w io.Writer) error {
		_, err := n.host.FetchBlob(ctx, p, c, w, max)
		return err
	})
}

func failureReason(spec wire.TaskSpec, res wire.Result) string {
	msg := res.Message
	switch res.Failure {
	case wire.FailTimeLimit:
		return fmt.Sprintf("time limit: the program ran longer than its %s limit (raise it with --timeout or timeout:)", time.Duration(spec.TimeoutMs)*time.Millisecond)
	case wire.FailMemoryLimit:
		return fmt.Sprintf("memory limit: the program needed more than %s (raise it with --memory or resources.memory:)", humanBytes(spec.MemoryLimit))
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
		return fmt.Sprintf("output limit: the program wrote more than %s under /outputs (max_output): %s", humanBytes(uint64(spec.MaxOutput)), msg)
	}
	return res.Failure + ": " + msg
}

func humanBytes(b uint64) string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", b>>30)
	case b >= 1<<20:
		return fmt.Sprintf("%dMiB", b>>20)
	case b >= 1<<10:
		return fmt.Sprintf("%dKiB", b>>10)
	}
	return fmt.Sprintf("%dB", b)
}

func shortID(p string) string {
	if len(p) > 12 {
		return p[:4] + "…" + p[len(p)-6:]
	}
	return p
}
