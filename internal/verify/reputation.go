package verify

import (
	"encoding/json"
	"math"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Outcome is what became of one result, as reputation counts it.
type Outcome int

// Outcomes.
const (
	// Validated: the result agreed with a majority of distinct providers.
	Validated Outcome = iota
	// Unchecked: the result was accepted without a replica (a trusted
	// provider's spot-check was skipped). It extends the trust run but
	// counts for half in Reliability until a check confirms it.
	Unchecked
	// Invalid: the result lost a quorum or was proven fraudulent. It
	// resets the provider's trust run for the program to zero.
	Invalid
	// Fault: no valid result (timeout, lost connection, a receipt that did
	// not check out). It weighs against reliability but is no lie, so the
	// trust run stays.
	Fault
)

func (o Outcome) String() string {
	switch o {
	case Validated:
		return "validated"
	case Unchecked:
		return "unchecked"
	case Invalid:
		return "invalid"
	case Fault:
		return "fault"
	}
	return "unknown"
}

// ReputationConfig weighs outcomes. The zero value of a field takes the
// default named in its comment.
type ReputationConfig struct {
	HalfLife      time.Duration // counts halve over this long without news (30 days)
	InvalidWeight float64       // an invalid result weighs this many faults (10): slow to earn, fast to lose
	FaultWeight   float64       // a fault's weight against reliability (1)
}

func (c ReputationConfig) withDefaults() ReputationConfig {
	if c.HalfLife <= 0 {
		c.HalfLife = 30 * 24 * time.Hour
	}
	if c.InvalidWeight <= 0 {
		c.InvalidWeight = 10
	}
	if c.FaultWeight <= 0 {
		c.FaultWeight = 1
	}
	return c
}

// Trust is what a consumer knows about one provider running one program,
// the unit of BOINC-style adaptive replication.
type Trust struct {
	// Run counts consecutive accepted results (validated or unchecked)
	// since the last invalid one.
	Run int `json:"run"`
	// Unchecked counts consecutive results accepted without a replica
	// since the last one a quorum judged.
	Unchecked int `json:"unchecked,omitempty"`
	// Valid and Invalid count results that won and lost a quorum (or were
	// proven fraudulent), all time; Invalid raises the run needed before
	// the provider is trusted again (AdaptiveConfig.Penalty).
	Valid   int `json:"valid"`
	Invalid int `json:"invalid"`
}

// Record is one provider's reputation: decayed outcome counts, as of
// Updated, and trust per program.
type Record struct {
	Valid     float64             `json:"valid"`
	Unchecked float64             `json:"unchecked"`
	Invalid   float64             `json:"invalid"`
	Faults    float64             `json:"faults"`
	Updated   time.Time           `json:"updated"`
	Programs  map[wire.CID]*Trust `json:"programs,omitempty"`
}

// decayed returns r's counts as of now.
func (r Record) decayed(now time.Time, half time.Duration) Record {
	if r.Updated.IsZero() || !now.After(r.Updated) {
		return r
	}
	f := math.Exp2(-float64(now.Sub(r.Updated)) / float64(half))
	r.Valid *= f
	r.Unchecked *= f
	r.Invalid *= f
	r.Faults *= f
	return r
}

// Reputation tracks providers' outcomes. It is a pure value: time is an
// argument, and it marshals to JSON so the node can persist it. It is not
// safe for concurrent use.
type Reputation struct {
	cfg       ReputationConfig
	providers map[string]*Record
}

// NewReputation returns an empty Reputation.
func NewReputation(cfg ReputationConfig) *Reputation {
	return &Reputation{cfg: cfg.withDefaults(), providers: map[string]*Record{}}
}

// Observe records one outcome of peer running program at now. program may
// be empty for a fault that is no program's.
func (r *Reputation) Observe(now time.Time, peer string, program wire.CID, o Outcome) {
	rec := r.providers[peer]
	if rec == nil {
		rec = &Record{}
		r.providers[peer] = rec
	}
	progs := rec.Programs
	*rec = rec.decayed(now, r.cfg.HalfLife)
	rec.Programs = progs
	if now.After(rec.Updated) {
		rec.Updated = now
	}
	var t *Trust
	if program != "" {
		if rec.Programs == nil {
			rec.Programs = map[wire.CID]*Trust{}
		}
		t = rec.Programs[program]
		if t == nil {
			t = &Trust{}
			rec.Programs[program] = t
		}
	}
	switch o {
	case Validated:
		rec.Valid++
		if t != nil {
			t.Run++
			t.Valid++
			t.Unchecked = 0
		}
	case Unchecked:
		rec.Unchecked++
		if t != nil {
			t.Run++
			t.Unchecked++
		}
	case Invalid:
		rec.Invalid++
		if t != nil {
			t.Run, t.Unchecked = 0, 0
			t.Invalid++
		}
	case Fault:
		rec.Faults++
	}
}

// Trust returns peer's trust for program (zero if unknown).
func (r *Reputation) Trust(peer string, program wire.CID) Trust {
	if rec := r.providers[peer]; rec != nil {
		if t := rec.Programs[program]; t != nil {
			return *t
		}
	}
	return Trust{}
}

// Record returns a copy of peer's record with its counts decayed to now.
func (r *Reputation) Record(peer string, now time.Time) Record {
	rec := r.providers[peer]
	if rec == nil {
		return Record{}
	}
	out := rec.decayed(now, r.cfg.HalfLife)
	out.Programs = make(map[wire.CID]*Trust, len(rec.Programs))
	for k, v := range rec.Programs {
		t := *v
		out.Programs[k] = &t
	}
	return out
}

// Reliability is the probability, as a Beta posterior mean with a uniform
// prior, that peer's next result is valid: an unknown provider is 0.5, an
// invalid result weighs InvalidWeight valid ones, unchecked results count
// for half.
func (r *Reputation) Reliability(peer string, now time.Time) float64 {
	rec := r.providers[peer]
	if rec == nil {
		return 0.5
	}
	d := rec.decayed(now, r.cfg.HalfLife)
	good := d.Valid + 0.5*d.Unchecked
	bad := r.cfg.InvalidWeight*d.Invalid + r.cfg.FaultWeight*d.Faults
	return (1 + good) / (2 + good + bad)
}

// Suspect reports whether peer was caught returning invalid results and
// its reliability at now is below min: a consumer stops giving it work
// until the record decays. Faults alone never make a provider suspect.
func (r *Reputation) Suspect(peer string, now time.Time, min float64) bool {
	rec := r.providers[peer]
	return rec != nil && rec.Invalid > 0 && r.Reliability(peer, now) < min
}

// Peers returns the providers with a record, sorted.
func (r *Reputation) Peers() []string {
	out := make([]string, 0, len(r.providers))
	for p := range r.providers {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

type reputationJSON struct {
	Providers map[string]*Record `json:"providers"`
}

// MarshalJSON encodes the records (not the config).
func (r *Reputation) MarshalJSON() ([]byte, error) {
	return json.Marshal(reputationJSON{Providers: r.providers})
}

// UnmarshalJSON replaces the records with the encoded ones; the config is
// kept (the defaults if r was the zero value).
func (r *Reputation) UnmarshalJSON(b []byte) error {
	var v reputationJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	r.cfg = r.cfg.withDefaults()
	r.providers = map[string]*Record{}
	for p, rec := range v.Providers {
		if rec != nil {
			r.providers[p] = rec
		}
	}
	return nil
}
