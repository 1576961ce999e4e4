package providing

import (
	"log/slog"
	"sync"
	"time"

	"github.com/deco-network/deco/internal/clock"
	provcore "github.com/deco-network/deco/internal/provider"
)

// recordAfter is how long an attempt runs before it is recorded (see
// runRecorder); a variable so a test can record at once.
var recordAfter = time.Second

// runRecorder keeps the Runs records of attempts that run for at least
// recordAfter. A record is a database write, and one per task start and
// end halved the provider's throughput of short tasks (1,368–1,495 to
// 626–658 tasks/s); a crash loses less than recordAfter of the work of an
// attempt it does not know of.
type runRecorder struct {
	book  Runs
	clock clock.Clock
	log   *slog.Logger

	mu      sync.Mutex
	pending map[provcore.Key]clock.Timer
	written map[provcore.Key]bool
}

func newRunRecorder(book Runs, clk clock.Clock, log *slog.Logger) *runRecorder {
	if book == nil {
		return nil
	}
	return &runRecorder{book: book, clock: clk, log: log, pending: map[provcore.Key]clock.Timer{}, written: map[provcore.Key]bool{}}
}

// start records rec once it has run recordAfter.
func (r *runRecorder) start(rec RunRecord) {
	if r == nil {
		return
	}
	k := provcore.Key{Task: rec.Task, Attempt: rec.Attempt}
	r.mu.Lock()
	defer r.mu.Unlock()
	if recordAfter <= 0 {
		r.write(k, rec)
		return
	}
	r.pending[k] = r.clock.AfterFunc(recordAfter, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if _, ok := r.pending[k]; ok {
			delete(r.pending, k)
			r.write(k, rec)
		}
	})
}

// write stores rec; r.mu is held.
func (r *runRecorder) write(k provcore.Key, rec RunRecord) {
	if err := r.book.Put(rec); err != nil {
		r.log.Error("record a running attempt", "task", rec.Task, "err", err)
		return
	}
	r.written[k] = true
}

// end forgets the attempt of k: its record, if it was written.
func (r *runRecorder) end(k provcore.Key) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if t, ok := r.pending[k]; ok {
		t.Stop()
		delete(r.pending, k)
	}
	if r.written[k] {
		delete(r.written, k)
		if err := r.book.Delete(k); err != nil {
			r.log.Error("clear the record of a finished attempt", "task", k.Task, "err", err)
		}
	}
}
