package chain

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// FindGeth returns the path of a geth binary for a multi-process chain
// (`geth --dev`): on PATH, else in the Go bin directory where
// contracts/install-geth.sh puts it; "" if there is none.
func FindGeth() string {
	if p, err := exec.LookPath("geth"); err == nil {
		return p
	}
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var dirs []string
	if len(lines) > 0 && strings.TrimSpace(lines[0]) != "" {
		dirs = append(dirs, strings.TrimSpace(lines[0]))
	}
	if len(lines) > 1 {
		for _, gp := range filepath.SplitList(strings.TrimSpace(lines[1])) {
			dirs = append(dirs, filepath.Join(gp, "bin"))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "geth")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}
