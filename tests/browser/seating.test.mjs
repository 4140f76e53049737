// Seating: a small hall (6 invitees registered and all admitted; two table rounds), seated by the organiser,
// one person moved by hand (the effect shown first), the table lists printed, and a participant who confirms
// through their personal link sees their table. Every page on the way passes axe-core (WCAG 2.1 AA).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, loginOrganiser, createSummit, addGroup, addRound,
  sampleSummit, grouped, drawCodes,
} from './lib.mjs';
import { t } from './catalogue.mjs';

const PEOPLE = 6;
let browser, organiser, admin, slug;
const { codes, text: codesTxt } = drawCodes(PEOPLE);

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  admin = await organiser.newPage();
  await loginOrganiser(admin);
  slug = await createSummit(admin, sampleSummit(' tafels'));
  await addGroup(admin, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: 10, join_method: 'lottery' });
  await addRound(admin, slug, { kind: 'dialogue', question: 'Wat vindt u belangrijk?', duration_min: 45, table_size: 3 });
  await addRound(admin, slug, { kind: 'agenda', question: 'Wat gaan we doen?', duration_min: 45, table_size: 3 });
  await visit(admin, `/manage/${slug}`);
  await submit(admin, `form[action="/manage/${slug}/publish"] button`);
  await visit(admin, `/manage/${slug}/invitations`);
  await admin.setInputFiles('#f-codes', { name: 'codes.txt', mimeType: 'text/plain', buffer: Buffer.from(codesTxt) });
  await submit(admin, 'form[action$="/invitations"] button[type=submit]');
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    for (const [i, code] of codes.entries()) {
      await visit(page, `/r/${grouped(code)}`);
      await page.fill('#f-name', `Tafelgast ${i}`);
      await page.fill('#f-email', `tafelgast${i}@example.org`);
      await page.check('input[name=attend][value=yes]');
      await page.check('input[name=consent]');
      await submit(page, 'form.register button[type=submit]');
    }
  } finally {
    await context.close();
  }
  // Fewer registrants than seats: everyone is admitted (no lottery), and each gets a personal link.
  await visit(admin, `/manage/${slug}/selection`);
  await submit(admin, '#run');
  await visit(admin, `/manage/${slug}/selection`);
  await submit(admin, '#admit-everyone');
});

after(async () => {
  await browser?.close();
});

test('the organiser seats the hall, moves a person and prints the table lists', async () => {
  await visit(admin, `/manage/${slug}/seating`);
  assert.equal(await admin.locator('h1').textContent(), t('nl', 'seating-title'));
  await checkA11y(admin, 'seating without tables (nl)');
  // Three tables of 3, the first wheelchair accessible.
  await admin.fill('#f-count', '1');
  await admin.fill('#f-capacity', '3');
  await admin.check('#f-accessible');
  await submit(admin, '#seating-add');
  await admin.fill('#f-count', '2');
  await admin.fill('#f-capacity', '3');
  await submit(admin, '#seating-add');
  assert.equal(await admin.locator('#seating-tables tbody tr').count(), 3);
  await checkA11y(admin, 'seating with tables (nl)');
  await submit(admin, '#seating-run');
  for (let i = 0; i < 60 && !(await admin.locator('#seating-metrics').count()); i++) {
    await admin.waitForTimeout(500);
    await visit(admin, `/manage/${slug}/seating`);
  }
  assert.ok(await admin.locator('#seating-metrics').count(), 'the seating run finished');
  assert.ok(await admin.locator('svg.chart[role=img] title').count());
  assert.equal(await admin.locator('#seating-composition tbody tr').count(), 3);
  await checkA11y(admin, 'seated hall with metrics and chart (nl)');

  // Move the first listed person: pick another table, see the effect, confirm.
  const link = admin.locator('section.seating-table li a').first();
  const href = await link.getAttribute('href');
  await visit(admin, href);
  await checkA11y(admin, 'move a person (nl)');
  const options = await admin.locator('#f-table option').evaluateAll((os) => os.map((o) => o.value));
  // The first listed person sits at table 1; table 3 has room (3 seats, 6 people at 3 tables: two each).
  await admin.selectOption('#f-table', options[options.length - 1]);
  await submit(admin, '#move-preview');
  assert.ok(await admin.locator('#move-metrics').isVisible());
  await checkA11y(admin, 'the effect of a move (nl)');
  await submit(admin, '#move-confirm');
  assert.match(await admin.locator('#seating-notice').textContent(), new RegExp(t('nl', 'seating-done-moved')));
  await checkA11y(admin, 'after a move (nl)');

  await visit(admin, `/manage/${slug}/seating/print`);
  assert.equal(await admin.locator('.table-card').count(), 3);
  assert.equal(await admin.locator('.print-list').count(), 6);
  await admin.emulateMedia({ media: 'print' });
  assert.equal(await admin.locator('header.site').isVisible(), false, 'no site header on paper');
  await admin.emulateMedia({ media: 'screen' });
  await checkA11y(admin, 'table lists and cards (nl)');
});

test('a participant confirms through their personal link and sees their table (en)', async () => {
  const res = await admin.request.get(`${BASE_URL}/manage/${slug}/outbox.csv`);
  assert.equal(res.status(), 200);
  const link = (await res.text()).match(/https?:\/\/[^\s",]*\/c\/[0-9a-f]{64}/);
  assert.ok(link, 'a personal link in the outbox');
  const path = new URL(link[0]).pathname;
  const context = await newContext(browser, { locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await visit(page, path);
    await submit(page, 'button[name=answer][value=confirm]');
    await visit(page, path);
    const tables = await page.locator('#personal-tables li').allTextContents();
    assert.equal(tables.length, 2, 'a table in each of the two table rounds');
    for (const line of tables) assert.match(line, /^Round \d+: table [1-3]$/);
    await checkA11y(page, 'your table (en)');
  } finally {
    await context.close();
  }
});
