// The browser test of the web build, in Debian's Chromium driven by
// playwright-core. Run it through tools/web/test.sh (which builds, serves and
// stops the server); by hand:
//   node tests/web/browser-test.mjs --url http://127.0.0.1:PORT/ \
//     --artifacts build-web/artifacts [--runs 5]
//
// It loads the page, clicks to start, checks the audio context runs, plays
// the first level to the win screen with real key presses (the shipped
// replay, pressed tick by tick), reloads and finds the best time kept, opens
// level files with the button and by dropping them, checks fullscreen and a
// browser that keeps no storage, and times page load to the title's first
// frame. Any console error, uncaught exception, failed request or unknown
// warning fails it. Screenshots go to the artifacts folder.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, inflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const url = opt('--url', 'http://127.0.0.1:8080/');
const artifacts = resolve(opt('--artifacts', join(repo, 'build-web', 'artifacts')));
const runs = Number(opt('--runs', '5'));
const chromiumPath = opt('--chromium', '/usr/bin/chromium');
const site = resolve(opt('--site', join(artifacts, '..', 'site')));
mkdirSync(artifacts, { recursive: true });

// Messages known to be harmless, and why. Anything else that is an error or
// a warning fails the test.
const HARMLESS = [
  // SDL 2.26 plays audio through a ScriptProcessorNode (AudioWorklet needs
  // threads); Chromium warns that the node is deprecated. Sound works.
  /ScriptProcessorNode is deprecated/,
  // Headless Chromium has no GPU: WebGL runs on SwiftShader, which reports a
  // stall each time a screenshot reads the canvas back.
  /GPU stall due to ReadPixels/,
];

// Messages a step of the test causes on purpose (cleared after the step).
let expected = [];
const problems = [];
const harmlessSeen = new Map();
const log = (...a) => console.log(...a);

function watch(page, label) {
  page.on('console', (msg) => {
    const type = msg.type();
    const text = msg.text();
    if (type !== 'error' && type !== 'warning') return;
    const known = HARMLESS.find((re) => re.test(text));
    if (known) {
      harmlessSeen.set(known.source, (harmlessSeen.get(known.source) || 0) + 1);
      return;
    }
    if (expected.some((re) => re.test(text))) return;
    problems.push(`${label}: console ${type}: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`${label}: uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Leaving or reloading the page cancels the sounds still on their way.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && /\.(ogg|wav)$/.test(req.url())) return;
    problems.push(`${label}: request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${label}: HTTP ${res.status()} for ${res.url()}`);
  });
}

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  log(`ok   ${what}`);
}

const state = (page) => page.evaluate(() => window.mmPage.state());

// A campaign level opens on its story card; a key skips it (keys count once
// the card has shown for a moment, so the one that chose the level does not).
async function skipCard(page) {
  await waitState(page, (x) => x.screen === 'card', 'the story card');
  await page.waitForTimeout(300);
  await page.keyboard.press('Space');
}

