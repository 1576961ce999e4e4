package node

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/api"
)

// Uploads through the API stop at the node's blob_quota with an error
// that gives the figures and the ways out; nothing of the refused upload
// is kept, and uploads fit again once there is room.
func TestUploadQuota(t *testing.T) {
	c := startCluster(t, ClusterOptions{Configure: func(i int, o *Options) {
		o.Config.BlobQuota = 4 << 20
	}})
	ctx := context.Background()
	put := func(n int, fill byte) error {
		_, err := c.Client.PutBlob(ctx, bytes.NewReader(bytes.Repeat([]byte{fill}, n)))
		return err
	}
	if err := put(3<<20, 'a'); err != nil {
		t.Fatalf("3 MiB into a 4 MiB quota: %v", err)
	}
	before := c.Consumer.blobs.Usage()
	err := put(2<<20, 'b')
	if !errors.Is(err, api.ErrQuota) {
		t.Fatalf("2 MiB more: %v, want api.ErrQuota", err)
	}
	msg := err.Error()
	t.Logf("refusal: %s", msg)
	for _, want := range []string{"holds 3MiB", "quota of 4MiB", "blob_quota", "config.yaml", "remove"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal %q does not say %q", msg, want)
		}
	}
	if got := c.Consumer.blobs.Usage(); got != before {
		t.Errorf("the refused upload left %d bytes", got-before)
	}
	if err := put(512<<10, 'c'); err != nil {
		t.Errorf("an upload that fits after a refusal: %v", err)
	}
}
