package sitefarm

import (
	"hash/fnv"
	"math/rand/v2"
)

// newRand gives an independent deterministic stream per (seed, parts), so
// one unit's content does not shift when another unit changes.
func newRand(seed int64, parts ...uint64) *rand.Rand {
	h := uint64(seed)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	for _, p := range parts {
		h = mix64(h ^ p)
	}
	return rand.New(rand.NewPCG(h, mix64(h+1)))
}

func mix64(z uint64) uint64 {
	z += 0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func hashString(seed int64, s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return mix64(h.Sum64() ^ uint64(seed))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
