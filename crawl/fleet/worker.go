package fleet

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gongkai/gongkai/landing"
)

// CrawlFunc crawls one unit of a run and returns its status. The error is
// for a unit that could not be crawled at all; ctx is cancelled when the
// worker loses its lease or stops.
type CrawlFunc func(ctx context.Context, runID, unitID string) (landing.UnitStatus, error)

// Worker takes units from the fleet's stream and crawls them, one at a
// time.
type Worker struct {
	Redis  *redis.Client
	Prefix string
	// Name identifies the worker in the consumer group, the status and the
	// logs; it must be unique in the fleet (host name and process ID).
	Name string
	// ConfigSHA256 is the hash of the worker's configuration; a unit of a
	// run made with another configuration is refused.
	ConfigSHA256 string
	Crawl        CrawlFunc
	// Lease is how long a unit stays with a worker that stopped renewing
	// it; another worker then takes it over. Default 60s. The worker renews
	// it every Lease/3.
	Lease time.Duration
	// MaxDeliveries is how many workers may take a unit before it is given
	// up as failed (a unit that kills its worker every time). Default 5.
	MaxDeliveries int64
	Logger        *slog.Logger
	// Idle, when set, makes Run return once no unit has been waiting or
	// claimable for this long; zero means run until ctx ends.
	Idle time.Duration
}

func (w *Worker) defaults() {
	if w.Lease <= 0 {
		w.Lease = 60 * time.Second
	}
	if w.MaxDeliveries <= 0 {
		w.MaxDeliveries = 5
	}
	if w.Logger == nil {
		w.Logger = slog.New(slog.DiscardHandler)
	}
}

// task is one stream entry: a unit of a run.
type task struct {
	id                 string
	run, unit, config  string
	claimedFromAnother bool
}

func taskOf(m redis.XMessage) task {
	s := func(k string) string { x, _ := m.Values[k].(string); return x }
	return task{id: m.ID, run: s("run"), unit: s("unit"), config: s("config")}
}

// Run takes and crawls units until ctx ends (or, with Idle, until there is
// nothing to do). It returns nil when ctx was cancelled: a unit in progress
// stays claimed and is taken over after its lease.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	if w.Crawl == nil || w.Name == "" {
		return errors.New("fleet worker: no crawl function or no name")
	}
	k := newKeys(w.Prefix)
	if err := ensureGroup(ctx, w.Redis, k); err != nil {
		return err
	}
	idleSince := time.Now()
	for ctx.Err() == nil {
		t, ok, err := w.next(ctx, k)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			w.Logger.Warn("read unit stream", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		if !ok {
			if w.Idle > 0 && time.Since(idleSince) >= w.Idle {
				return nil
			}
			continue
		}
		if err := w.handle(ctx, k, t); err != nil && ctx.Err() == nil {
			w.Logger.Warn("unit", "run", t.run, "unit", t.unit, "err", err)
		}
		idleSince = time.Now()
	}
	return nil
}

// next returns a unit whose worker stopped renewing its lease, else a new
// one, waiting a little for it.
func (w *Worker) next(ctx context.Context, k keys) (task, bool, error) {
	msgs, _, err := w.Redis.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: k.units(), Group: group,
		Consumer: w.Name, MinIdle: w.Lease, Start: "0-0", Count: 1}).Result()
	if err != nil && !isNil(err) {
		return task{}, false, fmt.Errorf("claim abandoned unit: %w", err)
	}
	if len(msgs) > 0 {
		t := taskOf(msgs[0])
		t.claimedFromAnother = true
		return t, true, nil
	}
	block := min(w.Lease/3, 2*time.Second)
	streams, err := w.Redis.XReadGroup(ctx, &redis.XReadGroupArgs{Group: group, Consumer: w.Name,
		Streams: []string{k.units(), ">"}, Count: 1, Block: block}).Result()
	if isNil(err) {
		return task{}, false, nil
	}
	if err != nil {
		return task{}, false, fmt.Errorf("read unit stream: %w", err)
	}
	for _, s := range streams {
		for _, m := range s.Messages {
			return taskOf(m), true, nil
		}
	}
	return task{}, false, nil
}

// handle crawls one unit under its lease and reports the result.
func (w *Worker) handle(ctx context.Context, k keys, t task) error {
	log := w.Logger.With("run", t.run, "unit", t.unit)
	if t.claimedFromAnother {
		n, err := w.deliveries(ctx, k, t.id)
		if err != nil {
			return err
		}
		if n > w.MaxDeliveries {
			log.Warn("unit given up", "deliveries", n)
			return w.finish(ctx, k, t, Result{Error: fmt.Sprintf("given up after %d workers took it and stopped", n-1)})
		}
		log.Info("taking over unit from a worker that stopped", "deliveries", n)
	}
	if t.config != w.ConfigSHA256 {
		return w.finish(ctx, k, t, Result{Error: fmt.Sprintf(
			"worker %s has another configuration (sha256 %.12s) than the run (sha256 %.12s)", w.Name, w.ConfigSHA256, t.config)})
	}
	token := newToken()
	ok, err := w.lease(ctx, k, t, token)
	if err != nil {
		return err
	}
	if !ok {
		// Another worker holds the lease and renews it: it is alive but
		// was slow to claim its entry back. Leave the unit to it.
		log.Info("unit leased by another worker")
		return nil
	}
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := w.renew(cctx, cancel, k, t, token)
	defer stop()

	now := time.Now().UTC()
	pipe := w.Redis.TxPipeline()
	pipe.HSet(ctx, k.active(t.run), t.unit, w.Name+" since "+now.Format(time.RFC3339))
	pipe.XAdd(ctx, &redis.XAddArgs{Stream: k.events(t.run), Values: map[string]any{"kind": "start", "unit": t.unit, "worker": w.Name}})
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("announce unit: %w", err)
	}
	log.Info("crawling unit")
	st, err := w.Crawl(cctx, t.run, t.unit)
	if cause := context.Cause(cctx); cause != nil && ctx.Err() == nil && !errors.Is(cause, context.Canceled) {
		// The lease was lost: another worker may have the unit now.
		return fmt.Errorf("unit abandoned: %w", cause)
	}
	if ctx.Err() != nil {
		w.release(context.WithoutCancel(ctx), k, t, token)
		return ctx.Err()
	}
	res := Result{Status: st}
	if err != nil {
		res.Error = err.Error()
	}
	err = w.finish(ctx, k, t, res)
	w.release(ctx, k, t, token)
	return err
}

