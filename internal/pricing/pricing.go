package pricing

import (
	"errors"
	"fmt"
	"math"

	"github.com/deco-network/deco/internal/wire"
)

// Params are a provider operator's price settings, per task.
type Params struct {
	Base    wire.Amount // price at moderate load and no excess demand
	Floor   wire.Amount // never ask less
	Ceiling wire.Amount // never ask more (0 = no ceiling)
	// UtilizationWeight scales the rise with utilization (default 1: a full
	// provider asks twice its base, before demand).
	UtilizationWeight float64
	// DemandWeight scales the rise with demand above one request per slot (default 0.5).
	DemandWeight float64
}

// ErrBadParams reports inconsistent price settings.
var ErrBadParams = errors.New("bad price settings")

// Validate checks the settings.
func (p Params) Validate() error {
	if p.Ceiling != 0 && p.Floor > p.Ceiling {
		return fmt.Errorf("%w: floor %s above ceiling %s", ErrBadParams, p.Floor, p.Ceiling)
	}
	if p.UtilizationWeight < 0 || p.DemandWeight < 0 {
		return fmt.Errorf("%w: negative weight", ErrBadParams)
	}
	return nil
}

// Load is what a provider observes about itself over a recent window.
type Load struct {
	Busy        int // slots in use
	Slots       int // slots in total
	BidRequests int // bid requests received in the window
}

// Ask returns the price a provider asks per task given its load. It is
// monotone non-decreasing in Busy and in BidRequests, and always within
// [Floor, Ceiling].
func Ask(p Params, l Load) wire.Amount {
	uw, dw := p.UtilizationWeight, p.DemandWeight
	if uw == 0 {
		uw = 1
	}
	if dw == 0 {
		dw = 0.5
	}
	slots := max(l.Slots, 1)
	util := math.Min(1, math.Max(0, float64(l.Busy)/float64(slots)))
	demand := float64(max(l.BidRequests, 0)) / float64(slots) // requests per slot
	// Idle and unwanted providers discount down to half their base.
	f := 0.5 + 0.5*math.Min(1, util+demand) + uw*util + dw*math.Log1p(math.Max(0, demand-1))
	// A float beyond uint64 converts to an arbitrary value: saturate.
	v := wire.Amount(math.MaxUint64)
	if x := math.Round(float64(p.Base) * f); x < math.MaxUint64 {
		v = wire.Amount(x)
	}
	if v < p.Floor {
		v = p.Floor
	}
	if p.Ceiling != 0 && v > p.Ceiling {
		v = p.Ceiling
	}
	return v
}

// Affordable reports whether a bid price fits the consumer's max price per task.
func Affordable(price, maxPrice wire.Amount) bool { return price <= maxPrice }

// ErrBudget reports a budget that cannot be computed: tasks × replicas ×
// max price does not fit an amount (wire.ErrAmountOverflow), or the task
// or replica count is not positive.
var ErrBudget = errors.New("the job's budget cannot be computed")

// Budget is the escrow a job needs: tasks × replicas × max price, where
// replicas is the most providers the job's verification policy pays for
// one task (spec.Verification.Paid), unless the job gives one. The
// product is checked, so a max price too large for the task count is an
// error, never a wrapped (tiny) deposit.
func Budget(tasks, replicas int, maxPrice, given wire.Amount) (wire.Amount, error) {
	if given != 0 {
		return given, nil
	}
	if tasks < 1 || replicas < 1 {
		return 0, fmt.Errorf("%w: %d tasks, %d paid replicas each", ErrBudget, tasks, replicas)
	}
	per, err := maxPrice.Times(replicas)
	if err == nil {
		per, err = per.Times(tasks)
	}
	if err != nil {
		return 0, fmt.Errorf("%w: %d tasks × %d replicas at most %s DECO each: %w; lower price.max", ErrBudget, tasks, replicas, maxPrice, err)
	}
	return per, nil
}

// Shares of a task's price, in percent, that a provider earns for a run
// the program itself failed (see FailureShare).
const (
	// TimeLimitPercent: a run stopped at its time limit held the
	// provider's slot for the whole timeout the consumer chose, which is
	// what its bid priced.
	TimeLimitPercent = 100
	// FailurePercent: any other failure of the program's making (memory
	// limit, output limit, invalid module, non-zero exit) stopped at a
	// point the consumer cannot check; half the price is what a run that
	// fails at a uniformly random point costs on average.
	FailurePercent = 50
)

// FailureShare is the percent of its price a run that ended in failure
// (a wire.Fail* kind, or "" with a non-zero exit code) earns: 0 for a
// failure that ran nothing or is the provider's own (missing input, no
// escrow, a provider error, an unknown kind) and for a successful exit.
func FailureShare(failure string, exitCode int64) int {
	switch failure {
	case wire.FailTimeLimit:
		return TimeLimitPercent
	case wire.FailMemoryLimit, wire.FailOutputTooLarge, wire.FailBadModule, wire.FailBadOutput:
		return FailurePercent
	case "":
		if exitCode != 0 {
			return FailurePercent
		}
	}
	return 0
}

// FailurePay is what the consumer pays for a failed run at price: its
// FailureShare of price, rounded down, never more than price. Both sides
// compute it: the consumer's market pays it, the provider's machine keeps
// it reserved of the escrow until the voucher comes.
func FailurePay(price wire.Amount, failure string, exitCode int64) wire.Amount {
	pct := wire.Amount(FailureShare(failure, exitCode))
	return price/100*pct + price%100*pct/100 // no overflow
}
