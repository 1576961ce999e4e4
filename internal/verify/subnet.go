package verify

import "net/netip"

// Subnet is the network key replicas of one task must not share: the /24
// of an IPv4 address, the /48 of an IPv6 address ("203.0.113.0/24"). It
// returns "" for addresses that say nothing about who runs a machine:
// loopback, private, link-local, unspecified and invalid ones. On a LAN or
// a devnet every provider shares a private network, and replication must
// still work there.
func Subnet(ip netip.Addr) string {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast() {
		return ""
	}
	bits := 24
	if ip.Is6() {
		bits = 48
	}
	p, err := ip.Prefix(bits)
	if err != nil {
		return ""
	}
	return p.String()
}
