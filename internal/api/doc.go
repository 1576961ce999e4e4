// Package api is the node's HTTP JSON API on loopback, protected by a
// bearer token, and the Go client the CLI uses to talk to it.
//
// Every request carries `Authorization: Bearer <token>` (the scheme in any
// case; a raw token without it is refused). A server holding a token that
// config.CheckToken refuses admits no one. The dashboard instead logs in
// once (POST /v1/session with the token) and holds an HttpOnly,
// SameSite=Strict session cookie, which expires after SessionTTL without
// use; a request the cookie authenticates must carry `X-Deco-Request: 1`
// unless it is a GET or HEAD, which a form on another site cannot send.
//
// Routes (all under /v1, all JSON unless noted):
//
//	GET  /v1/status                    node identity and roles
//	POST /v1/blobs                     upload raw bytes -> {cid, size} (507 "quota" past blob_quota)
//	GET  /v1/blobs/{cid}               download raw bytes
//	POST /v1/jobs                      submit a resolved job spec -> job; or multipart/form-data:
//	                                   a part "spec" and a file part per path it names
//	GET  /v1/jobs                      list jobs (summaries)
//	GET  /v1/jobs/{id}                 describe a job (id or unique prefix)
//	POST /v1/jobs/{id}/cancel          cancel
//	GET  /v1/jobs/{id}/logs?after=N    event log lines after sequence N
//	GET  /v1/jobs/{id}/events          Server-Sent Events: live log lines until the job ends,
//	                                   and `job` events (JobView) whenever the job changes
//	GET  /v1/providers                 offers seen, with what the scheduler learned
//	GET  /v1/peers                     connected peers
//	POST /v1/wallet/redeem             redeem the vouchers a provider holds -> earnings
//	POST|GET|DELETE /v1/session        the dashboard's login, its state, its logout
//	GET  /v1/events                    Server-Sent Events: status, peers, providers, jobs, sample
//	GET  /v1/network/history           network samples of the last hour (every SampleInterval)
//	GET  /v1/wallet                    balance, stake, escrows, earnings, transactions sent
//	GET  /v1/wallet/tx/{hash}          one transaction from the chain, with its events
//
// Server.Dashboard mounts the dashboard's pages for GET requests outside
// /v1/ and /metrics, without authentication.
//
// The server knows nothing of libp2p or the market's internals: it calls a
// Backend, which the node implements. Errors come back as
// {"error": "...", "code": "not_found" | "invalid" | ...}.
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
