package api

import (
	"bytes"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/deco-network/deco/internal/wire"
)

// FuzzSubmitForm posts arbitrary multipart bodies to the job submission:
// a client's bytes get a 201 or a 4xx with a JSON error, never a 500 or a
// panic, and an accepted form's spec names only blobs the form carried.
func FuzzSubmitForm(f *testing.F) {
	form := func(parts ...[2]string) []byte {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.SetBoundary("fuzzboundary")
		for _, p := range parts {
			w, _ := mw.CreateFormFile(p[0], "f")
			w.Write([]byte(p[1]))
		}
		mw.Close()
		return buf.Bytes()
	}
	f.Add(form([2]string{"spec", "program: {wasm: a.wasm}\ninputs: [{path: 'in/{{index}}.txt'}]\ntasks: {count: 2}\n"}, [2]string{"a.wasm", "\x00asm"},
		[2]string{"in/0.txt", "a"}, [2]string{"in/1.txt", "b"}))
	f.Add(form([2]string{"a.wasm", "\x00asm"}, [2]string{"spec", "program: {wasm: a.wasm}\n"}))
	f.Add(form([2]string{"spec", "program: {wasm: ../a.wasm}\n"}, [2]string{"../a.wasm", "x"}))
	f.Add([]byte("--fuzzboundary\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n{}\r\n--fuzzboundary--"))
	f.Fuzz(func(t *testing.T, body []byte) {
		b := &storeBackend{}
		s := &Server{b: b, log: slog.New(slog.DiscardHandler), formLimit: 1 << 20}
		req := httptest.NewRequest(http.MethodPost, "/v1/jobs", bytes.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=fuzzboundary")
		w := httptest.NewRecorder()
		s.submit(w, req)
		checkReply(t, w, http.StatusCreated)
		if w.Code == http.StatusCreated {
			j := b.got
			if j == nil || j.Program.WASM != "" || (j.Program.CID == "" && len(j.Stages) == 0 && j.Circuit == nil) {
				t.Fatalf("accepted spec %+v", j)
			}
			for _, in := range j.Inputs {
				if in.Path != "" || (in.CID == "" && in.From == "") {
					t.Fatalf("unresolved input %+v", in)
				}
			}
			if _, err := wire.ParseCID(string(j.Program.CID)); j.Program.CID != "" && err != nil {
				t.Fatalf("program cid %q: %v", j.Program.CID, err)
			}
		}
	})
}
