package config

import "github.com/deco-network/deco/internal/wire"

// SetAsk sets the provider's base ask per task (deco node --ask) and
// keeps the price band around it: a floor above the new ask drops to half
// of it, a ceiling below it rises to ten times it. Bounds that already
// hold the ask are the operator's and stay; the band's width follows the
// defaults (500 / 1000 / 10000).
func (p *Provider) SetAsk(a wire.Amount) {
	p.Ask = a
	if p.Floor > a {
		p.Floor = a / 2
	}
	if p.Ceiling < a {
		p.Ceiling = a * 10
	}
}
