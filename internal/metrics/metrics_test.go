package metrics

import "testing"

func TestReasonClass(t *testing.T) {
	for _, c := range []struct{ reason, want string }{
		{"the provider restarted and lost the task", "restart"},
		{"missed 3 heartbeats (lease 1.5s)", "heartbeat"},
		{"no result within the task timeout plus 1m0s", "timeout"},
		{"the provider's receipt does not match the outputs", "bad_result"},
		{"task stream: stream reset", "connection"},
		{"struck after it was paid: a proven lie", "fraud"},
		{"something nobody foresaw", "other"},
	} {
		if got := ReasonClass(c.reason); got != c.want {
			t.Errorf("ReasonClass(%q) = %q, want %q", c.reason, got, c.want)
		}
	}
}
