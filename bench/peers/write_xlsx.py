#!/usr/bin/python3
"""XlsxWriter peer of gongkai's scorecard workbook.

Writes the same cells as gongkai's workbook (exported by the bench as JSON
lines: {"sheet": name, "row": [values]}, rows of a sheet consecutive, sheets
in workbook order) with XlsxWriter in constant_memory mode, the way a team
would write a large report in Python: numbers as numbers, text as strings
(never formulas), no styles, like the bench's excelize floor. The last line on stdout is the result as
JSON.

Run with Debian's interpreter and package:
  /usr/bin/python3 bench/peers/write_xlsx.py --cells cells.jsonl --out peer.xlsx
"""

import argparse
import json
import time

import xlsxwriter


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    start = time.monotonic()
    wb = xlsxwriter.Workbook(args.out, {
        "constant_memory": True,
        # Crawled text stays text: no formulas, numbers or URLs guessed.
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    })
    ws, current, r, rows = None, None, 0, 0
    with open(args.cells, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["sheet"] != current:
                current, r = rec["sheet"], 0
                ws = wb.add_worksheet(current)
            for c, v in enumerate(rec["row"]):
                if v == "" or v is None:
                    continue
                if isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, v)
            r += 1
            rows += 1
    wb.close()
    seconds = time.monotonic() - start
    print(json.dumps({"seconds": seconds, "count": rows, "info": {"xlsxwriter": xlsxwriter.__version__}}))


if __name__ == "__main__":
    main()
