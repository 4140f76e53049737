// The acceptance mini-day (issue 6): ONE run in real Chromium with separate browser contexts for 6 participants,
// 2 table hosts, the facilitator's console and the projector. Every screen follows the facilitator's "next
// round" within 1 s (measured per screen); the word cloud and the counters update live as phones and hosts send
// keywords; themes are adopted, a dot vote is held and the afternoon's theme tables are seated (every phone then
// shows its table's theme); a vote is held on phones and its result equals an independent recount of the
// published ballots. axe-core: 0 violations on the four screens.
//
// The two table hosts have their own accounts (added on the team page with a one-time password, each the host
// of one table), so each tablet shows only its own table.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, login, loginOrganiser, createSummit, addGroup, addRound,
  sampleSummit, grouped, drawCodes, devices, confirmedHall,
} from './lib.mjs';

const PEOPLE = 6;
const HOSTS = [
  { name: 'Tafelgastvrouw Een', email: 'host1.minidag@example.org' },
  { name: 'Tafelgastheer Twee', email: 'host2.minidag@example.org' },
];
const Q1 = 'Wat maakt onze stad goed?';
const Q2 = 'Werk uw thema uit tot een voorstel.';
let browser, organiser, console_, slug;
const contexts = [];
const { codes, text: codesTxt } = drawCodes(PEOPLE);
let badgeCodes = [];

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  console_ = await organiser.newPage();
  await loginOrganiser(console_);
  slug = await createSummit(console_, sampleSummit(' minidag'));
  await addGroup(console_, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: 10, join_method: 'lottery' });
  await addRound(console_, slug, { kind: 'dialogue', question: Q1, duration_min: 20, table_size: 3 });
  await addRound(console_, slug, { kind: 'proposals', question: Q2, duration_min: 60, table_size: 3 });
  await visit(console_, `/manage/${slug}`);
  await submit(console_, `form[action="/manage/${slug}/publish"] button`);
  await confirmedHall(browser, console_, slug, { codes, text: codesTxt }, (i) => ({ name: `Minidag ${i}`, email: `mini${i}@example.org` }));
  // Two tables of three, seated for both rounds (the afternoon's seats are replaced by the theme tables).
  await visit(console_, `/manage/${slug}/seating`);
  await console_.fill('#f-count', '2');
  await console_.fill('#f-capacity', '3');
  await submit(console_, '#seating-add');
  // Two table hosts with their own accounts (one-time passwords from the team page), one per table.
  for (const h of HOSTS) {
    await visit(console_, `/manage/${slug}/team`);
    await console_.fill('#f-name', h.name);
    await console_.fill('#f-email', h.email);
    await console_.check('#f-role input[value=table_host]');
    await submit(console_, `form[action="/manage/${slug}/team"] button[type=submit]`);
    h.password = (await console_.locator('.secret code').textContent()).trim();
  }
  for (const [i, h] of HOSTS.entries()) {
    await visit(console_, `/manage/${slug}/seating`);
    const form = console_.locator('form.table-form').nth(i);
    const value = await form.locator('select[name=host] option', { hasText: h.name }).getAttribute('value');
    await form.locator('select[name=host]').selectOption(value);
    await Promise.all([console_.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type=submit]').click()]);
  }
  await visit(console_, `/manage/${slug}/seating`);
  await submit(console_, '#seating-run');
  for (let i = 0; i < 60 && !(await console_.locator('#seating-metrics').count()); i++) {
    await console_.waitForTimeout(500);
    await visit(console_, `/manage/${slug}/seating`);
  }
  assert.ok(await console_.locator('#seating-metrics').count(), 'the seating run finished');
  await visit(console_, `/manage/${slug}/badges`);
  badgeCodes = (await console_.locator('td code').allTextContents()).filter((c) => /^[0-9A-Z-]{10,}$/.test(c));
  assert.equal(badgeCodes.length, PEOPLE, 'a badge code per confirmed person');
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function liveReady(page) {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-live-ready') === '1', null, { timeout: 5000 });
}

// Clicks `button` on the console and measures, per screen, when it showed `question`: each page notes the
// moment (its own clock, the machine's) in a mutation observer, so the figure is the screen's, not the test
// driver's round trip.
async function follow(followers, button, question) {
  for (const p of followers) {
    await p.evaluate((q) => {
      window.__seen = 0;
      const check = () => {
        if (!window.__seen && (document.getElementById('day-question') || {}).textContent === q) window.__seen = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, question);
  }
  const t0 = Date.now();
  await submit(console_, button);
  const delays = [];
  for (const p of followers) {
    await p.waitForFunction(() => window.__seen > 0, null, { timeout: 3000 });
    delays.push((await p.evaluate(() => window.__seen)) - t0);
  }
  console.log(`"${question}" seen by ${followers.length} screens after ${delays.join(', ')} ms`);
  for (const [i, d] of delays.entries()) assert.ok(d < 1000, `screen ${i} followed within 1 s (${d} ms)`);
}

test('a mini-day: rounds followed live, keywords, themes, theme tables, a vote recounted', async () => {
  const phones = [];
  for (let i = 0; i < PEOPLE; i++) {
    const context = await newContext(browser, { ...devices['Pixel 5'], locale: i === 5 ? 'en-GB' : 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    await visit(page, `/s/${slug}/day/start`);
    await page.fill('#f-code', badgeCodes[i]);
    await submit(page, '#day-start-form button[type=submit]');
    assert.equal(new URL(page.url()).pathname, `/s/${slug}/day`);
    phones.push(page);
  }
  const hosts = [];
  for (let i = 0; i < 2; i++) {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await login(page, HOSTS[i]);
    await visit(page, `/s/${slug}/host`);
    hosts.push(page);
  }
  const screenContext = await newContext(browser, { viewport: { width: 1600, height: 900 } });
  contexts.push(screenContext);
  const screen = await screenContext.newPage();
  await visit(screen, `/s/${slug}/screen`);
  await visit(console_, `/s/${slug}/console`);
  const followers = [...phones, ...hosts, screen];
  for (const p of followers) await liveReady(p);

  // The morning round.
  await follow(followers, '#round-next', Q1);
  for (const h of hosts) {
    await h.waitForSelector('section.host-table', { timeout: 3000 });
    assert.equal(await h.locator('section.host-table').count(), 1, 'a host sees only their own table');
  }
  await checkA11y(phones[0], 'participant (nl)');
  await checkA11y(hosts[0], 'table host (nl)');

  // Keywords from every phone and from both hosts: the projector's counter and cloud follow live.
  const words = ['Groen', 'Fietspad', 'Groen', 'Wonen', 'Fietspad', 'Green'];
  for (const [i, w] of words.entries()) {
    const want = String(i + 1);
    const seen = screen.waitForFunction((n) => (document.getElementById('count-keywords') || {}).textContent === n, want, { timeout: 3000 });
    await phones[i].fill('#f-text', w);
    await submit(phones[i], '#day-keyword-form button[type=submit]');
    assert.ok(await phones[i].locator('#day-saved').isVisible(), 'the phone says the keyword was saved');
    await seen;
  }
  for (const [i, h] of hosts.entries()) {
    const want = String(words.length + i + 1);
    const seen = screen.waitForFunction((n) => (document.getElementById('count-keywords') || {}).textContent === n, want, { timeout: 3000 });
    await h.locator('section.host-table input[name=text]').fill(i === 0 ? 'Wonen' : 'Groen');
    await submit(h, 'section.host-table form.host-keyword button[type=submit]');
    await seen;
  }
  await screen.waitForFunction(() => !!document.querySelector('#cloud li[data-count="3"]'), null, { timeout: 3000 });
  assert.match(await screen.locator('#count-contributors').textContent(), /\d/);
  await checkA11y(screen, 'projector with the cloud (nl)');

  // Themes: two adopted by hand; the dot vote on every phone (dots as the plan below).
  await visit(console_, `/s/${slug}/console`);
  for (const name of ['Groen', 'Verkeer', 'Wonen']) {
    await console_.fill('#f-theme-name', name);
    await submit(console_, '#theme-new button[type=submit]');
  }
  await console_.fill('#f-dots', '3');
  await submit(console_, '#vote-open');
  // Per phone: dots on (Groen, Verkeer, Wonen).
  const dots = [[3, 0, 0], [3, 0, 0], [2, 1, 0], [0, 3, 0], [0, 2, 1], [1, 2, 0]];
  for (const [i, d] of dots.entries()) {
    await phones[i].waitForSelector('#day-vote-form', { timeout: 3000 });
    if (i === 0) {
      assert.ok(await phones[0].locator('#day-dots-use').isVisible(), 'the phone says what the dots are used for');
      await checkA11y(phones[0], 'participant with the dot vote (nl)');
    }
    const inputs = phones[i].locator('#day-vote-form input[type=number]');
    for (const [k, n] of d.entries()) await inputs.nth(k).fill(String(n));
    await submit(phones[i], '#day-vote-form button[type=submit]');
    assert.ok(await phones[i].locator('#day-voted').isVisible());
  }
  await submit(console_, '#vote-close');
  await screen.waitForSelector('#screen-results li', { timeout: 3000 });

  // Theme tables for the afternoon: the suggested number (6 people at tables of 3: 2 themes).
  assert.equal(await console_.locator('#f-theme-count').inputValue(), '2');
  await submit(console_, '#theme-tables-start');
  await screen.waitForSelector('#theme-tables-list', { timeout: 10000 });
  const listed = await screen.locator('#theme-tables-list tbody th').allTextContents();
  assert.deepEqual(listed.sort(), ['Groen', 'Verkeer']);
  assert.match(await screen.locator('#theme-tables-choices').textContent(), /6 mensen zitten er 6 aan hun 1e keus/);
  await visit(console_, `/s/${slug}/console`);
  await checkA11y(console_, 'console with theme tables (nl)');
  await checkA11y(screen, 'projector with theme tables (nl)');

  // The afternoon: every screen follows, phones show their theme table.
  await follow(followers, '#round-next', Q2);
  const first = ['Groen', 'Groen', 'Groen', 'Verkeer', 'Verkeer', 'Verkeer'];
  for (const [i, p] of phones.entries()) {
    await p.waitForSelector('#day-table', { timeout: 3000 });
    assert.match(await p.locator('#day-table').textContent(), new RegExp(first[i]));
  }
  await hosts[0].waitForSelector('[id^=host-theme-]', { timeout: 3000 });
  await checkA11y(phones[5], 'participant at a theme table (en)');
  await checkA11y(hosts[1], 'table host at theme tables (nl)');

  // Proposals, published; an approval vote on the phones; the result equals a recount of the open data.
  for (const title of ['Meer bomen in de wijk', 'Een veilig fietspad']) {
    await visit(console_, `/s/${slug}/proposals`);
    await console_.fill('#f-title', title);
    await console_.fill('#f-what', `${title}: zo snel mogelijk`);
    await console_.fill('#f-why', 'Voor iedereen');
    await submit(console_, `form[action="/s/${slug}/proposals"] button[type=submit]`);
  }
  while (await console_.locator('form[action$="/publish"] input[name=publish][value="1"]').count()) {
    await submit(console_, 'form[action$="/publish"]:has(input[name=publish][value="1"]) button');
  }
  await visit(console_, `/s/${slug}/votes`);
  await console_.fill('#f-title', 'Wat gaan we doen?');
  await console_.selectOption('#f-method', 'approval');
  await console_.fill('#f-max_choices', '1');
  await console_.fill('#f-seats', '1');
  await submit(console_, `form[action="/s/${slug}/votes"] button[type=submit]`);
  const votePath = new URL(console_.url()).pathname;
  const voteId = votePath.split('/').pop();
  await submit(console_, '#open-vote');
  const choice = ['1', '2', '2', '1', '2', '2'];
  for (const [i, p] of phones.entries()) {
    await visit(p, `/s/${slug}/ballot/${voteId}`);
    await p.check(`#option-${choice[i]}`);
    await submit(p, '#cast');
  }
  await visit(screen, `/s/${slug}/results/${voteId}`);
  await liveReady(screen);
  await visit(console_, votePath);
  await submit(console_, '#close-vote');
  await screen.waitForSelector('#chosen li', { timeout: 5000 });
  const shown = await screen.locator('#chosen li').allTextContents();
  const res = await console_.request.get(`${BASE_URL}/s/${slug}/results/${voteId}/ballots.json`);
  const data = await res.json();
  assert.equal(data.ballots.length, PEOPLE);
  const counts = new Map(data.options.map((o) => [o.position, 0]));
  for (const b of data.ballots) for (const p of b.split(',')) counts.set(Number(p), counts.get(Number(p)) + 1);
  const ranked = data.options
    .map((o) => ({ title: o.title, n: counts.get(o.position), pos: o.position }))
    .sort((a, b) => b.n - a.n || a.pos - b.pos);
  assert.deepEqual(shown, ranked.slice(0, data.vote.seats).map((o) => o.title));
  await checkA11y(screen, 'projector with the result (nl)');
});
