package zk

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoCompiler: the Solidity compiler for verifier contracts is not
// available (Node.js, or the pinned npm packages in contracts/).
var ErrNoCompiler = errors.New("zk: cannot compile the verifier contract: needs Node.js and the pinned solc; install Node.js, then run `make prereqs` (or `npm ci` in contracts/)")

// ContractsDirEnv names the environment variable that points at Deco's
// contracts/ directory when it cannot be found from the working directory.
const ContractsDirEnv = "DECO_CONTRACTS_DIR"

// Artifact is a compiled contract.
type Artifact struct {
	Compiler string          // solc version, e.g. "0.8.37+commit.…"
	ABI      json.RawMessage // the contract's ABI
	Bin      []byte          // creation bytecode
}

// CompileVerifier compiles the Solidity source of a verifier (from
// VerifyingKey.Solidity) with the project's pinned solc and settings, by
// running `node contracts/compile-verifier.js`. dir is Deco's contracts/
// directory; if empty it is $DECO_CONTRACTS_DIR, else the nearest
// contracts/ above the working directory. ErrNoCompiler when node or the
// npm packages are missing.
func CompileVerifier(ctx context.Context, src, dir string) (*Artifact, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("%w (node not found on PATH)", ErrNoCompiler)
	}
	if dir == "" {
		if dir, err = ContractsDir(); err != nil {
			return nil, err
		}
	}
	script := filepath.Join(dir, "compile-verifier.js")
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("%w (no %s)", ErrNoCompiler, script)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "solc")); err != nil {
		return nil, fmt.Errorf("%w (no node_modules/solc in %s)", ErrNoCompiler, dir)
	}
	cmd := exec.CommandContext(ctx, node, script, "Verifier")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(src)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("zk: compile verifier: %w", ctx.Err())
		}
		return nil, fmt.Errorf("zk: compile verifier: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var out struct {
		Version string          `json:"version"`
		ABI     json.RawMessage `json:"abi"`
		Bin     string          `json:"bin"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("zk: compile verifier: unreadable compiler output: %w", err)
	}
	bin, err := hex.DecodeString(out.Bin)
	if err != nil || len(bin) == 0 {
		return nil, fmt.Errorf("zk: compile verifier: bad bytecode in compiler output")
	}
	return &Artifact{Compiler: out.Version, ABI: out.ABI, Bin: bin}, nil
}

// CompilerMissing says why CompileVerifier cannot run here (no Node.js,
// no contracts/ directory, or its npm packages not installed), or "" if it
// can. `make prereqs` installs the packages.
func CompilerMissing() string {
	if _, err := exec.LookPath("node"); err != nil {
		return "node not found (install Node.js)"
	}
	dir, err := ContractsDir()
	if err != nil {
		return err.Error()
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "solc")); err != nil {
		return "contracts/node_modules is missing (run `make prereqs` or `npm ci` in contracts/)"
	}
	return ""
}

// ContractsDir finds Deco's contracts/ directory: $DECO_CONTRACTS_DIR, or
// the nearest contracts/ holding compile-verifier.js in the working
// directory or above it.
func ContractsDir() (string, error) {
	if d := os.Getenv(ContractsDirEnv); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("%w (working directory: %v)", ErrNoCompiler, err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "contracts")
		if _, err := os.Stat(filepath.Join(c, "compile-verifier.js")); err == nil {
			return c, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w (no contracts/compile-verifier.js above %s; set %s)", ErrNoCompiler, wd, ContractsDirEnv)
		}
	}
}
