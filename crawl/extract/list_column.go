package extract

import "time"

// Column extracts the list pages of one column in the order they are read.
// Extraction of a column is a function of all its pages: a link that an
// earlier page already showed is chrome (navigation, 热点 and 最新 boxes
// repeat on every page) or an item already read, and is not listed again;
// the block that held the list on the first page is looked for first on
// the next ones. A Column is not safe for concurrent use; one column's
// pages are read one after the other.
type Column struct {
	p     Profile
	st    columnState
	pages int // pages read so far
}

// columnState is what the pages read so far showed.
type columnState struct {
	rowURLs  map[string]bool // every row link of earlier pages, list or not
	pageURLs []string        // row links of the page being read
	path     string          // where the list was found
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
	res, err := extractListState(c.p, req, body, ref, &c.st)
	repeated := c.pages > 0 && len(res.Items) == 0 && len(c.st.pageURLs) > 0
	for _, u := range c.st.pageURLs {
		repeated = repeated && c.st.rowURLs[u]
		c.st.rowURLs[u] = true
	}
	c.pages++
	if repeated && err == nil {
		res.Next = []Request{}
		res.Repeated = true
	}
	return res, err
}
