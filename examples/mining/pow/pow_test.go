package pow

import (
	"fmt"
	"strings"
	"testing"
)

// The miner's result passes the checker; every way to forge one fails it.
func TestSearchThenCheck(t *testing.T) {
	j, err := Parse([]string{"--header", "00112233", "--bits", "12", "--span", "65536"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	nonce, ok := j.Search(nil)
	if !ok || nonce < 3*65536 || nonce >= 4*65536 {
		t.Fatalf("search: %d %v", nonce, ok)
	}
	good := j.Format(nonce)
	if err := j.Check(good); err != nil {
		t.Fatalf("honest result rejected: %v", err)
	}
	other := nonce + 1
	for ZeroBits(j.Hash(other)) >= j.Bits {
		other++
	}
	for name, text := range map[string]string{
		"too few bits":  j.Format(other),
		"wrong hash":    strings.Replace(good, "hash ", "hash 0", 1)[:len(good)],
		"out of range":  fmt.Sprintf("nonce %d\nhash %x\n", nonce-3*65536, j.Hash(nonce-3*65536)),
		"no hash line":  fmt.Sprintf("nonce %d\n", nonce),
		"garbage":       "x",
		"trailing tab":  good[:len(good)-1] + "\t",
		"corrupt nonce": strings.Replace(good, "nonce ", "nonce 9", 1),
	} {
		if err := j.Check(text); err == nil {
			t.Errorf("%s: accepted %q", name, text)
		}
	}
}

func TestParseRefusesBadArgs(t *testing.T) {
	for _, args := range [][]string{{"--header", "zz"}, {"--header", "00", "--bits", "0"}, {"--header", "00", "--span", "0"}} {
		if _, err := Parse(args, 0); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
