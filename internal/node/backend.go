package node

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// backend implements api.Backend on top of the node.
type backend struct{ n *Node }

var _ api.Backend = backend{}

func (b backend) Info(ctx context.Context) api.NodeInfo {
	n := b.n
	info := api.NodeInfo{PeerID: n.host.ID().String(), DID: n.did, EVM: n.id.EVM, Addrs: n.host.Addrs(), Roles: []string{"consumer"},
		Version: Version, Peers: len(n.host.Peers()), Started: n.started}
	if n.prov.Serving() {
		info.Roles = append(info.Roles, "provider")
		info.Runtime, info.Slots, info.Busy = RuntimeName, n.prov.Slots(), n.prov.Busy()
	}
	return info
}

func (b backend) PutBlob(ctx context.Context, r io.Reader) (wire.CID, int64, error) {
	c, size, err := b.n.blobs.Upload(r, b.n.opts.Config.UploadQuota())
	if errors.Is(err, store.ErrQuota) {
		return "", 0, fmt.Errorf("%w: %v; free space by deleting blobs no job needs (stop the node and remove their files there; it recounts at start) or raise blob_quota in %s (e.g. blob_quota: 40GiB) and restart the node",
			api.ErrQuota, err, b.n.opts.Home.Path("config.yaml"))
	}
	return c, size, err
}

func (b backend) OpenBlob(ctx context.Context, c wire.CID) (io.ReadCloser, int64, error) {
	return b.n.blobs.Open(c)
}

// Submit validates a resolved spec, checks that its blobs are here, and
// hands it to the market (a multi-stage spec as a job per stage, each
// with its escrow: market.NewSubmit).
func (b backend) Submit(ctx context.Context, s spec.Job) (*api.JobView, error) {
	n := b.n
	s.Defaults()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := s.Resolved(); err != nil {
		return nil, err
	}
	if err := s.Sized(n.blobs.Size); err != nil {
		return nil, err
	}
	ev, paid, err := market.NewSubmit(s, n.id.EVM, b.newID)
	if err != nil {
		return nil, err
	}
	j, id := ev.Job, ev.Job.ID
	if s.Policy().Policy == spec.VerifyZK {
		tree, err := n.zk.Prepare(ctx, id, &j.Spec)
		if err != nil {
			return nil, err
		}
		if tree != nil {
			if err := n.zk.OpenEscrow(ctx, id, j.Spec, tree, n.escrowWindow(j.Spec)); err != nil {
				return nil, fmt.Errorf("%w: %v", api.ErrPayment, err)
			}
		}
		n.zk.Track(id, j.Spec)
		paid = nil
	}
	for _, p := range paid {
		if err := n.openEscrow(ctx, p.ID, p.Spec); err != nil {
			return nil, fmt.Errorf("%w: %v", api.ErrPayment, err)
		}
	}
	var out *api.JobView
	// The view is built on the loop, after the step: it copies what the
	// market may change later.
	err = n.postWait(ctx, ev, func() { out = api.JobViewOf(j) })
	return out, err
}

// newID returns a fresh job ID naming this node's account: only it can
// open the escrow.
func (b backend) newID() (wire.JobID, error) {
	var entropy [6]byte
	if _, err := io.ReadFull(randReader, entropy[:]); err != nil {
		return "", err
	}
	return chain.NewJobID(b.n.EVM(), entropy), nil
}

// Jobs lists the jobs in the database, newest first.
func (b backend) Jobs(ctx context.Context) ([]api.JobSummary, error) {
	return b.n.jobs.Jobs()
}

func (b backend) Job(ctx context.Context, id string) (*api.JobView, error) {
	jid, err := b.n.jobs.Resolve(id)
	if err != nil {
		return nil, err
	}
	j, err := b.n.jobs.Job(jid)
	if err != nil {
		return nil, err
	}
	v := api.JobViewOf(j)
	v.AddStages(j, b.n.jobs.Job)
	if _, zk := b.n.zk.Job(jid); zk && b.n.pay.chain != nil {
		v.Payment = b.n.zk.PaymentView(ctx, v)
		v.ShowProofPrices(v.Payment)
	} else {
		v.Payment = b.n.paymentView(ctx, jid)
	}
	return v, nil
}

func (b backend) Cancel(ctx context.Context, id string) error {
	jid, err := b.n.jobs.Resolve(id)
	if err != nil {
		return err
	}
	return b.n.postWait(ctx, market.Cancel{Job: jid, Reason: "cancelled by the user"}, nil)
}

func (b backend) Logs(ctx context.Context, id string, after uint64, limit int) ([]api.LogLine, error) {
	jid, err := b.n.jobs.Resolve(id)
	if err != nil {
		return nil, err
	}
	return b.n.jobs.Logs(jid, after, limit)
}

// Follow subscribes first, then replays the stored log, then forwards
// live lines not yet replayed, so no line is missed or repeated.
func (b backend) Follow(ctx context.Context, id string) (<-chan api.LogLine, error) {
	n := b.n
	jid, err := b.n.jobs.Resolve(id)
	if err != nil {
		return nil, err
	}
	live := make(chan api.LogLine, 4096)
	n.subsMu.Lock()
	n.subs[jid] = append(n.subs[jid], live)
	n.subsMu.Unlock()
	unsubscribe := func() {
		n.subsMu.Lock()
		defer n.subsMu.Unlock()
		subs := n.subs[jid]
		for i, ch := range subs {
			if ch == live {
				n.subs[jid] = append(subs[:i], subs[i+1:]...)
				close(live)
				return
			}
		}
	}
	backlog, err := b.n.jobs.Logs(jid, 0, 0)
	if err != nil {
		unsubscribe()
		return nil, err
	}
	j, err := b.n.jobs.Job(jid)
	if err != nil {
		unsubscribe()
		return nil, err
	}
	out := make(chan api.LogLine, 64)
	go func() {
		defer close(out)
		var last uint64
		send := func(l api.LogLine) bool {
			select {
			case out <- l:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, l := range backlog {
			if !send(l) {
				unsubscribe()
				return
			}
			last = l.Seq
		}
		if j.State.Terminal() {
			unsubscribe()
			send(api.LogLine{Index: -1, State: api.JobState(j.State), At: j.EndedAt, Text: "job " + string(j.State)})
			return
		}
		for {
			select {
			case l, ok := <-live:
				if !ok {
					return
				}
				if l.Seq != 0 && l.Seq <= last {
					continue
				}
				if !send(l) {
					unsubscribe()
					return
				}
				if l.State != "" {
					return
				}
			case <-ctx.Done():
				unsubscribe()
				return
			}
		}
	}()
	return out, nil
}

func (b backend) Peers(ctx context.Context) ([]api.PeerView, error) {
	var out []api.PeerView
	for _, p := range b.n.host.Peers() {
		out = append(out, api.PeerView{Peer: p.ID.String(), Addrs: p.Addrs, Latency: p.Latency,
			Reach: string(p.Reach), Roles: p.Roles, Problem: p.Problem, Failures: p.Failures, NextDial: p.NextDial})
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Peer < out[k].Peer })
	if out == nil {
		out = []api.PeerView{}
	}
	return out, nil
}
