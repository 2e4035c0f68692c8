package crawl

import (
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
	"github.com/gongkai/gongkai/landing"
)

// annualCategory is the standard category of a unit's 年报 column.
const annualCategory = "政务公开工作专题"

// annualColumnWords name a 年报 column when its category is not
// configured; they follow the category rules of the load (docs/config.md).
var annualColumnWords = []string{"年度报告", "年报", "政务公开"}

// isAnnualColumn reports whether a column is where the unit publishes its
// 政府信息公开工作年度报告.
func isAnnualColumn(c config.Column) bool {
	if c.AnnualReport || c.Category == annualCategory {
		return true
	}
	if c.Category != "" {
		return false
	}
	name := strings.Join(strings.Fields(c.Name), "")
	for _, w := range annualColumnWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// annualReport reads the tables of an item of the unit's 年报 column whose
// title names a 年度报告, from the detail page the crawl just stored. A
// page that cannot be read again is a finding of the report, not an error
// of the crawl.
func (uc *unitCrawler) annualReport(columnID string, it landing.Item) error {
	if it.DetailSHA256 == "" || !it.DetailFetched {
		return nil
	}
	year, ok := extract.AnnualYear(it.Title)
	if !ok {
		return nil
	}
	var col config.Column
	for _, c := range uc.unit.Columns {
		if c.ID == columnID {
			col = c
		}
	}
	if !isAnnualColumn(col) {
		return nil
	}
	rec := landing.Annual{RunID: uc.run.ID, UnitID: uc.unit.ID, ColumnID: columnID, URL: it.URL, CanonicalURL: it.CanonicalURL,
		Title: it.Title, Year: year, Published: it.Published, DetailSHA: it.DetailSHA256, SeenAt: time.Now().UTC()}
	body, err := uc.f.snaps.Get(it.DetailSHA256)
	if err == nil {
		var text string
		text, _, err = extract.Decode(body, "")
		if err == nil {
			rep := extract.ExtractAnnual(it.URL, text)
			rec.Status, rec.Attachments, rec.Images, rec.Paragraphs = rep.Status, rep.Attachments, rep.Images, rep.Paragraphs
			for _, c := range rep.Cells {
				rec.Cells = append(rec.Cells, landing.AnnualCell(c))
			}
		}
	}
	if err != nil {
		rec.Status = extract.AnnualNoTable
		uc.log.Warn("annual report page not readable", "url", it.URL, "err", err)
	}
	uc.wmu.Lock()
	defer uc.wmu.Unlock()
	if err := uc.run.AddAnnual(uc.unit.ID, rec); err != nil {
		return fmt.Errorf("annual report %s: %w", it.URL, err)
	}
	return nil
}
