// Package attest makes the attestation behind a receipt pluggable.
//
// A receipt says which attestation backs it (wire.Receipt.Attestation). The
// provider's Attester produces evidence bound to the receipt: the report
// data is the receipt's EIP-712 digest, so a quote cannot be moved to
// another receipt. The consumer checks it with the QuoteVerifier registered
// for that kind and gets Claims back.
//
// Deco ships one kind, "software": the receipt is signed with the
// provider's key and nothing more. Its Claims always say Hardware: false
// and it is never treated as hardware trust. A job spec cannot ask for
// hardware attestation yet; when it can, the market must place such a job
// only on providers whose verifier returns Claims.Hardware.
//
// Plugging in hardware (not shipped, and never faked):
//
//   - Intel TDX: an Attester that calls the guest's TDX report/quote
//     interface (configfs-tsm, /sys/kernel/config/tsm/report, or the
//     google/go-tdx-guest client) with the receipt digest as the 64-byte
//     report data, and returns the quote; a QuoteVerifier that checks the
//     quote's signature chain up to Intel's root (go-tdx-guest/verify with
//     collateral), that its report data equals the digest, and returns the
//     measurement (MRTD, RTMRs) as Claims.Measurement.
//   - AMD SEV-SNP: the same shape with google/go-sev-guest: the attestation
//     report requested with the digest as REPORT_DATA, verified against the
//     VCEK/ASK/ARK chain, Claims.Measurement from MEASUREMENT.
//
// Such packages live in adapters (they do I/O); register their verifiers in
// a Registry on consumers and pass their Attester to providers.
//
// Example:
//
//	reg := attest.NewRegistry(attest.Software{})
//	ev, _ := attest.Software{}.Attest(ctx, digest)
//	claims, err := reg.Verify(ctx, ev, digest) // claims.Hardware == false
package attest
