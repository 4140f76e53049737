// The public page and the set-up pages on a phone (Pixel 7 emulation): readable, nothing wider than the screen,
// and accessible.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, checkA11y, visit, loginOrganiser, publishedSummit, devices } from './lib.mjs';

let browser, context, page, slug;

before(async () => {
  browser = await launch();
  context = await newContext(browser, { ...devices['Pixel 7'], locale: 'nl-NL' });
  page = await context.newPage();
  await loginOrganiser(page);
  slug = await publishedSummit(page, ' op de telefoon');
});

after(async () => {
  await browser?.close();
});

async function fitsTheScreen(p, label) {
  const { scroll, width, wide } = await p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1 && !el.closest('.table-wrap');
      })
      .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
  assert.ok(scroll <= width, `${label}: the page scrolls sideways (${scroll} > ${width}); too wide: ${wide.slice(0, 5).join(', ')}`);
}

test('the public page on a phone', async () => {
  const anon = await newContext(browser, { ...devices['Pixel 7'], locale: 'nl-NL' });
  try {
    const p = await anon.newPage();
    await visit(p, `/s/${slug}`);
    assert.equal(await p.locator('h1').isVisible(), true);
    assert.equal(await p.locator('nav.langs a[hreflang=en]').isVisible(), true, 'the language switch is on screen');
    await fitsTheScreen(p, 'public page (nl)');
    await checkA11y(p, 'public page on a phone (nl)');
    await p.screenshot({ path: '/tmp/g1000-phone-public-nl.png', fullPage: true });
    await Promise.all([p.waitForURL(`**/s/${slug}`), p.tap('nav.langs a[hreflang=en]')]);
    assert.equal(await p.locator('html').getAttribute('lang'), 'en');
    await fitsTheScreen(p, 'public page (en)');
    await checkA11y(p, 'public page on a phone (en)');
    await visit(p, '/');
    await fitsTheScreen(p, 'home (en)');
    await checkA11y(p, 'home on a phone (en)');
  } finally {
    await anon.close();
  }
});

test('the organiser\'s pages on a phone', async () => {
  for (const path of [`/manage/${slug}`, `/manage/${slug}/groups`, `/manage/${slug}/programme`, `/manage/${slug}/edit`]) {
    await visit(page, path);
    await fitsTheScreen(page, path);
    await checkA11y(page, `${path} on a phone (nl)`);
  }
  await visit(page, `/manage/${slug}`);
  await page.screenshot({ path: '/tmp/g1000-phone-dashboard-nl.png', fullPage: true });
});
