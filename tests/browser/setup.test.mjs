// The organiser's first hour with g1000, on a fresh database: sign up on the first-run page, create a summit with
// its four stakeholder groups and a programme, see it on the dashboard, publish it, and find it on the public page
// in Dutch and in English. Every page on the way is checked with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, ORGANISER, GROUPS, ROUNDS, launch, newContext, checkA11y, visit, submit, fillSummit,
  addGroup, addRound, sampleSummit,
} from './lib.mjs';
import { t } from './catalogue.mjs';

let browser, context, page;
let slug;
const summit = sampleSummit();

before(async () => {
  browser = await launch();
  context = await newContext(browser); // Accept-Language: nl
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
});

async function lang(p = page) {
  return p.locator('html').getAttribute('lang');
}

test('the home page of a fresh install offers the first-run set-up', async () => {
  await visit(page, '/');
  assert.equal(await lang(), 'nl');
  await checkA11y(page, 'home (nl, first run)');
  await Promise.all([page.waitForURL('**/setup'), page.click(`a.button:has-text("${t('nl', 'home-setup')}")`)]);
  assert.equal(await page.locator('h1').textContent(), t('nl', 'setup-title'));
  await checkA11y(page, 'setup (nl)');
});

test('the first-run form shows each problem next to its field and keeps what was typed', async () => {
  await visit(page, '/setup');
  await page.fill('#f-name', ORGANISER.name);
  await page.fill('#f-email', 'not-an-address');
  await page.fill('#f-password', 'short');
  await page.fill('#f-confirm', 'short');
  const res = await submit(page);
  assert.equal(res.status(), 422, 'an invalid form answers 422 Unprocessable Content');
  assert.equal(await page.locator('#e-email').textContent(), t('nl', 'error-email'));
  assert.equal(await page.locator('#e-password').textContent(), t('nl', 'error-password-short', { min: 10 }));
  assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-email').getAttribute('aria-describedby'), /\be-email\b/);
  assert.equal(await page.inputValue('#f-name'), ORGANISER.name, 'the name is kept');
  assert.equal(await page.inputValue('#f-email'), 'not-an-address', 'the e-mail address is kept');
  assert.equal(await page.locator('.error-summary li').count(), 2);
  await checkA11y(page, 'setup with errors (nl)');
});

test('the organiser signs up on the first-run page', async () => {
  await page.fill('#f-name', ORGANISER.name);
  await page.fill('#f-email', ORGANISER.email);
  await page.fill('#f-password', ORGANISER.password);
  await page.fill('#f-confirm', ORGANISER.password);
  await submit(page);
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.equal(await page.locator('h1').textContent(), t('nl', 'account-title'));
  await checkA11y(page, 'account (nl, no summits)');

  // The first-run page only works once.
  await page.goto(BASE_URL + '/setup');
  assert.equal(new URL(page.url()).pathname, '/login');
  await checkA11y(page, 'login (nl)');
});

test('an invalid summit shows its messages next to the fields and keeps the values', async () => {
  await visit(page, '/summits/new');
  await checkA11y(page, 'new summit (nl)');
  await fillSummit(page, { ...summit, venue: '', capacity: 5, date: '', languages: [] });
  const res = await submit(page);
  assert.equal(res.status(), 422);
  assert.equal(await page.locator('#e-venue').textContent(), t('nl', 'error-required'));
  assert.equal(await page.locator('#e-capacity').textContent(), t('nl', 'error-range', { min: 10, max: 100000 }));
  assert.equal(await page.locator('#e-date').textContent(), t('nl', 'error-required'));
  assert.equal(await page.locator('#e-languages').textContent(), t('nl', 'error-languages'));
  assert.equal(await page.inputValue('#f-name'), summit.name);
  assert.equal(await page.inputValue('#f-community'), summit.community);
  assert.equal(await page.inputValue('#f-capacity'), '5');
  // A field with an error looks different from one without.
  const border = (sel) => page.locator(sel).evaluate((el) => getComputedStyle(el).borderTopColor);
  assert.notEqual(await border('#f-capacity'), await border('#f-community'), 'an invalid number field is marked');
  assert.notEqual(await border('#f-venue'), await border('#f-community'), 'an invalid text field is marked');
  assert.equal(await page.inputValue('#f-description'), summit.description);
  // The error summary links to the fields.
  for (const href of await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.equal(await page.locator(href).count(), 1, `the error summary's link ${href} has a target`);
  }
  await checkA11y(page, 'new summit with errors (nl)');
});

test('the organiser creates the summit', async () => {
  await fillSummit(page, summit);
  await submit(page);
  const m = new URL(page.url()).pathname.match(/^\/manage\/([^/]+)$/);
  assert.ok(m, `lands on the dashboard, not ${page.url()}`);
  slug = m[1];
  assert.equal(await page.locator('h1').textContent(), summit.name);
  await checkA11y(page, 'dashboard of a new summit (nl)');
});

