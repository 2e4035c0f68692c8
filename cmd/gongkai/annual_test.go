package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestAnnualReportUsage(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"annual-report"}, exitUsage, "--unit is required"},
		{[]string{"annual-report", "--unit", "fgw", "--year", "25"}, exitUsage, "--year 25 is not a year"},
		{[]string{"annual-report", "--unit", "fgw", "--config", "/nonexistent/gongkai.yaml"}, exitUsage, "config file /nonexistent/gongkai.yaml not found"},
		{[]string{"annual-report", "--help"}, exitOK, "Usage: gongkai annual-report"},
	} {
		t.Run(fmt.Sprint(tt.args), func(t *testing.T) {
			te := newTestEnv(t, farmAsOf)
			code := te.run(ctx, tt.args...)
			all := te.out.String() + te.errOut.String()
			if code != tt.code || !strings.Contains(all, tt.want) {
				t.Errorf("exit %d, output %q; want exit %d and %q", code, all, tt.code, tt.want)
			}
		})
	}
}
