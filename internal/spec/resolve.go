package spec

import (
	"fmt"
	"path"
	"strings"

	"github.com/deco-network/deco/internal/wire"
)

// A spec as written names local files (program.wasm, checker.wasm,
// inputs' paths, in stages too); a node runs only content addresses.
// Resolve is the one walk from the first to the second, so the CLI (which
// uploads files from disk) and the API's form submission (which receives
// them as parts) resolve a spec the same way.

// Upload stores the file a spec names at path, as written in the spec
// ({{index}} expanded), and returns its blob; field names the spec field
// for errors ("program.wasm", "inputs[2]").
type Upload func(field, path string) (wire.CID, int64, error)

// Resolve replaces every local path j names with the blob upload returns
// for it, and clears the paths. A path with {{index}} is expanded per
// task, each file becoming that task's input named after its base name.
func (j *Job) Resolve(upload Upload) error {
	if j.Program.CID == "" && j.Policy().Policy != VerifyZK && len(j.Stages) == 0 {
		c, n, err := upload("program.wasm", j.Program.WASM)
		if err != nil {
			return err
		}
		j.Program.CID, j.Program.Size = c, n
	}
	if c := j.Checker; c != nil && c.CID == "" {
		cid, n, err := upload("checker.wasm", c.WASM)
		if err != nil {
			return err
		}
		c.CID, c.Size, c.WASM = cid, n, ""
	}
	var out []Input
	for i, in := range j.Inputs {
		if in.CID != "" || in.From != "" {
			out = append(out, in)
			continue
		}
		field := fmt.Sprintf("inputs[%d]", i)
		if strings.Contains(in.Path, "{{") {
			for t := 0; t < j.Tasks.Count; t++ {
				p := Expand(in.Path, t, j.Tasks.Count)
				c, n, err := upload(field, p)
				if err != nil {
					return err
				}
				out = append(out, Input{Name: path.Base(strings.ReplaceAll(p, "\\", "/")), CID: c, Size: n, Task: &t})
			}
			continue
		}
		c, n, err := upload(field, in.Path)
		if err != nil {
			return err
		}
		name := in.Name
		if name == "" {
			name = path.Base(strings.ReplaceAll(in.Path, "\\", "/"))
		}
		out = append(out, Input{Name: name, CID: c, Size: n, Task: in.Task})
	}
	for i := range j.Stages {
		if err := j.Stages[i].Job.Resolve(upload); err != nil {
			return fmt.Errorf("stage %s: %w", j.Stages[i].Name, err)
		}
	}
	j.Inputs = out
	j.Program.WASM = ""
	for i := range j.Inputs {
		j.Inputs[i].Path = ""
	}
	return nil
}