test('the organiser adds the four stakeholder groups', async () => {
  await visit(page, `/manage/${slug}/groups`);
  await checkA11y(page, 'groups, none yet (nl)');

  // Open registration needs a cap of at least the seat target: the message sits next to the cap.
  await page.fill('#f-name', 'Vrijdenkers');
  await page.selectOption('#f-kind', 'free_thinkers');
  await page.fill('#f-seat_target', '60');
  await page.check('input[name=join_method][value=open]');
  await page.fill('#f-open_cap', '20');
  assert.equal((await submit(page, 'form[action$="/groups"] button[type=submit]')).status(), 422);
  assert.equal(await page.locator('#e-open_cap').textContent(), t('nl', 'error-cap-below-target'));
  assert.equal(await page.inputValue('#f-name'), 'Vrijdenkers');
  assert.equal(await page.inputValue('#f-kind'), 'free_thinkers');
  assert.equal(await page.inputValue('#f-open_cap'), '20');
  assert.ok(await page.isChecked('input[name=join_method][value=open]'), 'the chosen join method is kept');
  await checkA11y(page, 'groups with errors (nl)');

  for (const g of GROUPS) await addGroup(page, slug, g);
  await checkA11y(page, 'groups, four (nl)');
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 4);
  for (const g of GROUPS) {
    const row = rows.filter({ has: page.locator('th', { hasText: g.name }) });
    assert.equal(await row.locator('td.num').textContent(), String(g.seat_target), g.name);
  }
  assert.equal(
    await page.locator('table caption').textContent(),
    t('nl', 'dash-seats-summary', { seats: 1000, capacity: 1000 }),
  );
});

test('the organiser builds the programme', async () => {
  await visit(page, `/manage/${slug}/programme`);
  await checkA11y(page, 'programme, empty (nl)');

  // A dialogue needs a question and tables of at least two.
  await page.selectOption('#f-kind', 'dialogue');
  await page.fill('#f-question', '');
  await page.fill('#f-duration_min', '45');
  await page.fill('#f-table_size', '1');
  assert.equal((await submit(page, 'form[action$="/programme"] button[type=submit]')).status(), 422);
  assert.equal(await page.locator('#e-question').textContent(), t('nl', 'error-required'));
  assert.equal(await page.locator('#e-table_size').textContent(), t('nl', 'error-table-size'));
  assert.equal(await page.inputValue('#f-table_size'), '1');
  assert.equal(await page.inputValue('#f-duration_min'), '45');
  await checkA11y(page, 'programme with errors (nl)');

  for (const r of ROUNDS) await addRound(page, slug, r);
  await checkA11y(page, 'programme, four rounds (nl)');
  const items = page.locator('ol.rounds > li');
  assert.equal(await items.count(), ROUNDS.length);
  // Times follow from the start time and the durations: 09:30 + 30 + 60 + 45 = 11:45 for the closing.
  assert.match(await items.nth(3).locator('.time').textContent(), /^11:45–12:05$/);
  assert.match(await items.nth(1).textContent(), /Wat maakt Zeewolde een goede plek om te wonen\?/);

  // Move the agenda round up, then back down: the order changes and changes back.
  await submit(page, `#${await items.nth(2).getAttribute('id')} form:has(input[value=up]) button`);
  assert.match(await page.locator('ol.rounds > li').nth(1).textContent(), /Welke onderwerpen/);
  await submit(page, `#${await page.locator('ol.rounds > li').nth(1).getAttribute('id')} form:has(input[value=down]) button`);
  assert.match(await page.locator('ol.rounds > li').nth(2).textContent(), /Welke onderwerpen/);
  await checkA11y(page, 'programme after moving (nl)');
});

test('the dashboard shows the summit at a glance', async () => {
  await visit(page, `/manage/${slug}`);
  assert.equal(await page.locator('h1').textContent(), summit.name);
  assert.match(await page.locator('p.lead').textContent(), /Zeewolde · .*20 maart 2027.* · 09:30–12:05 · Sporthal De Horst/);
  const seats = page.locator('section[aria-labelledby=h-seats]');
  assert.match(await seats.textContent(), new RegExp(t('nl', 'dash-seats-summary', { seats: 1000, capacity: 1000 })));
  const bars = seats.locator('.seat-bars li');
  assert.equal(await bars.count(), 4);
  assert.match(await bars.first().textContent(), /Gelote burgers\s+800 \(80%\)/);
  const programme = page.locator('section[aria-labelledby=h-programme] ol.timeline li');
  assert.equal(await programme.count(), ROUNDS.length);
  assert.equal(await page.locator('.badge:not(.ok)').first().textContent(), t('nl', 'status-draft'));
  await checkA11y(page, 'dashboard, set up (nl)');
});

