package runner

import (
	"bytes"
	"io"
	"sync"
)

// A task's stdout and stderr reach its consumer in the result, whole. A
// task may run for hours, so what it writes also travels on the way, in
// the provider's heartbeats: Live collects it as the executor captures
// it, and the heartbeat takes what is new (Take), bounded per beat. The
// buffer between two beats is bounded too: a program that writes faster
// than the beats carry loses live lines (a line says so), never the
// result's log.

// liveBacklog bounds what one stream keeps between two beats.
const liveBacklog = 256 << 10

// Progress is what a running task reported since the previous Take.
type Progress struct {
	// Permille is the progress the program last reported (0..1000; 0:
	// none).
	Permille int
	// Stdout and Stderr are what it wrote since the previous Take.
	Stdout, Stderr []byte
}

// Live is one running task's live output and progress. Its writers and
// SetPermille are called from the executor, Take from the heartbeat; all
// are safe for concurrent use. The zero value is not usable: use NewLive.
type Live struct {
	mu       sync.Mutex
	permille int
	out, err liveStream
}

// liveStream is the part of one stream not yet taken.
type liveStream struct {
	pending []byte
	waited  bool // a partial line was there at the previous Take
	behind  bool // bytes were dropped since the previous Take
}

// NewLive returns an empty Live.
func NewLive() *Live { return &Live{} }

// Stdout and Stderr are the writers the executor tees each stream into.
func (l *Live) Stdout() io.Writer { return liveWriter{l, &l.out} }
func (l *Live) Stderr() io.Writer { return liveWriter{l, &l.err} }

// SetPermille records the program's progress (clamped to 0..1000).
func (l *Live) SetPermille(p int) {
	l.mu.Lock()
	l.permille = min(max(p, 0), 1000)
	l.mu.Unlock()
}

type liveWriter struct {
	l *Live
	s *liveStream
}

func (w liveWriter) Write(p []byte) (int, error) {
	w.l.mu.Lock()
	defer w.l.mu.Unlock()
	room := liveBacklog - len(w.s.pending)
	if len(p) > room {
		w.s.behind = true
		p = p[:max(room, 0)]
	}
	w.s.pending = append(w.s.pending, p...)
	return len(p), nil
}

// Take returns the progress and what was written since the previous
// Take, at most max bytes of output (stdout first). It hands over whole
// lines; a partial line goes once it has waited a beat, or when it alone
// fills max.
func (l *Live) Take(max int) Progress {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := Progress{Permille: l.permille}
	p.Stdout = l.out.take(max)
	p.Stderr = l.err.take(max - len(p.Stdout))
	return p
}

func (s *liveStream) take(max int) []byte {
	if max <= 0 || len(s.pending) == 0 {
		return nil
	}
	n := min(len(s.pending), max)
	if i := bytes.LastIndexByte(s.pending[:n], '\n'); i >= 0 {
		n = i + 1
	} else if n == len(s.pending) && !s.waited {
		s.waited = true
		return nil // a partial line: give it a beat to finish
	}
	out := bytes.Clone(s.pending[:n])
	s.pending = append(s.pending[:0], s.pending[n:]...)
	s.waited = false
	if s.behind && len(s.pending) == 0 {
		s.behind = false
		out = append(out, "\n[deco: live log behind: some lines were not sent; the whole log comes with the result]\n"...)
	}
	return out
}
