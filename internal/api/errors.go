package api

import (
	"errors"
	"net/http"

	"github.com/deco-network/deco/internal/spec"
)

// Code is an error response's stable code: clients branch on it, and its
// values change only on purpose (the OpenAPI document enumerates them).
type Code string

// The stable codes. Every error the server writes carries one of these.
const (
	CodeUnauthorized Code = "unauthorized" // no, wrong or weak token or session
	CodeInvalid      Code = "invalid"      // malformed request: a bad spec, CID or ambiguous id prefix
	CodeNotFound     Code = "not_found"    // no such job, blob, transaction or operation
	CodeConflict     Code = "conflict"     // the request does not fit the state (e.g. cancel an ended job)
	CodeNoChain      Code = "no_chain"     // the node runs without payments and the request needs them
	CodePayment      Code = "payment"      // the job's escrow could not be opened (balance short...)
	CodeQuota        Code = "quota"        // the blob store would pass its quota
	CodeTooLarge     Code = "too_large"    // the body is larger than the node accepts
	CodeInternal     Code = "internal"     // the node failed; its log says more
	CodeUnavailable  Code = "unavailable"  // the node is not ready, or lacks the part the request needs
)

// Codes lists every stable code, in the order the document shows them.
var Codes = []Code{CodeUnauthorized, CodeInvalid, CodeNotFound, CodeConflict, CodeNoChain,
	CodePayment, CodeQuota, CodeTooLarge, CodeInternal, CodeUnavailable}

// StatusCodes says which codes an error status carries; the document
// and the conformance test read it, and writeErr's callers keep to it.
var StatusCodes = map[int][]Code{
	http.StatusBadRequest:            {CodeInvalid},
	http.StatusUnauthorized:          {CodeUnauthorized},
	http.StatusPaymentRequired:       {CodePayment},
	http.StatusForbidden:             {CodeUnauthorized}, // a cookie session's write without X-Deco-Request
	http.StatusNotFound:              {CodeNotFound},
	http.StatusConflict:              {CodeConflict, CodeNoChain},
	http.StatusRequestEntityTooLarge: {CodeTooLarge},
	http.StatusInternalServerError:   {CodeInternal},
	http.StatusServiceUnavailable:    {CodeUnavailable},
	http.StatusInsufficientStorage:   {CodeQuota},
}

// ErrUnavailable: the node is not ready, or lacks the part a request
// needs (503, code unavailable); wrap it saying which part and what to do.
var ErrUnavailable = errors.New("unavailable")

// Error is the body of every error response, and the error the Client
// returns for one (use errors.As to read Status and Code).
type Error struct {
	Status  int      `json:"-"` // the response's HTTP status (set by the Client)
	Message string   `json:"error"`
	Code    Code     `json:"code"`
	Fields  []string `json:"fields,omitempty"` // a spec's errors, one per field
}

func (e *Error) Error() string {
	if e.Message == "" {
		return http.StatusText(e.Status)
	}
	return e.Message
}

// Is maps codes back to the sentinels a Backend returns, so callers can
// test a client's error as they would the backend's.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case spec.ErrInvalid:
		return e.Code == CodeInvalid
	case ErrQuota:
		return e.Code == CodeQuota
	case ErrNoChain:
		return e.Code == CodeNoChain
	case ErrPayment:
		return e.Code == CodePayment
	case ErrUnavailable:
		return e.Code == CodeUnavailable
	}
	return false
}
