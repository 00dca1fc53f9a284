// Nuage's page script: forms that call the REST API with the session cookie and the CSRF token,
// and the upload page (direct multipart upload with progress, resume after a reload, then the
// transcoding progress until the video is published). The session token is never readable here.
(function () {
  'use strict';
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.content : '';

  function api(method, url, body) {
    var headers = { 'Accept': 'application/json' };
    if (csrf) headers['X-CSRF-Token'] = csrf;
    var multipart = body instanceof FormData;
    // A FormData body sets its own multipart Content-Type, boundary included.
    if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
    return fetch(url, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined || multipart ? body : JSON.stringify(body) }).then(function (response) {
      if (response.status === 204) return {};
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) throw new Error(json.detail || json.error_description || ('HTTP ' + response.status));
        return json;
      });
    });
  }

  function status(form, text, isError) {
    var box = form.querySelector('.form-status') || (form.parentNode && form.parentNode.querySelector('.form-status'));
    if (!box) {
      box = document.createElement('p');
      box.className = 'form-status';
      box.setAttribute('role', 'status');
      form.appendChild(box);
    }
    box.textContent = text;
    box.classList.toggle('error', !!isError);
  }

  // <form data-api="/api/v1/..." data-method="PUT">: fields become a JSON object.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches('form[data-api]')) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    var body = {};
    if (form.enctype === 'multipart/form-data') {
      body = new FormData(form);
    } else {
      new FormData(form).forEach(function (value, key) { body[key] = value; });
    }
    var method = form.dataset.method || 'POST';
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    api(method, form.dataset.api, method === 'DELETE' ? undefined : body).then(function () {
      window.location.reload();
    }).catch(function (error) {
      if (button) button.disabled = false;
      status(form, error.message, true);
    });
  });

  // <input type="file" data-preview="id">: the chosen picture shows in place of element id before it is sent.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches('input[type="file"][data-preview]') || !input.files.length) return;
    var shown = document.getElementById(input.dataset.preview);
    if (!shown) return;
    var img = shown;
    if (shown.tagName !== 'IMG') {
      img = document.createElement('img');
      img.id = shown.id;
      img.className = 'avatar';
      img.width = img.height = parseInt(shown.style.getPropertyValue('--size'), 10) || 96;
      img.style.setProperty('--size', img.width + 'px');
      shown.replaceWith(img);
    }
    img.removeAttribute('srcset');
    img.alt = 'Preview of the chosen picture';
    img.src = URL.createObjectURL(input.files[0]);
  });

  // A view counts once the video has played half its length, at most 30 s, as PeerTube's player reports it.
  var player = document.getElementById('nuage-player');
  if (player) {
    var watched = 0;
    var last = null;
    player.addEventListener('timeupdate', function () {
      var t = player.currentTime;
      if (last !== null && t > last && t - last < 2) watched += t - last;
      last = t;
      var needed = Math.min(30, (player.duration || 60) / 2);
      if (watched >= needed && !player.dataset.viewCounted) {
        player.dataset.viewCounted = 'sending';
        api('POST', '/api/v1/videos/' + player.dataset.uuid + '/views').then(function () {
          player.dataset.viewCounted = 'true';
        }).catch(function () { player.dataset.viewCounted = ''; });
      }
    });
  }

  var uploadForm = document.getElementById('upload-form');
  if (!uploadForm) return;

  var KEY = 'nuage-upload';
  var fileInput = document.getElementById('file');
  var drop = document.getElementById('drop');
  var bar = document.getElementById('upload-progress');
  var percent = document.getElementById('upload-percent');
  var transcodeBar = document.getElementById('transcode-progress');
  var transcodePercent = document.getElementById('transcode-percent');
  var stateLine = document.getElementById('upload-state');
  var note = document.getElementById('resume-note');

  function saved() {
    try { return JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { return null; }
  }
  function sameFile(entry, file) {
    return entry && file && entry.fileName === file.name && entry.size === file.size && entry.lastModified === file.lastModified;
  }
  function showProgress(done, total) {
    var value = total ? Math.floor(done * 100 / total) : 0;
    bar.value = value;
    bar.textContent = value + ' %';
    percent.textContent = value + ' %';
  }
  function say(text, state) {
    stateLine.textContent = text;
    if (state) stateLine.dataset.state = state;
  }

  var pending = saved();
  if (pending) {
    note.hidden = false;
    note.textContent = 'An upload of “' + pending.fileName + '” was interrupted. Choose the same file to resume it.';
  }
  fileInput.addEventListener('change', function () {
    var file = fileInput.files[0];
    var name = document.getElementById('name');
    if (file && !name.value) name.value = file.name.replace(/\.[^.]+$/, '');
    if (sameFile(saved(), file)) note.textContent = 'This file will resume where it stopped.';
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer.files.length) {
      fileInput.files = e.dataTransfer.files;
      fileInput.dispatchEvent(new Event('change'));
    }
  });

  function putPart(url, blob, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded); };
      xhr.onload = function () {
        if (xhr.status >= 200 && xhr.status < 300) resolve(); else reject(new Error('part upload answered HTTP ' + xhr.status));
      };
      xhr.onerror = function () { reject(new Error('the connection to the storage failed')); };
      xhr.send(blob);
    });
  }

  function start(file) {
    var entry = saved();
    if (sameFile(entry, file)) {
      // Resume: ask the API which parts the storage already holds.
      return api('GET', '/api/v1/videos/uploads/' + entry.uuid).then(function (progress) {
        var have = {};
        progress.parts.forEach(function (p) { have[p.partNumber] = p.size; });
        return { entry: entry, have: have };
      });
    }
    var body = {
      name: document.getElementById('name').value, channel: document.getElementById('channel').value,
      privacy: document.getElementById('privacy').value, description: document.getElementById('description').value,
      size: file.size, contentType: file.type || 'application/octet-stream'
    };
    return api('POST', '/api/v1/videos/uploads', body).then(function (started) {
      var fresh = { uuid: started.video.uuid, shortUUID: started.video.shortUUID, fileName: file.name, size: file.size,
        lastModified: file.lastModified, partSize: started.upload.partSize, parts: started.upload.parts };
      localStorage.setItem(KEY, JSON.stringify(fresh));
      return { entry: fresh, have: {} };
    });
  }

  function uploadParts(file, entry, have) {
    var done = 0;
    Object.keys(have).forEach(function (n) { done += have[n]; });
    showProgress(done, file.size);
    var todo = entry.parts.filter(function (p) { return !have[p.partNumber]; });
    return todo.reduce(function (chain, part) {
      return chain.then(function () {
        var from = (part.partNumber - 1) * entry.partSize;
        var blob = file.slice(from, Math.min(file.size, from + entry.partSize));
        return putPart(part.url, blob, function (loaded) { showProgress(done + loaded, file.size); }).then(function () {
          done += blob.size;
          showProgress(done, file.size);
        });
      });
    }, Promise.resolve());
  }

  function watchTranscoding(entry) {
    return api('GET', '/api/v1/videos/' + entry.uuid).then(function (video) {
      var state = video.state.id;
      if (state === 1) {
        transcodeBar.value = 100;
        transcodePercent.textContent = '100 %';
        stateLine.innerHTML = '';
        var link = document.createElement('a');
        link.href = '/w/' + video.shortUUID;
        link.id = 'watch-link';
        link.textContent = 'Published: watch it';
        stateLine.appendChild(link);
        stateLine.dataset.state = 'published';
        return;
      }
      if (state === 7) {
        say('Processing failed: ' + (video.failureReason || 'unknown reason'), 'failed');
        return;
      }
      var p = video.transcoding ? video.transcoding.progress : 0;
      transcodeBar.value = p;
      transcodePercent.textContent = p + ' %';
      say('Processing… ' + p + ' %', 'transcoding');
      return new Promise(function (r) { setTimeout(r, 1500); }).then(function () { return watchTranscoding(entry); });
    });
  }

  uploadForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = fileInput.files[0];
    if (!file) return;
    var button = document.getElementById('upload-start');
    button.disabled = true;
    var statusBox = document.getElementById('upload-status');
    statusBox.hidden = false;
    statusBox.scrollIntoView({ block: 'center' });
    say('Uploading…', 'uploading');
    var current;
    start(file).then(function (started) {
      current = started.entry;
      return uploadParts(file, started.entry, started.have);
    }).then(function () {
      showProgress(file.size, file.size);
      say('Upload complete; processing…', 'transcoding');
      return api('POST', '/api/v1/videos/uploads/' + current.uuid + '/complete');
    }).then(function () {
      localStorage.removeItem(KEY);
      return watchTranscoding(current);
    }).catch(function (error) {
      button.disabled = false;
      say('Stopped: ' + error.message + '. Submit again to resume.', 'error');
    });
  });
}());
