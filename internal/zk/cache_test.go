package zk

import (
	"context"
	"errors"
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
	pk, err := LoadProvingKey(a.Proving)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prove(context.Background(), c, pk, map[string]string{"n": "3"}, [20]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(b.Verifying, p); err != nil {
		t.Fatal(err)
	}
	if !IsProvingKey(a.Proving) || IsProvingKey([]byte("\x00asm")) {
		t.Fatal("IsProvingKey")
	}
}
