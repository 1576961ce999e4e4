package clock

import (
	"testing"
	"time"
)

func TestFake(t *testing.T) {
	f := NewFake(time.Unix(10, 0))
	f.Advance(time.Second)
	if got := f.Now(); !got.Equal(time.Unix(11, 0)) {
		t.Fatalf("got %v", got)
	}
	var _ Clock = Real{}
}
