// Package config owns gongkai's one YAML configuration file: the units to
// watch (their columns, mailboxes and home pages), crawl settings, output
// paths and the rules file. Parse reads and validates it; every error names
// the file, the line and the field. The package does no I/O beyond reading
// the file it is given and knows nothing of crawling, storage or reports.
package config
