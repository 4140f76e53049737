// Live updates: with the public page open, an edit by the organiser in another window shows up on it without a
// reload (live.js listens to the server-sent events at data-live and swaps #live).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, checkA11y, visit, submit, loginOrganiser, publishedSummit } from './lib.mjs';
import { t } from './catalogue.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

for (const code of ['nl', 'en']) {
  test(`an edit of the summit reaches an open public page without a reload (${code})`, async () => {
    const organiser = await newContext(browser);
    const visitor = await newContext(browser, { locale: code === 'en' ? 'en-GB' : 'nl-NL' });
    try {
      const admin = await organiser.newPage();
      await loginOrganiser(admin);
      const slug = await publishedSummit(admin, ` live ${code}`);

      const pub = await visitor.newPage();
      await visit(pub, `/s/${slug}`);
      assert.equal(await pub.locator('html').getAttribute('lang'), code);
      await pub.waitForSelector('html[data-live-ready="1"]', { timeout: 10_000 });
      // A mark that a reload would wipe out.
      await pub.evaluate(() => {
        window.__sameDocument = true;
        window.__status = document.querySelector('.live-status');
      });

      const renamed = `G1000 Zeewolde ${code} (nieuwe naam)`;
      await visit(admin, `/manage/${slug}/edit`);
      await admin.fill('#f-name', renamed);
      await admin.fill('#f-venue', 'Cultureel Centrum');
      await submit(admin);

      await pub.waitForFunction((name) => document.querySelector('#live h1')?.textContent === name, renamed, { timeout: 10_000 });
      assert.equal(await pub.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
      assert.match(await pub.locator('.facts').textContent(), /Cultureel Centrum/);
      assert.equal(await pub.title(), `${renamed} – g1000`);
      // The status line is announced: the same live region element, with the text in the page's language.
      await pub.waitForFunction((text) => document.querySelector('.live-status').textContent === text, t(code, 'live-updated'));
      assert.equal(await pub.evaluate(() => window.__status === document.querySelector('.live-status')), true, 'the live region survives the swap');

      // A change of the programme arrives too.
      await visit(admin, `/manage/${slug}/programme`);
      await submit(admin, 'ol.rounds > li:first-child form[action$="/delete"] button');
      await pub.waitForFunction(() => document.querySelectorAll('#h-day ~ ol.timeline > li').length === 3, null, { timeout: 10_000 });
      assert.equal(await pub.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
      await checkA11y(pub, `public page after a live update (${code})`);
      await pub.screenshot({ path: `/tmp/g1000-live-${code}.png`, fullPage: true });
    } finally {
      await organiser.close();
      await visitor.close();
    }
  });
}
