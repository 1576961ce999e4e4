package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// specBackend is a hand-written Backend that validates submitted specs as
// a node does and keeps the last one; it holds no jobs or blobs.
type specBackend struct{ got *spec.Job }

func (b *specBackend) Info(context.Context) NodeInfo { return NodeInfo{} }
func (b *specBackend) PutBlob(context.Context, io.Reader) (wire.CID, int64, error) {
	return "", 0, errors.New("no store")
}
func (b *specBackend) OpenBlob(context.Context, wire.CID) (io.ReadCloser, int64, error) {
	return nil, 0, os.ErrNotExist
}
func (b *specBackend) Submit(_ context.Context, j spec.Job) (*JobView, error) {
	j.Defaults()
	if err := j.Validate(); err != nil {
		return nil, err
	}
	b.got = &j
	return &JobView{}, nil
}
func (b *specBackend) Jobs(context.Context) ([]JobSummary, error)        { return nil, nil }
func (b *specBackend) Job(context.Context, string) (*JobView, error)     { return nil, ErrNotFound }
func (b *specBackend) Cancel(context.Context, string) error              { return ErrNotFound }
func (b *specBackend) Providers(context.Context) ([]ProviderView, error) { return nil, nil }
func (b *specBackend) Peers(context.Context) ([]PeerView, error)         { return nil, nil }
func (b *specBackend) Redeem(context.Context) (Redemption, error)        { return Redemption{}, ErrNoChain }
func (b *specBackend) Wallet(context.Context) (WalletView, error)        { return WalletView{}, ErrNoChain }
func (b *specBackend) Transaction(context.Context, string) (TxView, error) {
	return TxView{}, ErrNoChain
}
func (b *specBackend) Logs(context.Context, string, uint64, int) ([]LogLine, error) {
	return nil, ErrNotFound
}
func (b *specBackend) Follow(context.Context, string) (<-chan LogLine, error) {
	return nil, ErrNotFound
}

// FuzzSubmit posts arbitrary bodies to the job submission handler and
// names arbitrary blobs: a client's bytes get a 201 or a 4xx with a JSON
// error, never a 500 or a panic, and an accepted spec reaches the backend
// intact (it encodes to JSON that decodes to itself).
func FuzzSubmit(f *testing.F) {
	prog := wire.CIDOf([]byte("prog"))
	for _, y := range []string{
		fmt.Sprintf("program: {cid: %s}\ntasks: {count: 3, args: [\"{{index}}\"]}\nprice: {max: 0.05}", prog),
		"verification: zk\ncircuit: {name: mimc, set: {steps: 10}}",
	} {
		j, err := spec.Parse([]byte(y))
		if err != nil {
			f.Fatal(err)
		}
		b, _ := json.Marshal(j)
		f.Add(b, string(prog))
	}
	f.Add([]byte(`{"program":{"cid":"x"},"resources":{"memory":"1GiB"},"timeout":"30s"}`), "bafy")
	f.Add([]byte(`{"tasks":{"count":1e9}}`), "")
	f.Fuzz(func(t *testing.T, body []byte, cid string) {
		b := &specBackend{}
		s := &Server{b: b, log: slog.New(slog.DiscardHandler)}
		w := httptest.NewRecorder()
		s.submit(w, httptest.NewRequest(http.MethodPost, "/v1/jobs", bytes.NewReader(body)))
		checkReply(t, w, http.StatusCreated)
		if w.Code == http.StatusCreated {
			enc, err := json.Marshal(b.got)
			if err != nil {
				t.Fatalf("accepted spec does not encode: %v", err)
			}
			var back spec.Job
			if err := json.Unmarshal(enc, &back); err != nil {
				t.Fatalf("accepted spec's JSON %s does not decode: %v", enc, err)
			}
			if again, _ := json.Marshal(back); string(again) != string(enc) {
				t.Fatalf("accepted spec changed in JSON:\n%s\n%s", enc, again)
			}
		}

		w = httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/v1/blobs/x", nil)
		r.SetPathValue("cid", cid)
		s.getBlob(w, r)
		checkReply(t, w, http.StatusOK)
	})
}

// checkReply fails unless the reply is ok or a client error with a JSON
// error body.
func checkReply(t *testing.T, w *httptest.ResponseRecorder, ok int) {
	t.Helper()
	if w.Code == ok {
		return
	}
	var e Error
	if w.Code < 400 || w.Code >= 500 || json.Unmarshal(w.Body.Bytes(), &e) != nil || e.Message == "" {
		t.Fatalf("reply %d %q", w.Code, w.Body.String())
	}
}