async function waitState(page, pred, what, timeout = 10000) {
  const t0 = Date.now();
  for (;;) {
    const s = await state(page);
    if (s && pred(s)) return s;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(s)}`);
    await page.waitForTimeout(20);
  }
}

// A page reloaded or closed while a sound is on its way cuts the request off,
// which counts as a problem: let the sounds asked for arrive first.
async function settle(page) {
  await page.waitForFunction(() => !window.mmPage || !window.mmPage.sounds ||
    window.mmPage.sounds().waiting === 0, null, { timeout: 30000 }).catch(() => {});
}

async function startGame(page) {
  if (page.url().startsWith('http')) await settle(page);
  await page.goto(url);
  await page.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
  await page.locator('#start').click();
  return waitState(page, (s) => s.screen === 'title' && s.frame >= 2, 'the title screen');
}

// The replay format (src/game/replay.c): "COUNT*HEX" runs of one input byte.
function readReplay(path) {
  const text = readFileSync(path, 'utf8');
  const body = text.split('\ninputs\n')[1].split('\nend')[0];
  const runs = [];
  let tick = 0;
  for (const item of body.split(/\s+/).filter(Boolean)) {
    const [n, hex] = item.split('*');
    runs.push({ start: tick, buttons: parseInt(hex, 16) });
    tick += Number(n);
  }
  return runs;
}

// Input bits (src/game/game.h) and the keys that press them.
const KEYS = [
  [1 << 0, 'ArrowUp'],
  [1 << 1, 'ArrowDown'],
  [1 << 2, 'ArrowLeft'],
  [1 << 3, 'ArrowRight'],
  [1 << 4, 'Shift'],
  [1 << 5, 'e'], // the action button
];

async function setButtons(page, from, to) {
  for (const [bit, key] of KEYS) {
    if (from & bit && !(to & bit)) await page.keyboard.up(key);
    if (to & bit && !(from & bit)) await page.keyboard.down(key);
  }
}

// Plays the level on screen from a replay, with real key presses. The page's
// clock is faked and stepped one animation frame (16 ms) at a time: the game
// then runs at most one tick a frame, so each run's keys go down exactly
// before its first tick, as when it was recorded, whatever the machine's
// load. The first run's keys are held before R restarts the level, so tick 0
// has them too. Returns the state when the level ends.
async function playReplay(page, replayPath) {
  const plan = readReplay(replayPath);
  await waitState(page, (x) => x.tick >= 10, 'the level to run');
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  let s = await state(page);
  let shot = false;
  const step = async () => {
    await page.clock.runFor(16);
    s = await state(page);
    if (!shot && s.tick >= 240) { // mid-level, for the artifacts
      shot = true;
      await page.screenshot({ path: join(artifacts, 'play.png') });
    }
  };
  const before = s.tick;
  await setButtons(page, 0, plan[0].buttons);
  let held = plan[0].buttons;
  await page.keyboard.press('r');
  for (let i = 0; i < 20 && s.tick >= before; i++) await step();
  if (s.tick >= before) throw new Error('R did not restart the level');
  for (const run of plan.slice(1)) {
    while (s.tick < run.start && s.screen === 'play') await step();
    if (s.tick !== run.start) throw new Error(`stepped past tick ${run.start} (at ${s.tick})`);
    await setButtons(page, held, run.buttons);
    held = run.buttons;
  }
  while (s.screen === 'play') await step();
  await setButtons(page, held, 0);
  await page.clock.resume();
  return s;
}

async function timeFirstFrame(context) {
  const page = await context.newPage();
  watch(page, 'timing');
  // Every run is a first visit: nothing from the HTTP cache.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
  await page.goto(url);
  await page.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
  await page.locator('#start').click();
  await page.waitForFunction(() => window.mmPage.timings.firstFrame !== undefined, null, { timeout: 10000 });
  const t = await page.evaluate(() => window.mmPage.timings);
  await page.close();
  return t;
}

// The canvas: its drawing buffer, its size on the page, its scaling.
function geometry(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = Element.prototype.getBoundingClientRect.call(c);
    const stage = document.getElementById('stage');
    return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: devicePixelRatio,
      stageW: stage.clientWidth, stageH: stage.clientHeight,
      rendering: getComputedStyle(c).imageRendering };
  });
}

// The pixels of a PNG screenshot (8-bit RGB or RGBA, as Chromium writes):
// enough of a decoder to measure where the game drew.
function decodePng(buf) {
  let pos = 8, w = 0, h = 0, ch = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 6) || data[12] !== 0) throw new Error('unexpected PNG format');
      ch = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * ch, px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= ch ? px[y * stride + i - ch] : 0, b = y ? px[(y - 1) * stride + i] : 0;
      const c = y && i >= ch ? px[(y - 1) * stride + i - ch] : 0;
      let v = src[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + i] = v & 255;
    }
  }
  return { w, h, ch, px };
}

// Where the game's picture is on the screen: the box of pixels that are
// not the black round it, in CSS pixels of the page.
async function drawnBox(page) {
  const img = decodePng(await page.screenshot());
  const lit = (x, y) => {
    const i = (y * img.w + x) * img.ch;
    return img.px[i] > 8 || img.px[i + 1] > 8 || img.px[i + 2] > 8;
  };
  let x0 = img.w, y0 = img.h, x1 = -1, y1 = -1;
  for (let y = 0; y < img.h; y++)
    for (let x = 0; x < img.w; x++)
      if (lit(x, y)) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1, screenW: img.w, screenH: img.h };
}

// Resizes the window; the canvas must follow (SDL listens to resize events).
async function checkSize(page, width, height) {
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(300);
  const g = await geometry(page);
  const k = Math.floor(Math.min(g.stageW * g.dpr / 480, g.stageH * g.dpr / 270));
  // The game draws over the whole canvas, not a corner of it.
  const r = await page.evaluate(() => {
    const b = Element.prototype.getBoundingClientRect.call(document.getElementById('canvas'));
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  });
  const img = decodePng(await page.screenshot({ clip: { x: r.x, y: r.y, width: r.w, height: r.h } }));
  const edge = (x, y) => { const i = (y * img.w + x) * img.ch; return img.px[i] + img.px[i + 1] + img.px[i + 2] > 24; };
  const corners = [[1, 1], [img.w - 2, 1], [1, img.h - 2], [img.w - 2, img.h - 2]];
  check(corners.filter(([x, y]) => edge(x, y)).length >= 3,
    `in a ${width}x${height} window the picture reaches the canvas's corners (${img.w}x${img.h})`);
  if (k >= 2 && img.w === 480 * k) {
    // Scaled crisp: each of the picture's pixels is a k x k block.
    let blurred = 0;
    for (let by = 0; by < 270; by += 7)
      for (let bx = 0; bx < 480; bx += 5) {
        const at = (x, y) => img.px.readUIntBE((y * img.w + x) * img.ch, 3);
        const c = at(bx * k, by * k);
        if (at(bx * k + k - 1, by * k) !== c || at(bx * k, by * k + k - 1) !== c || at(bx * k + k - 1, by * k + k - 1) !== c) blurred++;
      }
    check(blurred === 0, `in a ${width}x${height} window each pixel of the picture is a sharp ${k}x${k} block`);
  }
  if (k >= 1) {
    check(g.w === 480 && g.h === 270 && Math.abs(g.cssW * g.dpr - 480 * k) < 1 && Math.abs(g.cssH * g.dpr - 270 * k) < 1,
      `in a ${width}x${height} window the picture is ${k} times 480x270, from a 480x270 buffer`);
  } else {
    check(g.w === 480 && g.h === 270 && g.cssW <= g.stageW + 0.5 && g.cssH <= g.stageH + 0.5,
      `in a ${width}x${height} window the 480x270 picture is shrunk to fit (${g.cssW.toFixed(0)}x${g.cssH.toFixed(0)})`);
  }
}

