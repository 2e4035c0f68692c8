// Command bench measures each stage of gongkai against the tool a team
// would otherwise reach for, on the same work, in one run, on one machine,
// and prints one Markdown table:
//
//   - crawl: gongkai's crawler, a Scrapy spider (bench/peers/farm_spider.py)
//     and a bare net/http + goquery client, all against the same simulated
//     farm (crawl/sitefarm) with the same concurrency and no delays;
//   - load: gongkai's loader (etl) against DuckDB merely reading the same
//     landing files;
//   - report: gongkai's scorecard workbook against xlsxwriter in
//     constant_memory mode (bench/peers/write_xlsx.py) and an unstyled
//     excelize StreamWriter writing the same cells;
//   - end to end: `gongkai run` on the same farm.
//
// Every measured stage runs in a child process so its peak memory
// (ru_maxrss) is its own: peers are Python processes, gongkai's stages run
// in a re-executed copy of this binary (-stage) or in the built gongkai
// binary. The farm itself runs in the parent.
//
// Usage:
//
//	go run ./bench              # 100 units, 50,000+ pages
//	go run ./bench -quick       # smoke run, under a minute
//	go run ./bench -o docs/bench-table.md
//
// The command owns only measuring. It must not change what it measures:
// stages are called through their public APIs exactly as the CLI calls them.
package main
