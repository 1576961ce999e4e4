package zk

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrNotCached: the cache holds no keys for the circuit (as it compiles
// today: keys of an older version of the circuit do not count).
var ErrNotCached = errors.New("zk: no cached keys for the circuit")

// Hash is the SHA-256 of c's compiled constraint system: keys from a setup
// are valid for exactly that system, so a cache names them by it and a
// changed circuit never picks up stale keys.
func (c *Circuit) Hash() ([32]byte, error) {
	cs, err := c.constraintSystem()
	if err != nil {
		return [32]byte{}, err
	}
	v, _ := compiled.Load(c.ID())
	o := v.(*compileOnce)
	o.hashOnce.Do(func() {
		h := sha256.New()
		if _, err := cs.WriteTo(h); err != nil {
			o.hashErr = fmt.Errorf("zk: hash %s: %w", c.ID(), err)
			return
		}
		copy(o.hash[:], h.Sum(nil))
	})
	return o.hash, o.hashErr
}

// IsProvingKey reports whether b starts like ProvingKey.Bytes: a task
// whose "program" is a proving key is a zk task, not a WASM module.
func IsProvingKey(b []byte) bool { return bytes.HasPrefix(b, []byte(pkMagic)) }

// Cache keeps keys on disk in Dir, named by circuit and circuit hash, so a
// setup runs once per circuit (setup of a large circuit takes minutes).
// Files are written atomically and setups are serialized per circuit (see Ensure),
// so a cache may be shared by processes.
type Cache struct{ Dir string }

// CachedKeys are one circuit's keys in a Cache: the verifying key decoded,
// the proving key as bytes (what a consumer publishes by content address;
// LoadProvingKey decodes it on a provider).
type CachedKeys struct {
	Circuit   *Circuit
	Verifying *VerifyingKey
	Proving   []byte
}

func (k Cache) base(c *Circuit) (string, error) {
	h, err := c.Hash()
	if err != nil {
		return "", err
	}
	name := strings.ReplaceAll(c.ID(), "/", "_") + "." + hex.EncodeToString(h[:8])
	return filepath.Join(k.Dir, name), nil
}

// Load reads c's keys; ErrNotCached if there are none.
func (k Cache) Load(c *Circuit) (*CachedKeys, error) {
	base, err := k.base(c)
	if err != nil {
		return nil, err
	}
	vb, err := os.ReadFile(base + ".vk")
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w %s in %s", ErrNotCached, c.ID(), k.Dir)
	}
	if err != nil {
		return nil, fmt.Errorf("zk: read cached keys: %w", err)
	}
	pb, err := os.ReadFile(base + ".pk")
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w %s in %s", ErrNotCached, c.ID(), k.Dir)
	}
	if err != nil {
		return nil, fmt.Errorf("zk: read cached keys: %w", err)
	}
	vk, err := LoadVerifyingKey(vb)
	if err != nil {
		return nil, err
	}
	if vk.Circuit() != c.ID() || !IsProvingKey(pb) || !bytes.HasPrefix(pb, []byte(pkMagic+c.ID()+"\n")) {
		return nil, fmt.Errorf("%w: cached keys in %s are for another circuit than %s", ErrWrongCircuit, base, c.ID())
	}
	return &CachedKeys{Circuit: c, Verifying: vk, Proving: pb}, nil
}

// Ensure returns c's cached keys, running Setup and caching its keys
// first if there are none. Processes and goroutines sharing the cache set
// up a circuit once: the first holds a lock on it (a file beside the keys)
// through setup and writing, the others wait and load its keys, so a pair
// on disk always comes from one setup.
func (k Cache) Ensure(ctx context.Context, c *Circuit) (*CachedKeys, error) {
	if ck, err := k.Load(c); !errors.Is(err, ErrNotCached) {
		return ck, err
	}
	base, err := k.base(c)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(k.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("zk: key cache: %w", err)
	}
	unlock, err := lockFile(base + ".lock")
	if err != nil {
		return nil, err
	}
	defer unlock()
	if ck, err := k.Load(c); !errors.Is(err, ErrNotCached) {
		return ck, err // set up by whoever held the lock before us
	}
	keys, err := Setup(ctx, c)
	if err != nil {
		return nil, err
	}
	pb, err := keys.Proving.Bytes()
	if err != nil {
		return nil, err
	}
	vb, err := keys.Verifying.Bytes()
	if err != nil {
		return nil, err
	}
	// Proving key first: Load looks for the verifying key, so a reader
	// never finds half a pair.
	if err := writeAtomic(base+".pk", pb); err != nil {
		return nil, err
	}
	if err := writeAtomic(base+".vk", vb); err != nil {
		return nil, err
	}
	return &CachedKeys{Circuit: c, Verifying: keys.Verifying, Proving: pb}, nil
}

// List returns every circuit with cached keys that match the circuit as
// it compiles today, sorted by circuit ID.
func (k Cache) List() ([]*CachedKeys, error) {
	names, err := filepath.Glob(filepath.Join(k.Dir, "*.vk"))
	if err != nil {
		return nil, err
	}
	var out []*CachedKeys
	for _, p := range names {
		id, _, ok := strings.Cut(filepath.Base(p), ".")
		if !ok {
			continue
		}
		c, err := Lookup(strings.Replace(id, "_", "/", 1))
		if err != nil {
			continue
		}
		if base, err := k.base(c); err != nil || base+".vk" != p {
			continue // keys of another version of the circuit
		}
		ck, err := k.Load(c)
		if err != nil {
			continue
		}
		out = append(out, ck)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Circuit.ID() < out[j].Circuit.ID() })
	return out, nil
}

func writeAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("zk: key cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("zk: key cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("zk: key cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("zk: key cache: %w", err)
	}
	return nil
}
