package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
)

// checkerVerdicts prints, for a job under verification: check, the
// checker and its verdict on each task's results, in attempt order.
func checkerVerdicts(w io.Writer, j *api.JobView) {
	c := j.Spec.Checker
	if j.Spec.Verification != spec.VerifyCheck || c == nil {
		return
	}
	fmt.Fprintf(w, "\nChecker %s (%d bytes): a result is accepted only if it exits 0 on it\n", c.CID, c.Size)
	for _, t := range j.Tasks {
		var vs []string
		for _, a := range t.Attempts {
			switch {
			case a.Checker == "accepted":
				vs = append(vs, fmt.Sprintf("accepted by checker (#%d on %s)", a.N, shortPeer(a.Provider)))
			case a.Checker != "":
				vs = append(vs, fmt.Sprintf("%s (#%d on %s)", a.Checker, a.N, shortPeer(a.Provider)))
			case a.State == "verified":
				vs = append(vs, fmt.Sprintf("waiting for the checker (#%d on %s)", a.N, shortPeer(a.Provider)))
			}
		}
		if len(vs) == 0 {
			vs = []string{"no result yet"}
		}
		fmt.Fprintf(w, "  task %d: %s\n", t.Index, strings.Join(vs, "; "))
	}
}
