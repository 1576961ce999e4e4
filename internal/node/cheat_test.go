package node

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/deco-network/deco/internal/wire"
)

func TestParseCheat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Cheat
		bad  bool
	}{
		{in: "wrong", want: Cheat{Mode: CheatWrong}},
		{in: "lazy", want: Cheat{Mode: CheatLazy}},
		{in: "forge", want: Cheat{Mode: CheatForge}},
		{in: "badproof", want: Cheat{Mode: CheatBadProof}},
		{in: "random", want: Cheat{Mode: CheatRandom, Rate: 0.5}},
		{in: "random:0.2", want: Cheat{Mode: CheatRandom, Rate: 0.2}},
		{in: "random:2", bad: true},
		{in: "wrong:0.1", bad: true},
		{in: "evil", bad: true},
	} {
		got, err := ParseCheat(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("ParseCheat(%q) = %+v, %v", tc.in, got, err)
		}
	}
}

func TestRandomCheatIsReplayableAndMixed(t *testing.T) {
	c := Cheat{Mode: CheatRandom, Rate: 0.5}
	seen := map[string]int{}
	for i := 0; i < 400; i++ {
		id := wire.TaskID{Job: "job", Index: i}
		m := c.modeFor(id, 1)
		if m != c.modeFor(id, 1) {
			t.Fatalf("task %d: the mode is not a function of the task", i)
		}
		seen[m]++
	}
	for _, m := range []string{"", CheatWrong, CheatLazy, CheatForge} {
		if seen[m] == 0 {
			t.Fatalf("mode %q never drawn in 400 tasks: %v", m, seen)
		}
	}
	if seen[""] < 120 || seen[""] > 280 {
		t.Fatalf("honest on %d of 400 tasks at rate 0.5", seen[""])
	}
}

func TestCorruptChangesOutputs(t *testing.T) {
	dir := t.TempDir()
	if err := corrupt(dir, "0xabc"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "result")); err != nil {
		t.Fatalf("no file made in an empty output dir: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := corrupt(dir, "0xabc"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.txt"))
	if string(b) == "hello" || len(b) != 5 {
		t.Fatalf("a.txt = %q", b)
	}
}
