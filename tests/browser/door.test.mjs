// Messages, badges, the door and personal data in the browser, in Dutch and English: every page of this part
// passes axe-core (WCAG 2.1 AA), the forms explain their errors, and an unknown personal link says so.
// (Pages with registrants in them are covered by crates/web/tests/door.rs; the selection that fills them comes
// with stage 2.)

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
  test(`outbox, badges, door and retention pages are accessible (${code})`, async () => {
    const ctx = await newContext(browser, { locale: code === 'en' ? 'en-GB' : 'nl-NL' });
    try {
      const page = await ctx.newPage();
      await loginOrganiser(page);
      const slug = await publishedSummit(page, ` deur ${code}`);

      await visit(page, `/manage/${slug}/outbox`);
      assert.match(await page.locator('h1').textContent(), new RegExp(t(code, 'outbox-title')));
      await checkA11y(page, `outbox ${code}`);

      await visit(page, `/manage/${slug}/badges`);
      await checkA11y(page, `badges ${code}`);

      await visit(page, `/s/${slug}/door`);
      await checkA11y(page, `door ${code}`);
      await page.fill('#f-code', '12');
      await submit(page, '#door-form button[type=submit]');
      assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
      await checkA11y(page, `door error ${code}`);
      await page.fill('#f-code', 'ABCD-EFGH-JKLM-N');
      await submit(page, '#door-form button[type=submit]');
      await checkA11y(page, `door unknown ${code}`);

      await visit(page, `/manage/${slug}/personal-data`);
      await checkA11y(page, `retention ${code}`);
      await page.fill('#f-retention_date', '2020-01-01');
      await submit(page);
      assert.equal(await page.locator('#f-retention_date').getAttribute('aria-invalid'), 'true');
      await checkA11y(page, `retention error ${code}`);
      await page.fill('#f-retention_date', '2099-12-31');
      await submit(page);
      assert.match(await page.locator('main').textContent(), new RegExp(t(code, 'retention-saved')));

      await visit(page, `/c/${'0'.repeat(64)}`, 410);
      assert.match(await page.locator('h1').textContent(), new RegExp(t(code, 'personal-invalid-title')));
      await checkA11y(page, `personal link ${code}`);
    } finally {
      await ctx.close();
    }
  });
}
