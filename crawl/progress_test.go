package crawl

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/gongkai/gongkai/config"
)

// syncBuffer is a buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestUnitsFilterAndProgressLog(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/zwgk/index.html": html(trsList([3]string{"/zwgk/a.html", "通知", "2026-09-01"})),
		"/zwgk/a.html":     html(detailPage("通知", "2026-09-01")),
	})
	cfg := siteConfig(s.URL + "/zwgk/index.html")
	second := cfg.Units[0]
	second.ID = "u2"
	cfg.Units = append(cfg.Units, second, config.Unit{ID: "u3", Name: "东城街道", Kind: "街道", Home: s.URL + "/zwgk/index.html"})
	var logs syncBuffer
	o := siteOptions(t, cfg)
	o.Units = []string{"u1", "u3"}
	o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	res := runCrawl(t, o)
	var ids []string
	for _, u := range res.Manifest.Units {
		ids = append(ids, u.UnitID)
		if !u.Done {
			t.Errorf("%s not done", u.UnitID)
		}
	}
	if strings.Join(ids, ",") != "u1,u3" {
		t.Errorf("manifest units %v, want u1,u3", ids)
	}
	units, err := res.Run.ReadUnits()
	must(t, err)
	if len(units) != 2 || units[1].Home != s.URL+"/zwgk/index.html" {
		t.Errorf("units.json %+v", units)
	}
	out := logs.String()
	for _, id := range []string{"u1", "u3"} {
		if !strings.Contains(out, "msg=\"unit done\" run="+res.Run.ID+" unit="+id) {
			t.Errorf("no progress line for %s in:\n%s", id, out)
		}
	}
	if len(res.Failed) != 0 {
		t.Errorf("failed: %v", res.Failed)
	}
	if _, err := Run(context.Background(), Options{Config: cfg, Landing: o.Landing, Units: []string{"nosuch"}}); err == nil {
		t.Error("an unknown unit was accepted")
	}
	if _, err := Run(context.Background(), Options{Config: cfg, Landing: o.Landing, Resume: true}); err == nil || !strings.Contains(err.Error(), "no incomplete run") {
		t.Errorf("resume with nothing to resume: %v", err)
	}
}
