/* The page around the game (README.md, "The web build"): the loading bar,
 * the click that starts the game and unlocks audio, the canvas size, saves
 * kept in IndexedDB, fullscreen, and level files opened from the player's
 * computer. It defines the Module object that the data loader (data.js) and
 * emscripten's output (miraclemile.js), loaded after it, pick up. */
'use strict';
(function () {
  var W = 480, H = 270; // the game's picture, RENDER_W x RENDER_H
  // What SDL_GetPrefPath("MiracleMile", "miraclemile") returns in the browser.
  var SAVE_DIR = '/libsdl/MiracleMile/miraclemile';
  // Opened level files go into the player's level folder, kept in IndexedDB
  // with the saves, so they are under "Custom levels" after a reload (in
  // memory only when the browser keeps nothing).
  var LEVEL_DIR = SAVE_DIR + '/levels';
  var MEMORY_LEVEL_DIR = '/custom';
  var MAX_LEVEL_BYTES = 1 << 20; // the game refuses bigger level files too

  function $(id) { return document.getElementById(id); }
  var canvas = $('canvas'), stage = $('stage'), cover = $('cover'), bar = $('bar');
  var progress = $('progress'), statusLine = $('status'), startButton = $('start');
  var noticeLine = $('notice'), fileInput = $('level-file'), dropHint = $('drop-hint');

  var ready = false, started = false, running = false, failed = false;
  var storage = 'pending'; // 'ok', or 'none' when the browser keeps nothing
  var syncing = false, syncAgain = false, syncCount = 0;
  var pendingFiles = null;
  var errLines = [];
  var timings = {}; // performance.now() at each step, for the browser test

  /* ---- what the player sees ------------------------------------------- */

  function setStatus(text) { statusLine.textContent = text; }

  function notice(text) {
    noticeLine.textContent = text;
    noticeLine.hidden = false;
    relayout();
  }

  function fail(text) {
    if (failed) return;
    failed = true;
    running = false;
    cover.hidden = false;
    progress.hidden = true;
    startButton.hidden = true;
    statusLine.className = 'error';
    var detail = errLines.slice(-6).join('\n');
    setStatus(text + (detail ? '\n\n' + detail : '') + '\n\nReload the page to try again.');
  }

  /* ---- the canvas: whole-number scales of 480x270 --------------------- */

  // The canvas is shown at a whole multiple of the picture in device pixels
  // (as large as fits), but its drawing buffer stays the picture's own
  // 480x270: the browser scales it up with image-rendering: pixelated, which
  // is exact at a whole-number scale and costs the GPU (or a software WebGL
  // such as SwiftShader in a virtual machine) a fraction of drawing every
  // device pixel. A stage smaller than the picture shows it shrunk
  // (pixelated, never blurred). SDL reads the canvas size from
  // getBoundingClientRect() when the window is created and on each resize;
  // it is told the buffer size it should use (plus half a pixel, so its
  // float-to-int rounding cannot lose a pixel). Fullscreen is SDL's own: it
  // sizes the buffer to the screen and draws the largest whole scale.
  var sdlSize = { w: W, h: H };
  var renderer = 'webgl'; // or 'software' (chooseRenderer, below)
  var laidOut = ''; // the CSS width layout() gave the canvas
  var realRect = Element.prototype.getBoundingClientRect;
  canvas.getBoundingClientRect = function () {
    var r = realRect.call(canvas);
    // Going fullscreen, emscripten sizes the canvas to the screen and asks
    // SDL to read it at once, before the browser reports fullscreen: a
    // canvas sized by anyone but layout() is measured as it is.
    if (document.fullscreenElement === canvas || canvas.style.width !== laidOut) return r;
    // SDL measures the canvas again for each mouse event and touch, to put
    // it into the window's pixels: that needs the size as shown (told the
    // buffer's size, a click at a scale of 2 landed twice as far).
    var ev = window.event;
    if (ev && (ev instanceof MouseEvent || (typeof TouchEvent !== 'undefined' && ev instanceof TouchEvent))) return r;
    return { left: r.left, top: r.top, x: r.x, y: r.y, width: sdlSize.w, height: sdlSize.h,
      right: r.left + sdlSize.w, bottom: r.top + sdlSize.h };
  };

  function layout() {
    var dpr = window.devicePixelRatio || 1;
    var aw = stage.clientWidth, ah = stage.clientHeight;
    var k = Math.floor(Math.min(aw * dpr / W, ah * dpr / H));
    var scale = Math.max(k, 1);
    var cssW = W * scale / dpr, cssH = H * scale / dpr;
    if (k < 1) {
      var s = Math.max(Math.min(aw / W, ah / H), 0.1);
      cssW = W * s;
      cssH = H * s;
    }
    canvas.style.width = cssW + 'px';
    canvas.style.height = cssH + 'px';
    laidOut = canvas.style.width;
    // Portrait with touch controls: the picture at the top, the controls in
    // the room below it.
    var portrait = ah > aw;
    document.body.classList.toggle('portrait', portrait);
    if (touchEl) touchEl.style.top = touchMode && portrait ? Math.round(cssH) + 'px' : '0';
    // (SDL's software renderer counts CSS pixels, not device pixels.)
    var sdlRatio = renderer === 'software' ? 1 : dpr;
    sdlSize.w = (W + 0.5) / sdlRatio;
    sdlSize.h = (H + 0.5) / sdlRatio;
  }

  // After a change that is not a window resize (a notice line appearing),
  // SDL hears about it through a resize event, which is what it listens to.
  function relayout() {
    layout();
    if (running) window.dispatchEvent(new Event('resize'));
  }

  // Registered before SDL's own resize listener, so SDL reads the new size.
  window.addEventListener('resize', layout);
  layout();

  /* ---- saves: the per-user folder lives in IndexedDB ----------------- */

  function storageMissing(why) {
    if (storage === 'none') return;
    storage = 'none';
    console.log('storage unavailable: ' + why);
    notice('This browser does not let the page keep anything (a private window?): ' +
      'best times and settings last until the page is closed.');
  }

  // Before main(): mount the folder and read it back, so the game finds its
  // saves as on the desktop. A run dependency holds main() until then.
  function mountSaves() {
    var FS = Module.FS;
    FS.mkdirTree(SAVE_DIR);
    var idb = null;
    try { idb = window.indexedDB || null; } catch (e) { idb = null; } // blocked storage throws
    if (!idb) { storageMissing('no IndexedDB'); return; }
    try {
      FS.mount(FS.filesystems.IDBFS, {}, SAVE_DIR);
    } catch (e) {
      storageMissing(String(e));
      return;
    }
    Module.addRunDependency('mm-saves');
    FS.syncfs(true, function (err) {
      if (err) storageMissing(String(err && err.message || err));
      else storage = 'ok';
      Module.removeRunDependency('mm-saves');
    });
  }

  // The game calls this after each finished (atomic) write; one copy to
  // IndexedDB at a time, and one more if a write came in meanwhile.
  function persist() {
    if (storage !== 'ok') return;
    if (syncing) { syncAgain = true; return; }
    syncing = true;
    Module.FS.syncfs(false, function (err) {
      syncing = false;
      if (err) { storageMissing(String(err && err.message || err)); return; }
      syncCount++;
      if (syncAgain) { syncAgain = false; persist(); }
    });
  }

  // The editor's "Download": the saved level file, handed over as a file
  // the browser saves where the player keeps downloads.
  function download(path, name) {
    var data;
    try { data = Module.FS.readFile(path); } catch (e) {
      console.log('cannot download ' + path + ': ' + e);
      return;
    }
    var url = URL.createObjectURL(new Blob([data], { type: 'text/plain;charset=utf-8' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* ---- sounds: fetched when the game first asks for them ------------- */

  // The first download holds what the title needs to show; the sounds
  // (window.mmLazy, written by the build) come after: the one the game asks
  // for first (the title's music, a level's stems as the level starts), the
  // effects in the background once the title shows. One at a time, so what
  // the game is waiting for never shares the line with what it is not.
  var lazy = window.mmLazy || {};
  var lazyAsked = {}, lazyQueue = [], lazyBusy = false, lazyBytes = 0, lazyDone = 0;
  var lazyLater = []; // asked for with no network and not kept: when it is back
  window.addEventListener('online', function () {
    lazyQueue = lazyQueue.concat(lazyLater);
    lazyLater = [];
    pumpAssets();
  });
  function queueAsset(file) {
    if (lazyAsked[file] || !lazy[file]) return;
    lazyAsked[file] = true;
    lazyQueue.push(file);
  }
  function pumpAssets() {
    if (lazyBusy || !lazyQueue.length) return;
    lazyBusy = true;
    var file = lazyQueue.shift();
    // With no network, only what the service worker kept: the rest waits
    // for the network to come back (the game plays on without it).
    var offline = navigator.onLine === false && window.caches;
    var got = offline ? caches.match(lazy[file], { ignoreSearch: true }) : fetch(lazy[file]);
    got.then(function (res) {
      if (!res) {
        lazyLater.push(file);
        return null;
      }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.arrayBuffer();
    }).then(function (buf) {
      if (!buf) return;
      Module.FS.writeFile('/data/assets/' + file, new Uint8Array(buf));
      lazyBytes += buf.byteLength;
      lazyDone++;
    }).catch(function (e) {
      // The game plays on without this sound (it asks once).
      console.log('could not fetch the sound ' + file + ': ' + e);
    }).then(function () {
      lazyBusy = false;
      pumpAssets();
    });
  }
  // A level's music is a set of stems; the game asks for its main stem, so
  // the others come first and the main one last: when it is there, all are.
  function wantAsset(file) {
    var set = [file];
    var m = /^music_([a-z0-9_-]+)\.ogg$/.exec(file);
    if (m) {
      var prefix = 'music_' + m[1] + '_';
      set = Object.keys(lazy).filter(function (f) {
        return f.indexOf(prefix) === 0 && /^[a-z]+\.ogg$/.test(f.slice(prefix.length));
      }).concat([file]);
    }
    var fresh = set.filter(function (f) { return lazy[f] && !lazyAsked[f]; });
    fresh.forEach(function (f) { lazyAsked[f] = true; });
    lazyQueue = fresh.concat(lazyQueue); // ahead of the background
    pumpAssets();
  }
  function fetchEffectsLater() {
    // (The endings' music waits until an ending plays.)
    Object.keys(lazy).filter(function (f) { return /^(sfx|sting)_/.test(f) && !/^sting_ending_/.test(f); })
      .forEach(function (f) { queueAsset(f); });
    pumpAssets();
  }

  /* ---- offline: the service worker keeps this version's files --------- */

  // Registered once the game runs, so it never competes with the first
  // download; the files it keeps come from the HTTP cache that just filled.
  var offline = 'no';
  function keepForOffline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      offline = 'ready';
    }, function (e) {
      console.log('no offline play: ' + e);
    });
  }

  /* ---- starting ---------------------------------------------------------- */

  function start() {
    if (!ready || started || failed) return;
    started = true;
    timings.start = performance.now();
    cover.hidden = true;
    // The game's sounds are all 48 kHz: a context at that rate spares SDL
    // resampling each one in wasm (the browser converts for the device).
    // Made here, inside the click, it starts running; SDL takes it as is.
    try {
      Module.SDL2 = Module.SDL2 || {};
      if (!Module.SDL2.audioContext) Module.SDL2.audioContext = new AudioContext({ sampleRate: 48000 });
    } catch (e) {
      console.log('no 48 kHz audio context (' + e + '); SDL makes its own');
    }
    renderer = chooseRenderer();
    if (renderer === 'software') Module.ccall('web_set_renderer', null, ['string'], ['software']);
    layout();
    // main() sets up the frame loop; the game itself starts in the first
    // frame (and its audio context then starts running: the page has had
    // its click or key press).
    Module.callMain([]);
  }

  // WebGL drawn in software (SwiftShader, llvmpipe: a virtual machine, a
  // blocklisted GPU) costs a trip to the GPU process for each of the
  // hundreds of draw calls in a frame of play; there SDL's own software
  // renderer draws the small picture faster, onto a 2D canvas scaled the
  // same way. ?renderer=webgl or ?renderer=software chooses by hand.
  function chooseRenderer() {
    var asked = /[?&]renderer=(webgl|software)\b/.exec(location.search);
    if (asked) return asked[1];
    var name = '';
    try {
      var gl = document.createElement('canvas').getContext('webgl');
      if (!gl) return 'software';
      var info = gl.getExtension('WEBGL_debug_renderer_info');
      name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      var lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
    } catch (e) {
      return 'webgl'; // SDL finds out for itself
    }
    return /swiftshader|llvmpipe|softpipe|software/i.test(name) ? 'software' : 'webgl';
  }

  function resumeAudio() {
    var sdl = Module.SDL2;
    if (sdl && sdl.audioContext && sdl.audioContext.state === 'suspended') sdl.audioContext.resume();
  }

  function onReady() {
    ready = true;
    timings.ready = performance.now();
    progress.hidden = true;
    setStatus(pendingFiles ? '\u201c' + pendingFiles[0].name + '\u201d opens when you start.' : '');
    startButton.hidden = false;
  }

  startButton.addEventListener('click', start);
  cover.addEventListener('click', start);

  /* ---- level files from the player's computer ----------------------- */

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // A Tiled map comes with the files it names: tilesets (.tsx, .tsj) and
  // object templates (.tx, .tj). Several files may be picked or dropped at
  // once: the map is the one that is none of those, and each file it (or one
  // of its templates) names is found by its name among the files given and
  // written where the map says, relative to it, so the reader finds it there
  // as on the desktop, and after a reload too (it is kept with the map).
  var COMPANION = /\.(tsx|tsj|tx|tj)$/i;

  function baseName(path) { return path.replace(/^.*[\\/]/, ''); }

  // The external files a map or a template names (Tiled's "source" and
  // "template"), as written: attributes in TMX/TX, strings in JSON. An image
  // a tileset names is never among the files given, so matches that are not
  // files we have are passed over.
  function references(bytes) {
    var text = new TextDecoder('utf-8').decode(bytes), refs = [], m;
    var xml = /\b(?:source|template)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    while ((m = xml.exec(text))) {
      refs.push((m[1] !== undefined ? m[1] : m[2]).replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi,
        function (all, e) {
          var named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
          if (named) return named;
          var n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : all;
        }));
    }
    var json = /"(?:source|template)"\s*:\s*("(?:[^"\\]|\\.)*")/g;
    while ((m = json.exec(text))) {
      try { refs.push(JSON.parse(m[1])); } catch (e) { /* not a string after all */ }
    }
    return refs;
  }

  // dir + '/' + rel with its '.' and '..' steps taken.
  function joinPath(dir, rel) {
    var parts = dir.split('/').filter(Boolean);
    rel.split(/[\\/]/).forEach(function (p) {
      if (p === '..') parts.pop();
      else if (p && p !== '.') parts.push(p);
    });
    return '/' + parts.join('/');
  }

  function writeInto(path, bytes) {
    var FS = Module.FS, dir = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!FS.analyzePath(dir).exists) FS.mkdirTree(dir);
    FS.writeFile(path, bytes);
  }

  // A notice about the last files opened; the next ones clear it.
  var fileNotice = false;
  function fileProblem(text) {
    notice(text);
    fileNotice = true;
  }

  function openFiles(list) {
    var files = Array.prototype.slice.call(list || []);
    if (!files.length) return;
    if (fileNotice) {
      fileNotice = false;
      noticeLine.hidden = true;
      relayout();
    }
    if (!running) {
      pendingFiles = files;
      if (ready) setStatus('\u201c' + files[0].name + '\u201d opens when you start.');
      return;
    }
    var maps = files.filter(function (f) { return !COMPANION.test(f.name); });
    if (!maps.length) {
      fileProblem('\u201c' + files[0].name + '\u201d belongs to a Tiled map: open it together with the map ' +
        '(pick or drop them all at once).');
      return;
    }
    var big = files.filter(function (f) { return f.size > MAX_LEVEL_BYTES; })[0];
    if (big) {
      fileProblem('\u201c' + big.name + '\u201d is too big to be a level file.');
      return;
    }
    Promise.all(files.map(function (f) { return f.arrayBuffer(); })).then(function (datas) {
      var FS = Module.FS;
      var given = {}; // name -> bytes, and the same by lower-case name
      var givenLower = {};
      files.forEach(function (f, i) {
        given[f.name] = new Uint8Array(datas[i]);
        givenLower[f.name.toLowerCase()] = given[f.name];
      });
      var find = function (name) { return given[name] || givenLower[name.toLowerCase()] || null; };
      var dir = storage === 'ok' ? LEVEL_DIR : MEMORY_LEVEL_DIR;
      if (!FS.analyzePath(dir).exists) FS.mkdirTree(dir);
      var opened = null, lacking = [], outside = [];
      var root = storage === 'ok' ? SAVE_DIR : MEMORY_LEVEL_DIR;
      maps.forEach(function (file) {
        var bytes = given[file.name];
        var name = file.name.replace(/[^A-Za-z0-9._ ()-]/g, '_').slice(-60) || 'level.mml';
        // Another level of the same name is kept: this one becomes "name (2)".
        var dot = name.lastIndexOf('.'), stem = dot > 0 ? name.slice(0, dot) : name;
        var ext = dot > 0 ? name.slice(dot) : '';
        var path = dir + '/' + name;
        for (var n = 2; FS.analyzePath(path).exists && !sameBytes(FS.readFile(path), bytes); n++)
          path = dir + '/' + stem + ' (' + n + ')' + ext;
        FS.writeFile(path, bytes);
        if (!opened) opened = path;
        if (/\.(mml|txt)$/i.test(name)) return;
        // The files it names, then the files they name (a template's
        // tileset), each relative to the file that names it. A file of that
        // name kept before for another map is replaced: this map needs this one.
        var todo = [{ from: path, bytes: bytes }], done = {};
        while (todo.length) {
          var item = todo.shift(), here = item.from.slice(0, item.from.lastIndexOf('/'));
          references(item.bytes).forEach(function (ref) {
            // Only tilesets and templates (older Tiled names JSON ones
            // .json), and only inside the folder the page keeps.
            if (!ref || !/\.(tsx|tsj|tx|tj|json)$/i.test(ref)) return;
            var got = ref[0] !== '/' ? find(baseName(ref)) : null;
            var target = joinPath(here, ref);
            if (got && target.indexOf(root + '/') !== 0) {
              if (outside.indexOf(ref) < 0) outside.push(ref);
              return;
            }
            if (!got) {
              // Not given, nor kept from before: the reader's error says
              // where; the page says what to do.
              if (COMPANION.test(ref) && !FS.analyzePath(target).exists && lacking.indexOf(baseName(ref)) < 0)
                lacking.push(baseName(ref));
              return;
            }
            if (done[target]) return;
            done[target] = true;
            writeInto(target, got);
            if (/\.(tx|tj)$/i.test(target)) todo.push({ from: target, bytes: got });
          });
        }
      });
      persist();
      if (outside.length)
        fileProblem('\u201c' + maps[0].name + '\u201d names ' + outside.join(', ') + ', outside the ' +
          'folders the page keeps: in Tiled, keep tilesets and templates beside the map or in a folder under it.');
      else if (lacking.length)
        fileProblem('\u201c' + maps[0].name + '\u201d needs ' + lacking.join(', ') + ', which ' +
          (lacking.length > 1 ? 'were' : 'was') + ' not among the files given: open ' +
          (lacking.length > 1 ? 'them' : 'it') + ' together with the map (pick or drop them all at once).');
      Module.ccall('web_open_level', 'number', ['string'], [opened]);
    }, function (e) {
      fileProblem('Cannot read \u201c' + files[0].name + '\u201d: ' + e);
    });
  }
  function openFile(file) { openFiles([file]); }

  $('open-level').addEventListener('click', function (e) {
    e.currentTarget.blur(); // keys must go to the game, not press this again
    fileInput.click();
  });
  fileInput.addEventListener('change', function () {
    if (fileInput.files.length) openFiles(fileInput.files);
    fileInput.value = '';
  });

  var dragDepth = 0;
  function isFileDrag(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0;
  }
  document.addEventListener('dragenter', function (e) {
    if (!isFileDrag(e)) return;
    e.preventDefault();
    dragDepth++;
    dropHint.hidden = false;
  });
  document.addEventListener('dragover', function (e) {
    if (!isFileDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', function () {
    if (dragDepth > 0 && --dragDepth === 0) dropHint.hidden = true;
  });
  document.addEventListener('drop', function (e) {
    if (!isFileDrag(e)) return;
    e.preventDefault();
    dragDepth = 0;
    dropHint.hidden = true;
    if (e.dataTransfer.files.length) openFiles(e.dataTransfer.files);
  });

  /* ---- touch controls ------------------------------------------------------ */

  // A stick, Sprint, Use and Pause, over the picture's sides in landscape
  // and under the picture in portrait; shown while the last input was a
  // touch. They send the buttons held (the game's input bits; 64 is pause)
  // to the game, which drives Harry with them in play and takes each press
  // as a menu action (the stick's ways, Use to confirm, Pause to go back).
  var B_UP = 1, B_DOWN = 2, B_LEFT = 4, B_RIGHT = 8, B_SPRINT = 16, B_USE = 32, B_PAUSE = 64;
  var touchEl = $('touch'), stickEl = $('stick'), knob = $('knob'), touchHelp = $('touch-help');
  var touchMode = false, stickBits = 0, buttonBits = 0, sentBits = 0, stickId = null;
  function sendTouch() {
    var bits = stickBits | buttonBits;
    if (bits === sentBits || !running) return;
    sentBits = bits;
    Module.ccall('web_touch', null, ['number'], [bits]);
  }
  function setTouchMode(on) {
    if (on === touchMode) return;
    touchMode = on;
    document.body.classList.toggle('touch', on);
    touchEl.hidden = !on;
    touchHelp.hidden = !on;
    if (!on) {
      stickBits = buttonBits = 0;
      sendTouch();
    }
    relayout();
  }
  // The stick: eight ways, as a gamepad's stick (a dead zone, then within
  // about 68 degrees of an axis counts for it).
  function moveStick(e) {
    var r = stickEl.getBoundingClientRect();
    var dx = e.clientX - (r.left + r.width / 2), dy = e.clientY - (r.top + r.height / 2);
    var reach = r.width / 2, d = Math.sqrt(dx * dx + dy * dy);
    var k = d > reach ? reach / d : 1;
    knob.style.transform = 'translate(' + dx * k + 'px,' + dy * k + 'px)';
    var bits = 0, ax = Math.abs(dx), ay = Math.abs(dy);
    if (d > reach * 0.25) {
      if (ax * 5 > ay * 2) bits |= dx < 0 ? B_LEFT : B_RIGHT;
      if (ay * 5 > ax * 2) bits |= dy < 0 ? B_UP : B_DOWN;
    }
    stickBits = bits;
    sendTouch();
  }
  stickEl.addEventListener('pointerdown', function (e) {
    e.preventDefault();
    stickId = e.pointerId;
    try { stickEl.setPointerCapture(e.pointerId); } catch (err) { /* a pointer gone already */ }
    moveStick(e);
  });
  stickEl.addEventListener('pointermove', function (e) {
    if (e.pointerId === stickId) moveStick(e);
  });
  function releaseStick(e) {
    if (e.pointerId !== stickId) return;
    stickId = null;
    knob.style.transform = '';
    stickBits = 0;
    sendTouch();
  }
  stickEl.addEventListener('pointerup', releaseStick);
  stickEl.addEventListener('pointercancel', releaseStick);
  [['t-sprint', B_SPRINT], ['t-use', B_USE], ['t-pause', B_PAUSE]].forEach(function (b) {
    var el = $(b[0]), bit = b[1];
    function up() {
      buttonBits &= ~bit;
      el.classList.remove('held');
      sendTouch();
    }
    el.addEventListener('pointerdown', function (e) {
      e.preventDefault();
      try { el.setPointerCapture(e.pointerId); } catch (err) { /* a pointer gone already */ }
      // The editor reads keys, not the game's buttons: Pause is its Esc.
      if (screen === 'editor') {
        if (bit === B_PAUSE && running) Module.ccall('web_press_key', null, ['number', 'number'], [27, 0]);
        return;
      }
      buttonBits |= bit;
      el.classList.add('held');
      sendTouch();
    });
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  });
  // A tap on the picture in play is Use. Elsewhere the game has the tap
  // itself, as a click where the finger is (a menu's row, "press a key", a
  // card): a Use as well would choose the row selected before, sooner.
  canvas.addEventListener('pointerup', function (e) {
    if (e.pointerType !== 'touch' || !running || screen !== 'play') return;
    Module.ccall('web_touch', null, ['number'], [sentBits | B_USE]);
    Module.ccall('web_touch', null, ['number'], [sentBits]);
  });
  window.addEventListener('pointerdown', function (e) {
    if (e.pointerType === 'touch') setTouchMode(true);
  }, true);
  var coarse = window.matchMedia && matchMedia('(pointer: coarse)').matches &&
    !matchMedia('(any-pointer: fine)').matches;

  /* ---- the editor on a touch screen, and the help's keys ---------------- */

  // In the editor the touch controls give way to its own tools (taps and
  // drags on the picture are its mouse); only Pause stays, as its Esc. A
  // line of the editor being typed into gets a text field on the page, so a
  // phone's own keyboard comes up; what is typed there goes to the game.
  var screen = '';
  var typeForm = $('type-form'), typeText = $('type-text');
  var playHelp = touchHelp.innerHTML;
  var EDITOR_HELP = 'Tap a tool or a tile in the panel &middot; tap or drag on the map to use it &middot; ' +
    '<b>Play</b> tries the level (&#10074;&#10074; then &ldquo;Back to the editor&rdquo; comes back) &middot; ' +
    '<b>Save</b> asks for a name &middot; &#10074;&#10074; leaves the editor';
  // The editor's Ctrl+D, for a player with no keys: the saved level as a file.
  var downloadButton = $('download-level');
  downloadButton.addEventListener('click', function (e) {
    e.currentTarget.blur(); // keys must go to the game
    if (running) Module.ccall('web_press_key', null, ['number', 'number'], [100, 0x40]); // d, left Ctrl
  });
  function setScreen(name) {
    screen = name;
    var editing = name === 'editor';
    document.body.classList.toggle('editor', editing);
    downloadButton.hidden = !editing;
    touchHelp.innerHTML = editing ? EDITOR_HELP : playHelp;
    if (editing) {
      stickBits = buttonBits = 0;
      sendTouch();
    } else {
      typeForm.hidden = true;
    }
    relayout();
  }
  var gameTyping = false; // the game takes text: a space is a character then
  function typing(text) {
    gameTyping = true;
    if (!touchMode) return; // a keyboard types into the game itself
    typeText.value = text;
    typeForm.hidden = false;
    relayout();
    typeText.focus();
    typeText.select();
  }
  function typed() {
    gameTyping = false;
    if (typeForm.hidden) return;
    typeForm.hidden = true;
    if (document.activeElement === typeText) typeText.blur();
    relayout();
  }
  typeForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = typeText.value;
    typed();
    if (running) Module.ccall('web_type_text', null, ['string'], [text]);
  });
  // SDL reads keys from the whole window: the field's keys stay the field's.
  ['keydown', 'keypress', 'keyup'].forEach(function (type) {
    typeText.addEventListener(type, function (e) {
      e.stopPropagation();
      if (type === 'keydown' && e.key === 'Escape') {
        typed();
        Module.ccall('web_press_key', null, ['number', 'number'], [27, 0]);
      }
    });
  });

  // The help under the picture names the keys the player has now (Options ->
  // Controls), as the game tells the page when they change.
  var controlsEl = $('controls'), controlsLast = controlsEl.lastElementChild;
  function showBindings() {
    var b;
    try { b = JSON.parse(Module.ccall('web_bindings', 'string', [], [])); } catch (e) { return; }
    if (!b.up) return;
    var either = function (list, arrows) { return list.join(arrows || ', '); };
    // "Shift" for both shifts, one "Enter" for both Enters, as the game's prompts.
    var short = function (list) {
      var out = [];
      list.forEach(function (n) {
        n = n.replace(/^(Left|Right) (Shift|Ctrl|Alt|GUI)$/, '$2').replace(/^Keypad Enter$/, 'Enter');
        if (out.indexOf(n) < 0) out.push(n);
      });
      return out;
    };
    var both = function (id) {
      var a = b[id] || { keys: [], pad: [] };
      return [short(a.keys).join(', '), a.pad.join(', ')].filter(Boolean).join(' \u00b7 ') || 'none';
    };
    var ways = ['up', 'left', 'down', 'right'], keys = [], pads = [];
    for (var i = 0; i < 3; i++) {
      var k = ways.map(function (w) { return b[w].keys[i]; });
      if (k.every(Boolean)) keys.push(k.join('') === 'UpLeftDownRight' ? 'arrows' : k.join(''));
      var p = ways.map(function (w) { return b[w].pad[i]; });
      if (p.every(Boolean)) pads.push(p.every(function (n) { return /^D-pad /.test(n); }) ? 'd-pad' : p.join('/'));
    }
    var rows = [
      ['Move', [either(keys, ' or '), ['left stick'].concat(pads).join(' or ')].filter(Boolean).join(' \u00b7 ')],
      ['Sprint', both('sprint')],
      ['Use / get in', both('use')],
      ['Confirm', both('confirm')],
      ['Pause / back', both('pause')],
      ['Restart', both('restart')],
      ['Options / mute', (b.options.keys.join(', ') || 'none') + ' / ' + (b.mute.keys.join(', ') || 'none')],
      ['Fullscreen', b.fullscreen.keys.concat(['Alt+Enter']).join(' or ')],
    ];
    while (controlsEl.firstElementChild !== controlsLast) controlsEl.removeChild(controlsEl.firstElementChild);
    rows.forEach(function (r) {
      var div = document.createElement('div'), dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = r[0];
      dd.textContent = r[1];
      div.appendChild(dt);
      div.appendChild(dd);
      controlsEl.insertBefore(div, controlsLast);
    });
  }

  /* ---- fullscreen and keys ----------------------------------------------- */

  // The button does what F11 does in the game (and is saved the same way).
  // SDL puts off the browser request to its next input handler: from a
  // mousedown that is the mouseup, still part of the player's click.
  var fullscreenButton = $('fullscreen');
  function toggleFullscreen() {
    if (running) Module.ccall('web_toggle_fullscreen', null, [], []);
  }
  fullscreenButton.addEventListener('mousedown', function (e) {
    if (e.button === 0) toggleFullscreen();
  });
  fullscreenButton.addEventListener('click', function (e) {
    if (e.detail === 0) toggleFullscreen(); // from the keyboard: no mousedown came
    e.currentTarget.blur();
  });
  document.addEventListener('fullscreenchange', relayout);

  window.addEventListener('keydown', function (e) {
    if (!started) {
      // Any real key starts the game, like the button (and unlocks audio).
      var ignored = ['Tab', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Escape'];
      if (ready && ignored.indexOf(e.key) < 0 && !/^F\d+$/.test(e.key)) {
        e.preventDefault();
        start();
      }
      return;
    }
    if (e.target === typeText) return; // a phone's keyboard typing a name
    if (e.isTrusted && !/^(Shift|Control|Alt|Meta)$/.test(e.key)) setTouchMode(false);
    var t = e.target;
    if (t && (t.tagName === 'BUTTON' || t.tagName === 'INPUT')) return;
    // The game's keys must not scroll the page (SDL lets Space through, for
    // the text it types: a name typed in the editor keeps its spaces).
    if ((e.key === ' ' && !gameTyping) || e.key === 'PageUp' || e.key === 'PageDown' || e.key === 'Home' ||
        e.key === 'End') e.preventDefault();
  }, true);

  // The player looked away: another tab, another window, the phone's home
  // screen, or leaving the page. The game pauses (and stays paused when they
  // come back) and its music stops; leaving also writes the saves out now.
  function setAway(away) {
    if (running) Module.ccall('web_set_away', null, ['number'], [away ? 1 : 0]);
  }
  document.addEventListener('visibilitychange', function () { setAway(document.hidden); });
  window.addEventListener('blur', function () { setAway(true); });
  window.addEventListener('focus', function () { if (!document.hidden) setAway(false); });
  window.addEventListener('pagehide', function () {
    setAway(true);
    persist();
  });

  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    fail('The graphics card stopped drawing for the page (WebGL context lost).');
  });
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  window.addEventListener('error', function (e) {
    // A script that failed to load: the page cannot run.
    if (e.target && e.target.tagName === 'SCRIPT') fail('Could not load ' + e.target.src + '.');
  }, true);

  /* ---- the Module object emscripten's output reads -------------------- */

  window.Module = {
    canvas: canvas,
    preRun: [mountSaves],
    print: function (text) { console.log(text); },
    printErr: function (text) {
      // The game's stderr (SDL_Log writes "INFO: ..." there too): problems
      // as warnings, the rest as plain lines; kept to show if the game stops.
      if (/\b(warning|error|cannot|could not)\b/i.test(text)) console.warn(text);
      else console.log(text);
      errLines.push(text);
      if (errLines.length > 20) errLines.shift();
    },
    // The data loader reports "Downloading data... (loaded/total)".
    setStatus: function (text) {
      if (ready || failed) return;
      var m = /\((\d+)\/(\d+)\)/.exec(text);
      if (m && +m[2] > 0) {
        var pct = Math.min(100, Math.round(100 * +m[1] / +m[2]));
        bar.style.width = pct + '%';
        progress.setAttribute('aria-valuenow', String(pct));
        setStatus('Loading\u2026 ' + pct + '%');
      } else if (/Running/.test(text)) {
        bar.style.width = '100%';
        setStatus('Starting\u2026');
      }
    },
    // The build names every file by its content's hash (index.html lists them).
    locateFile: function (path, prefix) {
      var named = window.mmFiles && window.mmFiles[path];
      return (prefix || '') + (named || path);
    },
    onRuntimeInitialized: onReady,
    onAbort: function (what) { fail('The game stopped: ' + what); },
    // From src/platform/web.c and files.c.
    mmEvent: function (what, detail) {
      if (what === 'first-frame') {
        running = true;
        fullscreenButton.disabled = false;
        timings.firstFrame = performance.now();
        timings.firstScreen = detail;
        resumeAudio();
        relayout();
        keepForOffline();
        fetchEffectsLater();
        if (coarse) setTouchMode(true);
        if (pendingFiles) {
          var f = pendingFiles;
          pendingFiles = null;
          openFiles(f);
        }
      } else if (what === 'screen') {
        setScreen(detail);
      } else if (what === 'typing') {
        typing(detail);
      } else if (what === 'typed') {
        typed();
      } else if (what === 'bindings') {
        showBindings();
      } else if (what === 'failed') {
        fail('The game could not start.');
      }
    },
    mmPersist: persist,
    mmWantAsset: wantAsset,
    mmDownload: download
  };

  // For the browser test and for curious players with a console open.
  window.mmPage = {
    timings: timings,
    storage: function () { return storage; },
    saving: function () { return syncing || syncAgain; },
    saves: function () { return syncCount; },
    offline: function () { return offline === 'ready' && !!navigator.serviceWorker.controller; },
    site: function () { return window.mmSite; },
    sounds: function () { return { fetched: lazyDone, bytes: lazyBytes, waiting: lazyQueue.length + (lazyBusy ? 1 : 0) }; },
    state: function () {
      return running ? JSON.parse(Module.ccall('web_state', 'string', [], [])) : null;
    },
    openFile: openFile,
    openFiles: openFiles,
    renderer: function () { return renderer; },
    touchMode: function () { return touchMode; },
    touchBits: function () { return sentBits; },
    screen: function () { return screen; }
  };
})();
