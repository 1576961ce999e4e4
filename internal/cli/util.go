package cli

import (
	"encoding/json"
	"github.com/deco-network/deco/internal/wire"
	"io"
	"strconv"
)

func jsonIndent(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }

func multiWriter(w ...io.Writer) io.Writer { return io.MultiWriter(w...) }

func toCID(s string) wire.CID { return wire.CID(s) }

func itoa(i int) string { return strconv.Itoa(i) }
