package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// floorJob is the bare floor of the crawl: a plain net/http client that
// fetches a fixed list of requests (the pages a crawler fetched) with the
// same concurrency and parses every HTML answer with goquery. It knows
// nothing of pagination, extraction, retries, robots.txt or storage, so
// no crawler can beat it on the same machine.
type floorJob struct {
	jobCommon
	Requests        string `json:"requests"` // JSON lines: method, url, body, content_type
	Units           int    `json:"units"`    // hosts at once
	HostParallelism int    `json:"host_parallelism"`
}

type floorRequest struct {
	Method      string `json:"method"`
	URL         string `json:"url"`
	Body        string `json:"body"`
	ContentType string `json:"content_type"`
}

func readFloorRequests(path string) (map[string][]floorRequest, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read request list: %w", err)
	}
	defer f.Close()
	byHost := map[string][]floorRequest{}
	var hosts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var r floorRequest
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, nil, fmt.Errorf("request list: %w", err)
		}
		u, err := url.Parse(r.URL)
		if err != nil {
			return nil, nil, fmt.Errorf("request list: %w", err)
		}
		if _, ok := byHost[u.Host]; !ok {
			hosts = append(hosts, u.Host)
		}
		byHost[u.Host] = append(byHost[u.Host], r)
	}
	return byHost, hosts, sc.Err()
}

func stageFloor(ctx context.Context, data []byte) (childResult, error) {
	var job floorJob
	if err := json.Unmarshal(data, &job); err != nil {
		return childResult{}, err
	}
	byHost, hosts, err := readFloorRequests(job.Requests)
	if err != nil {
		return childResult{}, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = job.HostParallelism
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	var pages, links, failed atomic.Int64
	fetch := func(r floorRequest) {
		var body io.Reader
		if r.Body != "" {
			body = strings.NewReader(r.Body)
		}
		req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
		if err != nil {
			failed.Add(1)
			return
		}
		if r.ContentType != "" {
			req.Header.Set("Content-Type", r.ContentType)
		}
		resp, err := client.Do(req)
		if err != nil {
			failed.Add(1)
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			failed.Add(1)
			return
		}
		pages.Add(1)
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
			if err == nil {
				links.Add(int64(doc.Find("a[href]").Length()))
			}
		}
	}

	start := time.Now()
	hostCh := make(chan string)
	var wg sync.WaitGroup
	for range max(job.Units, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for h := range hostCh {
				reqs := make(chan floorRequest)
				var hw sync.WaitGroup
				for range max(job.HostParallelism, 1) {
					hw.Add(1)
					go func() {
						defer hw.Done()
						for r := range reqs {
							fetch(r)
						}
					}()
				}
				for _, r := range byHost[h] {
					reqs <- r
				}
				close(reqs)
				hw.Wait()
			}
		}()
	}
	for _, h := range hosts {
		hostCh <- h
	}
	close(hostCh)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return childResult{}, err
	}
	return childResult{Seconds: time.Since(start).Seconds(), Count: pages.Load(),
		Info: map[string]any{"failed": failed.Load(), "links": links.Load()}}, nil
}
