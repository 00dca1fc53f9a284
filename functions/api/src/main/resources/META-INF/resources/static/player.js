// Nuage's player. It finds <video id="nuage-player">, starts it at once with HLS (hls.js, or the
// browser's own HLS, or the MP4 <source> the page already has), then, once the viewer presses play,
// loads WebTorrent and hands playback over to the MP4's torrent: the video element streams the file
// through WebTorrent's service worker, the pieces coming from the other viewers (WebRTC, found through
// the trackers of data-trackers) and from the S3 web seed of the torrent's url-list. So every viewer
// after the first takes bytes from peers instead of the bucket, and gives them on to the next.
// Why HLS first: the first frame does not wait for the WebTorrent bundle, the service worker and the
// tracker. What the handover costs: after it, the rendition is fixed (the one chosen for the screen),
// where HLS would adapt to the bandwidth; and a browser without service workers or WebRTC stays on HLS.
// #nuage-p2p-stats shows the counters (data-peers, data-p2p-bytes, data-webseed-bytes) as tests read them.
(() => {
  'use strict'

  const VENDOR = '/static/vendor/'
  const HLS_JS = VENDOR + 'hls.light-1.7.4.min.js'
  const WEBTORRENT_JS = VENDOR + 'webtorrent-3.0.21.min.js'
  // Served with Service-Worker-Allowed: / so that it may control every page that plays a video.
  const SERVICE_WORKER = VENDOR + 'webtorrent-sw-3.0.21.min.js'

  // How often the human-readable line may change; the data-* counters follow every half second.
  const TEXT_EVERY_MS = 5000

  // How long the torrent may take to deliver the first seconds before the MP4 is played directly.
  const STALL_MS = 20000

  const video = document.getElementById('nuage-player')
  const stats = document.getElementById('nuage-p2p-stats')
  if (!video) return

  const parse = (json, fallback) => {
    try { return JSON.parse(json || '') } catch (e) { return fallback }
  }
  // Highest resolution first, as the page lists them.
  const files = parse(video.dataset.files, []).filter(f => f && f.url)
  // Browsers speak only to WebSocket trackers; the HTTP ones are for desktop clients.
  const trackers = parse(video.dataset.trackers, []).filter(u => /^wss?:\/\//i.test(u))

  const state = { mode: 'mp4', peers: 0, p2p: 0, webseed: 0, uploaded: 0, progress: 0, note: '' }
  let hls = null
  let torrent = null
  let shownPeers = -1
  let shownAt = 0

  const size = n => n < 1024 ? n + ' B'
    : n < 1048576 ? (n / 1024).toFixed(1) + ' KB' : (n / 1048576).toFixed(1) + ' MB'

  function render () {
    if (!stats) return
    const d = stats.dataset
    d.peers = state.peers
    d.p2pBytes = state.p2p
    d.webseedBytes = state.webseed
    d.uploadedBytes = state.uploaded
    d.progress = state.progress.toFixed(3)
    d.mode = state.mode
    const text = state.mode === 'webtorrent'
      ? `P2P: ${state.peers} ${state.peers === 1 ? 'peer' : 'peers'} · ${size(state.p2p)} from peers · ` +
        `${size(state.webseed)} from the server · ${size(state.uploaded)} shared`
      : state.note
    // The line is a polite live region: screen readers hear it when the peers change, or every few seconds.
    const now = Date.now()
    if (text !== stats.textContent && (state.peers !== shownPeers || now - shownAt > TEXT_EVERY_MS)) {
      stats.textContent = text
      shownPeers = state.peers
      shownAt = now
    }
  }

  // The MP4 for this screen: the largest not taller than the player shows, else the smallest.
  function chooseFile () {
    const shown = Math.max(240, Math.round((video.clientHeight || 360) * (window.devicePixelRatio || 1)))
    return files.find(f => f.resolution <= shown) || files[files.length - 1]
  }

  function loadScript (src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script')
      script.src = src
      script.onload = resolve
      script.onerror = () => reject(new Error('could not load ' + src))
      document.head.appendChild(script)
    })
  }

  async function startHls () {
    const url = video.dataset.hls
    if (!url) return
    if (window.MediaSource && window.MediaSource.isTypeSupported &&
        window.MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"')) {
      await loadScript(HLS_JS)
      if (!window.Hls || !window.Hls.isSupported()) return
      hls = new window.Hls({ capLevelToPlayerSize: true })
      hls.on(window.Hls.Events.ERROR, (event, data) => {
        // A fatal error leaves the element on the MP4, which it can always play.
        if (data.fatal && hls) {
          hls.destroy()
          hls = null
          state.mode = 'mp4'
          video.src = (chooseFile() || {}).url || video.currentSrc
        }
      })
      hls.loadSource(url)
      hls.attachMedia(video)
      state.mode = 'hls'
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      // Safari plays HLS itself and has no MediaSource on iPhones.
      video.src = url
      state.mode = 'hls'
    }
  }

  // The service worker, active: WebTorrent's stream URLs are answered by it.
  async function serviceWorker () {
    const registration = await navigator.serviceWorker.register(SERVICE_WORKER, { scope: '/' })
    const worker = registration.active || registration.waiting || registration.installing
    if (worker && worker.state !== 'activated') {
      await new Promise(resolve => {
        const check = () => { if (worker.state === 'activated') resolve() }
        worker.addEventListener('statechange', check)
        check()
      })
    }
    // It claims the open pages when it activates; streaming needs this page to be controlled.
    if (!navigator.serviceWorker.controller) {
      await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }))
    }
    return registration
  }

  function count (wire) {
    // Piece bytes only, as bittorrent-protocol counts them, so the two counters add up to the file.
    wire.on('download', bytes => {
      if (wire.type === 'webSeed') state.webseed += bytes
      else state.p2p += bytes
    })
    wire.on('upload', bytes => { state.uploaded += bytes })
  }

  function handOver (file) {
    const at = video.currentTime
    const playing = !video.paused
    if (hls) {
      hls.destroy()
      hls = null
    }
    video.addEventListener('loadedmetadata', () => {
      if (at > 0) video.currentTime = at
      if (playing) video.play().catch(() => {})
    }, { once: true })
    file.streamTo(video)
    state.mode = 'webtorrent'
    // Neither peers nor the web seed answering leaves the element waiting forever: play the MP4 instead.
    setTimeout(() => {
      if (state.mode === 'webtorrent' && video.readyState < video.HAVE_FUTURE_DATA) {
        failed(new Error('no data from peers or the web seed'))
      }
    }, STALL_MS)
  }

  async function startP2p () {
    const chosen = chooseFile()
    if (!chosen || !chosen.torrentUrl) return
    if (!('serviceWorker' in navigator) || !window.RTCPeerConnection || !video.canPlayType('video/mp4')) {
      state.note = 'Peer-to-peer is not available in this browser.'
      return
    }
    const [registration, module] = await Promise.all([serviceWorker(), import(WEBTORRENT_JS)])
    const client = new module.default()
    client.on('error', failed)
    client.createServer({ controller: registration })
    // The web seed: the MP4's public URL as the API gives it today, which is also the torrent's url-list
    // unless the media bucket has moved since the torrent was made.
    torrent = client.add(chosen.torrentUrl, { announce: trackers, urlList: [chosen.url] })
    torrent.on('wire', count)
    torrent.on('error', failed)
    torrent.on('ready', () => handOver(torrent.files[0]))
    setInterval(() => {
      state.peers = torrent.wires.filter(w => w.type !== 'webSeed').length
      state.progress = torrent.progress
      render()
    }, 500)
    // Tests and curious people reach the torrent from the console.
    window.nuagePlayer = { client, torrent, state }
  }

  function failed (error) {
    console.warn('nuage player: peer-to-peer failed', error)
    state.note = 'Peer-to-peer is off: ' + (error && error.message ? error.message : error)
    if (state.mode === 'webtorrent') {
      // The stream URL is dead without WebTorrent; the web seed itself plays the same file.
      const at = video.currentTime
      state.mode = 'mp4'
      video.src = (chooseFile() || {}).url
      video.addEventListener('loadedmetadata', () => { video.currentTime = at; video.play().catch(() => {}) }, { once: true })
    }
    render()
  }

  startHls().catch(error => console.warn('nuage player: HLS failed, playing the MP4', error)).finally(render)
  video.addEventListener('play', () => startP2p().catch(failed), { once: true })
})()
