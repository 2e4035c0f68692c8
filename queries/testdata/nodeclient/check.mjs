// Runs queries against a gongkai DuckDB file with the official Node.js
// client and prints each result as JSON: {name: {columns, rows}}. Values
// are DuckDB's JSON forms (dates as text, big integers and decimals as
// text, NULL as null), so the Go test compares them as text.
//
// Usage: node check.mjs DB QUERIES.json
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [db, queriesPath] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
const conn = await instance.connect();
const out = {};
for (const q of queries) {
  const reader = await conn.runAndReadAll(q.sql);
  out[q.name] = { columns: reader.columnNames(), rows: reader.getRowsJson() };
}
process.stdout.write(JSON.stringify(out));
conn.closeSync();
instance.closeSync?.();
