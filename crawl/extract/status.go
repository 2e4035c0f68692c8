package extract

import "strings"

// Status wordings by outcome. Unreplied is checked first and replied last
// because the negative and ongoing wordings contain the positive ones
// (未回复 holds 回复, 未办结 holds 办结).
var statusWords = []struct {
	status string
	words  []string
}{
	{StatusUnreplied, []string{"待回复", "未回复", "待处理", "未办理", "未答复", "待答复", "未办结", "未处理", "待办理", "待受理", "未受理", "未反馈", "待反馈", "暂未回复", "尚未回复"}},
	{StatusInProgress, []string{"办理中", "处理中", "正在办理", "正在处理", "已受理", "已转办", "受理中", "转办中", "已交办", "交办中", "已分办", "审核中", "答复中", "回复中"}},
	{StatusReplied, []string{"已回复", "已办结", "已答复", "已反馈", "已处理", "已完成", "已解决", "办结", "已回", "回复完成", "已公开"}},
}

func normalizeStatus(raw string) string {
	s := squash(raw)
	if s == "" {
		return StatusUnknown
	}
	for _, g := range statusWords {
		for _, w := range g.words {
			if strings.Contains(s, w) {
				return g.status
			}
		}
	}
	return StatusUnknown
}

// Letter types, checked in this order: a combined wording such as 投诉举报
// or 意见建议 belongs to its first kind found here.
var letterTypes = []struct {
	kind  string
	words []string
}{
	{"咨询", []string{"咨询", "询问", "问询", "疑问"}},
	{"投诉", []string{"投诉", "举报", "控告", "检举"}},
	{"求助", []string{"求助", "求援", "帮助"}},
	{"建议", []string{"建议", "意见", "献策", "建言"}},
}

// LetterTypeOther is the type of letters that are none of the known kinds.
const LetterTypeOther = "其他"

// letterType is the Type of an extracted letter: empty when the page shows
// no type at all, so that a mailbox-wide default can apply downstream.
func letterType(raw string) string {
	if squash(raw) == "" {
		return ""
	}
	return normalizeLetterType(raw)
}

func normalizeLetterType(raw string) string {
	s := squash(raw)
	for _, t := range letterTypes {
		for _, w := range t.words {
			if strings.Contains(s, w) {
				return t.kind
			}
		}
	}
	return LetterTypeOther
}
