package provider

import (
	"testing"

	"github.com/deco-network/deco/internal/wire"
)

// Heartbeats name the session's queued and running attempts, with the
// interval their consumer asked for; an escrow closing stops the job's
// attempts and tells their consumer why.
func TestServingAndEscrowClosed(t *testing.T) {
	cfg := testConfig()
	cfg.Queue = 4
	m := New(cfg)
	bidFor(t, m, t0, "c")
	for i := range 3 {
		a := assign(job, i, 0, 1000)
		if i == 1 {
			a.Spec.HeartbeatMs = 200
		}
		m.Step(t0, TaskAssigned{Session: 7, Peer: "c", Assign: a, Escrow: paid})
	}
	s := m.Serving(7)
	if len(s) != 3 || !s[0].Running || !s[1].Running || s[2].Running {
		t.Fatalf("serving = %+v, want two running and one queued", s)
	}
	if s[0].Beat != wire.DefaultHeartbeatMs*1e6 || s[1].Beat != 200e6 {
		t.Fatalf("beats = %s, %s", s[0].Beat, s[1].Beat)
	}
	if len(m.Serving(8)) != 0 {
		t.Fatal("another session's beats name these attempts")
	}
	rd := m.Step(t0, EscrowClosed{Job: job})
	if len(rd.Stops) != 2 || len(rd.Sends) != 3 {
		t.Fatalf("escrow closed: stops %+v sends %+v", rd.Stops, rd.Sends)
	}
	for _, snd := range rd.Sends {
		if snd.Result.Failure != wire.FailNoEscrow || snd.Session != 7 {
			t.Fatalf("send %+v", snd)
		}
	}
	if len(m.Serving(7)) != 0 {
		t.Fatalf("stopped attempts still beat: %+v", m.Serving(7))
	}
	// The stopped runs end; nothing more is sent for them.
	for i := range 2 {
		if rd := m.Step(t0, ExecutionFinished{Key: key(i, 0)}); len(rd.Sends) != 0 {
			t.Fatalf("stopped run %d sent %+v", i, rd.Sends)
		}
	}
	if m.Busy() != 0 || m.Reserved(job) != 0 {
		t.Fatalf("after the close: busy %d reserved %s", m.Busy(), m.Reserved(job))
	}
}
