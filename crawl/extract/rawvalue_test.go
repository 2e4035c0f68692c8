package extract

import (
	"testing"
	"time"
)

// Labels are matched in width-folded text, but values keep what the page
// wrote: full-width brackets and digits are part of a name or a 文号.
func TestMetaValuesKeepFullWidth(t *testing.T) {
	ref := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	pages := map[string]string{
		"table": `<table><tr><td>发布机构：</td><td>市司法局（2）</td></tr>
			<tr><td>文　　号：</td><td>市司发〔２０２６〕３号</td></tr>
			<tr><td>发布日期：</td><td>２０２６年３月５日</td></tr></table>`,
		"inline": `<div class="meta"><span>发布机构：市司法局（2）　文号：市司发〔２０２６〕３号　发布日期：2026-03-05</span></div>`,
	}
	for name, body := range pages {
		t.Run(name, func(t *testing.T) {
			d := ExtractDetail("http://x.gov.cn/a.html", "<html><body>"+body+"</body></html>", ref)
			if d.Meta.Publisher != "市司法局（2）" {
				t.Errorf("publisher %q, want 市司法局（2）", d.Meta.Publisher)
			}
			if d.Meta.DocNo != "市司发〔２０２６〕３号" {
				t.Errorf("doc no %q, want 市司发〔２０２６〕３号", d.Meta.DocNo)
			}
			if !d.Meta.Published.OK || d.Meta.Published.Time.Format("2006-01-02") != "2026-03-05" {
				t.Errorf("published %+v", d.Meta.Published)
			}
		})
	}
}
