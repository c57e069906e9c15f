package server

import (
	"net"
	"net/http"
	"net/netip"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/time/rate"
)

// clientsTracked bounds the budget's memory: a limiter is a few dozen
// bytes, and a client forgotten by the LRU starts again with a full budget.
const clientsTracked = 8192

// clientBudget gives each client a token bucket of page renders, so one
// client asking for made-up views cannot take every render from the rest.
type clientBudget struct {
	perSecond rate.Limit
	burst     int

	mu      sync.Mutex
	clients *simplelru.LRU[netip.Prefix, *rate.Limiter]
}

func newClientBudget(perSecond float64, burst int) *clientBudget {
	clients, err := simplelru.NewLRU[netip.Prefix, *rate.Limiter](clientsTracked, nil)
	if err != nil {
		panic(err) // only for a size below 1, a programming error
	}
	return &clientBudget{perSecond: rate.Limit(perSecond), burst: burst, clients: clients}
}

// allow spends one render from the client's budget, if any is left.
func (b *clientBudget) allow(client netip.Prefix) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	l, ok := b.clients.Get(client)
	if !ok {
		l = rate.NewLimiter(b.perSecond, b.burst)
		b.clients.Add(client, l)
	}
	return l.Allow()
}

// clientOf names the client of a request by its address: the connection's
// peer, never a header any client can write. An IPv6 client is its /64,
// the block one subscriber usually holds.
func clientOf(r *http.Request) netip.Prefix {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Prefix{} // one shared budget for whatever cannot be parsed
	}
	addr = addr.Unmap().WithZone("")
	bits := 32
	if addr.Is6() {
		bits = 64
	}
	p, _ := addr.Prefix(bits)
	return p
}
