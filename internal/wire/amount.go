package wire

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Amount is a quantity of DECO in micro-DECO (1 DECO = 1,000,000 units).
// The token has 18 decimals on chain; Wei converts.
type Amount uint64

// MicroPerDECO is the number of Amount units in one DECO.
const MicroPerDECO = 1_000_000

// ErrBadAmount reports an amount that is not a non-negative decimal with at most 6 decimals.
var ErrBadAmount = errors.New("amount must be a non-negative decimal number of DECO with at most 6 decimals, e.g. 0.05")

// ParseAmount parses a decimal DECO figure such as "0.05" or "3".
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "DECO"))
	if s == "" || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return 0, ErrBadAmount
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 6 || (whole == "" && frac == "") {
		return 0, ErrBadAmount
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseUint(whole, 10, 64)
	if err != nil || w > (1<<63)/MicroPerDECO {
		return 0, ErrBadAmount
	}
	var f uint64
	if frac != "" {
		f, err = strconv.ParseUint(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
		if err != nil {
			return 0, ErrBadAmount
		}
	}
	return Amount(w*MicroPerDECO + f), nil
}

// String renders a as decimal DECO without trailing zeros.
func (a Amount) String() string {
	w, f := uint64(a)/MicroPerDECO, uint64(a)%MicroPerDECO
	if f == 0 {
		return strconv.FormatUint(w, 10)
	}
	return strings.TrimRight(fmt.Sprintf("%d.%06d", w, f), "0")
}

// Wei converts a to the token's 18-decimal base unit.
func (a Amount) Wei() *big.Int {
	return new(big.Int).Mul(new(big.Int).SetUint64(uint64(a)), big.NewInt(1_000_000_000_000))
}

// MarshalText renders a as decimal DECO, so JSON and YAML show "0.05".
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText parses decimal DECO.
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := ParseAmount(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON accepts both "0.05" and 0.05.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	return a.UnmarshalText([]byte(s))
}
