package reports

import "context"

// The 年报审核 sheets: each unit's 政府信息公开工作年度报告 for the year
// before the period (the one assessed in the period's year), and every
// finding and prompt of its check. Year = year of the period's first day
// − 1; the macros are those of queries/sql/080_annual.sql.

var annualCols = withUnit(
	column{name: "year", header: "报告年度", kind: kInt, width: 8, def: "年度报告所报告的年度（考核期所在年的上一年）"},
	column{name: "title", header: "报告标题", kind: kWrap, width: 26, def: "年报栏目中标题注明该年度和“年度报告”的信息"},
	column{name: "published", header: "发布日期", kind: kDate, width: 11, def: "报告页面注明的发布日期"},
	column{name: "deadline", header: "截止日期", kind: kDate, width: 11, def: "条例第五十条：次年 1 月 31 日前公布"},
	column{name: "days_late", header: "逾期(天)", kind: kInt, width: 8, def: "发布日期晚于截止日期的天数"},
	column{name: "status", header: "状态", kind: kText, width: 9, def: "已读取、无法核对（表格为图片或仅有附件）、未发布或待核实（年报栏目未完整采集）"},
	column{name: "cells", header: "读取单元格", kind: kInt, width: 9, def: "按国家格式读到的单元格数"},
	column{name: "blank_cells", header: "空白单元格", kind: kInt, width: 9, def: "未填写的单元格（按 0 计，并列为问题）"},
	column{name: "consistency_errors", header: "勾稽错误", kind: kInt, width: 8, def: "不成立的勾稽关系和非负整数检查，明细见“年报问题明细”"},
	column{name: "findings", header: "问题数", kind: kInt, width: 7, def: "未发布、逾期发布、无法核对、空白、缺项和勾稽错误的条数"},
	column{name: "prompts", header: "核对提示", kind: kInt, width: 8, def: "需人工核对的提示（规范性文件件数、与上年雷同），不是问题"},
	column{name: "deduction", header: "扣分", kind: kPoints, width: 6, def: "规则文件为年报问题设定的扣分（默认不扣分）"},
	column{name: "veto", header: "否决", kind: kBool, width: 6, def: "规则文件是否将该问题设为否决（默认否）"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "报告页面地址"},
)

var annualCheckCols = withUnit(
	column{name: "kind", header: "类别", kind: kText, width: 9, def: "未发布、逾期发布、无法核对、空白、缺项、勾稽错误、核对提示或待核实"},
	column{name: "rule", header: "规则", kind: kText, width: 12, def: "勾稽规则名（规则文件 annual_report.checks）或检查名"},
	column{name: "instance", header: "适用于", kind: kText, width: 18, def: "规则适用的申请人列、行或单元格"},
	column{name: "expected", header: "应为", kind: kText, width: 10, def: "按规则应有的值（各组成部分之和、截止日期等）"},
	column{name: "found", header: "实为", kind: kText, width: 10, def: "报告中填写的值"},
	column{name: "cells", header: "单元格", kind: kWrap, width: 26, def: "规则涉及的单元格及其数值（节/行/列=值）"},
	column{name: "evidence", header: "证据", kind: kWrap, width: 26, def: "单元格在页面表格中的位置、报告或附件地址"},
	column{name: "is_finding", header: "问题", kind: kBool, width: 6, def: "“是”为问题；“否”为提示或待核实，需人工判断"},
)

func annualSheets(ctx context.Context, b *book, fe fetcher, ranking *Table) error {
	if err := b.summary(ctx, fe, ranking, "年报审核", "政府信息公开工作年度报告审核（上一年度报告）", "sheet_annual", annualCols); err != nil {
		return err
	}
	return b.detail(ctx, fe, ranking, "年报问题明细", "年度报告的问题和核对提示", "sheet_annual_checks", annualCheckCols)
}
