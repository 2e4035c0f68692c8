// Package crawl is the crawler engine: driven by the config, it visits every
// unit's home page, columns and mailboxes, extracts what they publish with
// package extract, and writes what it saw as one landing run (package
// landing): items, letters, column and home observations, every page
// attempt, and the raw body of every page it read. A 政府信息公开工作年度报告
// read in a unit's 年报 column also goes to the unit's annual file
// (annual_hook.go).
//
// It owns fetching policy: robots.txt (with its Crawl-delay), per-host
// parallelism and delay, the unit's host boundary, private-address refusal,
// timeouts, body limits (after decompression), retries with backoff,
// challenge detection, the bounds of a run's work (pages and items per
// column, time per unit, timeouts in a row per host), incremental paging
// against earlier runs, resuming a killed run from its per-unit journals,
// and re-crawling only what failed into a finished run.
//
// It owns the verdict of every source too (verdict.go): what each read
// showed, beside what the site says it holds, judged by one function after
// the whole unit is read, so a list can be compared with the unit's other
// pages.
//
// It must not parse pages itself (that is package extract), define the
// landing format (package landing) or touch the database: what it knows of
// earlier runs it reads back from the landing files.
package crawl
