// End-to-end test of the dashboard: the sample corpus coded by `flashpoint demo`, one hostile
// article posted through the API, and Debian's headless Chromium driven by playwright-core.
//
//   FLASHPOINT_BIN=target/release/flashpoint node --test dashboard.test.mjs
//
// Screenshots go to SCREENSHOT_DIR (default: target/e2e-screenshots under the repository).
// Without /usr/bin/chromium the tests skip, saying so; .ci/run installs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const bin = path.resolve(root, process.env.FLASHPOINT_BIN || 'target/release/flashpoint');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = path.resolve(root, process.env.SCREENSHOT_DIR || 'target/e2e-screenshots');
const TOKEN = 'e2e-token-not-secret';

const HOSTILE = {
  id: 'hostile-1',
  published: '2020-03-02',
  source_name: '<img src=x onerror="window.__xss=3">',
  title: '<script>window.__xss=4</script> Shelling report',
  url: 'javascript:window.__xss=5',
  text: 'Turkish troops shelled Syrian army positions near Saraqib on Sunday <script>alert(1)</script> and <img src=x onerror="window.__xss=1">, officials said.\nSyria accused Turkey of aggression <img src=x onerror=alert(2)>.',
};

const skip = existsSync(chromiumPath) ? false : `SKIPPED: ${chromiumPath} is not installed (apt-get install chromium chromium-driver)`;
if (skip) console.log(`# ${skip}`);

let dir;
let server;
let base;
let browser;
let dialogs = [];

