package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A broken rules file stops run and check before a single page is fetched,
// with the file, line and field.
func TestBrokenRulesFoundBeforeCrawl(t *testing.T) {
	ctx := context.Background()
	farm, cfgPath := smallFarm(t, 1)
	dir := filepath.Dir(cfgPath)
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, append(cfg, "rules: rules.yaml\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	builtin, err := os.ReadFile("../../rules/2026.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(builtin), "working_days: 20", "working_days: -3", 1)
	if broken == string(builtin) {
		t.Fatal("the built-in rules changed; the test's edit no longer applies")
	}
	rulesPath := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(rulesPath, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "--config", cfgPath},
		{"run", "--config", cfgPath, "--period", "2026-10"},
	} {
		te := newTestEnv(t, farmAsOf)
		code := te.run(ctx, args...)
		if code != exitFailure || !strings.Contains(te.errOut.String(), rulesPath+":") || !strings.Contains(te.errOut.String(), "working_days") {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 naming %s and the field", args[0], code, te.errOut.String(), rulesPath)
		}
	}
	if n := len(farm.Requests()); n != 0 {
		t.Errorf("%d requests reached the farm; the rules should have stopped the batch first", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "landing", "runs")); !os.IsNotExist(err) {
		t.Errorf("a crawl run was started: %v", err)
	}

	// A unit the rules name that the config does not have is refused too.
	unknown := strings.Replace(string(builtin), "by_unit: {}", "by_unit: {nosuch: {yearly: 10, monthly_minimum: 1}}", 1)
	if err := os.WriteFile(rulesPath, []byte(unknown), 0o644); err != nil {
		t.Fatal(err)
	}
	te := newTestEnv(t, farmAsOf)
	if code := te.run(ctx, "run", "--config", cfgPath, "--period", "2026-10"); code != exitFailure ||
		!strings.Contains(te.errOut.String(), `targets.by_unit.nosuch: no unit "nosuch"`) {
		t.Errorf("unknown unit: exit %d, stderr %q", code, te.errOut.String())
	}
}
