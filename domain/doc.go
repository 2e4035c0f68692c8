// Package domain holds the notions every stage shares and that must be
// defined once: the verdicts a source can get from a crawl run. It imports
// nothing of the project and does no I/O.
package domain
