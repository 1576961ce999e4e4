package report

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Machine describes where figures were measured.
type Machine struct {
	CPU      string // model name; "unknown" when the system does not say
	Cores    int    // logical CPUs this process may use
	Memory   uint64 // bytes of RAM; 0 when unknown
	OS       string // GOOS/GOARCH and the kernel release when known
	Go       string // the Go version the binary was built with
	Commit   string // the VCS revision the binary was built from ("+dirty": modified), else the current directory's checkout; "" when unknown
	Hostname string
}

// DescribeMachine reads the machine's description from the Go runtime,
// the binary's build information and, on Linux, /proc.
func DescribeMachine() Machine {
	m := Machine{CPU: "unknown", Cores: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, Go: runtime.Version()}
	m.Hostname, _ = os.Hostname()
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if v := procField(b, "model name"); v != "" {
			m.CPU = v
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if kb, err := strconv.ParseUint(strings.TrimSuffix(procField(b, "MemTotal"), " kB"), 10, 64); err == nil {
			m.Memory = kb << 10
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.OS += ", kernel " + strings.TrimSpace(string(b))
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
		if rev != "" {
			m.Commit = rev + dirty
		}
	}
	if m.Commit == "" {
		m.Commit = checkoutCommit()
	}
	return m
}

// checkoutCommit names the git commit of the current directory, for a
// binary built without a VCS stamp (go run, -buildvcs=false, worktrees);
// "" when there is no git or no checkout.
func checkoutCommit() string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	rev := strings.TrimSpace(string(out))
	if st, err := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		rev += "+dirty"
	}
	return rev + " (the git checkout of the current directory: the binary has no VCS stamp)"
}

// Rows returns the description as table rows (what, value).
func (m Machine) Rows() [][]string {
	mem := "unknown"
	if m.Memory > 0 {
		mem = fmt.Sprintf("%.1f GiB", float64(m.Memory)/(1<<30))
	}
	commit := m.Commit
	if commit == "" {
		commit = "unknown (the binary has no VCS stamp and the current directory is no git checkout)"
	}
	return [][]string{{"CPU", m.CPU}, {"cores", strconv.Itoa(m.Cores)}, {"memory", mem},
		{"OS", m.OS}, {"Go", m.Go}, {"deco commit", commit}, {"host", m.Hostname}}
}

// procField returns the value of the first "key : value" line of a
// /proc file.
func procField(b []byte, key string) string {
	s := bufio.NewScanner(bytes.NewReader(b))
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
