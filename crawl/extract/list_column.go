package extract

import "time"

// Column extracts the list pages of one column in the order they are read.
// Extraction of a column is a function of all its pages: a link that an
// earlier page already showed is chrome (navigation, 热点 and 最新 boxes
// repeat on every page) or an item already read, and is not listed again;
// the block that held the list on the first page is looked for first on
// the next ones. A Column is not safe for concurrent use; one column's
// pages are read one after the other.
//
// The first page has nothing to be compared with, so a chrome box with
// more rows than the list can be taken for the list there. The second page
// settles it: when most of what page 1 listed shows again on page 2 while
// page 2's list is in another block, page 1 is read again with page 2's
// rows as chrome and page 2's block as the list (see Revisable, Revised).
type Column struct {
	p       Profile
	st      columnState
	pages   int        // pages read so far
	first   *firstPage // page 1, kept until page 2 has been compared
	revised *ListResult
}

// columnState is what the pages read so far showed.
type columnState struct {
	rowURLs  map[string]bool // every row link of earlier pages, list or not
	pageURLs []string        // row links of the page being read
	path     string          // where the list was found
	// self holds the column's own list pages (see addSelf): those read
	// and every pager link seen.
	self map[string]bool
	// pagePath is where the page being read had its list, and candidates
	// how many of its groups could have been the list.
	pagePath   string
	candidates int
}

// firstPage is what re-reading page 1 needs.
type firstPage struct {
	req  Request
	body string
	ref  time.Time
	res  ListResult
	path string
}

// NewColumn starts the extraction of one column with profile p.
func NewColumn(p Profile) *Column {
	return &Column{p: p, st: columnState{rowURLs: map[string]bool{}}}
}

// Page extracts the next page of the column, as ExtractList does for a
// page on its own, with what the earlier pages showed.
//
// A page after the first whose rows were all shown before adds nothing:
// the site repeats its last page for any page number, or a pager points
// back. Its next requests are dropped, so reading stops there.
func (c *Column) Page(req Request, body string, ref time.Time) (ListResult, error) {
	c.st.pageURLs = c.st.pageURLs[:0]
	c.st.pagePath, c.st.candidates = "", 0
	res, err := extractListState(c.p, req, body, ref, &c.st)
	if err == nil && c.pages == 1 && c.first != nil {
		c.revise(res)
	}
	c.first = nil
	if err == nil && c.pages == 0 && c.st.pagePath != "" && c.st.candidates > 1 && len(res.Items) > 0 {
		c.first = &firstPage{req: req, body: body, ref: ref, res: res, path: c.st.pagePath}
	}
	repeated := c.pages > 0 && len(res.Items) == 0 && len(c.st.pageURLs) > 0
	for _, u := range c.st.pageURLs {
		repeated = repeated && c.st.rowURLs[u]
		c.st.rowURLs[u] = true
	}
	if err == nil {
		if c.st.self == nil {
			c.st.self = map[string]bool{}
		}
		addSelf(c.st.self, req.URL)
		for _, n := range res.Next {
			if n.Method == "" || n.Method == "GET" {
				addSelf(c.st.self, n.URL)
			}
		}
	}
	c.pages++
	if repeated && err == nil {
		res.Next = []Request{}
		res.Repeated = true
		// Showing again what was read is the end of the list, not a list
		// that only scripts could write.
		res.NeedsBrowser = false
	}
	return res, err
}

// Revisable reports, after the first page, whether page 2 may show that
// what page 1 listed was chrome: page 1's list was chosen among several
// blocks that could each have been it. A reader that can wait keeps page
// 1's items until page 2 is read, then asks Revised.
func (c *Column) Revisable() bool { return c.pages == 1 && c.first != nil }

// Revised returns, once page 2 has been read, page 1 read again when page
// 2 showed its list was chrome; false when page 1 stands.
func (c *Column) Revised() (ListResult, bool) {
	r := c.revised
	c.revised = nil
	if r == nil {
		return ListResult{}, false
	}
	return *r, true
}

// revise compares page 1 with page 2 (just read, res): when page 2 found
// its list in another block and shows again most of what page 1 listed,
// page 1's list was a box that repeats on every page.
func (c *Column) revise(res ListResult) {
	f := c.first
	if len(res.Items) == 0 || c.st.pagePath == "" || c.st.pagePath == f.path {
		return
	}
	onPage2 := make(map[string]bool, len(c.st.pageURLs))
	for _, u := range c.st.pageURLs {
		onPage2[u] = true
	}
	again := 0
	for _, it := range f.res.Items {
		if onPage2[it.URL] {
			again++
		}
	}
	if 2*again <= len(f.res.Items) {
		return
	}
	st := columnState{rowURLs: onPage2, path: c.st.pagePath, self: c.st.self}
	r, err := extractListState(c.p, f.req, f.body, f.ref, &st)
	if err != nil || st.pagePath != c.st.pagePath || len(r.Items) == 0 {
		return
	}
	out := f.res
	out.Items, out.Recognised = r.Items, r.Recognised
	c.revised = &out
	c.st.path = c.st.pagePath
}
