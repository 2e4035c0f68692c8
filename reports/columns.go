package reports

// The columns of each sheet: the query column shown, its Chinese header,
// how it is shown, and its definition in plain words for the 说明 sheet.

var unitCols = []column{
	{name: "unit_name", header: "单位", kind: kWrap, width: 16, def: "被考核单位"},
	{name: "kind", header: "类型", kind: kText, width: 7, def: "部门、乡镇或街道"},
}

func withUnit(cols ...column) []column {
	return append(append([]column{}, unitCols...), cols...)
}

var rankingCols = func(rank string) []column {
	return append([]column{
		{name: rank, header: "排名", kind: kInt, width: 6, def: "按总分排名，同分同名次"},
	}, withUnit(
		column{name: "publish_points", header: "信息发布(25)", kind: kPoints, width: 9, def: "目标完成率（封顶100%）× 25；无年度目标时为“—”"},
		column{name: "timeliness_points", header: "发布及时(15)", kind: kPoints, width: 9, def: "发布及时率 × 15；期间内没有带成文日期的信息时为“—”"},
		column{name: "maintenance_points", header: "栏目维护(20)", kind: kPoints, width: 9, def: "20 分减去栏目不更新、空白栏目的扣分，最低 0 分"},
		column{name: "interpretation_points", header: "政策解读(10)", kind: kPoints, width: 9, def: "政策文件与政策解读关联率 × 10；期间内没有政策文件时为“—”"},
		column{name: "interaction_points", header: "互动回应(30)", kind: kPoints, width: 9, def: "答复率 × 10 + 按期答复率 × 15 + 答复用时分（5 个工作日内 5 分，至 15 个工作日线性降为 0）；无来信时为“—”"},
		column{name: "total", header: "总分", kind: kPoints, width: 8, def: "各部分得分之和，按有数据部分的满分折算为百分制；有部分待核实时为“—”"},
		column{name: "grade", header: "等次", kind: kText, width: 8, def: "≥90 优秀，≥80 良好，≥60 合格，否则不合格；触发单项否决即为不合格；所依据的栏目、信箱或首页未能完整采集、结论可能改变时为“待核实”"},
		column{name: "vetoes", header: "否决项", kind: kWrap, width: 10, def: "触发的单项否决（国办秘函〔2019〕19号）"},
		column{name: "veto_reasons", header: "否决原因", kind: kWrap, width: 20, def: "每项否决的依据和实测数值"},
		column{name: "change", header: "环比", kind: kChange, width: 8, def: "与上一期总分相比的变化，▲ 上升 ▼ 下降；上一期无完整采集时为“—”"},
		column{name: "yoy_change", header: "同比", kind: kChange, width: 8, def: "与上年同期总分相比的变化；无数据时为“—”"},
		column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "该单位本期采集是否完整；“否”表示部分页面未能采集，相关得分需核实"},
		column{name: "pending", header: "待核实原因", kind: kWrap, width: 20, def: "等级为“待核实”的原因：哪些得分部分或否决项在等待重新采集（见“采集核验”表）"},
	)...)
}

var publishCols = withUnit(
	column{name: "published", header: "发布数量", kind: kInt, width: 9, def: "期间内发布日期在考核期的信息条数（同一网址只计一次）"},
	column{name: "yearly_target", header: "年度目标", kind: kInt, width: 9, def: "规则文件规定的年度发布目标"},
	column{name: "target", header: "期间目标", kind: kNum, width: 9, def: "年度目标按考核期天数折算"},
	column{name: "completion", header: "目标完成率", kind: kPct, width: 10, def: "发布数量 ÷ 期间目标"},
	column{name: "listed_unverified", header: "列出未核验", kind: kInt, width: 9, def: "栏目列出、但详情页未能打开的信息条数：不计入发布数量和及时率"},
	column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "相关页面是否全部采集成功"},
)

var timelinessCols = withUnit(
	column{name: "published", header: "发布数量", kind: kInt, width: 9, def: "期间内发布的信息条数"},
	column{name: "with_formed", header: "有成文日期", kind: kInt, width: 9, def: "其中页面注明成文日期的条数（及时率的分母）"},
	column{name: "on_time", header: "按时发布", kind: kInt, width: 9, def: "成文后在时限内发布的条数"},
	column{name: "late", header: "逾期发布", kind: kInt, width: 9, def: "超过时限发布的条数，明细见“逾期发布明细”"},
	column{name: "without_formed", header: "无成文日期", kind: kInt, width: 9, def: "未注明成文日期、不计入及时率的条数"},
	column{name: "limit_days", header: "时限(工作日)", kind: kInt, width: 9, def: "成文到发布的时限（条例第二十六条：20 个工作日）"},
	column{name: "rate", header: "发布及时率", kind: kPct, width: 10, def: "按时发布 ÷ 有成文日期"},
	column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "相关页面是否全部采集成功"},
)

