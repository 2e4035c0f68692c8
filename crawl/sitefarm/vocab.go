package sitefarm

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Title material. Titles are assembled from these pieces so that a big
// farm has varied, realistic titles without storing a corpus.
var (
	workTopics = []string{"安全生产", "防汛抗旱", "营商环境优化", "乡村振兴", "文明城市创建", "疫情防控常态化",
		"信访维稳", "基层党建", "消防安全", "食品安全", "耕地保护", "生态环境保护", "数字政府建设",
		"政务公开", "招商引资", "民生实事", "安全隐患排查整治", "垃圾分类", "河长制", "森林防火",
		"人居环境整治", "重点项目建设", "就业创业服务", "养老服务", "燃气安全", "校园安全"}
	dynamicForms = []string{"%s召开%s工作推进会", "%s部署%s工作", "%s开展%s专项检查", "%s组织%s业务培训",
		"%s召开%s专题会议", "%s扎实推进%s工作", "%s开展%s宣传活动", "%s举办%s知识讲座"}
	leaderForms = []string{"%s带队调研%s工作", "%s督导检查%s工作", "%s主持召开%s工作座谈会"}
	leaderRoles = []string{"主要负责同志", "分管负责同志", "党组书记", "副局长", "副主任", "党委书记"}
	rareLeaders = []string{"王镕", "李堃", "张喆", "陈昇", "刘镕", "赵堃"}
	noticeForms = []string{"关于开展%d年%s工作的通知", "关于做好%s工作的通知", "关于%s有关事项的公告",
		"关于征求《%s管理办法（征求意见稿）》意见的公告", "关于%d年%s检查结果的通报", "关于举办%s培训班的通知"}
	policyNames = []string{"%s三年行动方案", "%s实施方案", "%s管理办法", "关于加强%s的若干措施",
		"%s工作规则", "关于进一步推进%s的实施意见", "%s考核办法"}
	personForms = []string{"%d年公开招聘工作人员公告", "%d年拟任职人员公示", "%d年公开遴选公务员公告",
		"关于%d年事业单位公开招聘拟聘用人员的公示", "%d年度考核优秀等次人员公示"}
	planForms   = []string{"%d年工作计划", "%d年工作总结和%d年工作计划", "“十五五”%s专项规划", "%d年%s工作要点"}
	budgetForms = []string{"%d年部门预算公开", "%d年部门决算公开", "%d年“三公”经费预算说明", "%d年部门整体支出绩效自评报告"}
	orgForms    = []string{"主要职责", "内设机构", "领导信息", "下属单位", "机构概况", "联系方式"}
	// letterTopics were the letters' subjects; the draw is kept so that
	// every later draw of a unit stays where it was. Subjects now come
	// from the topic vocabularies (opinion_vocab.go).
	letterTopics = []string{"孩子入学报名咨询", "小区噪音扰民", "道路破损无人维修", "社保缴费年限问题",
		"关于公交线路调整的建议", "老旧小区改造进度", "营业执照办理流程", "工资拖欠求助", "占道经营问题",
		"路灯长期不亮", "违规停车", "医保报销问题", "房屋征收补偿", "关于增设便民服务点的建议", "低保申请条件",
		"农村饮水安全", "学校收费问题", "养老金发放", "餐馆油烟扰民", "户口迁移手续"}
)

func dynamicTitle(r *rand.Rand, s *unitSpec, who string) string {
	topic := pick(r, workTopics)
	if r.IntN(4) == 0 {
		lead := pick(r, leaderRoles)
		if s.rareName {
			lead += pick(r, rareLeaders)
		}
		return fmt.Sprintf(pick(r, leaderForms), lead, topic)
	}
	return fmt.Sprintf(pick(r, dynamicForms), who, topic)
}

func noticeTitle(r *rand.Rand, year int) string {
	topic := pick(r, workTopics)
	f := pick(r, noticeForms)
	if strings.Contains(f, "%d") {
		if strings.Index(f, "%d") < strings.Index(f, "%s") {
			return fmt.Sprintf(f, year, topic)
		}
	}
	return fmt.Sprintf(f, topic)
}

// policyTitle returns the title and the document's short name, which its
// interpretation reuses.
func policyTitle(r *rand.Rand, who string) (title, doc string) {
	doc = fmt.Sprintf(pick(r, policyNames), pick(r, workTopics))
	return fmt.Sprintf("%s关于印发《%s》的通知", who, doc), doc
}

func interpTitle(r *rand.Rand, doc string) string {
	switch r.IntN(3) {
	case 0:
		return "《" + doc + "》政策解读"
	case 1:
		return "一图读懂《" + doc + "》"
	default:
		return "关于《" + doc + "》的解读"
	}
}

func annualTitle(r *rand.Rand, cat string, year int, who string) string {
	switch cat {
	case "人事信息":
		return who + fmt.Sprintf(pick(r, personForms), year)
	case "规划计划":
		f := pick(r, planForms)
		switch strings.Count(f, "%d") {
		case 2:
			return who + fmt.Sprintf(f, year-1, year)
		case 1:
			if strings.Contains(f, "%s") {
				return who + fmt.Sprintf(f, year, pick(r, workTopics))
			}
			return who + fmt.Sprintf(f, year)
		}
		return who + fmt.Sprintf(f, pick(r, workTopics))
	default:
		return who + fmt.Sprintf(pick(r, budgetForms), year)
	}
}

// cutTitle cuts a long title the way list templates do.
func cutTitle(t string, n int) string {
	k := 0
	for i := range t {
		if k == n {
			return t[:i] + "…"
		}
		k++
	}
	return t
}
