package fleet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultPrefix starts every key the fleet uses, so one Redis can serve
// other applications (or several offices, with prefixes of their own).
const DefaultPrefix = "gongkai"

// group is the consumer group every worker reads the unit stream with.
const group = "workers"

// keys names the Redis keys of one fleet.
type keys struct{ prefix string }

func newKeys(prefix string) keys {
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return keys{prefix: prefix}
}

// units is the stream of units to crawl, for every run.
func (k keys) units() string { return k.prefix + ":units" }

// runs is the set of run IDs submitted.
func (k keys) runs() string { return k.prefix + ":runs" }

// run is a hash describing a run: total, config, landing, submitted.
func (k keys) run(id string) string { return k.prefix + ":run:" + id }

// done is a hash of unit ID → final status (JSON) of a run.
func (k keys) done(id string) string { return k.prefix + ":run:" + id + ":done" }

// active is a hash of unit ID → the worker crawling it and since when.
func (k keys) active(id string) string { return k.prefix + ":run:" + id + ":active" }

// events is the stream of a run's start/done events, read by the
// coordinator and by status.
func (k keys) events(id string) string { return k.prefix + ":run:" + id + ":events" }

// lock is the lease of one unit of one run: its value is the holding
// worker's token.
func (k keys) lock(run, unit string) string { return k.prefix + ":lock:" + run + ":" + unit }

// host is the shared rate limiter key of one host.
func (k keys) host(host string) string { return k.prefix + ":host:" + strings.ToLower(host) }

// Open connects to the Redis server at url (redis://host:port/db) and
// checks that it answers.
func Open(ctx context.Context, url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis url %q: %w", url, err)
	}
	rdb := redis.NewClient(opt)
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis %s: %w", opt.Addr, err)
	}
	return rdb, nil
}

// ensureGroup creates the unit stream and its consumer group once. A group
// made at "0" sees every entry, including those added before it existed.
func ensureGroup(ctx context.Context, rdb *redis.Client, k keys) error {
	err := rdb.XGroupCreateMkStream(ctx, k.units(), group, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("create consumer group: %w", err)
	}
	return nil
}

// isNil reports a Redis "no such value" answer.
func isNil(err error) bool { return errors.Is(err, redis.Nil) }
