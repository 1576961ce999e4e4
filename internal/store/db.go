package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrLocked reports that another process holds the state database: a node is
// already running with the same home directory.
var ErrLocked = errors.New("node already running with this home (state.db locked); stop it or choose another --home")

// lockTimeout bounds how long OpenDB waits for the file lock.
const lockTimeout = time.Second

// DB is the node's state database: named buckets of JSON values under string
// keys, plus append-only logs. It wraps a single bbolt file, which one
// process at a time may open. Safe for concurrent use.
//
// A bucket holds either key/value pairs or logs, never both.
type DB struct {
	bolt *bolt.DB
	g    group
}

// LogRecord is one entry of an append-only log. Seq starts at 1 and grows by
// one per Append to the same stream.
type LogRecord struct {
	Seq  uint64
	Data []byte
}

// OpenDB opens (creating if needed) the database file at path. If another
// process has it open, it fails within about a second with an error wrapping
// ErrLocked.
func OpenDB(path string) (*DB, error) {
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open state database %s: %w", path, err)
	}
	return &DB{bolt: b}, nil
}

// Close releases the file and its lock.
func (d *DB) Close() error { return d.bolt.Close() }

// Put stores v, JSON-encoded, under bucket/key.
func (d *DB) Put(bucket, key string, v any) error {
	return d.Update(func(tx *Tx) error { return tx.Put(bucket, key, v) })
}

// Get decodes the value at bucket/key into v and reports whether it existed.
func (d *DB) Get(bucket, key string, v any) (bool, error) {
	var found bool
	err := d.bolt.View(func(btx *bolt.Tx) error {
		var err error
		found, err = (&Tx{tx: btx}).Get(bucket, key, v)
		return err
	})
	return found, err
}

// Delete removes bucket/key. Deleting an absent key is not an error.
func (d *DB) Delete(bucket, key string) error {
	return d.Update(func(tx *Tx) error { return tx.Delete(bucket, key) })
}

// List calls fn for every key/value pair in bucket, in byte order of the keys.
// raw is the JSON value; it is valid only during the call (copy it to keep
// it). fn must not call methods of d. An error from fn stops the listing and
// is returned.
func (d *DB) List(bucket string, fn func(key string, raw []byte) error) error {
	return d.ListPrefix(bucket, "", fn)
}

// ListPrefix is List restricted to keys that start with prefix.
func (d *DB) ListPrefix(bucket, prefix string, fn func(key string, raw []byte) error) error {
	return d.bolt.View(func(btx *bolt.Tx) error {
		b := btx.Bucket([]byte(bucket))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		p := []byte(prefix)
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if v == nil {
				continue // a nested log bucket
			}
			if err := fn(string(k), v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Update runs fn in one read-write transaction: either all its changes are
// stored or, if fn returns an error, none are. fn must not call methods of d,
// and must change nothing outside tx: writes made at the same time share one
// commit (see group), and fn may run more than once.
func (d *DB) Update(fn func(tx *Tx) error) error {
	return d.write(func(btx *bolt.Tx) error { return fn(&Tx{tx: btx}) })
}

// Tx is a read-write transaction, valid only inside the Update callback.
type Tx struct {
	tx *bolt.Tx
}

// Put stores v, JSON-encoded, under bucket/key, creating the bucket if needed.
func (t *Tx) Put(bucket, key string, v any) error {
	if bucket == "" || key == "" {
		return fmt.Errorf("put %q/%q: bucket and key must not be empty", bucket, key)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("put %s/%s: encode: %w", bucket, key, err)
	}
	b, err := t.tx.CreateBucketIfNotExists([]byte(bucket))
	if err != nil {
		return fmt.Errorf("put %s/%s: %w", bucket, key, err)
	}
	if err := b.Put([]byte(key), raw); err != nil {
		return fmt.Errorf("put %s/%s: %w", bucket, key, err)
	}
	return nil
}

// Get decodes the value at bucket/key into v and reports whether it existed.
func (t *Tx) Get(bucket, key string, v any) (bool, error) {
	b := t.tx.Bucket([]byte(bucket))
	if b == nil {
		return false, nil
	}
	raw := b.Get([]byte(key))
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("get %s/%s: decode: %w", bucket, key, err)
	}
	return true, nil
}

// Delete removes bucket/key. Deleting an absent key is not an error.
func (t *Tx) Delete(bucket, key string) error {
	b := t.tx.Bucket([]byte(bucket))
	if b == nil {
		return nil
	}
	if err := b.Delete([]byte(key)); err != nil {
		return fmt.Errorf("delete %s/%s: %w", bucket, key, err)
	}
	return nil
}

// Append adds rec to the log named stream inside bucket and returns its
// sequence number (1 for the first record of a stream).
func (d *DB) Append(bucket, stream string, rec []byte) (uint64, error) {
	if bucket == "" || stream == "" {
		return 0, fmt.Errorf("append to %q/%q: bucket and stream must not be empty", bucket, stream)
	}
	var seq uint64
	err := d.write(func(btx *bolt.Tx) error {
		top, err := btx.CreateBucketIfNotExists([]byte(bucket))
		if err != nil {
			return err
		}
		s, err := top.CreateBucketIfNotExists([]byte(stream))
		if err != nil {
			return err
		}
		if seq, err = s.NextSequence(); err != nil {
			return err
		}
		return s.Put(seqKey(seq), rec)
	})
	if err != nil {
		return 0, fmt.Errorf("append to log %s/%s: %w", bucket, stream, err)
	}
	return seq, nil
}

// ReadFrom returns up to limit records of the log bucket/stream whose
// sequence number is greater than afterSeq, oldest first. limit <= 0 means no
// limit. Pass the last Seq returned to read the next page; an empty result
// means the reader has caught up. An absent stream reads as empty.
func (d *DB) ReadFrom(bucket, stream string, afterSeq uint64, limit int) ([]LogRecord, error) {
	var out []LogRecord
	if afterSeq == math.MaxUint64 {
		return nil, nil
	}
	err := d.bolt.View(func(btx *bolt.Tx) error {
		top := btx.Bucket([]byte(bucket))
		if top == nil {
			return nil
		}
		s := top.Bucket([]byte(stream))
		if s == nil {
			return nil
		}
		c := s.Cursor()
		for k, v := c.Seek(seqKey(afterSeq + 1)); k != nil; k, v = c.Next() {
			if limit > 0 && len(out) >= limit {
				break
			}
			out = append(out, LogRecord{Seq: binary.BigEndian.Uint64(k), Data: bytes.Clone(v)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read log %s/%s: %w", bucket, stream, err)
	}
	return out, nil
}

// seqKey encodes seq big-endian so byte order equals numeric order.
func seqKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, seq)
}