var lateItemCols = withUnit(
	column{name: "category", header: "类别", kind: kText, width: 10, def: "栏目对应的标准目录类别"},
	column{name: "title", header: "标题", kind: kWrap, width: 26, def: "信息标题（按网页原文）"},
	column{name: "formed_date", header: "成文日期", kind: kDate, width: 11, def: "页面注明的成文日期"},
	column{name: "publish_date", header: "发布日期", kind: kDate, width: 11, def: "页面注明的发布日期"},
	column{name: "working_days", header: "用时(工作日)", kind: kInt, width: 9, def: "成文次日至发布日的工作日数"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "信息页面地址（可点击）"},
	column{name: "detail_sha256", header: "证据", kind: kHash, width: 12, def: "采集时页面快照 SHA-256 的前 10 位，点击打开证据页（含完整 SHA-256 和原页面）"},
)

var freshnessCols = withUnit(
	column{name: "columns", header: "栏目数", kind: kInt, width: 8, def: "配置的栏目数"},
	column{name: "fresh", header: "正常", kind: kInt, width: 7, def: "按期更新的栏目数"},
	column{name: "stale", header: "不更新", kind: kInt, width: 7, def: "超过更新期限的栏目数（动态类 2 周，通知公告/政策类 6 个月，人事/规划/财政类 1 年）"},
	column{name: "blank", header: "空白", kind: kInt, width: 7, def: "从未发布过信息的栏目数"},
	column{name: "static", header: "静态", kind: kInt, width: 7, def: "无更新期限的栏目数（机构领导、机构设置）"},
	column{name: "unverified", header: "待核实", kind: kInt, width: 7, def: "因采集失败无法判断的栏目数（不计分）"},
	column{name: "stale_key", header: "重点不更新", kind: kInt, width: 9, def: "动态、通知公告、政策文件栏目中不更新的数量（≥5 单项否决）"},
	column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "所有栏目是否采集成功"},
)

var interpretationCols = withUnit(
	column{name: "policies", header: "政策文件", kind: kInt, width: 9, def: "期间内发布的政策文件数"},
	column{name: "linked", header: "已关联解读", kind: kInt, width: 9, def: "与本单位政策解读互有链接（任一方向）的政策文件数"},
	column{name: "both_ways", header: "双向关联", kind: kInt, width: 9, def: "政策文件与解读相互链接的数量"},
	column{name: "unlinked", header: "未关联", kind: kInt, width: 8, def: "未关联解读的政策文件数，明细见“未关联解读明细”"},
	column{name: "rate", header: "解读关联率", kind: kPct, width: 10, def: "已关联解读 ÷ 政策文件"},
	column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "相关页面是否全部采集成功"},
)

var columnProblemCols = withUnit(
	column{name: "column_name", header: "栏目", kind: kText, width: 16, def: "栏目名称"},
	column{name: "category", header: "类别", kind: kText, width: 10, def: "标准目录类别"},
	column{name: "status_label", header: "状态", kind: kText, width: 9, def: "不更新、空白，或因采集失败待核实"},
	column{name: "newest_date", header: "最新发布", kind: kDate, width: 11, def: "栏目内最新一条信息的发布日期"},
	column{name: "days_since", header: "距截止(天)", kind: kInt, width: 9, def: "数据截止日与最新发布日期相隔的天数"},
	column{name: "outcome", header: "采集结果", kind: kOutcome, width: 9, def: "成功、无内容、失败、被拦截、robots.txt 禁止"},
	column{name: "url", header: "栏目网址", kind: kURL, width: 26, def: "栏目页面地址（可点击）"},
	column{name: "newest_url", header: "最新信息", kind: kURL, width: 26, def: "最新一条信息的地址"},
)

var unlinkedCols = withUnit(
	column{name: "title", header: "政策文件", kind: kWrap, width: 26, def: "未关联解读的政策文件标题"},
	column{name: "publish_date", header: "发布日期", kind: kDate, width: 11, def: "发布日期"},
	column{name: "links_out", header: "页面外链数", kind: kInt, width: 9, def: "政策页面上指向其他页面的链接数（0 表示没有任何链接）"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "政策文件页面地址"},
	column{name: "detail_sha256", header: "证据", kind: kHash, width: 12, def: "页面快照 SHA-256 的前 10 位，点击打开证据页（含完整 SHA-256）"},
)

