package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gongkai/gongkai/crawl/sitefarm"
)

// reuseCrawl takes the landing run of an earlier run's crawl stage (its
// -work directory) for the load and report stages.
func (b *bench) reuseCrawl(work string) error {
	var res childResult
	if err := readJSON(filepath.Join(work, "crawl", "crawl.result.json"), &res); err != nil {
		return fmt.Errorf("reuse crawl: %w", err)
	}
	b.landingRoot, _ = res.Info["landing"].(string)
	b.runID, _ = res.Info["run_id"].(string)
	b.runDir, _ = res.Info["run_dir"].(string)
	if b.landingRoot == "" || b.runID == "" || b.runDir == "" {
		return fmt.Errorf("reuse crawl: %s names no landing run", work)
	}
	b.note("load and report measured on landing run %s, crawled by an earlier run of the bench", b.runID)
	return nil
}

// crawlStage crawls the farm with gongkai, the Scrapy spider and the bare
// floor, one after the other, and checks what the two crawlers extracted
// against the farm's truth and against each other.
func (b *bench) crawlStage(ctx context.Context) error {
	dir, err := b.stageDir("crawl")
	if err != nil {
		return err
	}

	// gongkai
	cfg := filepath.Join(dir, "gongkai.yaml")
	if err := writeConfig(cfg, b.truth, filepath.Join(dir, "gongkai-data"), b.cs); err != nil {
		return err
	}
	b.farm.ResetRequests()
	b.log("crawl: gongkai …")
	m, res, err := b.runStageChild(ctx, dir, "crawl",
		crawlJob{jobCommon: b.profile("crawl"), Config: cfg, Period: b.period, Now: b.truth.AsOf})
	if err != nil {
		return err
	}
	b.crawlLog = b.farm.Requests()
	served := len(b.crawlLog)
	b.landingRoot, _ = res.Info["landing"].(string)
	b.runID, _ = res.Info["run_id"].(string)
	b.runDir, _ = res.Info["run_dir"].(string)
	b.add(row{Stage: "crawl", Tool: "gongkai (crawl.Run on colly)", Amount: float64(served), Unit: "pages",
		Seconds: res.Seconds, Base: true}, m)
	items, letters, err := readLanding(b.runDir)
	if err != nil {
		return err
	}
	gk := checkExtraction(b.truth, items, letters)
	b.check(gk.ok(b.size), "gongkai extracted %s; the farm's truth has %d item records (%d distinct), %d letters",
		gk, b.size.ItemRecords, b.size.Items, b.size.Letters)

	if !b.o.peers {
		return b.crawlFloorOwn(ctx, dir)
	}

	// Scrapy
	spider := filepath.Join(b.root, "bench", "peers", "farm_spider.py")
	sitesPath := filepath.Join(dir, "sites.json")
	if err := writeJSON(sitesPath, sitesOf(b.truth)); err != nil {
		return err
	}
	out := filepath.Join(dir, "scrapy-items.jsonl")
	reqs := filepath.Join(dir, "scrapy-requests.jsonl")
	b.farm.ResetRequests()
	b.log("crawl: Scrapy …")
	m, res, err = b.runPeer(ctx, filepath.Join(dir, "scrapy.log"), spider,
		"--sites", sitesPath, "--out", out, "--requests", reqs,
		"--concurrent-units", strconv.Itoa(b.cs.Units), "--parallelism", strconv.Itoa(b.cs.HostParallelism),
		"--retries", strconv.Itoa(b.cs.Retries))
	if err != nil {
		return fmt.Errorf("scrapy peer: %w", err)
	}
	scrapyServed := len(b.farm.Requests())
	b.add(row{Stage: "crawl", Tool: "Scrapy " + b.machine.Scrapy + " spider", Amount: float64(scrapyServed),
		Unit: "pages", Seconds: res.Seconds}, m)
	sItems, sLetters, err := readScrapy(out)
	if err != nil {
		return err
	}
	sc := checkExtraction(b.truth, sItems, sLetters)
	b.check(sc.ok(b.size), "Scrapy extracted %s", sc)
	b.check(sc.ItemRecords == gk.ItemRecords && sc.Items == gk.Items && sc.Letters == gk.Letters,
		"gongkai and Scrapy extracted the same counts (%d/%d item records, %d/%d letters)",
		gk.ItemRecords, sc.ItemRecords, gk.Letters, sc.Letters)
	b.note("pages the farm answered: gongkai %s, Scrapy %s (each crawler paginates its own way)",
		thousands(float64(served)), thousands(float64(scrapyServed)))

	// Floor: exactly the requests Scrapy made, no crawling logic.
	b.farm.ResetRequests()
	b.log("crawl: floor …")
	m, res, err = b.runStageChild(ctx, dir, "floor",
		floorJob{Requests: reqs, Units: b.cs.Units, HostParallelism: b.cs.HostParallelism})
	if err != nil {
		return err
	}
	b.add(row{Stage: "crawl", Tool: "floor: net/http + goquery, fixed URL list", Amount: float64(len(b.farm.Requests())),
		Unit: "pages", Seconds: res.Seconds, Floor: true}, m)
	b.crawlGoals()
	if b.o.bigItems > 0 {
		return b.bigCrawlStage(ctx)
	}
	return nil
}

