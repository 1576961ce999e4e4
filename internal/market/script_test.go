package market

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TestAdaptiveScripts runs the scenario scripts in testdata/adaptive. Each
// line is a command; '#' starts a comment:
//
//	config threshold=3 check=0 mincheck=0 penalty=1   adaptive settings (0 = never)
//	providers P1 P2 C1 C2                              one slot each; C* are honest checkers,
//	                                                   trusted with the job's program (a quorum
//	                                                   of strangers would be paid at the job's end)
//	job tasks=20                                       submit the adaptive job
//	run P1 ok|bad                                      the next task runs on P1 (a replica, if the
//	                                                   market wants one, on a checker)
//	settle [N]                                         checkers run every replica still wanted
//	                                                   (at most N of them)
//	fraud P1                                           evidence against P1 arrives (FraudProven)
//	expect replicated|unchecked                        the last run's task was replicated or not
//	expect trust P1 run=N [invalid=M]                  P1's trust for the job's program
//	expect reopened N                                  tasks re-checking an unchecked result now
//	expect task I verified|submitted|failed [good|bad] task I's state and accepted result
//	expect paid P1 N                                   Pay effects for P1 so far
//	expect rejected P1 N                               Reject effects for P1 so far
//	expect required P1 N                               the run P1 needs to be trusted
//	expect probability P1 X                            P1's spot-check probability now
//
// Every "run" first settles, so the next task is always a fresh one.
func TestAdaptiveScripts(t *testing.T) {
	files, _ := filepath.Glob("testdata/adaptive/*.txt")
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/adaptive")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			// Reputation does not keep caught providers away here: the scripts
			// follow their trust back up.
			s := &script{t: t, h: newHarness(t, Config{BidValidity: time.Nanosecond, MinReliability: -1})}
			sc := bufio.NewScanner(strings.NewReader(string(b)))
			for n := 1; sc.Scan(); n++ {
				line := strings.TrimSpace(sc.Text())
				if i := strings.IndexByte(line, '#'); i >= 0 {
					line = strings.TrimSpace(line[:i])
				}
				if line == "" {
					continue
				}
				s.line = fmt.Sprintf("%s:%d: %s", filepath.Base(f), n, line)
				s.do(strings.Fields(line))
			}
		})
	}
}

type script struct {
	t         *testing.T
	h         *harness
	line      string
	job       *Job
	providers []string
	next      int // next fresh task
	last      int // task of the last run
	honest    map[int]bool
}

func (s *script) fatalf(f string, a ...any) {
	s.t.Helper()
	s.t.Fatalf("%s: %s", s.line, fmt.Sprintf(f, a...))
}

func (s *script) do(w []string) {
	s.t.Helper()
	h := s.h
	switch w[0] {
	case "config":
		c := h.m.cfg.Adaptive
		for _, kv := range w[1:] {
			k, v, _ := strings.Cut(kv, "=")
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				s.fatalf("bad value %q", kv)
			}
			if f == 0 {
				f = -1 // the config's zero means "default"; the script's means zero
			}
			switch k {
			case "threshold":
				c.Threshold = int(f)
			case "check":
				c.Check = f
			case "mincheck":
				c.MinCheck = f
			case "penalty":
				c.Penalty = f
			default:
				s.fatalf("unknown setting %q", k)
			}
		}
		h.m.cfg.Adaptive = c.WithDefaults()
	case "providers":
		for _, p := range w[1:] {
			h.offer(p, 1, 100)
			s.providers = append(s.providers, p)
		}
	case "job":
		n, _ := strconv.Atoi(strings.TrimPrefix(w[1], "tasks="))
		s.job = policyJob(40, n, "adaptive")
		s.honest = map[int]bool{}
		for _, p := range s.providers {
			if !strings.HasPrefix(p, "C") {
				continue
			}
			for range 100 {
				h.m.rep.Observe(h.now, p, s.job.Spec.Program.CID, verify.Validated)
			}
		}
		s.bid(h.step(Submit{Job: s.job}), nil)
	case "run":
		s.settle(-1)
		s.run(w[1], w[2] == "ok")
	case "settle":
		n := -1
		if len(w) > 1 {
			n, _ = strconv.Atoi(w[1])
		}
		s.settle(n)
	case "fraud":
		h.step(FraudProven{Peer: w[1], Evidence: verify.Evidence{Kind: verify.KindEquivocation, A: &wire.Receipt{Program: s.job.Spec.Program.CID}}})
	case "expect":
		s.expect(w[1:])
	default:
		s.fatalf("unknown command")
	}
}

// bid answers every RequestBid in effs, and those the answers lead to:
// peers in accept bid for one task, the others decline.
func (s *script) bid(effs []Effect, accept map[string]bool) []Assign {
	var out []Assign
	for len(effs) > 0 {
		out = append(out, of[Assign](effs)...)
		var next []Effect
		for _, r := range of[RequestBid](effs) {
			next = append(next, s.h.step(BidIn{Job: r.Req.Job, Peer: r.Peer, Bid: wire.Bid{Job: r.Req.Job, Round: r.Req.Round, Accept: accept[r.Peer], Price: 10, Slots: 1, EVM: evmOf(r.Peer)}})...)
		}
		effs = next
	}
	return out
}

// until ticks (answering bids with accept) until an assignment appears.
func (s *script) until(accept map[string]bool) Assign {
	for i := 0; i < 100; i++ {
		if as := s.bid(s.h.tick(500*time.Millisecond), accept); len(as) > 0 {
			if len(as) > 1 {
				s.fatalf("%d assignments at once: %v", len(as), peersOf(as))
			}
			return as[0]
		}
	}
	s.fatalf("no assignment to %v", accept)
	return Assign{}
}

