package cli

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// The --wait summary of a zk job counts settlements against the proven
// tasks and says when some are still pending, rather than a bare "0 of N".
func TestSummaryOfProofJob(t *testing.T) {
	tasks := func(states ...api.TaskState) []api.TaskView {
		var out []api.TaskView
		for i, s := range states {
			out = append(out, api.TaskView{Index: i, State: s, Price: 4000})
		}
		return out
	}
	v, f := api.TaskVerified, api.TaskFailed
	for _, tc := range []struct {
		name      string
		tasks     []api.TaskView
		pay       *api.PaymentView
		unsettled int
		want      []string
		not       []string
	}{
		{"voucher job", tasks(v, v), &api.PaymentView{Spent: 8000, Deposit: 8000}, 0,
			[]string{"paid:  0.008 DECO of a 0.008 DECO deposit (0 redeemed"}, []string{"on proof", "pending"}},
		{"all settled", tasks(v, v, v), &api.PaymentView{PerTask: 4000, Redeemed: 12000, Deposit: 12000, Settled: []int{0, 1, 2}}, 0,
			[]string{"on proof: 3 of 3 proven tasks settled on chain at 0.004 DECO each"}, []string{"pending"}},
		{"pending", tasks(v, v, v), &api.PaymentView{PerTask: 4000, Redeemed: 4000, Deposit: 12000, Settled: []int{1}}, 2,
			[]string{"1 of 3 proven tasks settled", "settlement pending for 2 tasks"}, nil},
		{"failed task is not owed", tasks(v, f), &api.PaymentView{PerTask: 4000, Redeemed: 4000, Deposit: 8000, Settled: []int{0}}, 0,
			[]string{"1 of 1 proven tasks settled"}, []string{"pending"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := &api.JobView{ID: "0123456789abcdef0123456789abcdef", State: api.JobCompleted, Tasks: tc.tasks, Payment: tc.pay}
			if got := len(unsettled(j)); got != tc.unsettled {
				t.Fatalf("unsettled = %d, want %d", got, tc.unsettled)
			}
			var b bytes.Buffer
			printSummary(&b, j, "")
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("summary lacks %q:\n%s", w, b.String())
				}
			}
			for _, w := range tc.not {
				if strings.Contains(b.String(), w) {
					t.Errorf("summary has %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// A module the node already stores is not uploaded again: resolve asks
// the node (HEAD /v1/blobs/{cid}) and names the stored blob.
func TestResolveSkipsStoredModule(t *testing.T) {
	c := cluster(t, 1)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "hello.wasm")
	if err := os.WriteFile(path, examples.HelloWASM(), 0o644); err != nil {
		t.Fatal(err)
	}
	want := wire.CIDOf(examples.HelloWASM())
	if _, ok, err := c.Client.HasBlob(ctx, want); err != nil || ok {
		t.Fatalf("HasBlob before any upload: %v, %v", ok, err)
	}
	j := spec.Job{Program: spec.Program{WASM: path}}
	if err := resolve(ctx, c.Client, &j, "."); err != nil {
		t.Fatal(err)
	}
	size, ok, err := c.Client.HasBlob(ctx, want)
	if err != nil || !ok || size != int64(len(examples.HelloWASM())) || j.Program.CID != want {
		t.Fatalf("after the upload: HasBlob %d, %v, %v; program %s, want %s", size, ok, err, j.Program.CID, want)
	}
	// The second resolve asks and does not upload.
	posts := 0
	cl := *c.Client
	cl.HTTP = &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		if r.Method == http.MethodPost && r.URL.Path == "/v1/blobs" {
			posts++
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	j2 := spec.Job{Program: spec.Program{WASM: path}}
	if err := resolve(ctx, &cl, &j2, "."); err != nil {
		t.Fatal(err)
	}
	if posts != 0 || j2.Program.CID != want || j2.Program.Size != int64(len(examples.HelloWASM())) {
		t.Fatalf("second resolve uploaded %d times and named %s (%d bytes), want no upload and the stored %s", posts, j2.Program.CID, j2.Program.Size, want)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
