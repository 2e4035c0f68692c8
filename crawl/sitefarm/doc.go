// Package sitefarm serves a farm of simulated Chinese government unit
// websites on 127.0.0.1, generated deterministically from a seed, together
// with the ground truth of what each site publishes as Go values.
//
// The farm is what the demo, the end-to-end tests and the benchmarks crawl.
// Its pages follow the shapes described in docs/sites.md (TRS
// createPageHTML, Hanweb jpage with its dataproxy POST, a JSON API behind an
// empty shell, generic lists with 下一页), so a crawler that reads the farm
// correctly has been exercised on the shapes real sites use. Pages are
// rendered on demand from the truth; the truth is built once by New.
//
// Typical use:
//
//	f := sitefarm.New(sitefarm.Options{}) // the 8-unit demo farm
//	if err := f.Start(); err != nil { … }
//	defer f.Close()
//	truth := f.Truth()   // what a perfect crawl of each site finds
//	… crawl truth.Units[i].Columns[j].URL …
//	f.SetLater(true)     // the same sites one month on
//	log := f.Requests()  // every request served, with injected faults
//
// Every case the metrics must handle is in the demo farm (see the Truth
// field docs and TestDemoFarmCoversEveryCase): stale, blank and blocked
// columns, stale and failing home pages, GBK pages, policy ↔
// interpretation links one way and both ways, letters unanswered for
// months, a back-dated and a deleted post between the two modes. Farms of
// more units repeat the demo units' shapes with fresh names and random
// freshness, for benchmarks; faults are opt-in through Options.Faults.
// Options.VerdictCases adds, beside the demo units and without changing
// them, units whose sources a crawler must judge in a known way (a pager it
// cannot follow, a sidebar taken for the list, an undecodable page, a site
// down, a site behind a challenge, …), listed in Truth.CaseUnits with their
// expected verdicts in Truth.Cases.
//
// The annual farm (NewAnnual) is a farm of its own whose units publish
// 政府信息公开工作年度报告 in several markups, with the errors a check must
// find; the demo farm's units are left as they are.
//
// The package owns only the simulation. It must not import the crawler,
// the extractors or anything downstream: the farm is the independent
// referee those packages are measured against.
package sitefarm
