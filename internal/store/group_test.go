package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Writes made at the same time all land, each with its own outcome: a
// failing write shares no fate with the writes committed beside it, and
// appends to one stream still number 1..n. After a reopen, all is there.
func TestConcurrentWritesGroupedAndIsolated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	d := openDB(t, path)
	const n = 64
	boom := errors.New("boom")
	var wg sync.WaitGroup
	errs := make([]error, n)
	seqs := make([]uint64, n)
	for i := range n {
		wg.Add(3)
		go func() {
			defer wg.Done()
			errs[i] = d.Put("jobs", fmt.Sprint(i), record{Name: fmt.Sprint(i), Count: i})
		}()
		go func() {
			defer wg.Done()
			seqs[i], _ = d.Append("logs", "job", []byte(fmt.Sprint(i)))
		}()
		go func() {
			defer wg.Done()
			err := d.Update(func(tx *Tx) error {
				if err := tx.Put("bad", fmt.Sprint(i), i); err != nil {
					return err
				}
				return boom // rolls back its own put only
			})
			if !errors.Is(err, boom) {
				t.Errorf("failing update %d: got %v, want boom", i, err)
			}
		}()
	}
	wg.Wait()
	d.Close()
	d = openDB(t, path)
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("put %d: %v", i, errs[i])
		}
		var r record
		if ok, err := d.Get("jobs", fmt.Sprint(i), &r); !ok || err != nil || r.Count != i {
			t.Fatalf("put %d after reopen: %v %v %+v", i, ok, err, r)
		}
		var x int
		if ok, _ := d.Get("bad", fmt.Sprint(i), &x); ok {
			t.Fatalf("failed update %d left its put behind", i)
		}
	}
	got := map[uint64]bool{}
	for _, s := range seqs {
		got[s] = true
	}
	for s := uint64(1); s <= n; s++ {
		if !got[s] {
			t.Fatalf("append sequence numbers %v miss %d", seqs, s)
		}
	}
	recs, err := d.ReadFrom("logs", "job", 0, 0)
	if err != nil || len(recs) != n {
		t.Fatalf("log has %d records (%v), want %d", len(recs), err, n)
	}
}

// BenchmarkConcurrentPuts: 20 writers storing a record each at the same
// time, committed one transaction (and one disk sync) each, as before
// group commit (the baseline, "alone"), and grouped; grouped reports
// grouped/alone time per round.
func BenchmarkConcurrentPuts(b *testing.B) {
	per := map[string]float64{}
	for _, mode := range []string{"alone", "grouped"} {
		b.Run(mode, func(b *testing.B) {
			d, err := OpenDB(filepath.Join(b.TempDir(), "state.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			put := func(k string) error {
				if mode == "alone" {
					return d.bolt.Update(func(tx *bolt.Tx) error { return (&Tx{tx: tx}).Put("jobs", k, record{Name: k}) })
				}
				return d.Put("jobs", k, record{Name: k})
			}
			for b.Loop() {
				var wg sync.WaitGroup
				for i := range 20 {
					wg.Go(func() {
						if err := put(fmt.Sprint(i)); err != nil {
							b.Error(err)
						}
					})
				}
				wg.Wait()
			}
			per[mode] = float64(b.Elapsed()) / float64(b.N)
			if mode == "grouped" && per["alone"] > 0 {
				b.ReportMetric(per["grouped"]/per["alone"], "grouped/alone")
			}
		})
	}
}