var lettersCols = withUnit(
	column{name: "received", header: "来信数", kind: kInt, width: 7, def: "来信时间在考核期内的信件数"},
	column{name: "replied", header: "办结数", kind: kInt, width: 7, def: "截止时已答复的信件数"},
	column{name: "open", header: "在办数", kind: kInt, width: 7, def: "截止时未答复的信件数"},
	column{name: "overdue", header: "超时未办数", kind: kInt, width: 8, def: "未答复且已过答复期限（咨询 5 个工作日，其他 15 个工作日）"},
	column{name: "due", header: "应答复数", kind: kInt, width: 8, def: "答复期限在截止日前的信件数（按期答复率的分母）"},
	column{name: "on_time", header: "按期答复数", kind: kInt, width: 8, def: "在期限内答复的信件数"},
	column{name: "reply_rate", header: "答复率", kind: kPct, width: 8, def: "办结数 ÷ 来信数"},
	column{name: "on_time_rate", header: "按期答复率", kind: kPct, width: 9, def: "按期答复数 ÷ 应答复数"},
	column{name: "mean_reply_days", header: "平均用时", kind: kNum, width: 8, def: "来信到答复的平均工作日数"},
	column{name: "median_reply_days", header: "用时中位数", kind: kNum, width: 8, def: "来信到答复工作日数的中位数"},
	column{name: "missing_fields", header: "公开缺项", kind: kInt, width: 8, def: "已答复信件公开页面缺少回复时间、答复单位、答复内容的项数（每项扣 1 分）"},
	column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "所有信箱是否采集成功"},
)

var letterProblemCols = withUnit(
	column{name: "title", header: "信件标题", kind: kWrap, width: 20, def: "信件标题（按网页原文）"},
	column{name: "type", header: "类型", kind: kText, width: 6, def: "咨询、投诉、建议、求助、其他"},
	column{name: "received_date", header: "来信日期", kind: kDate, width: 11, def: "来信时间"},
	column{name: "deadline", header: "答复期限", kind: kDate, width: 11, def: "按类型计算的答复期限（工作日）"},
	column{name: "status_label", header: "状态", kind: kText, width: 8, def: "截止时的办理状态"},
	column{name: "replied_date", header: "答复日期", kind: kDate, width: 11, def: "回复时间"},
	column{name: "reply_days", header: "用时(工作日)", kind: kInt, width: 8, def: "来信到答复的工作日数"},
	column{name: "problem", header: "问题", kind: kText, width: 10, def: "超时未办、逾期答复或未答复"},
	column{name: "url", header: "网址", kind: kURL, width: 18, def: "信件页面地址"},
	column{name: "detail_sha256", header: "证据", kind: kHash, width: 12, def: "页面快照 SHA-256 的前 10 位，点击打开证据页（含完整 SHA-256）"},
)

var longUnansweredCols = withUnit(
	column{name: "title", header: "信件标题", kind: kWrap, width: 26, def: "超过 3 个月未答复的信件"},
	column{name: "type", header: "类型", kind: kText, width: 6, def: "信件类型"},
	column{name: "received_date", header: "来信日期", kind: kDate, width: 11, def: "来信时间"},
	column{name: "days_open", header: "未答复(天)", kind: kInt, width: 9, def: "来信至截止日的天数"},
	column{name: "veto", header: "否决", kind: kBool, width: 6, def: "一年内的咨询信件超过 3 个月未答复，触发单项否决"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "信件页面地址"},
)

var disclosureItemCols = withUnit(
	column{name: "title", header: "信件标题", kind: kWrap, width: 26, def: "已答复但公开内容不全的信件"},
	column{name: "received_date", header: "来信日期", kind: kDate, width: 11, def: "来信时间"},
	column{name: "missing_reply_time", header: "缺回复时间", kind: kBool, width: 8, def: "页面未显示回复时间"},
	column{name: "missing_handler", header: "缺答复单位", kind: kBool, width: 8, def: "页面未显示答复单位"},
	column{name: "missing_reply_content", header: "缺答复内容", kind: kBool, width: 8, def: "页面未显示答复内容"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "信件页面地址"},
	column{name: "detail_sha256", header: "证据", kind: kHash, width: 12, def: "页面快照 SHA-256 的前 10 位，点击打开证据页（含完整 SHA-256）"},
)

