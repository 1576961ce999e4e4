package p2p

// A node that listens on port 0 gets a fresh port at every start, and
// peers that knew its old address (providers dialling back a consumer
// with results) then dial a port nobody answers on. So the ports bound at
// the first start are recorded in a small file (Config.PortFile) and asked
// for again at later starts; a port taken meanwhile is logged and replaced
// by a fresh one, which identify pushes to connected peers.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	ma "github.com/multiformats/go-multiaddr"
)

// portRecord is the content of Config.PortFile.
type portRecord struct {
	// Listen are the addresses the node listened on, with their bound
	// ports (e.g. /ip4/0.0.0.0/tcp/41235).
	Listen []string `json:"listen"`
}

// withoutPorts is a with its TCP and UDP port numbers set to 0: the form
// a configured listen address has before the system picks its port.
func withoutPorts(a ma.Multiaddr) string {
	parts := strings.Split(a.String(), "/")
	for i := 1; i < len(parts); i++ {
		if parts[i-1] == "tcp" || parts[i-1] == "udp" {
			parts[i] = "0"
		}
	}
	return strings.Join(parts, "/")
}

// hasZeroPort reports whether a asks the system for a port.
func hasZeroPort(a ma.Multiaddr) bool { return withoutPorts(a) == a.String() && hasPort(a) }

func hasPort(a ma.Multiaddr) bool {
	for _, c := range a {
		if c.Code() == ma.P_TCP || c.Code() == ma.P_UDP {
			return true
		}
	}
	return false
}

func isIP6(a ma.Multiaddr) bool {
	return len(a) > 0 && a[0].Code() == ma.P_IP6
}

// readPorts returns the recorded listen addresses keyed by their form
// without ports. A missing or unreadable file yields none.
func (d *Host) readPorts(file string) map[string]ma.Multiaddr {
	out := map[string]ma.Multiaddr{}
	if file == "" {
		return out
	}
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return out
	}
	var rec portRecord
	if err == nil {
		err = json.Unmarshal(b, &rec)
	}
	if err != nil {
		d.log.Warn("recorded listen ports unreadable; picking fresh ones", "file", file, "err", err)
		return out
	}
	for _, s := range rec.Listen {
		if a, err := ma.NewMultiaddr(s); err == nil {
			out[withoutPorts(a)] = a
		}
	}
	return out
}

// listen starts a listener on every address of addrs, one at a time so
// that each failure has its own answer:
//   - an address with port 0 first asks for the port recorded in file;
//     if that port is taken it logs so and takes a fresh one;
//   - an IPv6 address that cannot be bound (no IPv6 on this host) is
//     skipped with one log line;
//   - any other failure (an explicit port in use, an IP this host does
//     not have) is an error, since peers would be told a wrong address.
//
// The bound addresses are then recorded in file.
func (d *Host) listen(addrs []string, file string) error {
	recorded := d.readPorts(file)
	var ip6Failed []string
	for _, s := range addrs {
		a, err := ma.NewMultiaddr(s) // checked by Validate
		if err != nil {
			return err
		}
		if prev, ok := recorded[a.String()]; ok && hasZeroPort(a) {
			if err := d.h.Network().Listen(prev); err == nil {
				continue
			} else {
				d.log.Warn("recorded listen port is taken; listening on a fresh port (peers learn it by identify)", "addr", prev, "err", err)
			}
		}
		err = d.h.Network().Listen(a)
		switch {
		case err == nil:
		case isIP6(a):
			ip6Failed = append(ip6Failed, s)
		default:
			return fmt.Errorf("listen on %s: %w (is the port already in use? change listen: in config.yaml or --listen)", s, err)
		}
	}
	if len(ip6Failed) > 0 {
		d.log.Warn("IPv6 unavailable on this host; listening on IPv4 only", "skipped", ip6Failed)
	}
	bound := d.h.Network().ListenAddresses()
	if len(bound) == 0 {
		return fmt.Errorf("listen on %v: no address could be bound", addrs)
	}
	if file == "" {
		return nil
	}
	rec := portRecord{}
	for _, a := range bound {
		if hasPort(a) {
			rec.Listen = append(rec.Listen, a.String())
		}
	}
	b, _ := json.MarshalIndent(rec, "", "  ")
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		d.log.Warn("cannot record listen ports; a restart may pick new ones", "file", file, "err", err)
		return nil
	}
	if err := os.Rename(tmp, file); err != nil {
		d.log.Warn("cannot record listen ports; a restart may pick new ones", "file", file, "err", err)
	}
	return nil
}
