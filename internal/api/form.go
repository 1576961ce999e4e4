package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// POST /v1/jobs as multipart/form-data is how a browser submits a job: a
// part "spec" (the job as `deco run -f` reads it, YAML or JSON) and a file
// part per local path the spec names, the part's name being the path as
// written. The files become blobs and the spec is resolved exactly as the
// CLI resolves it (spec.Job.Resolve), so a spec means the same whichever
// way it arrives.

// SpecPart names the multipart part holding the job spec.
const SpecPart = "spec"

// maxPartName bounds a part's name (a path as written in a spec).
const maxPartName = 1024

// isMultipart reports whether r's body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// badForm answers 400 invalid.
func badForm(w http.ResponseWriter, format string, args ...any) {
	writeErr(w, http.StatusBadRequest, CodeInvalid, fmt.Errorf(format, args...))
}

// submitForm serves a multipart job submission.
func (s *Server) submitForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUpload())
	mr, err := r.MultipartReader()
	if err != nil {
		badForm(w, "multipart body: %v", err)
		return
	}
	var (
		job   *spec.Job
		named map[string]bool // the paths the spec names, once it is read
		files = map[string]BlobRef{}
	)
	tooLarge := func(err error) bool {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeErr(w, http.StatusRequestEntityTooLarge, CodeTooLarge, fmt.Errorf("form larger than %d bytes: upload big files with POST /v1/blobs and name them by cid in the spec", s.maxUpload()))
			return true
		}
		return false
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !tooLarge(err) {
				badForm(w, "multipart body: %v", err)
			}
			return
		}
		name := p.FormName()
		if name == SpecPart {
			if job != nil {
				badForm(w, "two %q parts: send the job spec once", SpecPart)
				return
			}
			b, err := io.ReadAll(io.LimitReader(p, spec.MaxSpecBytes+1))
			if err != nil {
				if !tooLarge(err) {
					badForm(w, "part %q: %v", SpecPart, err)
				}
				return
			}
			j, err := spec.Parse(b)
			if err != nil {
				s.fail(w, fmt.Errorf("part %q: %w", SpecPart, err))
				return
			}
			job, named = &j, pathsOf(b)
			for f := range files {
				if !named[f] {
					badForm(w, "part %q: the spec names no such path (name each file part exactly as the spec writes its path)", f)
					return
				}
			}
			continue
		}
		if err := checkPartName(name); err != nil {
			badForm(w, "%v", err)
			return
		}
		if _, dup := files[name]; dup {
			badForm(w, "two parts named %q: send each file once", name)
			return
		}
		if named != nil && !named[name] {
			badForm(w, "part %q: the spec names no such path (name each file part exactly as the spec writes its path)", name)
			return
		}
		body := &partReader{r: p}
		c, n, err := s.b.PutBlob(r.Context(), body)
		if err != nil {
			switch {
			case tooLarge(err):
			case body.err != nil: // the client's body broke off or is malformed
				badForm(w, "part %q: %v", name, body.err)
			default:
				s.fail(w, fmt.Errorf("part %q: %w", name, err))
			}
			return
		}
		files[name] = BlobRef{CID: c, Size: n}
	}
	if job == nil {
		badForm(w, "no %q part: send the job spec (YAML or JSON) in a part named %q and each file it names in a part named by its path", SpecPart, SpecPart)
		return
	}
	for f := range files {
		if !named[f] {
			badForm(w, "part %q: the spec names no such path (name each file part exactly as the spec writes its path)", f)
			return
		}
	}
	err = job.Resolve(func(field, path string) (wire.CID, int64, error) {
		ref, ok := files[path]
		if !ok {
			return "", 0, spec.Errors{{Path: field, Reason: fmt.Sprintf("names %q, but the form has no part of that name: add the file as a part named %q", path, path)}}
		}
		return ref.CID, ref.Size, nil
	})
	if err != nil {
		s.fail(w, err)
		return
	}
	v, err := s.b.Submit(r.Context(), *job)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

// pathsOf lists the local paths the spec b names (b parsed already).
func pathsOf(b []byte) map[string]bool {
	out := map[string]bool{}
	j, err := spec.Parse(b)
	if err != nil {
		return out
	}
	j.Resolve(func(_, path string) (wire.CID, int64, error) {
		out[path] = true
		return "", 0, nil
	})
	return out
}

// checkPartName refuses a file part's name that is not a plain relative
// path: the name is only matched against the spec's paths, never opened,
// but a name that climbs out of a directory or is absolute is no path a
// spec submitted here should use.
func checkPartName(name string) error {
	switch {
	case name == "":
		return errors.New("a file part has no name: name it by the path the spec writes")
	case len(name) > maxPartName:
		return fmt.Errorf("part name %.40q... is longer than %d bytes", name, maxPartName)
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Errorf("part name %q holds control characters", name)
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || (len(name) > 1 && name[1] == ':'):
		return fmt.Errorf("part name %q is an absolute path: write paths relative to the spec", name)
	case slices.Contains(strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }), ".."):
		return fmt.Errorf("part name %q climbs out of its directory (..): write paths inside the spec's directory", name)
	}
	return nil
}

// maxUpload is the largest body a form may carry.
func (s *Server) maxUpload() int64 {
	if s.formLimit > 0 {
		return s.formLimit
	}
	return MaxUpload
}

// partReader remembers the error reading a part failed with, so that a
// broken request is told apart from the store failing.
type partReader struct {
	r   io.Reader
	err error
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF {
		p.err = err
	}
	return n, err
}
