// Package store is the node's local persistence adapter: a content-addressed
// blob store (Blobs) and a state database (DB).
//
// Blobs keeps each blob in a file named by its content address (CIDv1, raw,
// sha2-256; see internal/wire). Invariants:
//   - a stored file always hashes to its name: content is written to a
//     temporary file, hashed while streaming, synced, then renamed into place;
//   - Put and Import are idempotent and safe to run concurrently for the same
//     content;
//   - Import never keeps bytes that do not match the claimed address
//     (ErrHashMismatch), so content from untrusted peers is checked before
//     anyone can read it;
//   - paths are built only from addresses that pass wire.ParseCID, so no
//     caller-supplied string reaches the file system;
//   - stored files are read-only; Path is for hardlinking or copying;
//   - Usage is the bytes of stored blobs, summed at open and kept current
//     by every store and Remove; Upload (a local user's content) refuses,
//     storing nothing, what would take Usage plus uploads in progress past
//     its quota (ErrQuota, *QuotaError). Results and fetched inputs are
//     not uploads: the roles bound those themselves.
//
// DB is a small typed layer over one bbolt file (<home>/state.db): buckets of
// JSON values under string keys, listed in key order, multi-key atomic
// updates, and append-only logs (task output, job events) with a sequence
// number per stream for paging and following. Only one process may open the
// file; a second one gets ErrLocked within about a second.
//
// Example:
//
//	blobs, _ := store.OpenBlobs(filepath.Join(home, "blobs"))
//	c, _ := blobs.PutBytes([]byte("hello"))
//	data, _ := blobs.Get(c, 1<<20)
//	_, _, err := blobs.Upload(body, 20<<30) // errors.Is(err, store.ErrQuota)
//
//	db, err := store.OpenDB(filepath.Join(home, "state.db"))
//	if errors.Is(err, store.ErrLocked) { ... }
//	defer db.Close()
//	_ = db.Put("jobs", string(jobID), job)
//	found, _ := db.Get("jobs", string(jobID), &job)
//	seq, _ := db.Append("logs", taskID.String()+"/stdout", line)
//	recs, _ := db.ReadFrom("logs", taskID.String()+"/stdout", 0, 100)
package store
