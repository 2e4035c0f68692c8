package fleet

import (
	"context"
	"log/slog"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Limiter spaces the requests of every process of a fleet to one host by
// at least the host's delay. It is a GCRA limiter kept in Redis
// (redis_rate), timed by the Redis server's clock, so machines with skewed
// clocks still agree.
type Limiter struct {
	l   *redis_rate.Limiter
	k   keys
	log *slog.Logger
}

// NewLimiter returns a limiter kept in rdb under prefix.
func NewLimiter(rdb *redis.Client, prefix string, log *slog.Logger) *Limiter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Limiter{l: redis_rate.NewLimiter(rdb), k: newKeys(prefix), log: log}
}

// Wait returns when a request to host may be sent, at least delay after
// the fleet's previous request to it, or with ctx's error. A zero delay
// allows everything. While Redis cannot be reached it keeps trying:
// sending without the fleet's agreement could break the host's limit.
func (l *Limiter) Wait(ctx context.Context, host string, delay time.Duration) error {
	if delay <= 0 {
		return nil
	}
	limit := redis_rate.Limit{Rate: 1, Burst: 1, Period: delay}
	backoff := 100 * time.Millisecond
	for {
		res, err := l.l.Allow(ctx, l.k.host(host), limit)
		var wait time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return ctx.Err()
			}
			l.log.Warn("shared limiter unreachable, waiting", "host", host, "err", err)
			wait, backoff = backoff, min(2*backoff, 5*time.Second)
		case res.Allowed > 0:
			return nil
		default:
			wait = res.RetryAfter
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