// A phone, with touches only: a portrait phone-sized screen, the page's
// touch controls under the picture; "Click to start" and the menus by taps,
// then level 1 played to the win from the shipped replay, each run of
// buttons held as touches on the stick, Sprint and Use (real touch events,
// through Chrome DevTools), the page's clock stepped a frame at a time.
async function checkPhone() {
  const profile = mkdtempSync(join(tmpdir(), 'mm-chromium-phone-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true,
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    watch(page, 'phone');
    await page.goto(url);
    await page.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
    await page.locator('#start').tap();
    let s = await waitState(page, (x) => x.screen === 'title' && x.frame >= 2, 'the title on a phone');
    check(await page.evaluate(() => window.mmPage.touchMode()), 'a phone gets the touch controls');
    const geo = await geometry(page);
    const stick = await page.locator('#stick').boundingBox();
    check(stick.y >= geo.cssH - 1, `in portrait the picture is at the top (${Math.round(geo.cssW)}x${Math.round(geo.cssH)}) and the controls below it`);
    await page.screenshot({ path: join(artifacts, 'phone-title.png') });
    await page.locator('#t-use').tap();
    await waitState(page, (x) => x.screen === 'select', 'Use to open the level select');
    check(true, 'a tap on Use works the title');
    const cdp = await context.newCDPSession(page);
    const use = await page.locator('#t-use').boundingBox();
    const sprint = await page.locator('#t-sprint').boundingBox();
    const centre = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
    const sc = centre(stick), uc = centre(use), spc = centre(sprint);
    let held = 0;
    const touch = async (bits) => {
      if (bits === held) return;
      const pts = [];
      let dx = 0, dy = 0;
      if (bits & 1) dy -= 1;
      if (bits & 2) dy += 1;
      if (bits & 4) dx -= 1;
      if (bits & 8) dx += 1;
      if (dx || dy) pts.push({ x: sc.x + dx * stick.width * 0.4, y: sc.y + dy * stick.height * 0.4, id: 1 });
      if (bits & 16) pts.push({ ...spc, id: 2 });
      if (bits & 32) pts.push({ ...uc, id: 3 });
      const had = new Set();
      if ((held & 15)) had.add(1);
      if (held & 16) had.add(2);
      if (held & 32) had.add(3);
      const fresh = pts.some((p) => !had.has(p.id));
      await cdp.send('Input.dispatchTouchEvent', pts.length
        ? { type: fresh ? 'touchStart' : 'touchMove', touchPoints: pts }
        : { type: 'touchEnd', touchPoints: [] });
      held = bits;
      // The touches reach the page as events of their own: wait until it
      // has sent them to the game, so they count from the next tick on.
      for (let i = 0; i < 200 && (await page.evaluate(() => window.mmPage.touchBits())) !== bits; i++)
        await new Promise((r) => setTimeout(r, 5));
    };
    // Into the level with the clock held, so tick 0 has the first run's touches.
    const plan = readReplay(join(repo, 'tests', 'replays', '01-tar-pits.replay'));
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    const step = async () => {
      await page.clock.runFor(16);
      s = await state(page);
    };
    await page.locator('#t-use').tap();
    s = await state(page);
    for (let i = 0; i < 200 && !(s.screen === 'play'); i++) {
      if (s.screen !== 'select') await page.locator('#t-use').tap(); // a card before the level
      await step();
    }
    check(s.screen === 'play' && s.tick === 0, `a tap on Use starts the first level (tick ${s.tick})`);
    await touch(plan[0].buttons);
    for (const run of plan.slice(1)) {
      while (s.tick < run.start && s.screen === 'play') await step();
      if (s.tick !== run.start) throw new Error(`touch play stepped past tick ${run.start} (at ${s.tick})`);
      await touch(run.buttons);
    }
    while (s.screen === 'play') await step();
    await touch(0);
    await page.clock.resume();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'phone-win.png') });
    const recorded = Number(/\nticks (\d+)/.exec(readFileSync(join(repo, 'tests', 'replays', '01-tar-pits.replay'), 'utf8'))[1]);
    check(s.screen === 'results' && s.status === 1 && s.tick === recorded,
      `level 1 is won with touches only, on tick ${s.tick} as on the desktop`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// The editor's panel (src/ui/editor_screen.c): tools in two rows of four
// 32 px buttons from x 352, the tiles' palette from y 28 in rows of eight
// 16 px tiles, the kinds of things the same from y 38, and the Level,
// Save and Play buttons at y 214, 42 px apart. Points are the picture's.
const ED = {
  rect: [352 + 32 + 12, 7], paint: [352 + 12, 7], thing: [352 + 12, 19],
  water: [352 + 6 * 16 + 8, 36], grass: [352 + 4 * 16 + 8, 36],
  diner: [352 + 2 * 16 + 8, 38 + 8], // the third kind: Harry, Julie, a diner
  save: [352 + 42 + 20, 219], play: [352 + 2 * 42 + 20, 219],
};
const TOOL_PAINT = 0, TOOL_RECT = 1, TOOL_THING = 4, TILE_GRASS = 4, TILE_WATER = 6;

// A point of the game's 480x270 picture, on the page (CSS pixels).
async function pictureAt(page, [lx, ly]) {
  const r = await page.evaluate(() => {
    const b = Element.prototype.getBoundingClientRect.call(document.getElementById('canvas'));
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  });
  return { x: r.x + (lx + 0.5) * r.w / 480, y: r.y + (ly + 0.5) * r.h / 270 };
}

// To the title's third way, "Make a level" (as tests/scripts/editor_xvfb.sh).
async function toMakeALevel(down) {
  await down();
  await down();
}

// After a reload the level made is under "Custom levels": down the select
// to it, and it starts.
async function startCustom(page, file, press) {
  let s = await waitState(page, (x) => x.screen === 'select', 'the level select');
  const i = s.custom.findIndex((f) => f.endsWith('/levels/' + file));
  check(i >= 0, `after a reload ${file} is under "Custom levels" (${s.custom.join(', ')})`);
  for (let n = 0; n < 40 && s.menu_sel !== s.campaign_count + i; n++) {
    await press('down');
    s = await state(page);
  }
  check(s.menu_sel === s.campaign_count + i, `the select reaches ${file}`);
  await press('use');
  s = await waitState(page, (x) => x.screen === 'play' || x.screen === 'card', `${file} to start`);
  if (s.screen === 'card') {
    await page.waitForTimeout(300);
    await press('use');
  }
  return waitState(page, (x) => x.screen === 'play' && x.tick >= 30, `${file} running`);
}

// The editor with a mouse and keys (issue 12's "done when", in a browser):
// "Make a level", a pond with Rect, a stroke of grass with Paint, a diner
// placed with Thing, the Play button and F5 back, Ctrl+S with a typed name,
// Ctrl+D hands over the file (a version 3 level), and after a reload it is
// under "Custom levels" and starts. Then Options -> Controls: Sprint moved
// to Q, and the page's help says so.
async function checkEditor() {
  const profile = mkdtempSync(join(tmpdir(), 'mm-chromium-editor-'));
  const context = await launch(profile);
  try {
    const page = context.pages()[0] || (await context.newPage());
    watch(page, 'editor');
    await startGame(page);
    const key = (k) => async () => { await page.keyboard.press(k); await page.waitForTimeout(150); };
    await toMakeALevel(key('ArrowDown'));
    await page.keyboard.press('Enter');
    let s = await waitState(page, (x) => x.screen === 'editor', 'the title\'s "Make a level"');
    check(true, 'the title\'s "Make a level" opens the editor');
    const click = async (pt) => {
      const p = await pictureAt(page, pt);
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(100);
    };
    const drag = async (a, b) => {
      const p = await pictureAt(page, a), q = await pictureAt(page, b);
      await page.mouse.move(p.x, p.y);
      await page.mouse.down();
      await page.mouse.move(q.x, q.y, { steps: 6 });
      await page.mouse.up();
      await page.waitForTimeout(100);
    };
    await click(ED.rect);
    await click(ED.water);
    s = await state(page);
    check(s.editor.tool === TOOL_RECT && s.editor.tile === TILE_WATER, `clicks on the panel choose Rect and water (tool ${s.editor.tool}, tile ${s.editor.tile})`);
    await drag([104, 40], [168, 88]); // a pond, tiles (6,2) to (10,5)
    await click(ED.paint);
    await click(ED.grass);
    await drag([200, 168], [300, 168]); // a stroke along row 10
    await click(ED.thing);
    await click(ED.diner);
    await click([232, 56]); // a diner at (14,3)
    s = await state(page);
    check(s.editor.tool === TOOL_THING, 'the Thing tool places a diner');
    await page.screenshot({ path: join(artifacts, 'editor-made.png') });
    // Test-play from Harry's start with the Play button; F5 comes back.
    await click(ED.play);
    s = await waitState(page, (x) => x.screen === 'play' && x.tick >= 20, 'the made level test-played');
    check(true, 'the Play button test-plays the level');
    await page.keyboard.press('F5');
    await waitState(page, (x) => x.screen === 'editor', 'back in the editor');
    check(true, 'F5 comes back to the editor');
    // Ctrl+S, a typed name, Enter.
    await page.keyboard.press('Control+s');
    s = await waitState(page, (x) => x.editor.typing, 'the name to type');
    for (let i = 0; i < 40; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('web made', { delay: 30 });
    await page.keyboard.press('Enter');
    s = await waitState(page, (x) => !x.editor.typing && /\/levels\/web-made\.mml$/.test(x.editor.saved), 'the level saved');
    check(true, `Ctrl+S with a typed name saves it in the levels folder kept in the browser (${s.editor.saved}: ${s.editor.status})`);
    await page.waitForFunction(() => !window.mmPage.saving(), null, { timeout: 5000 });
    // Ctrl+D: the browser's download of the saved file.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.keyboard.press('Control+d')]);
    const text = readFileSync(await dl.path(), 'utf8');
    check(dl.suggestedFilename() === 'web-made.mml' && /^miraclemile-level 3\r?\n/.test(text),
      `Ctrl+D hands over ${dl.suggestedFilename()}, a version 3 level (${text.split('\n')[0]})`);
    writeFileSync(join(artifacts, 'editor-download.mml'), text);
    const rows = text.split(/\r?\n/), top = rows.indexOf('map') + 1;
    check(/wwwww/.test(text) && /"""/.test(text) && (rows[top + 3][14] === 'd' || /^diner 14 3\b/m.test(text)),
      'the downloaded file has the pond, the grass and the diner');
    await page.keyboard.press('Escape'); // saved: leaves at once
    await waitState(page, (x) => x.screen === 'title', 'the title after the editor');
    await startGame(page);
    await page.keyboard.press('Enter');
    s = await startCustom(page, 'web-made.mml', async (w) => {
      await page.keyboard.press(w === 'down' ? 'ArrowDown' : 'Enter');
      await page.waitForTimeout(120);
    });
    check(true, 'the level made in the editor starts from the level select after a reload');
    await page.screenshot({ path: join(artifacts, 'editor-level-played.png') });

    // The page's help follows the keys bound in Options -> Controls.
    const help = () => page.locator('#controls').innerText();
    check(/Sprint\s+Shift\b/.test(await help()), 'the page\'s help says Shift sprints');
    await startGame(page);
    await page.keyboard.press('Enter');
    await waitState(page, (x) => x.screen === 'select', 'the level select');
    await page.keyboard.press('o');
    await waitState(page, (x) => x.screen === 'options', 'the options');
    // Options' rows come from a table others add to: down it until Enter
    // opens Controls (the rows before it only toggle or step settings).
    for (let i = 0; i < 20 && (await state(page)).screen === 'options'; i++) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      if ((await state(page)).screen !== 'options') break;
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(100);
    }
    await waitState(page, (x) => x.screen === 'controls', 'the controls page');
    // Controls' rows: Up, Down, Left, Right, Sprint, ...
    for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowUp');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await page.keyboard.press('q');
    await page.waitForFunction(() => /Sprint\s+Q\b/.test(document.getElementById('controls').innerText), null, { timeout: 5000 })
      .catch(() => {});
    const told = await help();
    check(/Sprint\s+Q\b/.test(told) && !/Sprint\s+Shift/.test(told),
      `Sprint moved to Q in Controls, and the page's help says Q (${told.replace(/\s+/g, ' ').match(/Sprint [^·]*·[^A-Z]*[A-Z, ]+/)?.[0]})`);
    await page.screenshot({ path: join(artifacts, 'help-remapped.png') });
    await settle(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// The editor by touch, on a phone held sideways: a tap on the title's "Make
// a level", the touch controls giving way to the editor's panel (only
// Pause stays, outside the picture), taps on its tools and tiles, a drag to
// paint, the Play button and back through the pause menu, Save with the
// name typed into the page's field (a phone's keyboard), Pause to leave,
// and the level under "Custom levels".
async function checkEditorTouch() {
  const profile = mkdtempSync(join(tmpdir(), 'mm-chromium-touch-editor-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true,
    viewport: { width: 844, height: 390 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    watch(page, 'touch-editor');
    await page.goto(url);
    await page.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
    await page.locator('#start').tap();
    await waitState(page, (x) => x.screen === 'title' && x.frame >= 2, 'the title on a phone');
    const cdp = await context.newCDPSession(page);
    const touches = (type, pts) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: pts });
    const stick = await page.locator('#stick').boundingBox();
    const stickDown = async () => {
      const c = { x: stick.x + stick.width / 2, y: stick.y + stick.height / 2 };
      await touches('touchStart', [{ x: c.x, y: c.y + stick.height * 0.4, id: 1 }]);
      await page.waitForTimeout(120);
      await touches('touchEnd', []);
      await page.waitForTimeout(120);
    };
    const tapUse = async () => { await page.locator('#t-use').tap(); await page.waitForTimeout(150); };
    // A tap on the title's "Make a level" itself (its third way, at y 128 +
    // 2 x 18 in src/ui/scr_title.c): touches land where the finger is.
    const tap = async (pt) => {
      const p = await pictureAt(page, pt);
      await page.touchscreen.tap(p.x, p.y);
      await page.waitForTimeout(150);
    };
    await tap([240, 128 + 2 * 18 + 4]);
    let s = await waitState(page, (x) => x.screen === 'editor', 'the editor by touch');
    check(true, 'a tap on "Make a level" on the title opens the editor on a phone');
    await page.waitForTimeout(200);
    const seen = await page.evaluate(() => ['stick', 't-sprint', 't-use', 't-pause']
      .map((id) => getComputedStyle(document.getElementById(id)).display !== 'none'));
    const pause = await page.locator('#t-pause').boundingBox();
    const pic = await page.evaluate(() => {
      const b = Element.prototype.getBoundingClientRect.call(document.getElementById('canvas'));
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const overlaps = pause.x < pic.x + pic.w && pause.x + pause.width > pic.x && pause.y < pic.y + pic.h && pause.y + pause.height > pic.y;
    check(!seen[0] && !seen[1] && !seen[2] && seen[3] && !overlaps,
      `in the editor the touch controls give way: only Pause stays, off the picture (${JSON.stringify(pause)})`);
    check(/Tap a tool/.test(await page.locator('#touch-help').innerHTML()),
      'the touch help speaks of the editor (shown in portrait)');
    const swipe = async (a, b) => {
      const p = await pictureAt(page, a), q = await pictureAt(page, b);
      await touches('touchStart', [{ x: p.x, y: p.y, id: 5 }]);
      for (let i = 1; i <= 6; i++) {
        await touches('touchMove', [{ x: p.x + (q.x - p.x) * i / 6, y: p.y + (q.y - p.y) * i / 6, id: 5 }]);
        await page.waitForTimeout(30);
      }
      await touches('touchEnd', []);
      await page.waitForTimeout(150);
    };
    await tap(ED.rect);
    await tap(ED.water);
    s = await state(page);
    check(s.editor.tool === TOOL_RECT && s.editor.tile === TILE_WATER, `taps on the panel choose Rect and water (tool ${s.editor.tool}, tile ${s.editor.tile})`);
    await swipe([104, 40], [168, 88]);
    await tap(ED.paint);
    await tap(ED.grass);
    await swipe([200, 168], [300, 168]);
    await page.screenshot({ path: join(artifacts, 'phone-editor.png') });
    // Play, then Pause and the pause menu's "Back to the editor".
    await tap(ED.play);
    await waitState(page, (x) => x.screen === 'play' && x.tick >= 10, 'the level test-played by touch');
    check(await page.locator('#stick').isVisible(), 'the tap on Play test-plays it, with the touch controls back');
    await page.locator('#t-pause').tap();
    s = await waitState(page, (x) => x.screen === 'pause', 'the pause menu by touch');
    // (The pause menu's rows: Resume, Restart, Assists, Options, then the
    // editor's row, "Back to the editor" while test-playing.)
    for (let i = 0; i < 8 && s.pause_sel < 4; i++) {
      await stickDown();
      s = await state(page);
    }
    await tapUse();
    await waitState(page, (x) => x.screen === 'editor', 'back in the editor by touch');
    check(true, 'Pause, then "Back to the editor" with the stick and Use, comes back');
    // Save: the name goes into the page's field, as a phone's keyboard types it.
    await tap(ED.save);
    await waitState(page, (x) => x.editor.typing, 'the name to type');
    await page.locator('#type-text').waitFor({ state: 'visible', timeout: 5000 });
    check(await page.evaluate(() => document.activeElement.id) === 'type-text',
      'Save shows the page\'s text field for the name, focused (the phone\'s keyboard comes up)');
    await page.locator('#type-text').fill('');
    await page.keyboard.type('phone made', { delay: 20 });
    await page.locator('#type-form button').tap();
    s = await waitState(page, (x) => !x.editor.typing && /\/levels\/phone-made\.mml$/.test(x.editor.saved), 'the level saved by touch');
    check(!(await page.locator('#type-form').isVisible()), `tapping OK saves it (${s.editor.saved}) and the field goes`);
    const kept = await page.evaluate((f) => new TextDecoder().decode(window.Module.FS.readFile(f)), s.editor.saved);
    check(/^miraclemile-level 3\r?\n/.test(kept) && /wwwww/.test(kept) && /"""/.test(kept),
      'the saved file has the pond and the stroke painted by touch');
    await page.waitForFunction(() => !window.mmPage.saving(), null, { timeout: 5000 });
    // No Ctrl+D on a phone: the page's "Download level" button does it.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }),
      page.locator('#download-level').tap()]);
    const got = readFileSync(await dl.path(), 'utf8');
    check(dl.suggestedFilename() === 'phone-made.mml' && got === kept,
      `the page's "Download level" hands over ${dl.suggestedFilename()}, the file saved`);
    await page.locator('#t-pause').tap();
    await waitState(page, (x) => x.screen === 'title', 'Pause to leave the editor');
    check(true, 'Pause leaves the editor (saved)');
    check(!(await page.locator('#download-level').isVisible()), 'and "Download level" goes with it');
    await page.reload();
    await page.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
    await page.locator('#start').tap();
    await waitState(page, (x) => x.screen === 'title' && x.frame >= 2, 'the title after a reload');
    await tapUse();
    await startCustom(page, 'phone-made.mml', async (w) => (w === 'down' ? stickDown() : tapUse()));
    check(true, 'after a reload the level made by touch starts from "Custom levels"');
    await settle(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// A second visit with no network: the service worker kept this version's
// files. And every file the page loads, but the page itself, its worker, its
// manifest and icons, carries its content's hash in its name.
async function checkOffline() {
  const profile = mkdtempSync(join(tmpdir(), 'mm-chromium-offline-'));
  const context = await launch(profile);
  try {
    const page = context.pages()[0] || (await context.newPage());
    watch(page, 'offline');
    const loaded = [];
    page.on('request', (req) => loaded.push(new URL(req.url()).pathname.replace(/^.*\//, '')));
    await startGame(page);
    const fixed = ['', 'index.html', 'sw.js', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png'];
    const unhashed = loaded.filter((f) => !fixed.includes(f) && !/\.[0-9a-f]{8}\.[a-z]+$/.test(f));
    check(unhashed.length === 0, `every file the page loads is named by its content's hash (${loaded.filter((f) => /\.[0-9a-f]{8}\./.test(f)).length} of them)${unhashed.length ? ': not ' + unhashed.join(', ') : ''}`);
    await page.waitForFunction(() => window.mmPage.offline(), null, { timeout: 15000 });
    check(true, 'the service worker keeps the game for offline play');
    // The sounds come after the title; the worker keeps each as it comes.
    await page.waitForFunction(() => window.mmPage.sounds().waiting === 0 && window.mmPage.sounds().fetched > 0, null, { timeout: 30000 });
    const snd = await page.evaluate(() => window.mmPage.sounds());
    check(true, `the sounds came after the title: ${snd.fetched} files, ${snd.bytes} bytes`);
    await context.setOffline(true);
    const s = await startGame(page);
    check(s.screen === 'title', 'with no network a second visit starts the game');
    await page.keyboard.press('Enter');
    await waitState(page, (x) => x.screen === 'select', 'the level select offline');
    await page.keyboard.press('Enter');
    await skipCard(page);
    await waitState(page, (x) => x.screen === 'play' && x.tick >= 30, 'the first level offline');
    check(true, 'and plays a level');
    await context.setOffline(false);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Chromium on a profile folder of its own (a fresh --user-data-dir).
function launch(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader',
    ],
  });
}

const only = opt('--only', ''); // e.g. --only editor: that part alone (while working on it)

async function main() {
  if (only) {
    for (const part of only.split(',')) await { editor: checkEditor, 'touch-editor': checkEditorTouch, phone: checkPhone }[part]();
    if (problems.length) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
    log(`browser test parts passed: ${only}`);
    return;
  }
  const profile = mkdtempSync(join(tmpdir(), 'mm-chromium-'));
  const results = {};
  let context = await launch(profile);
  try {
    let page = context.pages()[0] || (await context.newPage());
    watch(page, 'game');
    // What the page asks for, file by file, and each file's size gzipped
    // (as the server sends it, and any host that compresses): what the
    // title needs, and all a player fetches to finish level 1. Counted from
    // the files, so the figures are exact (a service worker serving some of
    // them changes nothing).
    const wire = new Map();
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.origin !== new URL(url).origin) return;
      const f = u.pathname.replace(/^.*\//, '') || 'index.html';
      if (!wire.has(f)) wire.set(f, gzipSync(readFileSync(join(site, f)), { level: 9 }).length);
    });
    const sumWire = (pred) => [...wire].filter(([f]) => pred(f)).reduce((a, [, n]) => a + n, 0);
    const isSound = (f) => /\.(ogg|wav)$/.test(f);

    // Loading, then the click that starts the game and its sound.
    await page.goto(url);
    check((await page.title()) === 'Miracle Mile', 'the page is titled Miracle Mile');
    await page.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
    await page.screenshot({ path: join(artifacts, 'start.png') });
    await page.locator('#start').click();
    let s = await waitState(page, (x) => x.screen === 'title' && x.frame >= 10, 'the title screen');
    check(s.audio, 'the game opened its audio device');
    const audio = await page.waitForFunction(() => {
      const c = window.Module.SDL2 && window.Module.SDL2.audioContext;
      return c && c.state === 'running' ? c.state : false;
    }, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => 'not running');
    check(audio === 'running', 'the audio context is running after the click');
    check(s.save_path.startsWith('/libsdl/MiracleMile/miraclemile/'), `saves go to the IndexedDB folder (${s.save_path})`);
    check((await page.evaluate(() => window.mmPage.storage())) === 'ok', 'IndexedDB storage is in use');

    // The picture: the drawing buffer is the game's own 480x270, shown at a
    // whole-number scale of device pixels, pixelated.
    const geo = await geometry(page);
    const k = geo.cssW * geo.dpr / 480;
    check(geo.w === 480 && geo.h === 270, `the drawing buffer is the picture's 480x270 (${geo.w}x${geo.h})`);
    check(Math.abs(k - Math.round(k)) < 0.01 && k >= 1 && Math.abs(geo.cssH * geo.dpr - 270 * k) < 1,
      `the canvas is shown at ${Math.round(k)} times 480x270 in device pixels`);
    check(geo.rendering === 'pixelated', 'image-rendering is pixelated');
    // WebGL here is SwiftShader (no GPU): the page has SDL draw in software.
    const chosen = await page.evaluate(() => window.mmPage.renderer());
    const no3d = await page.evaluate(() => document.getElementById('canvas').getContext('webgl') === null);
    check(chosen === 'software' && no3d, `with WebGL drawn in software the page picks SDL's software renderer (${chosen})`);
    await page.screenshot({ path: join(artifacts, 'title.png') });

    // The first level, played to the win screen with key presses.
    await page.keyboard.press('Enter');
    await waitState(page, (x) => x.screen === 'select', 'the level select');
    await page.keyboard.press('Enter');
    await skipCard(page);
    s = await waitState(page, (x) => x.screen === 'play', 'the first level');
    check(s.level === '01-tar-pits.mml', 'the first level is the tar pits');
    const replay = join(repo, 'tests', 'replays', '01-tar-pits.replay');
    s = await playReplay(page, replay);
    check(s.screen === 'results' && s.status === 1, `the level is won (tick ${s.tick})`);
    // The same inputs give the same game on every platform (README, "Command
    // line"): the recording ends on the tick the desktop wins.
    const recorded = Number(/\nticks (\d+)/.exec(readFileSync(replay, 'utf8'))[1]);
    check(s.tick === recorded, `won on tick ${recorded}, as on the desktop`);
    const best = s.best['01-tar-pits.mml'];
    check(best > 0, `a best time is recorded (${best} ticks)`);
    await page.waitForTimeout(500); // the results screen settles
    await page.screenshot({ path: join(artifacts, 'win.png') });
    // The first visit's budget: the title needs only the page, the code and
    // the data package (the sounds come after it: the title's music fades
    // in); the whole of level 1, with its music, every effect and the
    // results' music, stays under 2.5 MB.
    await page.waitForFunction(() => window.mmPage.sounds().waiting === 0, null, { timeout: 30000 });
    const titleBytes = sumWire((f) => !isSound(f) && f !== 'sw.js' && f !== 'manifest.webmanifest' && !/^icon-/.test(f));
    check(titleBytes <= 1200000, `what the title needs comes in ${titleBytes} bytes over the wire (at most 1,200,000)`);
    const level1Bytes = sumWire(() => true);
    check(level1Bytes <= 2500000, `everything fetched to finish level 1 is ${level1Bytes} bytes (at most 2,500,000): ${[...wire].filter(([f]) => isSound(f)).length} sounds among them`);
    writeFileSync(join(artifacts, 'first-visit-bytes.json'), JSON.stringify(Object.fromEntries(wire), null, 2) + '\n');
    results.title_bytes = titleBytes;
    results.level1_bytes = level1Bytes;
    await page.waitForFunction(() => window.mmPage.saves() >= 1 && !window.mmPage.saving(), null, { timeout: 5000 });
    check(true, 'the save was copied to IndexedDB');

    // Reload: the best time is still there. (The page's clock is still the
    // test's, running at the normal pace again.)
    s = await startGame(page);
    check(s.best['01-tar-pits.mml'] === best, `after a reload the best time is still ${best} ticks`);
    await settle(page);
    await context.close();

    // And after the browser is closed and opened again on the same profile,
    // which also leaves the test's clock behind.
    context = await launch(profile);
    page = context.pages()[0] || (await context.newPage());
    watch(page, 'game');
    s = await startGame(page);
    check(s.best['01-tar-pits.mml'] === best, `after a browser restart the best time is still ${best} ticks`);
    await page.keyboard.press('Enter');
    await waitState(page, (x) => x.screen === 'select', 'the level select after the reload');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'select-after-reload.png') });

    // A level file from the player's computer, with the button...
    await page.setInputFiles('#level-file', join(repo, 'levels', '03-johnnies.mml'));
    s = await waitState(page, (x) => x.screen === 'play' && /^level:[0-9a-f]{16}$/.test(x.level), 'the opened level');
    check(true, `a level file opened with the button plays (its best time is keyed by what it plays like: ${s.level})`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'opened-level.png') });
    // ... and dropped on the page: a broken one shows its errors.
    const broken = readFileSync(join(repo, 'tests', 'data', 'broken.mml'), 'utf8');
    expected = [/broken\.mml:\d+:\d+: error: /]; // the game lists the file's errors
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'broken.mml', { type: 'text/plain' }));
      const stage = document.getElementById('stage');
      for (const type of ['dragenter', 'dragover', 'drop'])
        stage.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, broken);
    s = await waitState(page, (x) => x.screen === 'error', 'the error screen for a broken level');
    check(true, 'a broken level dropped on the page shows its errors');
    await page.screenshot({ path: join(artifacts, 'dropped-broken-level.png') });
    expected = [];
    // On the desktop a level opened from a file quits when left; a page goes
    // back to its title instead.
    await page.keyboard.press('Escape');
    await waitState(page, (x) => x.screen === 'title', 'back to the title');
    await page.keyboard.press('Enter');
    await waitState(page, (x) => x.screen === 'select', 'the level select');
    // The opened level was kept: after a reload it is under "Custom levels",
    // with the same key for its best time.
    await page.waitForFunction(() => !window.mmPage.saving(), null, { timeout: 5000 });
    s = await startGame(page);
    await page.keyboard.press('Enter');
    s = await waitState(page, (x) => x.screen === 'select', 'the level select after a reload');
    check(s.custom.some((f) => /\/levels\/03-johnnies\.mml$/.test(f)), `after a reload the opened level is under "Custom levels" (${s.custom.join(', ')})`);

    // A Tiled map with an external tileset and object templates
    // (tests/tiled/templates.tmx names miraclemile.tsx and four templates,
    // .tx and .tj): dropped without its tileset, the reader's error at the
    // map's <tileset>; picked with it, several files at once, it plays; after
    // a reload it is under "Custom levels" and still opens, its tileset and
    // templates kept beside it.
    const tiledFiles = (names) => names.map((n) => [n, readFileSync(join(repo, 'tests', 'tiled', n)).toString('base64')]);
    const dropFiles = (files) => page.evaluate((list) => {
      const dt = new DataTransfer();
      for (const [name, b64] of list)
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      const stage = document.getElementById('stage');
      for (const type of ['dragenter', 'dragover', 'drop'])
        stage.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files);
    const templates = ['diner.tx', 'julie.tx', 'clock.tx', 'key.tj'];
    const said = [];
    const listen = (msg) => said.push(msg.text());
    page.on('console', listen);
    expected = [/templates\.tmx:\d+:\d+: error: /];
    await page.keyboard.press('Escape');
    await waitState(page, (x) => x.screen === 'title', 'the title');
    await dropFiles(tiledFiles(['templates.tmx', ...templates]));
    await waitState(page, (x) => x.screen === 'error', 'the error screen for a Tiled map without its tileset');
    await page.waitForTimeout(300);
    const missing = said.find((t) => /templates\.tmx:\d+:\d+: error: cannot read the tileset/.test(t));
    check(missing && /miraclemile\.tsx/.test(missing), `a Tiled map dropped without its tileset shows the reader's error (${missing})`);
    const told = await page.locator('#notice').textContent();
    check(await page.locator('#notice').isVisible() && /needs miraclemile\.tsx/.test(told),
      `the page says what to open with the map (${told})`);
    await page.screenshot({ path: join(artifacts, 'tiled-missing-tileset.png') });
    page.off('console', listen);
    expected = [];
    await page.keyboard.press('Escape');
    await waitState(page, (x) => x.screen === 'title', 'back to the title');
    await page.setInputFiles('#level-file', ['templates.tmx', 'miraclemile.tsx', ...templates]
      .map((n) => join(repo, 'tests', 'tiled', n)));
    const playTiled = async (what) => {
      let t = await waitState(page, (x) => x.screen === 'play' || x.screen === 'card', what);
      if (t.screen === 'card') {
        await page.waitForTimeout(300);
        await page.keyboard.press('Space');
      }
      return waitState(page, (x) => x.screen === 'play' && x.tick >= 30, `${what} running`);
    };
    s = await playTiled('the Tiled map picked with its tileset and templates');
    check(/^level:[0-9a-f]{16}$/.test(s.level), `a Tiled map picked with its tileset and templates plays (${s.level})`);
    check(!(await page.locator('#notice').isVisible()), 'and the notice about the missing tileset is gone');
    await page.screenshot({ path: join(artifacts, 'tiled-map.png') });
    const kept = await page.evaluate(() => ['templates.tmx', 'miraclemile.tsx', 'diner.tx', 'key.tj']
      .every((f) => window.Module.FS.analyzePath('/libsdl/MiracleMile/miraclemile/levels/' + f).exists));
    check(kept, 'the map, its tileset and its templates are kept in the levels folder');
    // A map naming its tileset outside the folders the page keeps: the page
    // says so (and writes nothing there), the reader says it is missing.
    const outside = readFileSync(join(repo, 'tests', 'tiled', 'templates.tmx'), 'utf8')
      .replace('source="miraclemile.tsx"', 'source="../../miraclemile.tsx"');
    expected = [/outside\.tmx:\d+:\d+: error: /];
    await dropFiles([['outside.tmx', Buffer.from(outside).toString('base64')],
      ...tiledFiles(['miraclemile.tsx', ...templates])]);
    await waitState(page, (x) => x.screen === 'error', 'the error screen for a tileset outside the kept folders');
    const toldOutside = await page.locator('#notice').textContent();
    const wroteOutside = await page.evaluate(() => window.Module.FS.analyzePath('/libsdl/MiracleMile/miraclemile.tsx').exists);
    check(/names \.\.\/\.\.\/miraclemile\.tsx, outside/.test(toldOutside) && !wroteOutside,
      `a tileset named outside the kept folders is refused, and the page says so (${toldOutside})`);
    expected = [];
    await page.keyboard.press('Escape');
    await waitState(page, (x) => x.screen === 'title', 'back to the title');
    await page.setInputFiles('#level-file', ['templates.tmx', 'miraclemile.tsx', ...templates]
      .map((n) => join(repo, 'tests', 'tiled', n)));
    await playTiled('the Tiled map again');
    await page.keyboard.press('Escape');
    await waitState(page, (x) => x.screen === 'pause', 'the pause menu');
    await page.waitForFunction(() => !window.mmPage.saving(), null, { timeout: 5000 });
    s = await startGame(page);
    await page.keyboard.press('Enter');
    s = await waitState(page, (x) => x.screen === 'select', 'the level select after a reload');
    const keptMap = s.custom.find((f) => /\/levels\/templates\.tmx$/.test(f));
    check(keptMap, `after a reload the Tiled map is under "Custom levels" (${s.custom.join(', ')})`);
    await page.evaluate((f) => window.Module.ccall('web_open_level', 'number', ['string'], [f]), keptMap);
    s = await playTiled('the kept Tiled map');
    check(true, 'after a reload the kept Tiled map still opens with its tileset and templates');
    // (The level select again, for the checks below: that small map leaves
    // the picture's corners dark.)
    await startGame(page);
    await page.keyboard.press('Enter');
    await waitState(page, (x) => x.screen === 'select', 'the level select');

    // Fullscreen from the page's button, saved like the game's own setting.
    await page.locator('#fullscreen').click();
    const full = await page.waitForFunction(() => document.fullscreenElement?.id || false, null,
      { timeout: 3000 }).then((h) => h.jsonValue()).catch(() => null);
    check(full === 'canvas', 'the fullscreen button puts the game fullscreen');
    await page.waitForTimeout(500);
    const box = await drawnBox(page);
    const fk = Math.floor(Math.min(box.screenW / 480, box.screenH / 270));
    check(box.w === 480 * fk && box.h === 270 * fk && box.x === (box.screenW - box.w) >> 1 &&
      box.y === (box.screenH - box.h) >> 1,
      `fullscreen on a ${box.screenW}x${box.screenH} screen draws ${box.w}x${box.h} at (${box.x}, ${box.y}): ${fk} times 480x270, centred`);
    await page.screenshot({ path: join(artifacts, 'fullscreen.png') });
    s = await state(page);
    check(s.fullscreen, 'the fullscreen setting follows');
    await page.evaluate(() => document.exitFullscreen());
    s = await waitState(page, (x) => !x.fullscreen, 'the setting to follow the browser leaving fullscreen');
    check(true, 'leaving fullscreen in the browser clears the setting');

    // Other window sizes: the scale follows; smaller than the picture, it shrinks.
    await checkSize(page, 1000, 700);
    await checkSize(page, 700, 500);
    await checkSize(page, 400, 260);
    await checkSize(page, 1280, 800);
    await page.close();

    // WebGL, as on a machine with a GPU (forced here): the same picture, from
    // the same 480x270 buffer, and a level plays.
    const pg = await context.newPage();
    watch(pg, 'webgl');
    await pg.goto(url + '?renderer=webgl');
    await pg.locator('#start').waitFor({ state: 'visible', timeout: 30000 });
    await pg.locator('#start').click();
    await waitState(pg, (x) => x.screen === 'title' && x.frame >= 10, 'the title with WebGL');
    // (A canvas has one kind of context: asking for another gives null.)
    const gl = await pg.evaluate(() => [window.mmPage.renderer(), document.getElementById('canvas').getContext('2d') === null]);
    check(gl[0] === 'webgl' && gl[1], 'with ?renderer=webgl the game draws with WebGL');
    await checkSize(pg, 1000, 700);
    await pg.keyboard.press('Enter');
    await waitState(pg, (x) => x.screen === 'select', 'the level select');
    await pg.keyboard.press('Enter');
    await skipCard(pg);
    await waitState(pg, (x) => x.screen === 'play' && x.tick >= 30, 'the first level with WebGL');
    check(true, 'and plays the first level');
    await pg.close();

    // A gamepad (the browser's Gamepad API, faked with a standard-mapping
    // pad): its buttons drive the menus as on the desktop.
    const p3 = await context.newPage();
    watch(p3, 'gamepad');
    await p3.addInitScript(() => {
      const pad = {
        id: 'Virtual pad (STANDARD GAMEPAD)', index: 0, connected: true, mapping: 'standard',
        timestamp: 1, axes: [0, 0, 0, 0],
        buttons: Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 })),
      };
      navigator.getGamepads = () => [pad, null, null, null];
      window.mmTestPad = (button, down) => {
        pad.buttons[button] = { pressed: down, touched: down, value: down ? 1 : 0 };
        pad.timestamp++;
      };
    });
    await startGame(p3);
    const padPress = async (button) => {
      await p3.evaluate((b) => window.mmTestPad(b, true), button);
      await p3.waitForTimeout(100);
      await p3.evaluate((b) => window.mmTestPad(b, false), button);
      await p3.waitForTimeout(100);
    };
    await padPress(0); // A
    await waitState(p3, (x) => x.screen === 'select', 'A to open the level select');
    await padPress(1); // B
    await waitState(p3, (x) => x.screen === 'title', 'B to go back to the title');
    check(true, 'a gamepad\'s A and B move through the menus');
    await p3.close();

    // The player looks away (another tab, the phone's home screen): the
    // level pauses, its clock stops, and it is still paused on return.
    const p4 = await context.newPage();
    watch(p4, 'hidden');
    await startGame(p4);
    await p4.keyboard.press('Enter');
    await waitState(p4, (x) => x.screen === 'select', 'the level select');
    await p4.keyboard.press('Enter');
    await skipCard(p4);
    await waitState(p4, (x) => x.screen === 'play' && x.tick >= 30, 'the first level running');
    const setHidden = (hidden) => p4.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { value: h, configurable: true });
      Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await setHidden(true);
    s = await waitState(p4, (x) => x.screen === 'pause', 'the level to pause when the page is hidden');
    const hiddenTick = s.tick;
    await p4.waitForTimeout(500);
    s = await state(p4);
    check(s.screen === 'pause' && s.tick === hiddenTick, `hiding the page pauses the level and its clock (tick ${s.tick})`);
    await setHidden(false);
    await p4.waitForTimeout(300);
    s = await state(p4);
    check(s.screen === 'pause' && s.tick === hiddenTick, 'coming back leaves it paused');
    await p4.close();

    // A browser that keeps nothing (old private windows): a notice, and play.
    const p2 = await context.newPage();
    watch(p2, 'no-storage');
    await p2.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'InvalidStateError');
      };
    });
    await startGame(p2);
    const note = await p2.locator('#notice').textContent();
    check(/private window/.test(note) && await p2.locator('#notice').isVisible(), 'without storage the page says so');
    check((await p2.evaluate(() => window.mmPage.storage())) === 'none', 'and plays on without it');
    await p2.close();

    await checkPhone();
    await checkEditor();
    await checkEditorTouch();
    await checkOffline();

    // Page load to the title's first frame, each a first visit.
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await timeFirstFrame(context));
    results.ready_ms = samples.map((t) => Math.round(t.ready));
    results.click_to_frame_ms = samples.map((t) => Math.round(t.firstFrame - t.start));
    results.first_frame_ms = samples.map((t) => Math.round(t.firstFrame));
    results.median_ready_ms = median(results.ready_ms);
    results.median_click_to_frame_ms = median(results.click_to_frame_ms);
    results.median_first_frame_ms = median(results.first_frame_ms);
    log(`     page load to "click to start": ${results.ready_ms.join(', ')} ms (median ${results.median_ready_ms})`);
    log(`     click to the title's first frame: ${results.click_to_frame_ms.join(', ')} ms (median ${results.median_click_to_frame_ms})`);
    log(`     page load to the title's first frame: ${results.first_frame_ms.join(', ')} ms (median ${results.median_first_frame_ms})`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  for (const [re, n] of harmlessSeen) log(`     known harmless message /${re}/ seen ${n} time(s)`);
  writeFileSync(join(artifacts, 'timings.json'), JSON.stringify(results, null, 2) + '\n');
  if (problems.length) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
  log(`browser test passed; screenshots and timings in ${artifacts}`);
}

main().catch((e) => {
  console.error(`browser test FAILED: ${e.message}`);
  if (problems.length && !/reported problems/.test(e.message)) console.error(`also:\n  ${problems.join('\n  ')}`);
  process.exit(1);
});