func (s *script) root(task int, good bool, peer string) string {
	if good {
		return fmt.Sprintf("good-%d", task)
	}
	return fmt.Sprintf("bad-%d-%s", task, peer)
}

func (s *script) run(peer string, good bool) {
	s.t.Helper()
	i := s.next
	s.next++
	primary := s.until(map[string]bool{peer: true})
	if primary.Msg.Spec.Task.Index != i || primary.Peer != peer {
		s.fatalf("task %d on %s, want task %d on %s", primary.Msg.Spec.Task.Index, primary.Peer, i, peer)
	}
	s.last, s.honest[i] = i, good
	var replica *Assign
	if s.job.Tasks[i].Replicas > 1 {
		a := s.until(s.checkersFor(i))
		replica = &a
	}
	s.h.tick(time.Millisecond)
	s.bid(s.h.step(result(primary, s.root(i, good, peer))), nil)
	if replica != nil {
		s.h.tick(time.Millisecond)
		s.bid(s.h.step(result(*replica, s.root(i, true, replica.Peer))), nil)
	}
}

// checkersFor returns one checker that may replicate task i.
func (s *script) checkersFor(i int) map[string]bool {
	t := s.job.Tasks[i]
	for _, p := range s.providers {
		if strings.HasPrefix(p, "C") && !s.h.m.excluded(t, p, evmOf(p)) && s.h.m.Inflight(p) == 0 {
			return map[string]bool{p: true}
		}
	}
	s.fatalf("no checker free for task %d", i)
	return nil
}

// settle has checkers run every replica that is still wanted (at most
// limit of them if limit ≥ 0), one at a time, lowest task first.
func (s *script) settle(limit int) {
	s.t.Helper()
	for k := 0; k < 1000; k++ {
		if k == limit {
			return
		}
		i := -1
		for _, t := range s.job.Tasks {
			if t.Index < s.next && t.wants() > 0 {
				i = t.Index
				break
			}
		}
		if i < 0 {
			return
		}
		a := s.until(s.checkersFor(i))
		if a.Msg.Spec.Task.Index != i {
			s.fatalf("checker %s got task %d, want %d", a.Peer, a.Msg.Spec.Task.Index, i)
		}
		s.h.tick(time.Millisecond)
		s.bid(s.h.step(result(a, s.root(i, true, a.Peer))), nil)
	}
	s.fatalf("settle did not finish")
}

func (s *script) expect(w []string) {
	s.t.Helper()
	m, prog := s.h.m, s.job.Spec.Program.CID
	kv := func(f string) int {
		for _, x := range w {
			if k, v, ok := strings.Cut(x, "="); ok && k == f {
				n, _ := strconv.Atoi(v)
				return n
			}
		}
		return -1
	}
	count := func(peer string, pays bool) int {
		n := 0
		for _, e := range s.h.effs {
			switch e := e.(type) {
			case Pay:
				if pays && e.Peer == peer {
					n++
				}
			case Reject:
				if !pays && e.Peer == peer {
					n++
				}
			}
		}
		return n
	}
	num := func(i int) int {
		n, err := strconv.Atoi(w[i])
		if err != nil {
			s.fatalf("bad number %q", w[i])
		}
		return n
	}
	switch w[0] {
	case "replicated", "unchecked":
		t := s.job.Tasks[s.last]
		if got := t.Quorum > 1 || t.Replicas > 1; got != (w[0] == "replicated") {
			s.fatalf("task %d: replicas %d quorum %d (%s)", s.last, t.Replicas, t.Quorum, t.Reason)
		}
	case "trust":
		tr := m.Trust(w[1], prog)
		if r := kv("run"); r >= 0 && tr.Run != r {
			s.fatalf("trust %+v", tr)
		}
		if v := kv("invalid"); v >= 0 && tr.Invalid != v {
			s.fatalf("trust %+v", tr)
		}
	case "required":
		if got := m.cfg.Adaptive.Required(m.Trust(w[1], prog)); got != num(2) {
			s.fatalf("required %d", got)
		}
	case "probability":
		want, _ := strconv.ParseFloat(w[2], 64)
		if got := m.cfg.Adaptive.Probability(m.Trust(w[1], prog)); got < want-1e-9 || got > want+1e-9 {
			s.fatalf("probability %g", got)
		}
	case "reopened":
		n := 0
		for _, t := range s.job.Tasks {
			if t.State.Terminal() {
				continue
			}
			for _, a := range t.Attempts {
				if a.State == attemptVerified {
					n++
					break
				}
			}
		}
		if n != num(1) {
			s.fatalf("%d tasks re-checking", n)
		}
	case "task":
		t := s.job.Tasks[num(1)]
		if string(t.State) != w[2] {
			s.fatalf("task %d is %s: %s", t.Index, t.State, t.Reason)
		}
		if len(w) > 3 {
			want := manifest(s.root(t.Index, true, "")).Root()
			if (t.OutputRoot == want) != (w[3] == "good") {
				s.fatalf("task %d accepted %s (%s)", t.Index, t.OutputRoot.Short(), t.Reason)
			}
		}
	case "paid":
		if n := count(w[1], true); n != num(2) {
			s.fatalf("%s paid %d times", w[1], n)
		}
	case "rejected":
		if n := count(w[1], false); n != num(2) {
			s.fatalf("%s rejected %d times", w[1], n)
		}
	default:
		s.fatalf("unknown expectation")
	}
}
