package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gongkai/gongkai/queries"
	"github.com/gongkai/gongkai/reports"
)

func runQuery(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "query", "[--config FILE] (METRIC [--period PERIOD | --from DATE --to DATE] [--cutoff DATE] | --sql SQL | --file FILE | --list) [--format FORMAT] [--bom] [-o|--output FILE]")
	cfgPath := configFlag(fs)
	list := fs.Bool("list", false, "list the metrics with their one-line definitions")
	sqlText := fs.String("sql", "", "run this SQL instead of a metric")
	sqlFile := fs.String("file", "", "run the SQL in this file instead of a metric")
	periodFlag := fs.String("period", "", "month (2026-10) or year (2026); default the previous month")
	from := fs.String("from", "", "first day of the period")
	to := fs.String("to", "", "last day of the period")
	cutoff := cutoffFlag(fs)
	format := fs.String("format", "table", "output format: table, csv, json or xlsx")
	out := fs.StringP("output", "o", "", "write to this file instead of standard output (required for xlsx)")
	bom := fs.Bool("bom", false, "with --format csv: start with a byte-order mark, for opening in Excel")
	// The metric's name may stand before, between or after the flags.
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return parseFlags(fs, args)
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
		if err := parseFlags(fs, fs.Args()[1:]); err != nil {
			return err
		}
	} else if fs.NArg() > 0 {
		return usagef("gongkai query --help", "unexpected argument %q", fs.Arg(0))
	}
	if *list {
		// Aligned by display width: the Chinese titles take two columns a
		// character.
		t := &queries.Table{Columns: []string{"metric", "名称", "definition"}}
		for _, m := range queries.List() {
			t.Rows = append(t.Rows, []any{m.Name, m.Title, m.Description})
		}
		return queries.WriteText(e.stdout, t)
	}
	chosen := 0
	for _, s := range []string{name, *sqlText, *sqlFile} {
		if s != "" {
			chosen++
		}
	}
	if chosen != 1 {
		return usagef("gongkai query --list", "name one metric, or give --sql or --file")
	}
	switch *format {
	case "table", "csv", "json":
	case "xlsx":
		if *out == "" {
			return usagef("gongkai query "+name+" --format xlsx -o result.xlsx", "--format xlsx needs -o FILE")
		}
	default:
		return usagef("--format csv", "unknown format %q", *format)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	s := &stages{e: e, cfg: cfg, now: e.now}
	db, err := s.openPublished(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	var t *queries.Table
	switch {
	case name != "":
		if _, ok := queries.Lookup(name); !ok {
			return usagef("gongkai query --list", "unknown metric %q", name)
		}
		p, err := parsePeriod(*periodFlag, *from, *to, e.now())
		if err != nil {
			return err
		}
		cut, err := parseCutoff(*cutoff)
		if err != nil {
			return err
		}
		t, err = queries.Run(ctx, db, name, p.from, p.to, cut)
		if err != nil {
			return err
		}
	default:
		q := *sqlText
		if *sqlFile != "" {
			b, err := os.ReadFile(*sqlFile)
			if err != nil {
				return fmt.Errorf("read sql file: %w", err)
			}
			q = string(b)
		}
		t, err = queries.RunSQL(ctx, db, q)
		if err != nil {
			return err
		}
	}
	if *format == "xlsx" {
		sheet := name
		if sheet == "" {
			sheet = "query"
		}
		if err := reports.WriteTable(*out, sheet, t); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, *out)
		return nil
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "csv":
		return queries.WriteCSV(w, t, queries.CSVOptions{BOM: *bom})
	case "json":
		return queries.WriteJSON(w, t)
	default:
		return queries.WriteText(w, t)
	}
}
