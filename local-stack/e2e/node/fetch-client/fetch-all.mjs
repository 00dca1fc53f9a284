// Reads what Nuage serves as a Node.js client does: the platform's own fetch (undici), with its
// default request headers, above all its default Accept-Encoding, which asks for compression as
// Mastodon, PeerTube, Misskey and Fedify-based servers do. No dependency: this is the fetch those
// servers' Node code uses.
//
// Usage: node fetch-all.mjs targets.json
//   targets.json: [{"url": "...", "accept": "...", "kind": "json" | "xml" | "html" | "text"}, ...]
// Prints one JSON object per target: what a GET, a HEAD and, where the GET had an ETag, a
// conditional GET gave, and whether the body parsed as its kind.
import { readFileSync } from 'node:fs';

const targets = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function parses(kind, text) {
  try {
    switch (kind) {
      case 'json':
        JSON.parse(text);
        return true;
      case 'xml':
        return /^\s*<\?xml[^>]*\?>\s*</.test(text) && text.trimEnd().endsWith('>');
      case 'html':
        return /^\s*<!doctype html>/i.test(text) && /<\/html>\s*$/i.test(text);
      default:
        // A stylesheet or a script: text with no NUL, which gzip bytes read as UTF-8 would have.
        return text.length > 0 && !text.includes('\u0000') && !text.includes('\ufffd');
    }
  } catch {
    return false;
  }
}

function headersOf(response) {
  const picked = {};
  for (const name of ['content-encoding', 'content-type', 'vary', 'etag', 'content-length']) {
    const value = response.headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return picked;
}

for (const target of targets) {
  const result = { url: target.url };
  try {
    const headers = target.accept ? { accept: target.accept } : {};
    const get = await fetch(target.url, { headers });
    const text = await get.text();
    result.status = get.status;
    result.headers = headersOf(get);
    result.length = text.length;
    result.parsed = parses(target.kind, text);
    if (!result.parsed) result.start = text.slice(0, 80);

    const head = await fetch(target.url, { method: 'HEAD', headers });
    result.headStatus = head.status;
    result.headHeaders = headersOf(head);
    result.headBody = (await head.text()).length;

    const etag = get.headers.get('etag');
    if (etag) {
      const again = await fetch(target.url, { headers: { ...headers, 'if-none-match': etag } });
      result.conditionalStatus = again.status;
      result.conditionalBody = (await again.text()).length;
    }
  } catch (error) {
    result.error = String(error && error.cause ? `${error} (${error.cause})` : error);
  }
  console.log(JSON.stringify(result));
}