var backDatedCols = withUnit(
	column{name: "title", header: "标题", kind: kWrap, width: 26, def: "首次采集时发布日期早于此前已成功采集该栏目日期的信息（疑似倒签、补录）"},
	column{name: "publish_date", header: "标称发布日期", kind: kDate, width: 11, def: "页面标称的发布日期"},
	column{name: "earlier_cutoff", header: "此前采集日", kind: kDate, width: 11, def: "此前成功采集该栏目、本应看到该信息的日期"},
	column{name: "first_seen_cutoff", header: "首次发现日", kind: kDate, width: 11, def: "首次采集到该信息的日期"},
	column{name: "days_late", header: "滞后(天)", kind: kInt, width: 8, def: "首次发现日与标称发布日期相隔天数"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "信息页面地址"},
	column{name: "detail_sha256", header: "证据", kind: kHash, width: 12, def: "页面快照 SHA-256 的前 10 位，点击打开证据页（含完整 SHA-256）"},
)

var vetoCols = withUnit(
	column{name: "veto", header: "否决项", kind: kText, width: 18, def: "触发的单项否决"},
	column{name: "reason", header: "原因", kind: kWrap, width: 26, def: "否决依据和实测数值"},
	column{name: "figure", header: "实测", kind: kNum, width: 8, def: "实测数值"},
	column{name: "threshold", header: "否决线", kind: kNum, width: 8, def: "规则的否决线"},
	column{name: "coverage_complete", header: "采集完整", kind: kBool, width: 8, def: "否决所依据的页面是否全部采集成功"},
)

var coverageCols = withUnit(
	column{name: "run_id", header: "采集批次", kind: kRun, width: 18, def: "该单位所用的采集批次"},
	column{name: "run_cutoff", header: "采集日期", kind: kDate, width: 11, def: "该批次的数据截止日"},
	column{name: "pages", header: "尝试页面", kind: kInt, width: 8, def: "尝试采集的页面数"},
	column{name: "fetched", header: "成功", kind: kInt, width: 7, def: "采集成功的页面数"},
	column{name: "failed", header: "失败", kind: kInt, width: 7, def: "采集失败的页面数（网络错误、服务器错误）"},
	column{name: "blocked", header: "被拦截", kind: kInt, width: 7, def: "被防火墙或人机验证拦截的页面数"},
	column{name: "robots", header: "robots禁止", kind: kInt, width: 8, def: "被网站 robots.txt 禁止采集的页面数"},
	column{name: "fail_rate", header: "失败率", kind: kPct, width: 8, def: "（失败 + 被拦截）÷ 尝试页面"},
	column{name: "columns_failed", header: "栏目未核实", kind: kInt, width: 8, def: "未能完整读取的栏目数（不完整、失败、被拦截、可疑、需浏览器或未采集），明细见“采集核验”"},
	column{name: "drift_columns", header: "抓取失效栏目", kind: kInt, width: 9, def: "此前有信息、本次一条也未识别出的栏目数（网站改版等）"},
	column{name: "home_ok", header: "首页可访问", kind: kBool, width: 8, def: "首页是否能打开；未配置首页为“—”"},
	column{name: "mailboxes_failed", header: "信箱未核实", kind: kInt, width: 8, def: "未能完整读取的信箱数"},
	column{name: "complete", header: "采集完整", kind: kBool, width: 8, def: "“否”表示本单位有页面未采集到：相关指标不能视为单位未发布"},
)

var sourceCols = withUnit(
	column{name: "source_label", header: "来源", kind: kText, width: 7, def: "栏目、信箱或首页"},
	column{name: "source_name", header: "名称", kind: kText, width: 16, def: "栏目或信箱名称"},
	column{name: "verdict", header: "核验结论", kind: kVerdict, width: 9, def: "完整、确认为空（可据以判断）；不完整、可疑、被拦截、失败、需浏览器（不据以判断，相关得分和否决待核实）"},
	column{name: "verdict_reason", header: "依据", kind: kReason, width: 26, def: "网站自报的总数或页数与实际读到的对照，或失败原因"},
	column{name: "site_total", header: "网站自报条数", kind: kInt, width: 9, def: "网站标明的记录总数（共N条等）；未标明为“—”"},
	column{name: "items_read", header: "读到条数", kind: kInt, width: 8, def: "实际读到的不同信息或信件条数"},
	column{name: "pages", header: "读取页数", kind: kInt, width: 8, def: "读取的列表页数"},
	column{name: "run_id", header: "采集批次", kind: kRun, width: 18, def: "所用采集批次"},
	column{name: "url", header: "网址", kind: kURL, width: 26, def: "栏目、信箱或首页地址"},
)
