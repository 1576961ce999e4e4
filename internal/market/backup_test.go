package market

import (
	"testing"
	"time"

	"github.com/deco-network/deco/internal/sched"
)

// speculator is a Weighted scheduler that backs up every running task it
// is shown, and records what it was shown.
type speculator struct {
	*sched.Weighted
	shown [][]sched.Running
}

func (s *speculator) Speculate(_ sched.Round, running []sched.Running) []int {
	s.shown = append(s.shown, append([]sched.Running(nil), running...))
	out := make([]int, len(running))
	for i := range out {
		out[i] = i
	}
	return out
}

// TestBackupFirstResultWins: a Speculator's backup of a running task goes
// to another provider; whichever attempt is verified first ends the task,
// the other is aborted unpaid and its slot freed. Whichever wins, the
// task is paid once.
func TestBackupFirstResultWins(t *testing.T) {
	for _, tc := range []struct {
		name   string
		winner int // attempt verified first
	}{{"backup wins", 2}, {"original wins", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			sp := &speculator{Weighted: sched.NewWeighted()}
			h := &harness{t: t, m: New(Config{}, sp), now: time.Unix(1_700_000_000, 0)}
			h.offer("pA", 1, 100)
			j := testJob(1, 1)
			first := of[Assign](h.bidAll(h.step(Submit{Job: j}), 50, 1))
			if len(first) != 1 || first[0].Peer != "pA" {
				t.Fatalf("first assignment %+v", first)
			}
			h.step(Progress{Task: first[0].Msg.Spec.Task, Attempt: 1, State: "running"})
			h.offer("pB", 1, 100)
			// The job has nothing left to place: after a while its running
			// task is shown to the speculator and a round backs it up.
			var effs []Effect
			var reqs []RequestBid
			for range 10 {
				effs = h.tick(time.Second)
				if reqs = of[RequestBid](effs); len(reqs) > 0 {
					break
				}
			}
			if len(sp.shown) == 0 || len(sp.shown[0]) != 1 || sp.shown[0][0].Peer != "pA" {
				t.Fatalf("speculator was shown %+v", sp.shown)
			}
			if len(reqs) != 1 || reqs[0].Peer != "pB" {
				t.Fatalf("backup round asked %+v, want pB only (pA holds the task)", reqs)
			}
			second := of[Assign](h.bidAll(effs, 50, 1))
			if len(second) != 1 || second[0].Peer != "pB" || second[0].Msg.Spec.Attempt != 2 {
				t.Fatalf("backup assignment %+v", second)
			}
			win, lose := first[0], second[0]
			if tc.winner == 2 {
				win, lose = lose, win
			}
			effs = h.step(ok(win))
			if tk := j.Tasks[0]; tk.State != TaskVerified || tk.Provider != win.Peer {
				t.Fatalf("task %s on %s, want verified on %s", tk.State, tk.Provider, win.Peer)
			}
			aborts := of[Abort](effs)
			if len(aborts) != 1 || aborts[0].Peer != lose.Peer {
				t.Fatalf("aborts %+v, want the losing attempt on %s", aborts, lose.Peer)
			}
			if pays := of[Pay](h.effs); len(pays) != 1 || pays[0].Peer != win.Peer {
				t.Fatalf("payments %+v", pays)
			}
			if len(h.m.inflight) != 0 || j.State != JobCompleted {
				t.Fatalf("inflight %v, job %s", h.m.inflight, j.State)
			}
			// The loser's late result changes nothing.
			h.step(ok(lose))
			if len(of[Pay](h.effs)) != 1 {
				t.Fatal("the aborted attempt was paid")
			}
		})
	}
}

// TestNoBackupWhileTasksWait: backups never take a slot a waiting task
// could have.
func TestNoBackupWhileTasksWait(t *testing.T) {
	sp := &speculator{Weighted: sched.NewWeighted()}
	h := &harness{t: t, m: New(Config{}, sp), now: time.Unix(1_700_000_000, 0)}
	h.offer("pA", 1, 100)
	j := testJob(1, 1)
	h.bidAll(h.step(Submit{Job: j}), 50, 1)
	h.step(Submit{Job: testJob(2, 3)}) // waits: pA is busy
	sp.shown = nil
	for range 20 {
		h.tick(time.Second)
	}
	if len(sp.shown) != 0 {
		t.Fatalf("speculator consulted while tasks wait: %+v", sp.shown)
	}
}
