package arch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Core lists the pure packages.
var Core = []string{"wire", "spec", "market", "sched", "verify", "attest", "pricing", "clock", "provider"}

// forbiddenDirect may not be imported by a core package itself.
var forbiddenDirect = []string{"net", "net/http", "os", "os/exec", "io/fs", "io/ioutil", "syscall", "path/filepath"}

// forbiddenAnywhere may not appear among a core package's transitive deps.
var forbiddenAnywhere = []string{
	"net", "net/http", "os/exec",
	"github.com/libp2p/", "github.com/tetratelabs/wazero",
	"github.com/ethereum/go-ethereum/ethclient", "github.com/ethereum/go-ethereum/accounts/abi/bind",
	"github.com/ethereum/go-ethereum/node", "github.com/ethereum/go-ethereum/rpc",
	"github.com/deco-network/deco/internal/p2p", "github.com/deco-network/deco/internal/exec",
	"github.com/deco-network/deco/internal/store", "github.com/deco-network/deco/internal/chain",
	"github.com/deco-network/deco/internal/node", "github.com/deco-network/deco/internal/api",
}

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
	GoFiles    []string
	Dir        string
}

func list(t *testing.T, path string) pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", path).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", path, err)
	}
	var p pkg
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func matches(dep, rule string) bool {
	if strings.HasSuffix(rule, "/") {
		return strings.HasPrefix(dep, rule)
	}
	return dep == rule || strings.HasPrefix(dep, rule+"/") && strings.Contains(rule, ".")
}

func TestCoreIsPure(t *testing.T) {
	for _, name := range Core {
		p := list(t, "github.com/deco-network/deco/internal/"+name)
		for _, imp := range p.Imports {
			for _, bad := range forbiddenDirect {
				if imp == bad {
					t.Errorf("core package %s imports %s: the core does no I/O; move this into an adapter", name, imp)
				}
			}
		}
		for _, dep := range p.Deps {
			for _, bad := range forbiddenAnywhere {
				if matches(dep, bad) {
					t.Errorf("core package %s depends on %s: the core must not reach the network, a runtime or a chain client", name, dep)
				}
			}
		}
		if name == "clock" {
			continue // clock.Real is the one place that reads the wall clock
		}
		for _, f := range p.GoFiles {
			b, err := os.ReadFile(filepath.Join(p.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			for n := 1; sc.Scan(); n++ {
				line := sc.Text()
				if strings.Contains(line, "time.Now()") || strings.Contains(line, "time.Since(") || strings.Contains(line, "time.Sleep(") || strings.Contains(line, "go func") {
					t.Errorf("%s/%s:%d: the core takes time as an input and starts no goroutines: %s", name, f, n, strings.TrimSpace(line))
				}
			}
		}
	}
}

// TestEveryPackageHasDoc checks that each package folder has a doc.go.
func TestEveryPackageHasDoc(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/deco-network/deco/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range strings.Fields(string(out)) {
		if _, err := os.Stat(filepath.Join(dir, "doc.go")); err != nil {
			t.Errorf("%s has no doc.go", dir)
		}
	}
}

// TestSimulatorDrivesTheCore: the simulator runs the core machines of both
// roles (market, provider) itself, never the node that wires them to I/O.
func TestSimulatorDrivesTheCore(t *testing.T) {
	p := list(t, "github.com/deco-network/deco/internal/sim")
	for _, dep := range p.Deps {
		if dep == "github.com/deco-network/deco/internal/node" {
			t.Fatal("internal/sim depends on internal/node: drive market.Market and provider.Machine directly")
		}
	}
	for _, want := range []string{"github.com/deco-network/deco/internal/market", "github.com/deco-network/deco/internal/provider"} {
		found := false
		for _, imp := range p.Imports {
			found = found || imp == want
		}
		if !found {
			t.Errorf("internal/sim does not import %s", want)
		}
	}
}
