package wire

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Entry is one file of a manifest: its slash-separated path relative to the
// manifest's root (/outputs or /inputs), its size and its content address.
type Entry struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	CID  CID    `json:"cid"`
}

// Manifest lists the files of a directory tree. Its canonical encoding is
// the tree's identity: the content address of Encode() is the output root
// (or input root) a receipt commits to.
type Manifest struct {
	Kind    string  `json:"kind"` // "outputs" or "inputs"
	Entries []Entry `json:"entries"`
}

// Manifest limits; a decoder refuses anything larger.
const (
	MaxManifestEntries = 10_000
	MaxPathLen         = 512
	maxManifestBytes   = MaxManifestEntries * (MaxPathLen + 128)
)

// ErrBadManifest reports a manifest that breaks the canonical rules.
var ErrBadManifest = errors.New("bad manifest")

// CheckPath validates a manifest path: relative, clean, slash-separated,
// printable, no "." or ".." segments.
func CheckPath(p string) error {
	switch {
	case p == "" || len(p) > MaxPathLen:
		return fmt.Errorf("%w: path length %d", ErrBadManifest, len(p))
	case strings.HasPrefix(p, "/") || path.Clean(p) != p || p == "." || strings.HasPrefix(p, "../") || p == "..":
		return fmt.Errorf("%w: path %q is not clean and relative", ErrBadManifest, p)
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%w: path %q has a control character", ErrBadManifest, p)
		}
	}
	return nil
}

// Normalize sorts the entries by path and checks every rule; use it before Encode.
func (m *Manifest) Normalize() error {
	if m.Kind != "outputs" && m.Kind != "inputs" {
		return fmt.Errorf("%w: kind %q", ErrBadManifest, m.Kind)
	}
	if len(m.Entries) > MaxManifestEntries {
		return fmt.Errorf("%w: %d entries (max %d)", ErrBadManifest, len(m.Entries), MaxManifestEntries)
	}
	sort.Slice(m.Entries, func(i, j int) bool { return m.Entries[i].Path < m.Entries[j].Path })
	for i, e := range m.Entries {
		if err := CheckPath(e.Path); err != nil {
			return err
		}
		if e.Size < 0 {
			return fmt.Errorf("%w: negative size for %q", ErrBadManifest, e.Path)
		}
		if _, err := ParseCID(string(e.CID)); err != nil {
			return fmt.Errorf("%w: %q: %v", ErrBadManifest, e.Path, err)
		}
		if i > 0 && m.Entries[i-1].Path == e.Path {
			return fmt.Errorf("%w: duplicate path %q", ErrBadManifest, e.Path)
		}
	}
	return nil
}

// Encode returns the canonical encoding: a header line, then one line per
// entry in path order: "<cid> <size> <path>\n".
func (m Manifest) Encode() []byte {
	var b bytes.Buffer
	b.WriteString("deco-" + m.Kind + "/1\n")
	for _, e := range m.Entries {
		b.WriteString(string(e.CID))
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(e.Size, 10))
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Root returns the content address of the canonical encoding. The manifest
// must be normalized.
func (m Manifest) Root() CID { return CIDOf(m.Encode()) }

// TotalSize sums the entry sizes.
func (m Manifest) TotalSize() int64 {
	var n int64
	for _, e := range m.Entries {
		n += e.Size
	}
	return n
}

// ParseManifest decodes a canonical encoding and checks it is canonical
// (re-encoding gives the same bytes).
func ParseManifest(b []byte) (Manifest, error) {
	if len(b) > maxManifestBytes {
		return Manifest{}, fmt.Errorf("%w: %d bytes", ErrBadManifest, len(b))
	}
	header, rest, ok := bytes.Cut(b, []byte("\n"))
	if !ok {
		return Manifest{}, fmt.Errorf("%w: no header", ErrBadManifest)
	}
	var m Manifest
	switch string(header) {
	case "deco-outputs/1":
		m.Kind = "outputs"
	case "deco-inputs/1":
		m.Kind = "inputs"
	default:
		return Manifest{}, fmt.Errorf("%w: header %q", ErrBadManifest, header)
	}
	for len(rest) > 0 {
		var line []byte
		line, rest, ok = bytes.Cut(rest, []byte("\n"))
		if !ok {
			return Manifest{}, fmt.Errorf("%w: unterminated line", ErrBadManifest)
		}
		parts := strings.SplitN(string(line), " ", 3)
		if len(parts) != 3 {
			return Manifest{}, fmt.Errorf("%w: line %q", ErrBadManifest, line)
		}
		size, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil {
			return Manifest{}, fmt.Errorf("%w: size %q", ErrBadManifest, parts[1])
		}
		m.Entries = append(m.Entries, Entry{CID: CID(parts[0]), Size: size, Path: parts[2]})
		if len(m.Entries) > MaxManifestEntries {
			return Manifest{}, fmt.Errorf("%w: too many entries", ErrBadManifest)
		}
	}
	if err := m.Normalize(); err != nil {
		return Manifest{}, err
	}
	if !bytes.Equal(m.Encode(), b) {
		return Manifest{}, fmt.Errorf("%w: not canonical", ErrBadManifest)
	}
	return m, nil
}
