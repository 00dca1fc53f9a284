// The local WebTorrent tracker: npm's bittorrent-tracker, HTTP announces (desktop clients) and
// WebSocket announces (browsers, which find each other through it) on one loopback port.
// Started by the local runner; only the server is imported, as the package's command line also
// loads its WebRTC client, whose native module is not installed (npm ci --ignore-scripts).
// Usage: node tracker.mjs PORT
import Server from 'bittorrent-tracker/server'

const port = Number(process.argv[2])
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: node tracker.mjs PORT')
  process.exit(2)
}
// UDP is off: browsers cannot use it and the runner serves loopback only.
const server = new Server({ http: true, ws: true, udp: false, stats: true })
server.on('error', err => console.error(`error: ${err.message}`))
server.on('warning', err => console.log(`warning: ${err.message}`))
server.listen(port, '127.0.0.1', () => console.log(`tracker listening on 127.0.0.1:${port} (http and ws)`))
// The runner holds our stdin; when it goes away, even killed, so do we.
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