test('an unpublished summit is not public', async () => {
  const anon = await newContext(browser);
  try {
    const p = await anon.newPage();
    const res = await p.goto(`${BASE_URL}/s/${slug}`);
    assert.equal(res.status(), 404);
    await checkA11y(p, 'not found (nl)');
  } finally {
    await anon.close();
  }
  // The team sees a preview.
  await visit(page, `/s/${slug}`);
  assert.equal(await page.locator('.notice.important').textContent(), t('nl', 'public-preview'));
  await checkA11y(page, 'public page preview (nl)');
});

test('the organiser publishes the summit from the dashboard', async () => {
  await visit(page, `/manage/${slug}`);
  await submit(page, `form[action="/manage/${slug}/publish"] button`);
  assert.equal(new URL(page.url()).pathname, `/manage/${slug}`);
  assert.equal(await page.locator('section[aria-labelledby=publish] .badge').textContent(), t('nl', 'status-published'));
  await checkA11y(page, 'dashboard, published (nl)');
});

test('the public page shows the summit in Dutch and in English', async () => {
  const anon = await newContext(browser); // Accept-Language: nl
  try {
    const p = await anon.newPage();
    await visit(p, '/');
    const card = p.locator('.cards a', { hasText: summit.name });
    assert.equal(await card.count(), 1, 'the home page lists the published summit');
    await Promise.all([p.waitForURL(`**/s/${slug}`), card.click()]);
    await checkPublic(p, 'nl');
    await p.screenshot({ path: '/tmp/g1000-public-nl.png', fullPage: true });

    // The language switch in the header.
    await Promise.all([p.waitForURL(`**/s/${slug}`), p.click('nav.langs a[hreflang=en]')]);
    await checkPublic(p, 'en');
    await p.screenshot({ path: '/tmp/g1000-public-en.png', fullPage: true });

    // The choice sticks (a cookie) over the browser's Accept-Language.
    await visit(p, '/');
    assert.equal(await lang(p), 'en');
    assert.equal(await p.locator('h1').textContent(), t('en', 'home-title'));
    await checkA11y(p, 'home (en)');
    await visit(p, '/login');
    await checkA11y(p, 'login (en)');

    // The public audit record, reached from the public page, says the chain is intact.
    await visit(p, `/s/${slug}`);
    await Promise.all([p.waitForURL(`**/s/${slug}/audit`), p.click(`main a[href="/s/${slug}/audit"]`)]);
    assert.equal(await p.locator('h1').textContent(), t('en', 'audit-title'));
    assert.match(await p.locator('main').textContent(), new RegExp(t('en', 'audit-verified')));
    assert.ok((await p.locator('tbody tr').count()) >= 10, 'set-up decisions are listed');
    await checkA11y(p, 'audit record (en)');

    // And back.
    await visit(p, `/s/${slug}`);
    await Promise.all([p.waitForURL(`**/s/${slug}`), p.click('nav.langs a[hreflang=nl]')]);
    await checkPublic(p, 'nl');
    await visit(p, `/s/${slug}/audit`);
    assert.equal(await p.locator('h1').textContent(), t('nl', 'audit-title'));
    await checkA11y(p, 'audit record (nl)');
  } finally {
    await anon.close();
  }

  // Without a choice, the language follows the browser's Accept-Language.
  const english = await newContext(browser, { locale: 'en-GB' });
  try {
    const p = await english.newPage();
    await visit(p, `/s/${slug}`);
    await checkPublic(p, 'en');
  } finally {
    await english.close();
  }
});

async function checkPublic(p, code) {
  assert.equal(await lang(p), code, 'the lang attribute of <html>');
  assert.equal(await p.locator('h1').textContent(), summit.name);
  assert.equal(await p.locator('#h-what').textContent(), t(code, 'public-what'));
  assert.equal(await p.locator('#h-who').textContent(), t(code, 'public-who'));
  assert.equal(await p.locator('#h-day').textContent(), t(code, 'public-day'));
  assert.equal(await p.locator('.hero .lead').textContent(), t(code, 'public-lead', { community: summit.community }));
  assert.match(await p.locator('.facts').textContent(), new RegExp(`${t(code, 'language-nl')}, ${t(code, 'language-en')}`));
  assert.equal(await p.locator('nav.langs a[aria-current=true]').getAttribute('hreflang'), code);
  // The groups and the programme.
  const cards = p.locator('#h-who ~ ul.cards > li');
  assert.equal(await cards.count(), 4);
  for (const g of GROUPS) assert.equal(await cards.filter({ hasText: g.name }).count(), 1, g.name);
  const day = p.locator('#h-day ~ ol.timeline > li');
  assert.equal(await day.count(), ROUNDS.length);
  assert.match(await day.first().textContent(), new RegExp(`09:30\\s+${t(code, 'round-kind-welcome')}`));
  assert.match(await day.nth(1).textContent(), new RegExp(`10:00\\s+${t(code, 'round-kind-dialogue')}`));
  await checkA11y(p, `public page (${code})`);
}

