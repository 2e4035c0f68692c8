package reports

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/landing"
)

// rectifyDays is the 整改时限 of every finding of a 问题清单: working days
// from the day the 问题清单 is issued (rectification_deadline).
const rectifyDays = 15

// requirements say what a unit must do about each kind of finding, by the
// start of the finding's 问题 text (problemsSQL and the annual and opinion
// findings). The first that matches applies.
var requirements = []struct{ prefix, fix string }{
	{"单项否决：", "立即整改否决事项，逐项消除否决情形，整改完成后书面报告整改情况"},
	{"否决待核实：", "核实相关栏目、信箱或首页能否正常访问，确保可完整浏览后配合重新采集"},
	{"需重新采集：", "检查该栏目、信箱或首页能否正常访问、完整翻页，确保可完整浏览后配合重新采集"},
	{"预警：", "及时处理预警事项，防止达到否决线"},
	{"逾期发布", "规范发布流程，确保信息成文后 20 个工作日内公开"},
	{"栏目不更新", "及时更新栏目内容，确保在更新期限内有新发布的信息"},
	{"空白栏目", "补充栏目内容；确无内容的栏目予以整合或注明原因"},
	{"栏目待核实", "检查栏目能否正常访问，确保可完整浏览"},
	{"政策未关联解读", "补充发布政策解读，并在政策文件与解读页面相互添加链接"},
	{"信件超时未办", "尽快办理并答复，严格落实答复时限"},
	{"信件逾期答复", "严格落实答复时限，按期答复来信"},
	{"信件超期未答复", "立即办理答复并公开答复内容"},
	{"留言公开缺项", "补全公开页面的回复时间、答复单位和答复内容"},
	{"疑似倒签补录", "说明标称发布日期与实际发布时间不一致的原因，规范发布日期"},
	{"已删除", "说明删除原因；确需撤回的信息按规定留存撤回说明"},
	{"列出未核验", "检查信息详情页能否正常打开"},
	{"年报", "按国家规定格式更正政府信息公开工作年度报告并重新发布"},
	{"舆情突增未回应", "针对来信集中反映的问题及时发布政策解读或通知公告予以回应"},
	{"舆情突增", "持续关注来信集中反映的问题"},
	{"重复来信未解决", "对反复来信反映的事项作出实质性答复，推动问题解决"},
	{"重复来信", "跟踪反复来信反映事项的办理情况"},
	{"答复敷衍", "提高答复质量，针对来信内容作出具体答复"},
}

// requirement is the 整改要求 of a finding, "" for a kind no rule names.
func requirement(problem string) string {
	for _, r := range requirements {
		if strings.HasPrefix(problem, r.prefix) {
			return r.fix
		}
	}
	return ""
}

// outcomeLabels name a page or column's crawl outcome in Chinese.
var outcomeLabels = []struct{ outcome, label string }{
	{landing.OutcomeOK, "成功"},
	{landing.OutcomeEmpty, "无内容"},
	{landing.OutcomeFailed, "失败"},
	{landing.OutcomeBlocked, "被拦截"},
	{landing.OutcomeRobots, "robots.txt 禁止"},
	{landing.OutcomeSkipped, "未重新采集"},
}

// outcomeLabel is an outcome's Chinese name; an unknown one stays as it is.
func outcomeLabel(o string) string {
	for _, l := range outcomeLabels {
		if l.outcome == o {
			return l.label
		}
	}
	return o
}

// outcomeLabelSQL is outcomeLabel of the column outcome, as SQL.
var outcomeLabelSQL = func() string {
	var b strings.Builder
	b.WriteString("CASE outcome")
	for _, l := range outcomeLabels {
		fmt.Fprintf(&b, " WHEN '%s' THEN '%s'", l.outcome, l.label)
	}
	b.WriteString(" ELSE outcome END")
	return b.String()
}()
