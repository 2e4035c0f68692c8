package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gongkai/gongkai/etl"
)

func main() {
	// etl.Publish checks a new database in a child process of this
	// executable, as it does in the gongkai command.
	if code, child := etl.VerifyChild(); child {
		os.Exit(code)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the command's flags.
type options struct {
	units   int    // farm units
	items   int    // average items per column
	quick   bool   // small smoke run
	out     string // also write the report here
	hostPar int    // requests at once per host
	unitPar int    // units crawled at once
	stages  string // comma-separated subset of crawl,load,report,detail,scale,history,e2e
	months  int    // monthly loads of the history stage
	// detailRows is the number of late items the detail stage adds.
	detailRows int
	// bigItems, when set, has the crawl stage crawl a second, bigger farm
	// (items per column) with gongkai alone.
	bigItems int
	work     string // working directory ("" = a temporary one)
	keep     bool   // keep the working directory
	python   string // the interpreter of the peers
	profile  string // directory for CPU profiles of gongkai's stages ("" = none)
	seed     int64
	stage    string // internal: run one measured stage (child mode)
	job      string // internal: the stage's job file
	result   string // internal: where the stage writes its result
	reuse    string // an earlier run's -work directory whose crawl is reused
	overlay  string // go build -overlay file for the gongkai binary
	peers    bool   // run the Python peers (Scrapy, XlsxWriter)
	fleet    fleetOptions
}

// Main runs the command and returns its exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.units, "units", 100, "units in the farm")
	fs.IntVar(&o.items, "items", 80, "average items per column")
	fs.BoolVar(&o.quick, "quick", false, "small smoke run (8 units, ~450 items); overrides -units and -items")
	fs.StringVar(&o.out, "o", "", "also write the Markdown report to this file")
	fs.IntVar(&o.hostPar, "parallelism", 4, "requests at once per host, every crawler (default: what gongkai demo uses)")
	fs.IntVar(&o.unitPar, "concurrent-units", 4, "units crawled at once, every crawler (default: what gongkai demo uses)")
	fs.StringVar(&o.stages, "stages", "crawl,load,report,detail,scale,history,e2e", "stages to run (comma-separated); load and history need crawl, report, detail and scale need load; fleet (needs redis-server) measures 1, 2 and 4 workers")
	fs.BoolVar(&o.peers, "peers", true, "run the Python peers (Scrapy, XlsxWriter); without them the crawl floor replays gongkai's own GET requests")
	fs.IntVar(&o.bigItems, "big-items", 0, "crawl stage: also crawl a farm of the same units with this many items per column, gongkai alone, and compare its peak RSS (640: about 500,000 pages)")
	fs.IntVar(&o.detailRows, "detail-rows", 1_000_000, "detail stage: rows of the scorecard's 逾期发布明细 sheet")
	fs.IntVar(&o.months, "months", 24, "history stage: monthly runs loaded one after the other into one database")
	fs.StringVar(&o.work, "work", "", "working directory (default: a new temporary directory)")
	fs.BoolVar(&o.keep, "keep", false, "keep the working directory")
	fs.StringVar(&o.python, "python", "/usr/bin/python3", "Python interpreter of the peers (Debian's, with python3-scrapy and python3-xlsxwriter)")
	fs.StringVar(&o.profile, "profile", "", "write CPU profiles of gongkai's crawl, load and report stages into this directory")
	fs.Int64Var(&o.seed, "seed", 1, "farm seed")
	fs.StringVar(&o.overlay, "overlay", "", "go build -overlay file used when building the gongkai binary (pass the same to go run to measure a change before it is made)")
	fs.StringVar(&o.reuse, "reuse", "", "measure load and report on the crawl of an earlier run's -work directory (kept with -keep) instead of crawling")
	fs.StringVar(&o.fleet.workers, "fleet-workers", "1,2,4", "fleet stage: the numbers of gongkai worker processes to measure")
	fs.IntVar(&o.fleet.units, "fleet-units", 16, "fleet stage: units of its politeness-bound farm")
	fs.IntVar(&o.fleet.items, "fleet-items", 20, "fleet stage: average items per column of its farm")
	fs.DurationVar(&o.fleet.delay, "fleet-delay", 20*time.Millisecond, "fleet stage: the delay between two requests to one host")
	fs.StringVar(&o.stage, "stage", "", "internal: run one stage as a measured child")
	fs.StringVar(&o.job, "job", "", "internal: job file of -stage")
	fs.StringVar(&o.result, "result", "", "internal: result file of -stage")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bench: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if o.quick {
		o.units, o.items = 8, 8
	}
	if o.detailRows < 1 {
		fmt.Fprintln(stderr, "bench: -detail-rows must be at least 1")
		return 2
	}
	if o.months < 2 {
		fmt.Fprintln(stderr, "bench: -months must be at least 2 (the last load is compared with the first)")
		return 2
	}
	var err error
	if o.stage != "" {
		err = runStage(ctx, o.stage, o.job, o.result)
	} else {
		err = run(ctx, o, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		if errors.Is(err, context.Canceled) {
			return 130
		}
		return 1
	}
	return 0
}
