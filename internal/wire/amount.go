package wire

import (
	"errors"
	"fmt"
	"math/big"
	"math/bits"
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

// ErrAmountOverflow reports a sum or product of amounts too large for an
// Amount (above 18 million million DECO): the figures that led to it are
// wrong, such as a max price a thousand times too high.
var ErrAmountOverflow = errors.New("amount too large: more than 18,446,744 million DECO")

// Add returns a+b, or ErrAmountOverflow when the sum does not fit.
func (a Amount) Add(b Amount) (Amount, error) {
	s, carry := bits.Add64(uint64(a), uint64(b), 0)
	if carry != 0 {
		return 0, fmt.Errorf("%w: %s + %s DECO", ErrAmountOverflow, a, b)
	}
	return Amount(s), nil
}

// Times returns a×n, or ErrAmountOverflow when the product does not fit
// or n is negative.
func (a Amount) Times(n int) (Amount, error) {
	if n < 0 {
		return 0, fmt.Errorf("%w: %s DECO times a negative count %d", ErrAmountOverflow, a, n)
	}
	hi, lo := bits.Mul64(uint64(a), uint64(n))
	if hi != 0 {
		return 0, fmt.Errorf("%w: %d × %s DECO", ErrAmountOverflow, n, a)
	}
	return Amount(lo), nil
}

// Sum adds amounts, or returns ErrAmountOverflow when the total does not fit.
func Sum(amounts ...Amount) (Amount, error) {
	var t Amount
	for _, x := range amounts {
		var err error
		if t, err = t.Add(x); err != nil {
			return 0, err
		}
	}
	return t, nil
}

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
