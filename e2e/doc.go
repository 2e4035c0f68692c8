// Package e2e holds the end-to-end ground-truth tests of the whole
// pipeline: the simulated farm (crawl/sitefarm) is crawled by package
// crawl, loaded into DuckDB by package etl, scored by the rules and metric
// SQL of packages rules and queries, and every number is compared with the
// same number computed independently in plain Go from the farm's truth and
// a working-day calendar (etl.BuildCalendar).
//
// The package has no production code. It owns only its tests and
// testdata; it must not change the packages it checks. A failing test here
// names the unit, the metric, the expected and the actual value.
//
// Run it with:
//
//	go test ./e2e/
//
// The farm is crawled twice (normal mode, then one month later), and two
// databases are published: one after run 1, one after runs 1+2. Set
// GONGKAI_E2E_KEEP=1 to keep the landing root and both databases (their
// paths are printed) for inspection with the DuckDB CLI, GONGKAI_E2E_LOG=1
// to see the crawl and load logs; -v prints how long each stage and metric
// took.
package e2e
