// Package landing owns the landing format: what a crawl run hands to the
// loader. A run is a directory holding a manifest, a snapshot of the units
// it crawled, and per unit gzip-compressed NDJSON files of items, letters,
// columns, home observations and page attempts. Page bodies are kept in a
// content-addressed snapshot store so any number can be traced to the page
// it came from.
//
// Files are written under a temporary name and renamed when complete, so a
// reader never sees half a file. The package knows nothing of HTTP, DuckDB
// or metrics.
package landing