test('the set-up pages pass in English too, with and without errors', async () => {
  await visit(page, `/lang/en?next=/manage/${slug}`);
  assert.equal(await lang(), 'en');
  assert.equal(await page.locator('#h-checks').textContent(), t('en', 'dash-checklist'));
  await checkA11y(page, 'dashboard (en)');
  await page.screenshot({ path: '/tmp/g1000-dashboard-en.png', fullPage: true });

  await visit(page, `/manage/${slug}/edit`);
  await checkA11y(page, 'edit summit (en)');
  await page.fill('#f-capacity', '12.5');
  await page.fill('#f-start_time', '');
  assert.equal((await submit(page)).status(), 422);
  assert.equal(await page.locator('#e-capacity').textContent(), t('en', 'error-whole-number'));
  assert.equal(await page.locator('#e-start_time').textContent(), t('en', 'error-time'));
  assert.equal(await page.inputValue('#f-capacity'), '12.5');
  await checkA11y(page, 'edit summit with errors (en)');
  await page.screenshot({ path: '/tmp/g1000-edit-errors-en.png', fullPage: true });

  // Attributes for quotas: an invalid list of bands, then a valid one.
  await visit(page, `/manage/${slug}/attributes`);
  assert.equal(await page.locator('h1').textContent(), t('en', 'attributes-title'));
  await checkA11y(page, 'attributes (en)');
  await page.fill('#f-name', 'Age');
  await page.fill('#f-bands', '16-34; 30\n35-64; 45\n65+; 20');
  assert.equal((await submit(page, 'form[action$="/attributes"] button[type=submit]')).status(), 422);
  assert.ok((await page.locator('#e-bands').textContent()).includes('95'));
  assert.equal(await page.inputValue('#f-bands'), '16-34; 30\n35-64; 45\n65+; 20');
  await checkA11y(page, 'attributes with errors (en)');
  await page.fill('#f-bands', '16-34; 30\n35-64; 45\n65+; 25');
  await Promise.all([page.waitForURL(`**/manage/${slug}/attributes`), page.click('form[action$="/attributes"] button[type=submit]')]);
  assert.equal(await page.locator('main section.attribute h2').first().textContent(), 'Age');
  await checkA11y(page, 'attributes with one attribute (en)');

  await visit(page, `/manage/${slug}/groups`);
  assert.equal(await page.locator('h1').textContent(), t('en', 'groups-title'));
  await checkA11y(page, 'groups (en)');
  await page.fill('#f-name', '');
  await page.fill('#f-seat_target', '-3');
  assert.equal((await submit(page, 'form[action$="/groups"] button[type=submit]')).status(), 422);
  assert.equal(await page.locator('#e-name').textContent(), t('en', 'error-required'));
  await checkA11y(page, 'groups with errors (en)');

  await page.click('table tbody tr:first-child a');
  await page.waitForURL(/\/groups\/\d+$/);
  await checkA11y(page, 'edit group (en)');

  await visit(page, `/manage/${slug}/programme`);
  assert.equal(await page.locator('h1').textContent(), t('en', 'programme-title'));
  await checkA11y(page, 'programme (en)');
  await page.fill('#f-duration_min', '0');
  assert.equal((await submit(page, 'form[action$="/programme"] button[type=submit]')).status(), 422);
  assert.equal(await page.locator('#e-duration_min').textContent(), t('en', 'error-range', { min: 1, max: 600 }));
  await checkA11y(page, 'programme with errors (en)');
  await page.screenshot({ path: '/tmp/g1000-programme-errors-en.png', fullPage: true });

  await page.click('ol.rounds > li:first-child .actions a');
  await page.waitForURL(/\/programme\/\d+$/);
  await checkA11y(page, 'edit round (en)');

  await visit(page, `/manage/${slug}/team`);
  await checkA11y(page, 'team (en)');
  await visit(page, `/s/${slug}/runsheet`);
  await checkA11y(page, 'run-sheet (en)');
  await visit(page, '/account');
  await checkA11y(page, 'account (en)');
  await visit(page, '/summits/new');
  await checkA11y(page, 'new summit (en)');

  await visit(page, `/lang/nl?next=/manage/${slug}/team`);
  assert.equal(await lang(), 'nl');
  await checkA11y(page, 'team (nl)');
  await visit(page, `/s/${slug}/runsheet`);
  await checkA11y(page, 'run-sheet (nl)');
});
