// Package crawl is the crawler engine: driven by the config, it visits every
// unit's home page, columns and mailboxes, extracts what they publish with
// package extract, and writes what it saw as one landing run (package
// landing): items, letters, column and home observations, every page
// attempt, and the raw body of every page it read. A 政府信息公开工作年度报告
// read in a unit's 年报 column also goes to the unit's annual file
// (annual_hook.go).
//
// It owns fetching policy: robots.txt, per-host parallelism and delay, the
// unit's host boundary, private-address refusal, timeouts, body limits,
// retries with backoff, challenge detection, incremental paging against
// earlier runs, and resuming a killed run from its per-unit journals.
//
// It must not parse pages itself (that is package extract), define the
// landing format (package landing) or touch the database: what it knows of
// earlier runs it reads back from the landing files.
package crawl
