package node

import (
	"net/http"
	"strings"
	"testing"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads the consumer's /metrics with the API token, as Prometheus
// would (authorization: Bearer), and returns every sample by name and
// labels ("deco_tasks{state=verified}"); histograms give _count and _sum.
func scrape(t *testing.T, base, token string) map[string]float64 {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", res.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	out := map[string]float64{}
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			key := name + labels(m)
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				out[key] = m.GetCounter().GetValue()
			case dto.MetricType_GAUGE:
				out[key] = m.GetGauge().GetValue()
			case dto.MetricType_HISTOGRAM:
				out[name+"_count"+labels(m)] = float64(m.GetHistogram().GetSampleCount())
				out[name+"_sum"+labels(m)] = m.GetHistogram().GetSampleSum()
			}
		}
	}
	return out
}

func labels(m *dto.Metric) string {
	if len(m.GetLabel()) == 0 {
		return ""
	}
	var parts []string
	for _, l := range m.GetLabel() {
		parts = append(parts, l.GetName()+"="+l.GetValue())
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// sumPrefix adds every sample whose key starts with prefix.
func sumPrefix(s map[string]float64, prefix string) float64 {
	var n float64
	for k, v := range s {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// After a paid job on an in-process devnet, the consumer's /metrics counts
// what the job did: its tasks verified and accepted under its policy, one
// auction and one execution per task, bids, vouchers, blob bytes both ways
// and the escrow's chain transactions with their gas. One registry serves
// the process, so the test compares scrapes before and after the job.
func TestMetricsCountAJob(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2, Chain: true})
	base, token := c.Consumer.APIURL(), c.Consumer.Token()

	// Without the token, /metrics is refused like every other route.
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("GET /metrics without a token: %s, want 401", res.Status)
	}

	prog := upload(t, c.Client, examples.HelloWASM()) // above the inline limit: fetched over /deco/data/1
	before := scrape(t, base, token)
	const tasks = 4
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: tasks}, Verification: spec.VerifyReceipt})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	after := scrape(t, base, token)
	delta := func(k string) float64 { return after[k] - before[k] }

	attempts := 0
	for _, tk := range j.Tasks {
		attempts += len(tk.Attempts)
	}
	want := map[string]float64{
		`deco_tasks{state=verified}`:                                tasks,
		`deco_verifications_total{outcome=accepted,policy=receipt}`: tasks,
		`deco_payments_total`:                                       tasks,
		`deco_auction_seconds_count`:                                float64(attempts),
		`deco_task_execution_seconds_count`:                         float64(attempts),
	}
	for k, v := range want {
		if got := delta(k); got != v {
			t.Errorf("%s rose by %v, want %v", k, got, v)
		}
	}
	if got := delta("deco_bids_received_total"); got < 1 || got > delta("deco_bid_requests_sent_total") {
		t.Errorf("bids received rose by %v, bid requests sent by %v: want at least one bid, no more than requested",
			got, delta("deco_bid_requests_sent_total"))
	}
	if got := delta(`deco_data_bytes_total{direction=in}`); got < float64(len(examples.HelloWASM())) {
		t.Errorf("data bytes in rose by %v, want at least the %d-byte program the providers fetched", got, len(examples.HelloWASM()))
	}
	if got := delta(`deco_data_bytes_total{direction=out}`); got < float64(len(examples.HelloWASM())) {
		t.Errorf("data bytes out rose by %v, want at least the %d-byte program the consumer served", got, len(examples.HelloWASM()))
	}
	if got := sumPrefix(after, "deco_chain_transactions_total") - sumPrefix(before, "deco_chain_transactions_total"); got < 1 {
		t.Errorf("chain transactions rose by %v, want the escrow's opening at least", got)
	}
	if got := sumPrefix(after, "deco_chain_gas_used_total") - sumPrefix(before, "deco_chain_gas_used_total"); got < 21000 {
		t.Errorf("chain gas rose by %v, want at least one transaction's 21000", got)
	}
	if t.Failed() {
		for k, v := range after {
			if strings.HasPrefix(k, "deco_") && v != before[k] {
				t.Logf("%s: %v -> %v", k, before[k], v)
			}
		}
	}
}
