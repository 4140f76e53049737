// The day (issue 6, part A): a small confirmed and seated hall; three participants open their phone screens with
// their badge codes, a table host, the facilitator's console and the projector in separate browser contexts. The
// facilitator starts the programme and moves to the next round: every other screen shows the new round within
// 1 s without a reload (measured). A keyword sent from a phone appears in the projector's word cloud live, and a
// keyword hidden in the console leaves it. All four screens pass axe-core (WCAG 2.1 AA).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, loginOrganiser, createSummit, addGroup, addRound,
  sampleSummit, grouped, drawCodes, devices, confirmedHall,
} from './lib.mjs';

const PEOPLE = 4;
const Q1 = 'Waarom is Zeewolde belangrijk voor u?';
const Q2 = 'Wat moet er gebeuren?';
let browser, organiser, console_, slug;
const contexts = [];
const { codes, text: codesTxt } = drawCodes(PEOPLE);
let badgeCodes = [];

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  console_ = await organiser.newPage();
  await loginOrganiser(console_);
  slug = await createSummit(console_, sampleSummit(' dag'));
  await addGroup(console_, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: 10, join_method: 'lottery' });
  await addRound(console_, slug, { kind: 'dialogue', question: Q1, duration_min: 20, table_size: 2 });
  await addRound(console_, slug, { kind: 'dialogue', question: Q2, duration_min: 20, table_size: 2 });
  await visit(console_, `/manage/${slug}`);
  await submit(console_, `form[action="/manage/${slug}/publish"] button`);
  await confirmedHall(browser, console_, slug, { codes, text: codesTxt }, (i) => ({ name: `Dagganger ${i}`, email: `dag${i}@example.org` }));
  // Two tables of two, seated for both rounds.
  await visit(console_, `/manage/${slug}/seating`);
  await console_.fill('#f-count', '2');
  await console_.fill('#f-capacity', '2');
  await submit(console_, '#seating-add');
  await submit(console_, '#seating-run');
  for (let i = 0; i < 60 && !(await console_.locator('#seating-metrics').count()); i++) {
    await console_.waitForTimeout(500);
    await visit(console_, `/manage/${slug}/seating`);
  }
  assert.ok(await console_.locator('#seating-metrics').count(), 'the seating run finished');
  // The badge codes (the badges page makes them).
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

async function roundShown(page, text, t0) {
  await page.waitForFunction((q) => (document.getElementById('day-question') || {}).textContent === q, text, { timeout: 3000 });
  return Date.now() - t0;
}

