// Package extract turns fetched bytes into structured records: dates,
// decoded text, list items and next-page requests for each site family
// (docs/sites.md), detail page metadata and related links, mailbox letters,
// home page freshness and anti-bot detection.
//
// Every function is pure: no network, no files, no clock (the crawl moment
// is passed in as ref) and no logging. The package owns the knowledge of
// page shapes; it must not fetch, retry, store, or decide what to crawl
// beyond returning the next requests a page names.
//
// Rules worth knowing:
//   - Lists without custom selectors are groups of rows (list_groups.go):
//     sibling elements of one tag that each come down to one title link,
//     dated or not, outside nav/header/footer chrome. A Column reads a
//     column's pages in order: links an earlier page showed are chrome or
//     already read, so boxes that repeat on every page are never counted.
//   - auto recognises what a page is (list_auto.go): JSON, Hanweb, an HTML
//     list, or the API or array a shell page's scripts use; it says what in
//     ListResult.Recognised. Every HTML page is checked for every pager
//     (pager.go), and each page reports the evidence of the list's size and
//     end (TotalRecords, TotalPages, LastPage, PagerSeen, EmptyNotice,
//     NeedsBrowser).
//   - Profiles can name page URL templates, POSTed forms or JSON bodies, a
//     JSON field holding HTML, detail URLs from row fields and explicit
//     date formats (profile.go, dateformat.go).
//   - Month-day list dates ([10-11]) take their years down the page, each
//     not after the entry above it (list_years.go).
//   - Titles come from the title attribute when the visible text is cut.
//   - Labels (索引号, 文号, 发布日期 …) match whatever their spacing and
//     width, in table cells, dl lists or "label：value" text (labels.go).
//   - Related links keep the same site only (host and port, "www." ignored).
//   - Encoding precedence is documented in decode.go.
//   - A 年度报告's tables are read into the national format's cells from a
//     grid with spans expanded: a value's column is the nearest label above
//     it, its row the labels to its left (annual.go).
package extract
