// g1000 works without JavaScript: the whole set-up flow, the language switch and the public page, in a browser
// context with scripts disabled.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, GROUPS, ROUNDS, launch, newContext, checkA11y, visit, submit, fillSummit, addGroup, addRound,
  loginOrganiser, sampleSummit,
} from './lib.mjs';
import { t } from './catalogue.mjs';

let browser, context, page;

before(async () => {
  browser = await launch();
  context = await newContext(browser, { javaScriptEnabled: false });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
});

test('without JavaScript the organiser sets up and publishes a summit, and the public reads it', async () => {
  await loginOrganiser(page);
  await checkA11y(page, 'account, no JS (nl)');
  const summit = sampleSummit(' zonder JavaScript');

  await visit(page, '/summits/new');
  await fillSummit(page, { ...summit, capacity: '' });
  assert.equal((await submit(page)).status(), 422);
  assert.equal(await page.locator('#e-capacity').textContent(), t('nl', 'error-required'));
  assert.equal(await page.inputValue('#f-venue'), summit.venue);
  await checkA11y(page, 'new summit with errors, no JS (nl)');
  await fillSummit(page, summit);
  await submit(page);
  const slug = new URL(page.url()).pathname.split('/')[2];
  assert.equal(new URL(page.url()).pathname, `/manage/${slug}`);
  await checkA11y(page, 'dashboard, no JS (nl)');

  for (const g of GROUPS) await addGroup(page, slug, g);
  assert.equal(await page.locator('table tbody tr').count(), 4);
  await checkA11y(page, 'groups, no JS (nl)');
  for (const r of ROUNDS) await addRound(page, slug, r);
  assert.equal(await page.locator('ol.rounds > li').count(), ROUNDS.length);
  await checkA11y(page, 'programme, no JS (nl)');

  // Delete the last round and add it again: plain form posts.
  await submit(page, 'ol.rounds > li:last-child form[action$="/delete"] button');
  assert.equal(await page.locator('ol.rounds > li').count(), ROUNDS.length - 1);
  await addRound(page, slug, ROUNDS.at(-1));

  await visit(page, `/manage/${slug}`);
  await submit(page, `form[action="/manage/${slug}/publish"] button`);
  assert.equal(await page.locator('section[aria-labelledby=publish] .badge').textContent(), t('nl', 'status-published'));

  const anon = await newContext(browser, { javaScriptEnabled: false });
  try {
    const p = await anon.newPage();
    await visit(p, `/s/${slug}`);
    assert.equal(await p.locator('html').getAttribute('lang'), 'nl');
    assert.equal(await p.locator('h1').textContent(), summit.name);
    assert.equal(await p.locator('#h-day ~ ol.timeline > li').count(), ROUNDS.length);
    await checkA11y(p, 'public page, no JS (nl)');
    await Promise.all([p.waitForURL(`**/s/${slug}`), p.click('nav.langs a[hreflang=en]')]);
    assert.equal(await p.locator('html').getAttribute('lang'), 'en');
    assert.equal(await p.locator('#h-what').textContent(), t('en', 'public-what'));
    await checkA11y(p, 'public page, no JS (en)');
  } finally {
    await anon.close();
  }

  // Logging out is a form post too.
  await submit(page, 'header form[action="/logout"] button');
  assert.equal(await page.locator('nav.user a[href="/login"]').count(), 1);
  assert.ok(BASE_URL);
});
