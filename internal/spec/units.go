package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Size is a byte count written as "256MiB", "1GB", "512k" or a plain number.
type Size uint64

var sizeUnits = []struct {
	suffix string
	mult   uint64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"ki", 1 << 10}, {"mi", 1 << 20}, {"gi", 1 << 30}, {"ti", 1 << 40},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40}, {"b", 1},
}

// ParseSize parses a human size.
func ParseSize(s string) (Size, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := uint64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	// !(f >= 0) also refuses NaN, which ParseFloat accepts and which would
	// convert to an arbitrary (on amd64, 2^63) byte count.
	if err != nil || !(f >= 0) || f*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("bad size %q (use e.g. 256MiB, 1GiB, 512k)", s)
	}
	return Size(f * float64(mult)), nil
}

func (s Size) String() string {
	switch {
	case s >= 1<<30 && s%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", s>>30)
	case s >= 1<<20 && s%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", s>>20)
	case s >= 1<<10 && s%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", s>>10)
	}
	return strconv.FormatUint(uint64(s), 10)
}

// HumanSize formats a size for people, rounded down to its largest unit:
// 2GiB, 300MiB, 12KiB, 5B (refusal reasons and failure texts use it).
func HumanSize(b uint64) string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", b>>30)
	case b >= 1<<20:
		return fmt.Sprintf("%dMiB", b>>20)
	case b >= 1<<10:
		return fmt.Sprintf("%dKiB", b>>10)
	}
	return fmt.Sprintf("%dB", b)
}

// UnmarshalYAML accepts numbers and strings.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseSize(n.Value)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalYAML renders the human form.
func (s Size) MarshalYAML() (any, error) { return s.String(), nil }

// MarshalJSON renders the human form.
func (s Size) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON accepts numbers and strings.
func (s *Size) UnmarshalJSON(b []byte) error {
	v, err := ParseSize(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Duration is a time.Duration written as "30s", "5m".
type Duration time.Duration

func (d Duration) String() string { return time.Duration(d).String() }

// UnmarshalYAML parses Go duration syntax; a bare number means seconds.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error { return d.parse(n.Value) }

// maxSeconds is the longest Duration in seconds, rounded down.
const maxSeconds = float64(math.MaxInt64/int64(time.Second)) - 1

func (d *Duration) parse(s string) error {
	s = strings.Trim(strings.TrimSpace(s), `"`)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// NaN, ±Inf and values beyond ±292 years have no Duration: their
		// conversion to int64 is undefined (amd64 gives -292 years).
		if !(math.Abs(f) <= maxSeconds) {
			return fmt.Errorf("bad duration %q (use e.g. 30s, 5m)", s)
		}
		*d = Duration(f * float64(time.Second))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("bad duration %q (use e.g. 30s, 5m)", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML renders e.g. "30s".
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// MarshalJSON renders e.g. "30s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON parses "30s" or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error { return d.parse(string(b)) }
