#!/usr/bin/env node
// node check.mjs ENDPOINTS.json [--report REPORT.json]
//
// ENDPOINTS.json lists what to check, each entry {endpoint, type} and either
//   {file, status}: a body already fetched (status defaults to 200), the path relative to ENDPOINTS.json, or
//   {url, token}: fetched here, with the bearer token when given.
// type is a TypeScript type expression over PeerTube's exported names, such as "ResultList<Video>".
// Prints, per endpoint, the required fields missing and the values of a wrong kind, then one summary
// line; --report writes the same numbers as JSON. Exits 0 once it has checked, 2 when it cannot.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkAll, report, summary } from './conformance.mjs';

async function load(entry, base) {
  if (entry.file) {
    const status = entry.status ?? 200;
    const text = await readFile(resolve(base, entry.file), 'utf8');
    return { status, json: status >= 200 && status < 300 ? JSON.parse(text) : undefined };
  }
  const response = await fetch(entry.url, { headers: entry.token ? { Authorization: `Bearer ${entry.token}` } : {} });
  const text = await response.text();
  let json;
  try { json = response.ok ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: response.status, json };
}

async function main(args) {
  const specPath = args[0];
  if (!specPath) throw new Error('usage: node check.mjs ENDPOINTS.json [--report REPORT.json]');
  const reportAt = args.indexOf('--report') >= 0 ? args[args.indexOf('--report') + 1] : null;
  const spec = JSON.parse(await readFile(specPath, 'utf8'));
  const base = dirname(resolve(specPath));
  const endpoints = [];
  for (const entry of spec) {
    endpoints.push({ endpoint: entry.endpoint, type: entry.type, ...(await load(entry, base)) });
  }
  const results = checkAll(endpoints);
  const total = summary(results);
  console.log(report(results));
  console.log(total.line);
  if (reportAt) {
    await writeFile(reportAt, JSON.stringify({
      ...total, line: total.line,
      endpoints: results.map(({ json, ...r }) => r)
    }, null, 2));
  }
}

main(process.argv.slice(2)).catch(e => {
  console.error(e.message);
  process.exit(2);
});
