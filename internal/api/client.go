package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Client talks to a node's API.
type Client struct {
	Base  string // e.g. http://127.0.0.1:7370
	Token string
	HTTP  *http.Client
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) do(ctx context.Context, method, path string, body io.Reader, ctype string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.Base, "/")+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach the deco node at %s (is `deco node` or `deco devnet` running?): %w", c.Base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errorOf(resp)
	}
	if out == nil {
		return nil
	}
	if w, ok := out.(io.Writer); ok {
		_, err = io.Copy(w, resp.Body)
		return err
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c *Client) getJSON(ctx context.Context, path string, out any) error {
	return c.do(ctx, http.MethodGet, path, nil, "", out)
}

// Status returns the node's identity.
func (c *Client) Status(ctx context.Context) (NodeInfo, error) {
	var v NodeInfo
	return v, c.getJSON(ctx, "/v1/status", &v)
}

// PutBlob uploads r.
func (c *Client) PutBlob(ctx context.Context, r io.Reader) (BlobRef, error) {
	var v BlobRef
	return v, c.do(ctx, http.MethodPost, "/v1/blobs", r, "application/octet-stream", &v)
}

// HasBlob reports whether the node already stores blob cid, and its size
// (HEAD /v1/blobs/{cid}): a client skips uploading what is there.
func (c *Client) HasBlob(ctx context.Context, cid wire.CID) (int64, bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, strings.TrimRight(c.Base, "/")+"/v1/blobs/"+url.PathEscape(string(cid)), nil)
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := c.http().Do(req)
	if err != nil {
		return 0, false, fmt.Errorf("cannot reach the deco node at %s (is `deco node` or `deco devnet` running?): %w", c.Base, err)
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
		return resp.ContentLength, true, nil
	case resp.StatusCode == http.StatusNotFound:
		return 0, false, nil
	default:
		return 0, false, &Error{Status: resp.StatusCode}
	}
}

// GetBlob downloads a blob into w.
func (c *Client) GetBlob(ctx context.Context, cid wire.CID, w io.Writer) error {
	return c.do(ctx, http.MethodGet, "/v1/blobs/"+url.PathEscape(string(cid)), nil, "", w)
}

// Submit submits a resolved spec.
func (c *Client) Submit(ctx context.Context, j spec.Job) (*JobView, error) {
	b, err := json.Marshal(j)
	if err != nil {
		return nil, err
	}
	var v JobView
	return &v, c.do(ctx, http.MethodPost, "/v1/jobs", bytes.NewReader(b), "application/json", &v)
}

// Jobs lists jobs.
func (c *Client) Jobs(ctx context.Context) ([]JobSummary, error) {
	var v []JobSummary
	return v, c.getJSON(ctx, "/v1/jobs", &v)
}

// Job describes one job.
func (c *Client) Job(ctx context.Context, id string) (*JobView, error) {
	var v JobView
	return &v, c.getJSON(ctx, "/v1/jobs/"+url.PathEscape(id), &v)
}

// Cancel cancels a job and returns it as it is after the cancel.
func (c *Client) Cancel(ctx context.Context, id string) (*JobView, error) {
	var v JobView
	return &v, c.do(ctx, http.MethodPost, "/v1/jobs/"+url.PathEscape(id)+"/cancel", nil, "", &v)
}

// Logs returns log lines after seq.
func (c *Client) Logs(ctx context.Context, id string, after uint64) ([]LogLine, error) {
	var v []LogLine
	return v, c.getJSON(ctx, fmt.Sprintf("/v1/jobs/%s/logs?after=%d", url.PathEscape(id), after), &v)
}

// Follow calls fn for each live log line until the job ends (returns nil),
// fn returns an error, or ctx ends.
func (c *Client) Follow(ctx context.Context, id string, fn func(LogLine) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(c.Base, "/")+"/v1/jobs/"+url.PathEscape(id)+"/events?job=0", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := c.http().Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach the deco node at %s: %w", c.Base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errorOf(resp)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			if event == "end" {
				return nil
			}
			if event != "" && event != "message" {
				continue // other named events (`job`: the job's view) are for the dashboard
			}
			var l LogLine
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &l); err != nil {
				return err
			}
			if err := fn(l); err != nil {
				return err
			}
		case line == "":
			event = ""
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}

// Providers lists offers.
func (c *Client) Providers(ctx context.Context) ([]ProviderView, error) {
	var v []ProviderView
	return v, c.getJSON(ctx, "/v1/providers", &v)
}

// Peers lists connected peers.
func (c *Client) Peers(ctx context.Context) ([]PeerView, error) {
	var v []PeerView
	return v, c.getJSON(ctx, "/v1/peers", &v)
}

// errorOf reads an error response's body (a body that is not the API's
// error format, from a proxy say, leaves only the status).
func errorOf(resp *http.Response) *Error {
	e := &Error{}
	json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(e)
	e.Status = resp.StatusCode
	return e
}
