// The web build's benchmark, in Debian's Chromium driven by playwright-core:
// what a first visit downloads and how long it waits, on loopback and on an
// ordinary broadband line (Chrome DevTools' throttling: 10 Mbit/s down,
// 5 up, 40 ms round trips), and the frame rate on the title and in play
// with no GPU, as in a virtual machine: as the page chooses there (SDL's
// software renderer, since WebGL is SwiftShader) and with WebGL forced
// (?renderer=webgl). Each figure is
// the median of --runs runs (default 3), each a first visit on a fresh
// profile. Run it through tools/web/bench.sh; by hand:
//   node tests/web/bench-web.mjs --url http://127.0.0.1:PORT/ [--runs 3]
// Prints a table and writes the figures as JSON (--out FILE).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const url = opt('--url', 'http://127.0.0.1:8080/');
const runs = Number(opt('--runs', '3'));
const out = opt('--out', '');
const chromiumPath = opt('--chromium', '/usr/bin/chromium');

const BROADBAND = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function withPage(fn) {
  const profile = mkdtempSync(join(tmpdir(), 'mm-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    return await fn(page, context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// Page load to "click to start" and to the title's first frame, clicking as
// soon as it can, and the bytes that came over the network by then.
async function firstVisit(throttle) {
  return withPage(async (page, context) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // (A fresh profile has nothing cached; the cache stays on, so the
    // page's preloads are used as a browser uses them.)
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    if (throttle) await cdp.send('Network.emulateNetworkConditions', throttle);
    let bytes = 0, all = 0, counting = true;
    cdp.on('Network.loadingFinished', (e) => {
      if (counting) bytes += e.encodedDataLength;
      all += e.encodedDataLength;
    });
    const t0 = Date.now();
    await page.goto(url, { timeout: 120000 });
    await page.locator('#start').waitFor({ state: 'visible', timeout: 120000 });
    await page.locator('#start').click();
    await page.waitForFunction(() => window.mmPage.timings.firstFrame !== undefined, null, { timeout: 60000 });
    counting = false;
    const t = await page.evaluate(() => window.mmPage.timings);
    let level1 = 0;
    if (!throttle) {
      // Then level 1 as a player plays it: into the level, every sound it
      // and its results ask for (its stems, the effects, the results'
      // music), everything the page fetched by then.
      const state = () => page.evaluate(() => window.mmPage.state());
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      for (let i = 0; i < 20 && (await state()).screen !== 'play'; i++) {
        await page.keyboard.press('Enter');
        await page.waitForTimeout(200);
      }
      await page.evaluate(() => window.Module.mmWantAsset('music_results.ogg'));
      await page.waitForFunction(() => window.mmPage.sounds().waiting === 0, null, { timeout: 60000 });
      await page.waitForTimeout(500);
      level1 = all;
    }
    return { ready: t.ready, firstFrame: t.firstFrame, bytes, level1, wall: Date.now() - t0 };
  });
}

// Frames drawn in 3 s by the page's animation loop, on the title and while
// a level plays (Harry standing: the world, the clock and the light move).
async function frameRates(query = '') {
  return withPage(async (page) => {
    await page.goto(url + query);
    await page.locator('#start').waitFor({ state: 'visible', timeout: 60000 });
    await page.locator('#start').click();
    const state = () => page.evaluate(() => window.mmPage.state());
    const wait = async (pred) => {
      for (let i = 0; i < 500; i++) {
        const s = await state();
        if (s && pred(s)) return s;
        await page.waitForTimeout(20);
      }
      throw new Error('timed out');
    };
    const fps = async () => {
      const a = await state();
      await page.waitForTimeout(3000);
      const b = await state();
      return (b.frame - a.frame) / 3;
    };
    await wait((s) => s.screen === 'title' && s.frame > 30);
    const title = await fps();
    await page.keyboard.press('Enter');
    await wait((s) => s.screen === 'select');
    await page.keyboard.press('Enter');
    // The first level, past any card before it.
    for (let i = 0; i < 10; i++) {
      const s = await state();
      if (s.screen === 'play') break;
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
    }
    await wait((s) => s.screen === 'play' && s.tick > 30);
    const play = await fps();
    const renderer = await page.evaluate(() => window.mmPage.renderer());
    return { title, play, renderer };
  });
}

async function main() {
  const loop = [], slow = [], rates = [], webgl = [];
  for (let i = 0; i < runs; i++) {
    loop.push(await firstVisit(null));
    slow.push(await firstVisit(BROADBAND));
    // As the page chooses (SDL's software renderer where WebGL is
    // SwiftShader), and with WebGL forced, to compare.
    rates.push(await frameRates());
    webgl.push(await frameRates('?renderer=webgl'));
  }
  const fig = {
    runs,
    loopback_ready_ms: median(loop.map((r) => r.ready)),
    loopback_first_frame_ms: median(loop.map((r) => r.firstFrame)),
    broadband_ready_ms: median(slow.map((r) => r.ready)),
    broadband_first_frame_ms: median(slow.map((r) => r.firstFrame)),
    // On the throttled line: on loopback the title's music (asked for as
    // the title opens) has often come before its first frame is drawn.
    bytes_before_title: median(slow.map((r) => r.bytes)),
    bytes_before_title_loopback: median(loop.map((r) => r.bytes)),
    bytes_to_play_level_1: median(loop.map((r) => r.level1)),
    title_fps: median(rates.map((r) => r.title)),
    play_fps: median(rates.map((r) => r.play)),
    renderer: rates[0].renderer,
    webgl_title_fps: median(webgl.map((r) => r.title)),
    webgl_play_fps: median(webgl.map((r) => r.play)),
  };
  const row = (what, v, unit) => console.log(`${what.padEnd(52)} ${String(Math.round(v)).padStart(9)} ${unit}`);
  console.log(`medians of ${runs} first visits on ${url}`);
  row('downloaded before the title, 10 Mbit/s (over the wire)', fig.bytes_before_title, 'bytes');
  row('downloaded before the title, loopback (title music too)', fig.bytes_before_title_loopback, 'bytes');
  row('downloaded to play level 1 through (over the wire)', fig.bytes_to_play_level_1, 'bytes');
  row('page load to "click to start", loopback', fig.loopback_ready_ms, 'ms');
  row('page load to the title\'s first frame, loopback', fig.loopback_first_frame_ms, 'ms');
  row('page load to "click to start", 10 Mbit/s, 40 ms', fig.broadband_ready_ms, 'ms');
  row('page load to the title\'s first frame, 10 Mbit/s', fig.broadband_first_frame_ms, 'ms');
  row(`frames a second on the title (${fig.renderer} renderer)`, fig.title_fps, 'fps');
  row(`frames a second in play, level 1 (${fig.renderer} renderer)`, fig.play_fps, 'fps');
  row('frames a second on the title (WebGL forced, SwiftShader)', fig.webgl_title_fps, 'fps');
  row('frames a second in play, level 1 (WebGL forced, SwiftShader)', fig.webgl_play_fps, 'fps');
  if (out) writeFileSync(out, JSON.stringify(fig, null, 2) + '\n');
}

main().catch((e) => {
  console.error(`web benchmark FAILED: ${e.message}`);
  process.exit(1);
});
