package runner

import (
	"strings"
	"testing"
)

func TestLiveTakesWholeLinesBounded(t *testing.T) {
	l := NewLive()
	out := l.Stdout()
	out.Write([]byte("one\ntw"))
	l.Stderr().Write([]byte("err\n"))
	l.SetPermille(1500)
	p := l.Take(1 << 10)
	if string(p.Stdout) != "one\n" || string(p.Stderr) != "err\n" || p.Permille != 1000 {
		t.Fatalf("first take: %q %q %d", p.Stdout, p.Stderr, p.Permille)
	}
	// A partial line waits one beat, then goes.
	if p := l.Take(1 << 10); len(p.Stdout) != 0 {
		t.Fatalf("a partial line went at once: %q", p.Stdout)
	}
	if p := l.Take(1 << 10); string(p.Stdout) != "tw" {
		t.Fatalf("the partial line did not go a beat later: %q", p.Stdout)
	}
	// At most max bytes a take, cut at a line where it can.
	out.Write([]byte(strings.Repeat("0123456789\n", 10)))
	p = l.Take(25)
	if string(p.Stdout) != "0123456789\n0123456789\n" {
		t.Fatalf("bounded take: %q", p.Stdout)
	}
	var rest int
	for range 10 {
		rest += len(l.Take(25).Stdout)
	}
	if rest != 8*11 {
		t.Fatalf("the rest came in %d bytes, want %d", rest, 8*11)
	}
}

// A program that writes faster than beats carry loses live lines, says
// so, and holds no more than the backlog.
func TestLiveBacklogBounded(t *testing.T) {
	l := NewLive()
	line := []byte(strings.Repeat("x", 1023) + "\n")
	for range 2 * liveBacklog / len(line) {
		l.Stdout().Write(line)
	}
	var got strings.Builder
	for i := 0; i < 100; i++ {
		p := l.Take(64 << 10)
		if len(p.Stdout) == 0 {
			break
		}
		got.Write(p.Stdout)
	}
	if n := got.Len(); n > liveBacklog+200 || !strings.HasSuffix(got.String(), "whole log comes with the result]\n") {
		t.Fatalf("took %d bytes ending %q", n, got.String()[max(0, got.Len()-80):])
	}
}
