package reports

import (
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"
)

var warningSheetCols = withUnit(
	column{name: "warning", header: "预警", kind: kText, width: 14, def: "预警规则（首页 10 天未更新、空白栏目超过 2 个、不更新栏目超过 6 个、信件超过 2 个月未答复、页面采集失败率 ≥3%）"},
	column{name: "condition", header: "预警条件", kind: kWrap, width: 26, def: "规则的条件，阈值带单位"},
	column{name: "figure", header: "实测", kind: kGen, width: 9, def: "实测数值，单位与预警线相同（天、个、条或百分比）"},
	column{name: "line", header: "预警线", kind: kGen, width: 9, def: "达到即预警的数值，单位与实测相同"},
	column{name: "evidence_url", header: "证据页面", kind: kURL, width: 36, def: "一个相关页面的地址"},
)

// warningSheet writes 预警: every warning with its condition in words and
// its figure beside a line of the same unit, each number formatted in its
// unit.
func warningSheet(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	const sheet = "预警"
	all, err := fe.sheet(ctx, "sheet_warnings")
	if err != nil {
		return err
	}
	s, err := b.plainSheet(sheet, "预警（尚未达到否决线的风险）", subtitle(fe.opts, ranking), warningSheetCols)
	if err != nil {
		return err
	}
	n := headerRow
	for _, r := range all.Rows {
		n++
		unit := text(valueOf(all, r, "unit"))
		style, ok := b.st.measure[unit]
		if !ok {
			return fmt.Errorf("sheet %s: warning rule %q has no unit", sheet, text(valueOf(all, r, "rule")))
		}
		figure := b.cell(sheet, 5, n, kGen, valueOf(all, r, "figure"), false)
		limit := b.cell(sheet, 6, n, kGen, valueOf(all, r, "line"), false)
		for _, c := range []*excelize.Cell{&figure, &limit} {
			if _, isText := c.Value.(string); !isText {
				c.StyleID = style
			}
		}
		cells := []excelize.Cell{
			b.cell(sheet, 1, n, kText, valueOf(all, r, "unit_name"), false),
			b.cell(sheet, 2, n, kText, valueOf(all, r, "kind"), false),
			b.cell(sheet, 3, n, kText, valueOf(all, r, "warning"), false),
			b.cell(sheet, 4, n, kWrap, valueOf(all, r, "condition"), false),
			figure, limit,
			b.cell(sheet, 7, n, kURL, valueOf(all, r, "evidence_url"), false),
		}
		if h := wrapHeight(warningSheetCols, cells); h > 0 {
			err = s.rowHeight(n, cells, h)
		} else {
			err = s.row(n, cells)
		}
		if err != nil {
			return err
		}
	}
	if n > headerRow {
		return b.autoFilter(sheet, rangeRef(1, headerRow, len(warningSheetCols), n), true)
	}
	return nil
}
