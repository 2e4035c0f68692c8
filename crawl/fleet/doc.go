// Package fleet spreads one crawl run over several processes, on one
// machine or many, through one Redis server, the way scrapy-redis spreads
// Scrapy.
//
// The unit of work is a unit (a department, a town): the run's coordinator
// puts every unit of the run on a Redis Stream read by a consumer group;
// each worker claims one unit at a time, crawls it with the same code as a
// single process (crawl.CrawlUnits) into the run's directory on shared
// storage, and reports its status. A worker renews a lease on its unit
// while it crawls; a unit whose worker died is claimed by another after the
// lease (XAUTOCLAIM) and resumed from the unit's journal, so nothing that
// was already saved is fetched again. A per-host limiter in Redis keeps the
// configured delay between requests to a host for the whole fleet, since
// many units share one host.
//
// The package owns the Redis keys and the protocol; it knows nothing of
// how a unit is crawled (the caller passes that in) and never reads flags
// or the environment.
package fleet