// lease takes the unit's lease. The entry of a worker that died becomes
// claimable about when its lease expires, so a lease close to its end is
// waited out once rather than taken for a live holder's.
func (w *Worker) lease(ctx context.Context, k keys, t task, token string) (bool, error) {
	key := k.lock(t.run, t.unit)
	for try := 0; ; try++ {
		ok, err := w.Redis.SetNX(ctx, key, token, w.Lease).Result()
		if err != nil {
			return false, fmt.Errorf("lease unit: %w", err)
		}
		if ok || try > 0 {
			return ok, nil
		}
		left, err := w.Redis.PTTL(ctx, key).Result()
		if err != nil {
			return false, fmt.Errorf("lease unit: %w", err)
		}
		if left > w.Lease/3 {
			return false, nil // renewed recently: the holder is alive
		}
		sleep(ctx, left+10*time.Millisecond)
	}
}

// renew keeps the unit's lease and stream entry fresh until stop is
// called; when the lease cannot be renewed in time, the crawl is cancelled.
func (w *Worker) renew(ctx context.Context, cancel context.CancelCauseFunc, k keys, t task, token string) (stop func()) {
	done := make(chan struct{})
	go func() {
		every := w.Lease / 3
		tick := time.NewTicker(every)
		defer tick.Stop()
		lastOK := time.Now()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			err := w.extend(ctx, k, t, token)
			switch {
			case err == nil:
				lastOK = time.Now()
			case errors.Is(err, errLeaseLost):
				cancel(err)
				return
			case time.Since(lastOK) > w.Lease-every:
				// Too close to the lease's end to be sure it is still ours.
				cancel(fmt.Errorf("lease not renewed: %w", err))
				return
			default:
				w.Logger.Warn("renew lease", "unit", t.unit, "err", err)
			}
		}
	}()
	return func() { close(done) }
}

var errLeaseLost = errors.New("lease taken by another worker")

// extendScript renews the lease only while it is still this worker's.
var extendScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0`)

// releaseScript deletes the lease only while it is still this worker's.
var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0`)

func (w *Worker) extend(ctx context.Context, k keys, t task, token string) error {
	n, err := extendScript.Run(ctx, w.Redis, []string{k.lock(t.run, t.unit)}, token, w.Lease.Milliseconds()).Int()
	if err != nil {
		return err
	}
	if n == 0 {
		return errLeaseLost
	}
	// Claiming the entry again resets its idle time, so XAUTOCLAIM leaves
	// it alone while this worker is alive.
	return w.Redis.XClaimJustID(ctx, &redis.XClaimArgs{Stream: k.units(), Group: group, Consumer: w.Name,
		MinIdle: 0, Messages: []string{t.id}}).Err()
}

func (w *Worker) release(ctx context.Context, k keys, t task, token string) {
	if err := releaseScript.Run(ctx, w.Redis, []string{k.lock(t.run, t.unit)}, token).Err(); err != nil && !isNil(err) {
		w.Logger.Warn("release lease", "unit", t.unit, "err", err)
	}
}

// finish records the unit's result, tells the coordinator, and removes the
// entry from the stream, in one transaction.
func (w *Worker) finish(ctx context.Context, k keys, t task, res Result) error {
	res.UnitID, res.Worker, res.At = t.unit, w.Name, time.Now().UTC()
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	pipe := w.Redis.TxPipeline()
	pipe.HSet(ctx, k.done(t.run), t.unit, b)
	pipe.HDel(ctx, k.active(t.run), t.unit)
	pipe.XAdd(ctx, &redis.XAddArgs{Stream: k.events(t.run), Values: map[string]any{
		"kind": "done", "unit": t.unit, "worker": w.Name, "result": string(b)}})
	pipe.XAck(ctx, k.units(), group, t.id)
	pipe.XDel(ctx, k.units(), t.id)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("report unit %s: %w", t.unit, err)
	}
	return nil
}

// deliveries is how many times the entry has been handed to a worker.
func (w *Worker) deliveries(ctx context.Context, k keys, id string) (int64, error) {
	p, err := w.Redis.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: k.units(), Group: group, Start: id, End: id, Count: 1}).Result()
	if err != nil {
		return 0, fmt.Errorf("pending entry %s: %w", id, err)
	}
	if len(p) == 0 {
		return 0, nil
	}
	return p[0].RetryCount, nil
}

func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
