package metrics

import (
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds every Deco collector plus the Go runtime and process
// collectors.
var Registry = prometheus.NewRegistry()

// The collectors, named deco_<what>_<unit>. Exported so tests and other
// packages can read them (testutil.ToFloat64); adapters use the functions
// below instead of touching them.
var (
	Tasks = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "deco_tasks", Help: "Tasks of this consumer's jobs by state.",
	}, []string{"state"})
	BidsReceived = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "deco_bids_received_total", Help: "Bids this consumer received from providers.",
	})
	BidsSent = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "deco_bid_requests_sent_total", Help: "Bid requests this consumer sent to providers.",
	})
	BidsFailed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "deco_bid_requests_failed_total", Help: "Bid requests that could not be delivered or answered.",
	})
	AuctionSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "deco_auction_seconds",
		Help:    "Time from a task waiting for a provider (pending, retrying) to its assignment.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2, 14), // 5 ms .. 41 s
	})
	ExecutionSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "deco_task_execution_seconds",
		Help:    "Execution time providers reported for finished attempts.",
		Buckets: prometheus.ExponentialBuckets(0.001, 4, 12), // 1 ms .. 70 min
	})
	Verifications = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "deco_verifications_total",
		Help: "Attempt results judged, by outcome (accepted, rejected, struck, failed) and verification policy.",
	}, []string{"outcome", "policy"})
	Reassignments = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "deco_reassignments_total",
		Help: "Attempts that ended without a result while their task went on elsewhere, by reason class.",
	}, []string{"reason"})
	Payments = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "deco_payments_total", Help: "Vouchers the market asked for (accepted attempts and paid failures).",
	})
	DataBytes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "deco_data_bytes_total", Help: "Blob bytes moved on /deco/data/1, by direction (in: fetched, out: served).",
	}, []string{"direction"})
	ChainTxs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "deco_chain_transactions_total", Help: "Chain transactions this node sent and saw mined, by method and status.",
	}, []string{"method", "status"})
	ChainGas = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "deco_chain_gas_used_total", Help: "Gas used by this node's mined transactions, by method.",
	}, []string{"method"})
	CheckpointBytes = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "deco_checkpoint_bytes",
		Help:    "Sizes of task checkpoints shipped or restored.",
		Buckets: prometheus.ExponentialBuckets(256, 4, 12), // 256 B .. 1 GiB
	})
)

func init() {
	Registry.MustRegister(Tasks, BidsReceived, BidsSent, BidsFailed, AuctionSeconds, ExecutionSeconds,
		Verifications, Reassignments, Payments, DataBytes, ChainTxs, ChainGas, CheckpointBytes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// Handler serves Registry in the Prometheus exposition format.
func Handler() http.Handler {
	return promhttp.HandlerFor(Registry, promhttp.HandlerOpts{})
}

// DataIn counts n blob bytes fetched from a peer.
func DataIn(n int64) { DataBytes.WithLabelValues("in").Add(float64(n)) }

// DataOut counts n blob bytes served to a peer.
func DataOut(n int64) { DataBytes.WithLabelValues("out").Add(float64(n)) }

// ChainTx counts a mined transaction of method (the contract method's
// name) and the gas it used; failed says the transaction reverted.
func ChainTx(method string, gasUsed uint64, failed bool) {
	status := "ok"
	if failed {
		status = "reverted"
	}
	ChainTxs.WithLabelValues(method, status).Inc()
	ChainGas.WithLabelValues(method).Add(float64(gasUsed))
}

// CheckpointSize observes a checkpoint of n bytes.
func CheckpointSize(n int) { CheckpointBytes.Observe(float64(n)) }

// ExecutionTime observes one attempt's execution time.
func ExecutionTime(d time.Duration) { ExecutionSeconds.Observe(d.Seconds()) }

// ReasonClass maps an attempt's free-text reason to a bounded label
// value, so a reassignment counter cannot grow a series per peer or
// message. The first matching class wins; "other" otherwise.
func ReasonClass(reason string) string {
	r := strings.ToLower(reason)
	for _, c := range reasonClasses {
		for _, k := range c.keys {
			if strings.Contains(r, k) {
				return c.name
			}
		}
	}
	return "other"
}

var reasonClasses = []struct {
	name string
	keys []string
}{
	{"restart", []string{"restart"}},
	{"heartbeat", []string{"heartbeat", "missed beat", "lease"}},
	{"timeout", []string{"timed out", "timeout", "deadline", "did not start", "no result within"}},
	{"fraud", []string{"fraud", "lie", "lying", "equivocat"}},
	{"bad_result", []string{"receipt", "manifest", "output", "hash", "signature"}},
	{"connection", []string{"connection", "stream", "dial", "reset", "closed", "eof", "unreachable", "gone"}},
	{"provider_refused", []string{"refused", "rejected the assignment", "declined", "busy", "no slot"}},
	{"escrow", []string{"escrow", "voucher", "deposit"}},
}
