package etl

import "strings"

// Standard categories of the 政府信息公开目录, in catalogue order.
var Categories = []string{
	"机构领导", "机构设置", "部门动态", "通知公告", "人事信息", "政策文件", "政策解读",
	"规划计划", "依法行政", "财政预决算", "招标采购", "重点领域", "民生公益",
	"政务公开工作专题", "依申请公开", "其他",
}

// Sources of a column's category.
const (
	SourceConfig   = "config"   // set in the config file
	SourceRule     = "rule"     // from the column name by the built-in rules
	SourceUnmapped = "unmapped" // no rule matched: 其他, reported as a finding
)

// CategoryOther is the category of a column no rule maps.
const CategoryOther = "其他"

// nameRules map words in a column name to a category. The first rule with
// a word the name contains wins, so the order matters: "政策文件解读" is an
// interpretation, "行政执法公示" is 依法行政 not a notice, "招标公告" is
// procurement, and the catch-all words (文件, 通知, 动态) come last.
var nameRules = []struct {
	category string
	words    []string
}{
	{"政策解读", []string{"政策解读", "解读"}},
	{"依申请公开", []string{"依申请公开"}},
	{"政务公开工作专题", []string{"政务公开", "年度报告", "信息公开指南", "信息公开制度", "信息公开年报"}},
	{"财政预决算", []string{"财政预决算", "预决算", "财政资金", "部门预算", "部门决算", "预算", "决算", "三公经费"}},
	{"招标采购", []string{"招标采购", "政府采购", "招标", "采购", "招投标"}},
	{"依法行政", []string{"依法行政", "行政执法", "双随机", "行政许可", "行政处罚", "权责清单"}},
	{"人事信息", []string{"人事信息", "人事任免", "人事", "招录", "招聘", "任免"}},
	{"规划计划", []string{"规划计划", "发展规划", "工作计划", "计划总结", "规划", "计划"}},
	{"机构领导", []string{"机构领导", "领导信息", "领导分工", "领导简介", "领导之窗"}},
	{"机构设置", []string{"机构设置", "机构职能", "内设机构", "机构概况", "职能"}},
	{"重点领域", []string{"重点领域", "重大项目", "公共资源", "环境保护", "食品药品", "安全生产"}},
	{"民生公益", []string{"民生", "公益", "社会救助", "扶贫", "乡村振兴"}},
	{"政策文件", []string{"政策文件", "规范性文件", "政府文件", "政策法规", "文件"}},
	{"通知公告", []string{"通知公告", "公示公告", "通知", "公告", "公示"}},
	{"部门动态", []string{"工作动态", "本局动态", "部门动态", "镇街动态", "乡镇动态", "工作信息", "图片新闻", "要闻", "动态", "新闻"}},
}

// Categorize maps a column to its standard category. A configured category
// wins (source "config"); otherwise the built-in name rules decide ("rule");
// a name no rule knows is 其他 with source "unmapped".
func Categorize(columnName, configured string) (category, source string) {
	if c := strings.TrimSpace(configured); c != "" {
		return c, SourceConfig
	}
	name := strings.Join(strings.Fields(columnName), "")
	for _, r := range nameRules {
		for _, w := range r.words {
			if strings.Contains(name, w) {
				return r.category, SourceRule
			}
		}
	}
	return CategoryOther, SourceUnmapped
}
