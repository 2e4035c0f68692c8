package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// folds is the fast check in front of widthFolder: it must know every rune
// the replacer maps, or foldWidth would skip text that needs folding.
func TestFoldsCoversWidthFolder(t *testing.T) {
	for i := 0; i < len(widthPairs); i += 2 {
		r, _ := utf8.DecodeRuneInString(widthPairs[i])
		if !folds(r) {
			t.Errorf("folds(%q) = false, but widthFolder maps it", r)
		}
	}
}

func TestFoldWidthAndClean(t *testing.T) {
	tests := []struct{ in, folded, cleaned string }{
		{"", "", ""},
		{"plain ascii", "plain ascii", "plain ascii"},
		{"索引号：ＡＢ－０１２", "索引号:ＡＢ-012", "索引号:ＡＢ-012"},
		{"文\u3000\u3000号：", "文  号:", "文 号:"},
		{"  发布日期  2026  ", "  发布日期  2026  ", "发布日期 2026"},
		{"a\u00a0b", "a b", "a b"},
		{"\n\t ", "\n\t ", ""},
		{"a\tb", "a\tb", "a b"},
		{"无需折叠的中文", "无需折叠的中文", "无需折叠的中文"},
		{"\xff\xfe：", "\xff\xfe:", "\xff\xfe:"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := foldWidth(tt.in); got != tt.folded {
				t.Errorf("foldWidth(%q) = %q, want %q", tt.in, got, tt.folded)
			}
			if got := clean(foldWidth(tt.in)); got != tt.cleaned {
				t.Errorf("clean(foldWidth(%q)) = %q, want %q", tt.in, got, tt.cleaned)
			}
			if want := strings.Join(strings.FieldsFunc(tt.in, isSpace), " "); clean(tt.in) != want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, clean(tt.in), want)
			}
		})
	}
}
