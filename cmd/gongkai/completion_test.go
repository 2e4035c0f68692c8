package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComplete(t *testing.T) {
	_, cfg := smallFarm(t, 3)
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{""}, nil}, // every command: checked below
		{[]string{"re"}, []string{"report"}},
		{[]string{"-"}, []string{"--help", "--version"}},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}},
		{[]string{"query", "--fo"}, []string{"--format"}},
		{[]string{"query", "--format", ""}, []string{"table", "csv", "json", "xlsx"}},
		{[]string{"query", "--format=c"}, []string{"--format=csv"}},
		{[]string{"query", "-o", "x"}, []string{completeFile}},
		{[]string{"query", "scorec"}, []string{"scorecard"}},
		{[]string{"run", "--config", ""}, []string{completeFile}},
		{[]string{"demo", "--dir", ""}, []string{completeDir}},
		{[]string{"report", "--per"}, []string{"--period", "--per-unit"}},
		{[]string{"crawl", "--config", cfg, "--units", ""}, []string{"u01", "u02", "u03"}},
		{[]string{"crawl", "--config=" + cfg, "--units", "u02,"}, []string{"u02,u01", "u02,u03"}},
		{[]string{"annual-report", "--config", cfg, "--unit", "u03"}, []string{"u03"}},
		{[]string{"crawl", "--config", filepath.Join(t.TempDir(), "none.yaml"), "--units", ""}, nil},
		{[]string{"frobnicate", ""}, nil},
	}
	for _, tt := range tests {
		got := complete(context.Background(), tt.words)
		if len(tt.words) == 1 && tt.words[0] == "" {
			if len(got) != len(commands()) {
				t.Errorf("complete(%q) = %q, want every command", tt.words, got)
			}
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("complete(%q) (-want +got):\n%s", tt.words, diff)
		}
	}
}

// TestCompletionScripts: each script is valid for its shell, and the bash
// one, loaded into bash, completes commands, flags and values by asking
// the program (this test binary standing in for it).
func TestCompletionScripts(t *testing.T) {
	dir := t.TempDir()
	for _, sh := range shells {
		te := newTestEnv(t, farmAsOf)
		if code := te.run(context.Background(), "completion", sh); code != exitOK {
			t.Fatalf("completion %s: exit %d: %s", sh, code, te.errOut.String())
		}
		path := filepath.Join(dir, "gongkai."+sh)
		if err := os.WriteFile(path, te.out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		bin, err := exec.LookPath(sh)
		if err != nil {
			t.Logf("%s not installed: its script's syntax is not checked", sh)
			continue
		}
		if out, err := exec.Command(bin, "-n", path).CombinedOutput(); err != nil {
			t.Errorf("%s -n on the %s script: %v\n%s", sh, sh, err, out)
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	_, cfg := smallFarm(t, 2)
	complete := func(line string) []string {
		t.Helper()
		script := `source "$1"; COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; _gongkai; printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "--norc", "-c", script, "bash", filepath.Join(dir, "gongkai.bash"), self+" "+line)
		cmd.Env = append(os.Environ(), envTestAsMain+"=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("bash completing %q: %v", line, err)
		}
		return strings.Fields(string(out))
	}
	tests := []struct {
		line string
		want []string
	}{
		{"rep", []string{"report"}},
		{"query --format ", []string{"table", "csv", "json", "xlsx"}},
		{"query --format=j", []string{"json"}}, // bash keeps "--format=" itself
		{"check --config " + cfg + " --units ", []string{"u01", "u02"}},
		{"load --reb", []string{"--rebuild"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, complete(tt.line)); diff != "" {
			t.Errorf("bash completing %q (-want +got):\n%s", tt.line, diff)
		}
	}
}
