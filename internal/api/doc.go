// Package api is the node's HTTP JSON API, protected by a bearer token,
// and the Go client the CLI uses to talk to it.
//
// Every request carries `Authorization: Bearer <token>` (the scheme in any
// case; a raw token without it is refused). A server holding a token that
// config.CheckToken refuses admits no one. Routes marked Public answer
// without it. The dashboard logs in once (POST /v1/session with the
// token) and then holds an HttpOnly, SameSite=Strict session cookie,
// which expires after SessionTTL without use; a request the cookie
// authenticates must carry `X-Deco-Request: 1` unless it is a GET or
// HEAD, which a form on another site cannot send. Server.Dashboard mounts
// the dashboard's pages for GET requests outside /v1/ and /metrics,
// without authentication.
//
// routes.go's Routes table lists every operation (method, path, body,
// answer, events, error statuses); the server mounts exactly its rows
// (handlers maps each to its handler), and openapi.go generates the
// OpenAPI 3.1 document from it and the Go types it names. The document is
// committed as openapi.json (`go generate ./internal/api` rewrites it; a
// test fails when it is stale) and served at GET /v1/openapi.json. A
// conformance test runs real nodes and checks every route answers as the
// document says. To add an operation: a Routes row, a handlers entry,
// then go generate.
//
// Errors come back as {"error": "<what was wrong and what to do>",
// "code": "<stable code>", "fields": [...]}: the codes are the Code
// constants (CodeInvalid, CodeNotFound...), StatusCodes says which status
// carries which, and the Client returns *Error (errors.As gives Status and
// Code; errors.Is matches ErrNotFound, spec.ErrInvalid, ErrNoChain...).
//
// The API listens on loopback unless config.APITLS says how to serve
// another address: TLS with a given certificate or a self-signed one
// (ServerTLS, SelfSigned; clients trust it with TLSClient), or plain HTTP
// with an explicit insecure flag, which the server warns about in its log
// and reports in NodeInfo.Insecure.
//
// The server knows nothing of libp2p or the market's internals: it calls a
// Backend, which the node implements.
//
// The API's types (JobView, TaskView, AttemptView, PaymentView...) are its
// own, not the market's: their JSON field names are what `-o json` users
// and scripts read, so they change only on purpose. view.go builds them
// from market and payment state (JobViewOf, PaymentViewOf,
// ProofPaymentView, ProviderViewOf); the node gathers that state and
// delegates. For example, a backend describing a job:
//
//	v := api.JobViewOf(job) // job: *market.Job, read from the node's records
//	v.Payment = api.PaymentViewOf(escrowAddr, status, err)
package api
