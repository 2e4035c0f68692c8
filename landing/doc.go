// Package landing owns the landing format: what a crawl run hands to the
// loader. A run is a directory holding a manifest, a snapshot of the units
// it crawled, and per unit gzip-compressed NDJSON files of items, letters,
// columns, home observations and page attempts. Page bodies are kept in a
// content-addressed snapshot store so any number can be traced to the page
// it came from.
//
// Layout under a landing root:
//
//	runs/<run>/manifest.json          the run: cutoff, completeness, per-unit status
//	runs/<run>/units.json             the configured units at crawl time
//	runs/<run>/units/<unit>/*.ndjson.gz  items, letters, columns, homes, pages
//	runs/<run>/journal/<unit>.ndjson  the crawler's resume journal while a unit is in progress (not for loading)
//	snapshots/<ab>/<sha256>.zst       page bodies as fetched (zstd; .gz in older stores), shared by all runs
//
// Files are written under a temporary name and renamed when complete, so a
// reader never sees half a file. The package knows nothing of HTTP, DuckDB
// or metrics.
package landing
