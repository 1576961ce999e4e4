// Package pricing holds the price rules of the market, as pure functions:
// the ask a provider publishes, which rises with its utilization and the
// demand it observes and falls toward its floor when idle, and the
// consumer's budget checks (it never pays above its max price).
//
//	ask := pricing.Ask(pricing.Params{Base: 1000, Floor: 500, Ceiling: 5000}, pricing.Load{Busy: 3, Slots: 4, BidRequests: 10})
package pricing
