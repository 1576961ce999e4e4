package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

type record struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func openDB(t *testing.T, path string) *DB {
	t.Helper()
	d, err := OpenDB(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestDBPersistsAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	d, err := OpenDB(path)
	if err != nil {
		t.Fatal(err)
	}
	want := record{Name: "job-1", Count: 3}
	if err := d.Put("jobs", "a", want); err != nil {
		t.Fatal(err)
	}
	if err := d.Put("jobs", "gone", want); err != nil {
		t.Fatal(err)
	}
	if err := d.Delete("jobs", "gone"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Append("logs", "t1", []byte("line 1")); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	d = openDB(t, path)
	var got record
	found, err := d.Get("jobs", "a", &got)
	if err != nil || !found || got != want {
		t.Fatalf("Get after reopen = %v %v %+v", found, err, got)
	}
	if found, err := d.Get("jobs", "gone", &got); found || err != nil {
		t.Fatalf("deleted key: found %v err %v", found, err)
	}
	seq, err := d.Append("logs", "t1", []byte("line 2"))
	if err != nil || seq != 2 {
		t.Fatalf("Append after reopen = %d, %v; want seq 2", seq, err)
	}
}

func TestDBGetMissing(t *testing.T) {
	d := openDB(t, filepath.Join(t.TempDir(), "state.db"))
	var r record
	cases := []struct{ bucket, key string }{
		{"nobucket", "k"},
		{"jobs", "nokey"},
	}
	if err := d.Put("jobs", "k", record{}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		found, err := d.Get(tc.bucket, tc.key, &r)
		if found || err != nil {
			t.Errorf("Get(%s,%s) = %v, %v", tc.bucket, tc.key, found, err)
		}
	}
	if err := d.Delete("nobucket", "k"); err != nil {
		t.Errorf("Delete in missing bucket = %v", err)
	}
	if err := d.Put("", "k", r); err == nil {
		t.Error("Put with empty bucket succeeded")
	}
	if err := d.Put("jobs", "", r); err == nil {
		t.Error("Put with empty key succeeded")
	}
	if err := d.Put("jobs", "bad", func() {}); err == nil {
		t.Error("Put of an unencodable value succeeded")
	}
}

func TestDBUpdateIsAtomic(t *testing.T) {
	d := openDB(t, filepath.Join(t.TempDir(), "state.db"))
	if err := d.Put("acct", "alice", 10); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := d.Update(func(tx *Tx) error {
		if err := tx.Put("acct", "alice", 0); err != nil {
			return err
		}
		if err := tx.Put("acct", "bob", 10); err != nil {
			return err
		}
		if err := tx.Delete("acct", "alice"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	var n int
	if found, _ := d.Get("acct", "alice", &n); !found || n != 10 {
		t.Fatalf("alice after rollback = %v %d, want 10", found, n)
	}
	if found, _ := d.Get("acct", "bob", &n); found {
		t.Fatal("bob exists after rollback")
	}

	// The same transfer committed, reading inside the transaction.
	err = d.Update(func(tx *Tx) error {
		var a int
		if _, err := tx.Get("acct", "alice", &a); err != nil {
			return err
		}
		if err := tx.Put("acct", "alice", a-4); err != nil {
			return err
		}
		return tx.Put("acct", "bob", 4)
	})
	if err != nil {
		t.Fatal(err)
	}
	d.Get("acct", "alice", &n)
	if n != 6 {
		t.Fatalf("alice = %d, want 6", n)
	}
}

func TestDBListOrder(t *testing.T) {
	d := openDB(t, filepath.Join(t.TempDir(), "state.db"))
	keys := []string{"task/b/2", "job/z", "task/a/10", "task/a/1", "job/a", "task/a/2"}
	for i, k := range keys {
		if err := d.Put("b", k, record{Name: k, Count: i}); err != nil {
			t.Fatal(err)
		}
	}
	collect := func(prefix string) []string {
		var out []string
		err := d.ListPrefix("b", prefix, func(k string, raw []byte) error {
			var r record
			if err := json.Unmarshal(raw, &r); err != nil {
				return err
			}
			if r.Name != k {
				return fmt.Errorf("key %s holds %s", k, r.Name)
			}
			out = append(out, k)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cases := []struct {
		prefix string
		want   []string
	}{
		{"", []string{"job/a", "job/z", "task/a/1", "task/a/10", "task/a/2", "task/b/2"}},
		{"task/a/", []string{"task/a/1", "task/a/10", "task/a/2"}},
		{"job/", []string{"job/a", "job/z"}},
		{"zzz", nil},
	}
	for _, tc := range cases {
		if got := collect(tc.prefix); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ListPrefix(%q) = %v, want %v", tc.prefix, got, tc.want)
		}
	}

	var all []string
	if err := d.List("b", func(k string, _ []byte) error { all = append(all, k); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, cases[0].want) {
		t.Errorf("List = %v", all)
	}
	if err := d.List("missing", func(string, []byte) error { t.Error("called"); return nil }); err != nil {
		t.Errorf("List(missing) = %v", err)
	}
	stop := errors.New("stop")
	calls := 0
	err := d.List("b", func(string, []byte) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("List with failing fn = %v after %d calls", err, calls)
	}
}

func TestDBAppendReadFrom(t *testing.T) {
	d := openDB(t, filepath.Join(t.TempDir(), "state.db"))
	const total = 25
	for i := 1; i <= total; i++ {
		seq, err := d.Append("logs", "task-1/stdout", []byte(fmt.Sprintf("line %d", i)))
		if err != nil || seq != uint64(i) {
			t.Fatalf("Append #%d = %d, %v", i, seq, err)
		}
	}
	// Another stream in the same bucket has its own sequence.
	if seq, err := d.Append("logs", "task-1/stderr", []byte("oops")); err != nil || seq != 1 {
		t.Fatalf("Append to second stream = %d, %v", seq, err)
	}

	var after uint64
	var pages []int
	var lines []string
	for {
		recs, err := d.ReadFrom("logs", "task-1/stdout", after, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 0 {
			break
		}
		pages = append(pages, len(recs))
		for _, r := range recs {
			if r.Seq != after+1 {
				t.Fatalf("seq %d after %d", r.Seq, after)
			}
			after = r.Seq
			lines = append(lines, string(r.Data))
		}
	}
	if !reflect.DeepEqual(pages, []int{10, 10, 5}) {
		t.Fatalf("pages = %v", pages)
	}
	if lines[0] != "line 1" || lines[total-1] != "line 25" {
		t.Fatalf("lines = %v", lines)
	}

	cases := []struct {
		name     string
		bucket   string
		stream   string
		after    uint64
		limit    int
		wantSeqs []uint64
	}{
		{"no limit", "logs", "task-1/stdout", 22, 0, []uint64{23, 24, 25}},
		{"past end", "logs", "task-1/stdout", 25, 10, nil},
		{"max seq", "logs", "task-1/stdout", ^uint64(0), 10, nil},
		{"other stream", "logs", "task-1/stderr", 0, 10, []uint64{1}},
		{"missing stream", "logs", "nope", 0, 10, nil},
		{"missing bucket", "nope", "task-1/stdout", 0, 10, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := d.ReadFrom(tc.bucket, tc.stream, tc.after, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var seqs []uint64
			for _, r := range recs {
				seqs = append(seqs, r.Seq)
			}
			if !reflect.DeepEqual(seqs, tc.wantSeqs) {
				t.Fatalf("seqs = %v, want %v", seqs, tc.wantSeqs)
			}
		})
	}
	if _, err := d.Append("logs", "", []byte("x")); err == nil {
		t.Error("Append with empty stream succeeded")
	}
}

func TestDBSecondOpenIsLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	first := openDB(t, path)
	_, err := OpenDB(path)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second OpenDB = %v, want ErrLocked", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	// Once released, the file opens again.
	openDB(t, path)
}
