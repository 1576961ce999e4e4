//go:build !unix

package zk

// lockFile is a no-op where flock does not exist: processes sharing a key
// cache there must not set up the same circuit at the same time.
func lockFile(string) (func(), error) { return func() {}, nil }