// crawlGoals compares gongkai's crawl with the floor's of the same run.
func (b *bench) crawlGoals() {
	gk, fl, ok := b.baseAndFloor("crawl")
	if !ok {
		return
	}
	speed := gk.rate() / fl.rate()
	b.setGoal("crawl-speed", fmt.Sprintf("%s (%s against %s pages/s)", pct(speed), thousands(gk.rate()), thousands(fl.rate())), speed >= 0.8)
	cpu := (gk.CPU / gk.Amount) / (fl.CPU / fl.Amount)
	b.setGoal("crawl-cpu", fmt.Sprintf("%s (%.3f against %.3f ms)", times(cpu), 1000*gk.CPU/gk.Amount, 1000*fl.CPU/fl.Amount), cpu <= 1.5)
	b.setGoal("crawl-rss", mib(gk.PeakKiB), gk.PeakKiB <= 64<<10)
}

// bigCrawlStage crawls a second farm of the same units with -big-items
// items per column, with gongkai alone, to see whether the crawl's peak
// memory stays flat as the work grows.
func (b *bench) bigCrawlStage(ctx context.Context) error {
	dir, err := b.stageDir("crawl-big")
	if err != nil {
		return err
	}
	farm := sitefarm.New(sitefarm.Options{Seed: b.o.seed, Units: b.o.units, ItemsPerColumn: b.o.bigItems})
	if err := farm.Start(); err != nil {
		return fmt.Errorf("start big farm: %w", err)
	}
	defer farm.Close()
	truth := farm.Truth()
	size := sizeOf(truth)
	cfg := filepath.Join(dir, "gongkai.yaml")
	if err := writeConfig(cfg, truth, filepath.Join(dir, "gongkai-data"), b.cs); err != nil {
		return err
	}
	farm.ResetRequests()
	b.log("crawl (big): gongkai over %d items, %d letters …", size.Items, size.Letters)
	m, res, err := b.runStageChild(ctx, dir, "crawl",
		crawlJob{jobCommon: b.profile("crawl-big"), Config: cfg, Period: b.period, Now: truth.AsOf})
	if err != nil {
		return err
	}
	served := len(farm.Requests())
	runDir, _ := res.Info["run_dir"].(string)
	items, letters, err := readLanding(runDir)
	if err != nil {
		return err
	}
	gk := checkExtraction(truth, items, letters)
	b.check(gk.ok(size), "gongkai's big crawl extracted %s; its farm's truth has %d item records (%d distinct), %d letters",
		gk, size.ItemRecords, size.Items, size.Letters)
	big := row{Stage: "crawl", Tool: fmt.Sprintf("gongkai, farm with %d items per column", b.o.bigItems),
		Amount: float64(served), Unit: "pages", Seconds: res.Seconds}
	b.add(big, m)
	if base, _, ok := b.baseAndFloor("crawl"); ok && base.PeakKiB > 0 {
		r := float64(m.PeakKiB) / float64(base.PeakKiB)
		b.setGoal("crawl-flat", fmt.Sprintf("%s (%s at %s pages, %s at %s pages)", times(r), mib(m.PeakKiB),
			thousands(float64(served)), mib(base.PeakKiB), thousands(base.Amount)), r <= 1.10)
	}
	return nil
}

// crawlFloorOwn is the floor without the Scrapy peer (-peers=false): it
// replays the GET requests gongkai's crawl made, from the farm's log (the
// log keeps no request bodies, so the few POSTs are left out, and the
// floor's pages are a little fewer than gongkai's).
func (b *bench) crawlFloorOwn(ctx context.Context, dir string) error {
	reqs := filepath.Join(dir, "gongkai-requests.jsonl")
	var list []floorRequest
	for _, r := range b.crawlLog {
		if r.Method != http.MethodGet || r.Status != http.StatusOK {
			continue
		}
		u, ok := b.unitBase[r.Unit]
		if !ok {
			continue
		}
		list = append(list, floorRequest{Method: r.Method, URL: u + r.Path})
	}
	if err := writeJSONLines(reqs, list); err != nil {
		return err
	}
	b.note("crawl floor without the Scrapy peer: it replays the %s GET requests gongkai made that the farm answered with 200", thousands(float64(len(list))))
	b.farm.ResetRequests()
	b.log("crawl: floor (gongkai's own requests) …")
	m, res, err := b.runStageChild(ctx, dir, "floor",
		floorJob{Requests: reqs, Units: b.cs.Units, HostParallelism: b.cs.HostParallelism})
	if err != nil {
		return err
	}
	b.add(row{Stage: "crawl", Tool: "floor: net/http + goquery, gongkai's GET requests", Amount: float64(len(b.farm.Requests())),
		Unit: "pages", Seconds: res.Seconds, Floor: true}, m)
	b.crawlGoals()
	if b.o.bigItems > 0 {
		return b.bigCrawlStage(ctx)
	}
	return nil
}

func writeJSONLines[T any](path string, rows []T) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
