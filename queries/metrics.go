package queries

// Metric names a table macro installed by Install.
type Metric struct {
	Name        string
	Title       string // 中文
	Description string
	Params      []string
	// Sheet names the workbook sheet whose rows, in print order, the macro
	// returns. Such a macro only selects, joins, orders and totals rows of
	// the metrics, so it has no plain-Go reference of its own; the
	// workbook is checked against it instead.
	Sheet string
}

var periodParams = []string{"period_from", "period_to", "cutoff"}

var metrics = []Metric{
	{"publish_counts", "发布数量", "Items published per unit, category and month (one per canonical URL per unit).", periodParams, ""},
	{"publish_summary", "目标完成率", "Items published per unit against the yearly target pro-rated to the period.", periodParams, ""},
	{"timeliness", "发布及时率", "Share of items with 成文日期 published within the working-day limit; items without 成文日期 counted apart.", periodParams, ""},
	{"timeliness_items", "发布及时明细", "Every item published in the period with its working days from 成文日期.", periodParams, ""},
	{"column_freshness", "栏目更新", "Each column at the cutoff: newest item, days since, class limit, status, crawl coverage.", periodParams, ""},
	{"freshness_summary", "栏目更新汇总", "Per unit counts of fresh, stale, blank and unverified columns, by class.", periodParams, ""},
	{"blank_months", "空白月", "Per unit and month of the period: items published against the monthly minimum.", periodParams, ""},
	{"interpretation_links", "解读关联率", "Share of 政策文件 published in the period linked with a 政策解读 of the unit.", periodParams, ""},
	{"unlinked_policies", "未关联解读的政策文件", "政策文件 published in the period with no link to or from a 政策解读.", periodParams, ""},
	{"letters_summary", "来信办理", "来信数, 办结数, 在办数, 超时未办数, 按期答复数, rates and reply times per unit.", periodParams, ""},
	{"letters_detail", "来信明细", "Every letter received in the period with its deadline and state at the cutoff.", periodParams, ""},
	{"letter_disclosure", "留言公开完整性", "Replied letters and the reply fields (回复时间, 答复单位, 答复内容) their pages lack.", periodParams, ""},
	{"letter_disclosure_items", "留言公开缺项明细", "Replied letters missing a reply field.", periodParams, ""},
	{"long_unanswered", "超期未答复", "Letters unanswered for more than the limit (3 months) at the cutoff.", periodParams, ""},
	{"home_freshness", "首页更新", "Each configured home page: newest dated link and days stale at the cutoff.", periodParams, ""},
	{"back_dated", "倒签/补录", "Items first seen after an earlier successful crawl that should have seen them.", periodParams, ""},
	{"coverage", "采集完整性", "Pages attempted, fetched, failed and blocked per unit; failed and drifted columns.", periodParams, ""},
	{"source_verdicts", "采集核验", "Every source (column, mailbox, home page) of each unit at the cutoff: verdict, reason, what the site says beside what was read.", periodParams, ""},
	{"recrawl_needed", "待核实待重采", "Sources not verified at the cutoff, with the judgements that wait for them.", periodParams, ""},
	{"listed_unverified", "列出未核验", "Items listed in the period whose detail page could not be read: not counted in 发布数量 or 发布及时率.", periodParams, ""},
	{"removed_items", "已删除", "Items removed from the site by the cutoff, with the evidence.", periodParams, ""},
	{"vetoes", "单项否决", "Per unit, one row per veto with whether it fired and why.", periodParams, ""},
	{"early_warnings", "预警", "Early warnings that fired, with figure, threshold and evidence.", periodParams, ""},
	{"scorecard", "考核得分", "Points per part, total over 100, grade, vetoes, ranks, 环比 and 同比.", periodParams, ""},
	{"letter_topics", "来信话题", "Letters per unit and main topic, share of the unit's letters, change against the period before.", periodParams, ""},
	{"topic_months", "来信话题月度", "Letters of the whole area per month and main topic.", periodParams, ""},
	{"topic_surges", "舆情突增", "Topic × unit × month whose letters rise above the months before by the rules' factor, with the letters.", periodParams, ""},
	{"surge_responses", "突增回应", "Each surge and whether a 政策解读 or 通知公告 carrying the topic's terms answered it in time.", periodParams, ""},
	{"repeat_letters", "重复来信", "Groups of near-identical letters to one unit within the window, and whether the latest got a real answer.", periodParams, ""},
	{"boilerplate_replies", "敷衍答复", "Replies too short, only forwarding the letter, or the same text as many others of the unit.", periodParams, ""},
	{"opinion_deductions", "舆情扣分", "Per unit: boilerplate replies, open repeated matters and the points the rules take off 互动回应.", periodParams, ""},

	{"sheet_ranking", "考核排名表", "The scorecard with the fired vetoes' reasons in the 通报's order (vetoed units after the others, 待核实 unranked between; vetoed_last := false keeps the scorecard's ranks), then per kind group and overall the averages and grade counts (is_total).", periodParams, "考核排名"},
	{"sheet_publish", "信息发布表", "publish_summary per unit, then its 合计 row (is_total).", periodParams, "信息发布"},
	{"sheet_publish_categories", "分类发布数", "Items per unit and category, then per category over all units (unit_id NULL).", periodParams, "信息发布"},
	{"sheet_timeliness", "发布及时性表", "timeliness per unit, then its 合计 row (is_total).", periodParams, "发布及时性"},
	{"sheet_late_items", "逾期发布明细", "Items of timeliness_items published late, in sheet order.", periodParams, "逾期发布明细"},
	{"sheet_freshness", "栏目更新表", "freshness_summary per unit, then its 合计 row (is_total).", periodParams, "栏目更新"},
	{"sheet_column_problems", "栏目问题明细", "Stale, blank and unverified columns of column_freshness, status in Chinese.", periodParams, "栏目问题明细"},
	{"sheet_interpretation", "政策解读表", "interpretation_links per unit, then its 合计 row (is_total).", periodParams, "政策解读"},
	{"sheet_unlinked_policies", "未关联解读明细", "unlinked_policies in sheet order.", periodParams, "未关联解读明细"},
	{"sheet_letters", "互动回应表", "letters_summary with letter_disclosure's missing_fields per unit, then its 合计 row (is_total).", periodParams, "互动回应"},
	{"sheet_letter_problems", "信件问题明细", "Letters of letters_detail overdue or replied late, status and problem in Chinese.", periodParams, "信件问题明细"},
	{"sheet_long_unanswered", "超期未答复表", "long_unanswered in sheet order.", periodParams, "超期未答复"},
	{"sheet_disclosure_items", "公开缺项明细", "letter_disclosure_items in sheet order.", periodParams, "公开缺项明细"},
	{"sheet_back_dated", "倒签补录表", "back_dated in sheet order.", periodParams, "倒签补录"},
	{"sheet_warnings", "预警表", "early_warnings in sheet order, each with its condition in words and its line in the figure's unit.", periodParams, "预警"},
	{"sheet_coverage", "采集完整性表", "coverage per unit, then its 合计 row (is_total).", periodParams, "采集完整性"},
	{"sheet_sources", "采集核验表", "Sources of source_verdicts not verified, kind in Chinese.", periodParams, "采集核验"},
	{"sheet_trend", "月度趋势表", "Items per unit and month, then the monthly totals per kind group and overall (series).", periodParams, "月度趋势"},
	{"sheet_annual", "年报审核表", "annual_report_summary of the year before the period per unit, then its 合计 row (is_total).", periodParams, "年报审核"},
	{"sheet_annual_checks", "年报问题明细", "annual_report_checks of the year before the period: findings, then prompts, per unit.", periodParams, "年报问题明细"},
	{"sheet_topic_months", "舆情表", "Letters per month and topic over the whole area.", periodParams, "舆情"},
	{"sheet_surges", "舆情突增表", "Each surge with whether and how the unit answered it and the letters' titles.", periodParams, "舆情突增"},
	{"sheet_repeats", "重复来信表", "repeat_letters, unresolved first, titles and letter numbers as text.", periodParams, "重复来信"},
	{"sheet_boilerplate", "敷衍答复表", "Per unit, boilerplate replies by kind and the most copied one.", periodParams, "敷衍答复"},
	{"unit_problems", "问题清单", "Every problem of every unit in one shape: problem, subject, day, detail, page, evidence; the rows of each 问题清单 workbook.", periodParams, "问题清单"},
}

// List returns the metrics, in the order reports show them.
func List() []Metric {
	out := make([]Metric, len(metrics))
	copy(out, metrics)
	return out
}

// Lookup returns the metric called name.
func Lookup(name string) (Metric, bool) {
	for _, m := range metrics {
		if m.Name == name {
			return m, true
		}
	}
	return Metric{}, false
}
