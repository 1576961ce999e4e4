package zk

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
)

// A cache runs setup once per circuit and hands the same keys back.
func TestCache(t *testing.T) {
	c, err := Lookup("sumsq/4")
	if err != nil {
		t.Fatal(err)
	}
	k := Cache{Dir: t.TempDir()}
	if _, err := k.Load(c); !errors.Is(err, ErrNotCached) {
		t.Fatalf("empty cache: %v", err)
	}
	a, err := k.Ensure(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := k.Ensure(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	da, _ := a.Verifying.Digest()
	db, _ := b.Verifying.Digest()
	if da != db || string(a.Proving) != string(b.Proving) {
		t.Fatal("a second Ensure ran setup again")
	}
	list, err := k.List()
	if err != nil || len(list) != 1 || list[0].Circuit.ID() != "sumsq/4" {
		t.Fatalf("List = %v, %v", list, err)
	}
	if err := provesWith(c, a.Proving, b.Verifying); err != nil {
		t.Fatal(err)
	}
	if !IsProvingKey(a.Proving) || IsProvingKey([]byte("\x00asm")) {
		t.Fatal("IsProvingKey")
	}
}

// Concurrent Ensures of one circuit on one cache (as two processes
// starting together would) set it up once: every caller gets the pair on
// disk, and the pair is from one setup.
func TestCacheConcurrentEnsure(t *testing.T) {
	c, err := Lookup("sumsq/4")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const n = 4
	got := make([]*CachedKeys, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = Cache{Dir: dir}.Ensure(context.Background(), c) // a Cache value each, like separate processes
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Ensure %d: %v", i, err)
		}
	}
	onDisk, err := Cache{Dir: dir}.Load(c)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := onDisk.Verifying.Digest()
	for i, ck := range got {
		if d, _ := ck.Verifying.Digest(); d != want || !bytes.Equal(ck.Proving, onDisk.Proving) {
			t.Fatalf("caller %d got keys of another setup than the pair on disk", i)
		}
	}
	if err := provesWith(c, onDisk.Proving, onDisk.Verifying); err != nil {
		t.Fatalf("the cached pair does not prove and verify together: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Fatalf("temporary file %s left behind", e.Name())
		}
	}
}

// provesWith proves a small sumsq task with the proving key pk (as cached)
// and verifies it with vk.
func provesWith(c *Circuit, pk []byte, vk *VerifyingKey) error {
	k, err := LoadProvingKey(pk)
	if err != nil {
		return err
	}
	p, err := Prove(context.Background(), c, k, map[string]string{"n": "3"}, [20]byte{1})
	if err != nil {
		return err
	}
	return Verify(vk, p)
}
