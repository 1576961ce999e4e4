package session

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Fair exchange, the consumer's side (docs/economics.md): a result is
// judged on what its provider signed, without its bytes; the market pays
// for a verified root; the bytes are fetched after the voucher, each
// checked against its CID and the manifest. So the consumer never pays
// for a result it could not verify, and the provider never hands over
// outputs it was not paid for.

// ReleaseWait is how long Fetch keeps asking a provider that refuses a
// blob: the voucher went out just before, and the provider releases the
// outputs once it has stored it.
const ReleaseWait = 15 * time.Second

// judgeRoot accepts a successful result on its signed receipt alone: the
// receipt is the assigned task's, signed by the bidder's key, its output
// root is the manifest's, the attestation holds and the exit codes agree.
// out is the normalized manifest, within the task's output limit.
func (m *Manager) judgeRoot(ctx context.Context, a market.Assign, res wire.Result, out wire.Manifest, v market.Verdict) market.Verdict {
	if fault, bad := m.checkReceipt(ctx, a, res, out); bad {
		return fault
	}
	v.Outputs, v.Stdout, v.Stderr, v.Receipt, v.Signature = out, res.Stdout, res.Stderr, res.Receipt, res.Signature
	v.LogsTruncated, v.OK = res.Truncated, true
	// A provider without payments sends small blobs along and withholds
	// nothing: when everything came inline there is nothing to fetch.
	v.Withheld = !m.keepAll(res, out)
	return v
}

// keepAll stores the blobs that came inline with res and reports whether
// that is every output (of its manifest's size) and log.
func (m *Manager) keepAll(res wire.Result, out wire.Manifest) bool {
	all := true
	for _, c := range []wire.CID{res.Stdout, res.Stderr} {
		if c != "" && m.keepInline(res, c) == "" {
			all = false
		}
	}
	for _, e := range out.Entries {
		if m.keepInline(res, e.CID) == "" {
			all = false
			continue
		}
		if _, size, err := m.blobSize(e.CID); err != nil || size != e.Size {
			all = false
		}
	}
	return all
}

// FetchOutputs stores the outputs and logs e names, from e.Peer, after the
// attempt's voucher went out: each blob is checked against its CID and
// each output's size against the manifest. A provider that refuses is
// asked again for ReleaseWait (it may not have taken the voucher yet).
// An error means the paid provider did not deliver.
func (m *Manager) FetchOutputs(ctx context.Context, e market.Fetch) error {
	p, err := peer.Decode(e.Peer)
	if err != nil {
		return fmt.Errorf("bad provider id: %w", err)
	}
	max := e.MaxOutput + 2<<20
	if e.MaxOutput <= 0 {
		max = 1 << 40
	}
	var need []wire.CID
	for _, o := range e.Outputs.Entries {
		need = append(need, o.CID)
	}
	for _, c := range []wire.CID{e.Stdout, e.Stderr} {
		if c != "" {
			need = append(need, c)
		}
	}
	for _, c := range need {
		if err := m.fetchReleased(ctx, p, c, max); err != nil {
			return fmt.Errorf("fetch %s from %s: %w", c.Short(), ShortID(e.Peer), err)
		}
	}
	for _, o := range e.Outputs.Entries {
		if _, size, err := m.blobSize(o.CID); err != nil || size != o.Size {
			return fmt.Errorf("%s has size %d, the signed manifest says %d", o.Path, size, o.Size)
		}
	}
	return nil
}

// fetchReleased fetches c from p, asking again with backoff while p
// refuses, for at most ReleaseWait.
func (m *Manager) fetchReleased(ctx context.Context, p peer.ID, c wire.CID, max int64) error {
	deadline := time.Now().Add(ReleaseWait)
	wait := 5 * time.Millisecond
	for {
		err := m.Fetch(ctx, p, c, nil, max)
		if err == nil || !errors.Is(err, p2p.ErrDenied) || ctx.Err() != nil || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
		wait = min(2*wait, time.Second)
	}
}

// abandon tells the provider, on a new session, that the consumer gave up
// an attempt whose session broke: a result it may have delivered will not
// be paid, so it does not count the consumer as owing it (provider
// debts). Best effort, in the background.
func (m *Manager) abandon(ctx context.Context, peerID string, spec wire.TaskSpec, reason string) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		m.Send(sctx, peerID, wire.TypeCancel, wire.Cancel{Task: spec.Task, Attempt: spec.Attempt, Reason: reason})
	}()
}

// checkReceipt checks a successful result's signed receipt against the
// assignment and the manifest out: signature, task, output root,
// attestation, exit code. It returns the provider-fault verdict and true
// when one fails.
func (m *Manager) checkReceipt(ctx context.Context, a market.Assign, res wire.Result, out wire.Manifest) (market.Verdict, bool) {
	err := verify.Check(m.domain, *res.Receipt, res.Signature, verify.Expect{Spec: a.Msg.Spec, Provider: a.EVM, Outputs: &out})
	if err != nil {
		return ProviderFault("receipt from %s rejected: %v", ShortID(a.Peer), err), true
	}
	digest, err := verify.Digest(m.domain, *res.Receipt)
	if err != nil {
		return ProviderFault("receipt from %s rejected: %v", ShortID(a.Peer), err), true
	}
	if _, err := m.attestation.Verify(ctx, attest.Evidence{Kind: res.Receipt.Attestation, Quote: res.Quote}, digest); err != nil {
		return ProviderFault("receipt from %s rejected: %v", ShortID(a.Peer), err), true
	}
	if res.Receipt.ExitCode != res.ExitCode {
		return ProviderFault("receipt exit code %d differs from the result's %d", res.Receipt.ExitCode, res.ExitCode), true
	}
	return market.Verdict{}, false
}
