package etl

import (
	"slices"
	"testing"

	"github.com/go-ego/gse"
)

// TestSegmentTitles checks segmentation of real-style letter titles
// against hand-written expectations: office words stay whole, stop words
// and single characters are no terms.
func TestSegmentTitles(t *testing.T) {
	s, err := NewSegmenter(Words{
		Dictionary: []string{"物业费", "公租房", "异地就医", "夜间施工", "预付卡", "宅基地", "12345热线"},
		Stop:       []string{"咨询", "问题", "关于", "反映"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string][]string{
		"锦绣花园物业费上涨不合理":         {"锦绣", "花园", "物业费", "上涨", "不合理"},
		"咨询阳光家园公租房申请条件":        {"阳光", "家园", "公租房", "申请", "条件"},
		"孩子上实验小学的入学报名咨询":       {"孩子", "实验", "小学", "入学", "报名"},
		"人民路夜间施工噪音扰民":          {"人民", "夜间施工", "噪音", "扰民"},
		"华联超市预付卡跑路无法退款":        {"华联", "超市", "预付卡", "无法", "退款"},
		"李家村宅基地审批咨询":           {"李家", "宅基地", "审批"},
		"在市第一人民医院异地就医报销比例咨询":   {"第一", "人民", "医院", "异地就医", "报销", "比例"},
		"关于12345热线转办件办理时限的建议":  {"12345热线", "转办", "办理", "时限", "建议"},
		"小区电梯长期故障无人维修":         {"小区", "电梯", "长期", "故障", "无人", "维修"},
		"反映2026年3月锦绣花园电梯故障的问题": {"锦绣", "花园", "电梯", "故障"},
	}
	for title, want := range tests {
		if got := s.Terms(title); !slices.Equal(got, want) {
			t.Errorf("Terms(%q) = %q, want %q", title, got, want)
		}
	}
	tf := s.letterTF("电梯故障", "三号楼电梯故障一个月。电梯停运。")
	if tf["电梯"] != 4 || tf["故障"] != 3 {
		t.Errorf("letterTF: 电梯 %d (want 2 from the title + 2), 故障 %d (want 2 + 1)", tf["电梯"], tf["故障"])
	}
}

// BenchmarkLetterTerms is segmentation's cost per letter of the usual size
// (a title and a few sentences), the dictionary already loaded.
func BenchmarkLetterTerms(b *testing.B) {
	s, err := NewSegmenter(Words{Dictionary: []string{"物业费"}, Stop: []string{"问题"}})
	if err != nil {
		b.Fatal(err)
	}
	title := "锦绣花园物业费上涨不合理"
	content := "您好，锦绣花园物业公司没有开业主大会就把物业费提高了三成，业主多次找物业沟通都没有结果。希望有关部门尽快处理，谢谢！"
	b.ResetTimer()
	for b.Loop() {
		s.letterTF(title, content)
	}
}

// TestSegmentWithoutCalcToken: the shared segmenter skips gse's CalcToken
// (after its dictionary load it never runs it again for office words);
// its cuts must equal those of a segmenter that ran it after adding the
// same words, the way gse documents adding tokens.
func TestSegmentWithoutCalcToken(t *testing.T) {
	words := Words{Dictionary: []string{"物业费", "公租房", "异地就医", "夜间施工", "预付卡", "宅基地", "12345热线", "业委会", "维修基金"}}
	s, err := NewSegmenter(words)
	if err != nil {
		t.Fatal(err)
	}
	var ref gse.Segmenter
	ref.SkipLog = true
	if err := ref.LoadDictEmbed("zh_s"); err != nil {
		t.Fatal(err)
	}
	for _, d := range words.Dictionary {
		add := ref.AddToken
		if _, _, known := ref.Dict.Find([]byte(d)); known {
			add = ref.ReAddToken
		}
		if err := add(d, 100000, "n"); err != nil {
			t.Fatal(err)
		}
	}
	ref.CalcToken()
	texts := []string{
		"锦绣花园物业费上涨不合理，业委会成立以来从未公开维修基金的使用情况，请物业管理部门核查。",
		"咨询阳光家园公租房申请条件：外地户籍、在本市缴纳社保满三年能否申请？",
		"人民路与解放路交叉口夜间施工噪音扰民，凌晨两点还在打桩，严重影响休息。",
		"在市第一人民医院异地就医报销比例是多少？门诊慢特病如何备案？",
		"华联超市预付卡跑路无法退款，消费者权益如何保障，市场监管局是否介入？",
		"李家村宅基地审批迟迟没有结果，村委会说材料已经报到镇里，请问还需要多久。",
		"关于12345热线转办件办理时限的建议：转办后三个工作日内应告知来电人承办单位。",
		"孩子随迁子女入学需要哪些材料？居住证满一年是否可以在实验小学报名？",
		"小区电梯长期故障无人维修，老人上下楼非常困难，望尽快解决。2026年3月15日",
		"Bus 12 路公交车改线后，居民出行不便，建议恢复原线路或增设接驳车。",
	}
	for _, text := range texts {
		if got, want := s.Cut(text), ref.Cut(text, true); !slices.Equal(got, want) {
			t.Errorf("Cut(%q):\n got %q\nwant %q", text, got, want)
		}
	}
}