test('every screen follows the facilitator within 1 s, and the word cloud updates live', async () => {
  // Three phones open their screens with their badge codes (the last one typed in lower case).
  const phones = [];
  for (let i = 0; i < 3; i++) {
    const context = await newContext(browser, { ...devices['Pixel 5'], locale: i === 2 ? 'en-GB' : 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    await visit(page, `/s/${slug}/day/start`);
    if (i === 0) await checkA11y(page, 'badge code page (nl)');
    await page.fill('#f-code', i === 2 ? badgeCodes[i].toLowerCase() : badgeCodes[i]);
    await submit(page, '#day-start-form button[type=submit]');
    assert.equal(new URL(page.url()).pathname, `/s/${slug}/day`);
    phones.push(page);
  }
  // A table host's tablet (the organiser's account: every table) and the projector (public, no login).
  const hostContext = await newContext(browser);
  contexts.push(hostContext);
  const host = await hostContext.newPage();
  await loginOrganiser(host);
  await visit(host, `/s/${slug}/host`);
  const screenContext = await newContext(browser, { viewport: { width: 1600, height: 900 } });
  contexts.push(screenContext);
  const screen = await screenContext.newPage();
  await visit(screen, `/s/${slug}/screen`);
  await visit(console_, `/s/${slug}/console`);
  const followers = [...phones, host, screen];
  for (const p of followers) await liveReady(p);
  await checkA11y(phones[0], 'participant before the start (nl)');
  await checkA11y(screen, 'projector before the start (nl)');

  // Start, then next round: measured from the click until each screen shows the round's question.
  const delays = [];
  for (const [button, question] of [['#round-next', Q1], ['#round-next', Q2]]) {
    const t0 = Date.now();
    const waits = followers.map((p) => roundShown(p, question, t0));
    await submit(console_, button);
    const d = await Promise.all(waits);
    delays.push(...d);
    assert.equal(await console_.locator('#day-question').textContent(), question);
  }
  const worst = Math.max(...delays);
  console.log(`round change seen by ${followers.length} screens: worst ${worst} ms, all: ${delays.join(', ')} ms`);
  assert.ok(worst < 1000, `every screen followed within 1 s (worst ${worst} ms)`);
  for (const p of phones) assert.match(await p.locator('#day-table').textContent(), /[12]/);
  assert.ok((await host.locator('section.host-table').count()) >= 1);

  await checkA11y(console_, 'facilitator console (nl)');
  await checkA11y(host, 'table host (nl)');
  await checkA11y(phones[2], 'participant in a dialogue round (en)');

  // A keyword from a phone: saved, and in the projector's cloud within 1 s.
  const t0 = Date.now();
  const seen = screen.waitForFunction(() => /Fietspad/.test((document.getElementById('cloud') || {}).textContent || ''), null, { timeout: 3000 });
  await phones[0].fill('#f-text', 'Fietspad');
  await submit(phones[0], '#day-keyword-form button[type=submit]');
  assert.ok(await phones[0].locator('#day-saved').isVisible(), 'the phone says the keyword was saved');
  await seen;
  console.log(`keyword in the projector's cloud after ${Date.now() - t0} ms (including the phone's post)`);
  assert.ok(Date.now() - t0 < 1500);
  // The same word from a table host counts twice in the cloud.
  await host.locator('input[name=text]').first().fill('fietspad');
  await submit(host, 'form.host-keyword button[type=submit]');
  await screen.waitForFunction(() => !!document.querySelector('#cloud li[data-count="2"]'), null, { timeout: 3000 });
  await checkA11y(screen, 'projector with a word cloud (nl)');
  await checkA11y(phones[0], 'participant after sending a keyword (nl)');

  // Moderation: hidden in the console with a reason, gone from the projector.
  await visit(console_, `/s/${slug}/console`);
  const first = console_.locator('#day-moderation > li').first();
  await first.locator('input[name=reason]').fill('Dubbel');
  const gone = screen.waitForFunction(() => document.querySelector('#cloud li[data-count="2"]') === null, null, { timeout: 3000 });
  await Promise.all([console_.waitForNavigation(), first.locator('button[value=hide]').click()]);
  await gone;
  await checkA11y(console_, 'console after moderation (nl)');

  // Themes and the theme vote: a theme by hand, the vote opened; the phone shows its ballot live.
  await console_.fill('#f-theme-name', 'Verkeer');
  await submit(console_, '#theme-new button[type=submit]');
  await console_.fill('#f-theme-name', 'Groen');
  await submit(console_, '#theme-new button[type=submit]');
  assert.equal(await console_.locator('#day-themes > li').count(), 2);
  await console_.fill('#f-dots', '3');
  await submit(console_, '#vote-open');
  await phones[1].waitForSelector('#day-vote-form', { timeout: 3000 });
  await checkA11y(phones[1], 'participant with the theme vote (nl)');
  const inputs = phones[1].locator('#day-vote-form input[type=number]');
  await inputs.nth(0).fill('2');
  await inputs.nth(1).fill('1');
  await submit(phones[1], '#day-vote-form button[type=submit]');
  assert.ok(await phones[1].locator('#day-voted').isVisible(), 'the phone says the dots were saved');
  await screen.waitForFunction(() => /1/.test((document.getElementById('screen-voters') || {}).textContent || ''), null, { timeout: 3000 });
  assert.equal(await screen.locator('#screen-results').count(), 0, 'results hidden while the vote is open');
  await submit(console_, '#vote-close');
  await screen.waitForSelector('#screen-results li', { timeout: 3000 });
  assert.match(await screen.locator('#screen-results li').first().textContent(), /Verkeer|Groen/);
  await checkA11y(console_, 'console with themes and the count (nl)');
  await checkA11y(screen, 'projector with the results (nl)');
});