function startServer(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0', '--token', TOKEN], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

before(async () => {
  if (skip) return;
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'flashpoint-e2e-'));
  const db = path.join(dir, 'demo.db');
  const demo = spawnSync(bin, ['demo', '--no-serve', '--db', db], { encoding: 'utf8' });
  assert.equal(demo.status, 0, demo.stderr);
  assert.match(demo.stdout, /TUR -> SYR/);
  const s = await startServer(db);
  server = s.child;
  base = s.url;
  const resp = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(HOSTILE),
  });
  assert.equal(resp.status, 201, await resp.text());
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) outside.push(r.url());
  });
  page.outside = outside;
  await page.goto(`${base}${url}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Nothing the data carried became markup or ran. */
async function assertInert(page) {
  const probe = await page.evaluate(() => ({
    xss: window.__xss,
    imgs: document.querySelectorAll('img').length,
    scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
    jsLinks: [...document.querySelectorAll('a')].filter((a) => !/^https?:|^\//.test(a.getAttribute('href') || '')).length,
  }));
  assert.equal(probe.xss, undefined, 'a script from the data ran');
  assert.equal(probe.imgs, 0, 'an <img> from the data was created');
  assert.deepEqual(probe.scripts, ['/assets/app.js']);
  assert.equal(probe.jsLinks, 0, 'a non-http link was made from the data');
  assert.deepEqual(dialogs, [], 'an alert() ran');
  assert.deepEqual(page.outside, [], 'the page reached beyond its own server');
}

test('the map shows the events as points', { skip }, async () => {
  const page = await open('/');
  await page.waitForSelector('#map .cluster');
  const clusters = await page.locator('#map .cluster').count();
  assert.ok(clusters >= 5, `${clusters} clusters`);
  const countries = await page.locator('#map .land path').count();
  assert.ok(countries > 150, `${countries} countries drawn`);
  const bars = await page.locator('#timeline .bar').count();
  assert.ok(bars > 10, `${bars} timeline bars`);
  const rows = await page.locator('#panel .event-row').count();
  assert.ok(rows > 10, `${rows} events listed`);
  await page.screenshot({ path: path.join(shots, '1-overview.png') });
  await assertInert(page);
  await page.close();
});

test('a cluster click filters to its area, and the URL keeps the filter', { skip }, async () => {
  const page = await open('/?source=TUR&target=SYR');
  await page.waitForSelector('#map .cluster');
  await page.locator('#map .cluster').first().click();
  await page.waitForFunction(() => new URLSearchParams(location.search).has('bbox'));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('source'), 'TUR');
  await page.waitForSelector('#panel .event-row');
  // The shared URL opens the same view.
  const again = await open(`${url.pathname}${url.search}`);
  assert.equal(await again.inputValue('input[name="source"]'), 'TUR');
  assert.ok((await again.inputValue('input[name="bbox"]')).split(',').length === 4);
  await again.close();
  await page.close();
});

test('the TUR→SYR dyad, then an event with its sentence highlighted', { skip }, async () => {
  const page = await open('/');
  await page.click('#tabs button[data-view="dyad"]');
  await page.fill('#dyad-a', 'TUR');
  await page.fill('#dyad-b', 'SYR');
  await page.click('#dyad-show');
  await page.waitForSelector('#dyad-ab .bar');
  assert.match(page.url(), /a=TUR&b=SYR/);
  const ab = await page.locator('#dyad-ab .bar').count();
  const ba = await page.locator('#dyad-ba .bar').count();
  assert.ok(ab > 0 && ab === ba, `${ab} and ${ba} periods`);
  const bands = await page.locator('#panel .dyad-chart .alert-band').count();
  const alerts = await page.locator('#panel .alert').count();
  assert.ok(alerts === 0 || bands > 0, 'alerts listed but not marked on the chart');
  await page.screenshot({ path: path.join(shots, '2-dyad-tur-syr.png') });

  await page.locator('#panel .event-list').first().locator('.event-open').first().click();
  await page.waitForSelector('#panel p.sentence mark.m-trigger');
  const trigger = await page.locator('#panel p.sentence mark.m-trigger').first().textContent();
  assert.ok(trigger.length > 1, 'empty trigger');
  const sentence = await page.locator('#panel p.sentence').first().textContent();
  assert.ok(sentence.includes(trigger));
  const shown = new URL(page.url()).searchParams;
  assert.equal(shown.get('view'), 'event');
  assert.match(shown.get('event'), /^\d+$/);
  await page.screenshot({ path: path.join(shots, '3-event-sentence.png') });
  await assertInert(page);
  await page.close();
});

test('the alerts list opens the events behind an alert', { skip }, async () => {
  const page = await open('/?view=alerts');
  await page.waitForSelector('#panel .alert');
  const first = page.locator('#panel .alert').first();
  await first.locator('.show-evidence').click();
  await first.locator('.evidence .event-open').first().click();
  await page.waitForSelector('#panel p.sentence');
  assert.match(page.url(), /view=event/);
  await page.close();
});

test('hostile text stays text in every view', { skip }, async () => {
  // The events list (by a text search), the event, the article, the dyad view.
  const page = await open('/?q=%3Cscript%3E');
  await page.waitForSelector('#panel .event-row');
  const list = await page.locator('#panel').textContent();
  assert.ok(list.includes('<script>alert(1)</script>'), 'the sentence is not shown as text');
  await assertInert(page);

  await page.locator('#panel .event-open').first().click();
  await page.waitForSelector('#panel p.sentence');
  const ev = await page.locator('#panel').textContent();
  assert.ok(ev.includes('<img src=x onerror="window.__xss=1">'));
  assert.ok(ev.includes('<img src=x onerror="window.__xss=3">'), 'the source name is not text');
  await assertInert(page);

  await page.locator('#panel .open-article').first().click();
  await page.waitForSelector('#panel .article-text');
  const art = await page.locator('#panel').textContent();
  assert.ok(art.includes('<script>window.__xss=4</script> Shelling report'));
  assert.ok(art.includes('javascript:window.__xss=5'), 'the url is not shown as text');
  await page.screenshot({ path: path.join(shots, '4-hostile-article.png') });
  await assertInert(page);

  const dyad = await open('/?view=dyad&a=TUR&b=SYR');
  await dyad.waitForSelector('#dyad-ab .bar');
  const text = await dyad.locator('#panel').textContent();
  assert.ok(text.includes('<script>alert(1)</script>'), 'the hostile TUR→SYR event is not listed as text');
  await assertInert(dyad);
  await dyad.close();
  await page.close();
});
