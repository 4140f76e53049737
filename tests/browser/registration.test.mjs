// Registration: the organiser imports the codes.txt of a draw, then two invitees register on a phone, one in Dutch
// through the letter's link and one in English by typing the code, and the organiser sees them counted. Every page
// on the way is checked with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newContext, checkA11y, visit, submit, loginOrganiser, publishedSummit, devices, makeCode, grouped, drawCodes,
} from './lib.mjs';
import { t } from './catalogue.mjs';

let browser, organiser, admin, slug;
const { codes, text } = drawCodes(5);

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  admin = await organiser.newPage();
  await loginOrganiser(admin);
  slug = await publishedSummit(admin, ' aanmelding');
  for (const [name, bands] of [['Leeftijd', '16-39; 40\n40-64; 40\n65+; 20'], ['Wijk', 'Noord\nZuid']]) {
    await visit(admin, `/manage/${slug}/attributes`);
    await admin.fill('#f-name', name);
    await admin.fill('#f-bands', bands);
    await submit(admin, 'form[action$="/attributes"] button[type=submit]');
  }
});

after(async () => {
  await browser?.close();
});

test('the organiser imports the codes.txt of a draw', async () => {
  await visit(admin, `/manage/${slug}/invitations`);
  await checkA11y(admin, 'invitations (nl)');
  // Without a file: the problem next to the field.
  assert.equal((await submit(admin, 'form[action$="/invitations"] button[type=submit]')).status(), 422);
  assert.equal(await admin.locator('#e-codes').textContent(), t('nl', 'import-error-no-file'));
  await checkA11y(admin, 'invitations with an error (nl)');
  await admin.setInputFiles('#f-codes', { name: 'codes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await submit(admin, 'form[action$="/invitations"] button[type=submit]');
  assert.equal(await admin.locator('p.notice[role=status]').textContent(), t('nl', 'import-done', { added: 5, already: 0 }));
  assert.match(await admin.locator('table tbody tr').first().textContent(), /Gelote burgers/);
  await checkA11y(admin, 'invitations after the import (nl)');
});

async function fillForm(page, { name, email, age, district }) {
  await page.fill('#f-name', name);
  await page.fill('#f-email', email);
  await page.check(`fieldset:has(legend:text-is("Leeftijd")) input[value="${age}"]`);
  await page.check(`fieldset:has(legend:text-is("Wijk")) input[value="${district}"]`);
  await page.check('input[name=attend][value=yes]');
  await page.check('input[name=consent]');
}

test('an invitee registers in Dutch on a phone through the link in the letter', async () => {
  const context = await newContext(browser, { ...devices['Pixel 7'], locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    await visit(page, `/r/${grouped(codes[0])}`);
    assert.equal(new URL(page.url()).pathname, `/s/${slug}/register/${grouped(codes[0])}`);
    assert.equal(await page.locator('h1').textContent(), t('nl', 'register-form-title'));
    await checkA11y(page, 'registration form (nl, phone)');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, 'nothing wider than the phone screen');

    // Sent half-filled: every problem next to its field, what was typed kept.
    await page.fill('#f-name', 'Sanne de Boer');
    await page.check('input[name=wheelchair]');
    assert.equal((await submit(page, 'form.register button[type=submit]')).status(), 422);
    assert.equal(await page.locator('#e-email').textContent(), t('nl', 'error-contact'));
    assert.equal(await page.locator('#e-attend').textContent(), t('nl', 'error-attend'));
    assert.equal(await page.locator('#e-needs_consent').textContent(), t('nl', 'error-needs-consent'));
    assert.equal(await page.inputValue('#f-name'), 'Sanne de Boer');
    assert.equal(await page.isChecked('input[name=wheelchair]'), true);
    await checkA11y(page, 'registration form with errors (nl, phone)');

    await fillForm(page, { name: 'Sanne de Boer', email: 'sanne@example.org', age: '40-64', district: 'Zuid' });
    await page.check('input[name=needs_consent]');
    await submit(page, 'form.register button[type=submit]');
    assert.equal(new URL(page.url()).pathname, `/s/${slug}/registered`);
    assert.equal(await page.locator('h1').textContent(), t('nl', 'registered-title'));
    assert.match(await page.locator('#public-id').textContent(), /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await checkA11y(page, 'registered (nl, phone)');

    // The same code again: already used.
    await visit(page, `/r/${grouped(codes[0])}`, 422);
    assert.equal(await page.locator('#e-code').textContent(), t('nl', 'code-error-used'));
    await checkA11y(page, 'used code (nl, phone)');
    await visit(page, `/s/${slug}/privacy`);
    await checkA11y(page, 'privacy statement (nl, phone)');
  } finally {
    await context.close();
  }
});

test('an invitee registers in English by typing the code', async () => {
  const context = await newContext(browser, { ...devices['Pixel 7'], locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await visit(page, `/s/${slug}/register`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await checkA11y(page, 'code page (en, phone)');
    // A code that does not exist: said, without saying which do.
    await page.fill('#f-code', grouped(makeCode()));
    assert.equal((await submit(page, 'main form button[type=submit]')).status(), 422);
    assert.equal(await page.locator('#e-code').textContent(), t('en', 'code-error-wrong'));
    await checkA11y(page, 'wrong code (en, phone)');
    // Typed in small letters with spaces: fine.
    await page.fill('#f-code', grouped(codes[1]).toLowerCase().replace(/-/g, ' '));
    await submit(page, 'main form button[type=submit]');
    assert.equal(await page.locator('h1').textContent(), t('en', 'register-form-title'));
    await fillForm(page, { name: 'Sam Jones', email: 'sam@example.org', age: '16-39', district: 'Noord' });
    await page.selectOption('#f-interpreter', 'en');
    await page.check('input[name=needs_consent]');
    await submit(page, 'form.register button[type=submit]');
    assert.equal(await page.locator('h1').textContent(), t('en', 'registered-title'));
    assert.equal(await page.locator('.notice[role=status] p').textContent(), t('en', 'registered-pool'));
    await checkA11y(page, 'registered (en, phone)');
    await visit(page, `/s/${slug}/privacy`);
    await checkA11y(page, 'privacy statement (en, phone)');
  } finally {
    await context.close();
  }
});

test('the organiser sees the registrations per group and per band', async () => {
  await visit(admin, `/manage/${slug}/registrations`);
  const row = admin.locator('#per-group tbody tr', { has: admin.locator('th', { hasText: 'Gelote burgers' }) });
  assert.match(await row.textContent(), /2 \/ 5/);
  const band = admin.locator('table.per-band tbody tr', { has: admin.locator('th', { hasText: '40-64' }) });
  assert.match(await band.textContent(), /320/, 'target: 40 % of 800 seats');
  await checkA11y(admin, 'registrations overview (nl)');
  // The open form of the free thinkers is reachable from the invitations page, and accessible.
  await visit(admin, `/manage/${slug}/invitations`);
  await Promise.all([admin.waitForURL(/\/join\//), admin.click('a[href*="/join/"]')]);
  await checkA11y(admin, 'open registration form (nl)');
});

test('the overview updates without a reload when someone registers', async () => {
  await visit(admin, `/manage/${slug}/registrations`);
  await admin.waitForSelector('html[data-live-ready="1"]', { timeout: 10_000 });
  await admin.evaluate(() => { window.__sameDocument = true; });
  const context = await newContext(browser, { locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    await visit(page, `/r/${grouped(codes[2])}`);
    await fillForm(page, { name: 'Kees Visser', email: 'kees@example.org', age: '65+', district: 'Noord' });
    await submit(page, 'form.register button[type=submit]');
    assert.equal(await page.locator('h1').textContent(), t('nl', 'registered-title'));
  } finally {
    await context.close();
  }
  const row = '#per-group tbody tr:first-child';
  await admin.waitForFunction((sel) => /3 \/ 5/.test(document.querySelector(sel)?.textContent || ''), row, { timeout: 10_000 });
  assert.equal(await admin.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  await admin.waitForFunction((text) => document.querySelector('.live-status').textContent === text, t('nl', 'live-updated'));
  await checkA11y(admin, 'registrations overview after a live update (nl)');
});
