package chain

import (
	"errors"
	"math/big"
	"testing"
)

// The consumer anchors a batch of checkpoint receipts of its open job:
// the event carries the root and count. No one else may, nor for a
// closed job, nor an empty batch.
func TestAnchorCheckpoints(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	job := e.open("anchor", DECO(1))
	root := [32]byte{0xab, 0xcd}
	must(t, e.consumer.AnchorCheckpoints(ctx, job, root, 7))
	found := false
	for _, l := range e.logs(e.consumer.Contracts().Escrow) {
		if l.Topics[0] != escrowABI().GetABI().Events["CheckpointsAnchored"].ID {
			continue
		}
		ev, err := escrowABI().UnpackCheckpointsAnchoredEvent(&l)
		must(t, err)
		if ev.JobId != job || ev.Root != root || ev.Count.Cmp(big.NewInt(7)) != 0 {
			t.Errorf("CheckpointsAnchored %+v", ev)
		}
		found = true
	}
	if !found {
		t.Fatal("no CheckpointsAnchored event")
	}
	for name, c := range map[string]struct {
		err  error
		want error
	}{
		"a stranger":  {e.stranger.AnchorCheckpoints(ctx, job, root, 1), ErrNotConsumer},
		"no receipts": {e.consumer.AnchorCheckpoints(ctx, job, root, 0), ErrZeroAmount},
		"unknown job": {e.consumer.AnchorCheckpoints(ctx, [32]byte{9}, root, 1), ErrUnknownJob},
	} {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: err %v, want %v", name, c.err, c.want)
		}
	}
}
