//go:build !wasip1

package deco

// Checkpoint does nothing outside Deco.
func Checkpoint(state []byte) error { return nil }

// Restore finds nothing outside Deco.
func Restore() ([]byte, error) { return nil, nil }

// Progress does nothing outside Deco.
func Progress(permille int) {}
