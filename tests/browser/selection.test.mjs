// Stage 2 selection: a small town (4 seats) where 9 invitees registered. The organiser saves the suggested quotas,
// runs the engine, reads the fairness report, publishes the commitment, enters the ticket drawn in public, and the
// public page shows the proof with its files. One organiser context runs with JavaScript, one without; every page
// on the way is checked with axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, loginOrganiser, createSummit, addGroup, sampleSummit, grouped,
  drawCodes,
} from './lib.mjs';
import { t } from './catalogue.mjs';

const PEOPLE = 9;
let browser, organiser, admin, slug;
const { codes, text: codesTxt } = drawCodes(PEOPLE);

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  admin = await organiser.newPage();
  await loginOrganiser(admin);
  slug = await createSummit(admin, sampleSummit(' loting'));
  await addGroup(admin, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: 4, join_method: 'lottery' });
  await visit(admin, `/manage/${slug}/attributes`);
  await admin.fill('#f-name', 'Leeftijd');
  await admin.fill('#f-bands', 'jong; 50\noud; 50');
  await submit(admin, 'form[action$="/attributes"] button[type=submit]');
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
      await page.fill('#f-name', `Inwoner ${i}`);
      await page.fill('#f-email', `inwoner${i}@example.org`);
      await page.check(`fieldset:has(legend:text-is("Leeftijd")) input[value="${i % 2 ? 'oud' : 'jong'}"]`);
      await page.check('input[name=attend][value=yes]');
      await page.check('input[name=consent]');
      await submit(page, 'form.register button[type=submit]');
    }
  } finally {
    await context.close();
  }
});

after(async () => {
  await browser?.close();
});

test('the organiser sets quotas, runs the engine and publishes the commitment (with JavaScript)', async () => {
  await visit(admin, `/manage/${slug}/selection`);
  assert.equal(await admin.locator('h1').textContent(), t('nl', 'selection-title'));
  await checkA11y(admin, 'selection (nl)');
  // A minimum above the seats is explained next to the field and in the summary.
  const first = admin.locator('#quota-table tbody input[name$="-min"]').first();
  const id = await first.getAttribute('id');
  await first.fill('9');
  assert.equal((await submit(admin, '#save-quotas')).status(), 422);
  assert.ok(await admin.locator(`.error-summary a[href="#${id}"]`).isVisible());
  await checkA11y(admin, 'selection with a quota error (nl)');
  await admin.locator(`#${id}`).fill('1');
  await submit(admin, '#save-quotas');
  await admin.waitForSelector('html[data-live-ready="1"]', { timeout: 10_000 });
  await submit(admin, '#run');
  // The page follows the engine live (a run this small may end before the page listens: then reload, as the
  // "check again" link does); at the end the report and the commitment button appear.
  for (let i = 0; i < 60 && !(await admin.locator('#commit').count()); i++) {
    await admin.waitForTimeout(1000);
    if (i % 5 === 4) await admin.reload();
  }
  assert.ok(await admin.locator('#commit').count(), 'the run finished');
  assert.ok(await admin.locator('svg.chart.probability title').count());
  await checkA11y(admin, 'fairness report (nl)');
  await submit(admin, '#commit');
  assert.ok(await admin.locator('#commitment-hash').isVisible());
  await checkA11y(admin, 'commitment published (nl)');
});

test('without JavaScript the ticket is entered and the panel shown', async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await loginOrganiser(page);
    await visit(page, `/manage/${slug}/selection`);
    await checkA11y(page, 'selection before the draw, no JS (nl)');
    await page.fill('#f-ticket', '1001');
    assert.equal((await submit(page, '#enter-ticket')).status(), 422);
    assert.equal(await page.locator('#e-ticket').textContent(), t('nl', 'selection-error-ticket', { tickets: 1000 }));
    await checkA11y(page, 'ticket error, no JS (nl)');
    await page.fill('#f-ticket', '123');
    await submit(page, '#enter-ticket');
    assert.match(await page.locator('#drawn-ticket').textContent(), /123/);
    assert.equal(await page.locator('#panel tbody tr').count(), 4);
    await checkA11y(page, 'panel and reserves, no JS (nl)');
  } finally {
    await context.close();
  }
});

test('the public page shows the proof in both languages', async () => {
  for (const locale of ['nl-NL', 'en-GB']) {
    const context = await newContext(browser, { locale });
    try {
      const page = await context.newPage();
      await visit(page, `/s/${slug}`);
      assert.match(await page.locator('#public-ticket').textContent(), /123/);
      const links = await page.locator('#selection ~ ul.files a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      // The pool file is linked only when every combination of bands holds at least five people; otherwise the
      // page says why and the public gets 403 (the organisers hand it to the auditors).
      const poolHref = `/s/${slug}/selection/people.csv`;
      if (links.includes(poolHref)) {
        assert.equal(links.length, 6);
      } else {
        assert.equal(links.length, 5);
        assert.ok(await page.locator('#selection-pool-private').isVisible(), 'the page says why the pool is not public');
        assert.equal((await page.request.get(BASE_URL + poolHref)).status(), 403);
      }
      for (const href of links) {
        const res = await page.request.get(BASE_URL + href);
        assert.equal(res.status(), 200, href);
      }
      await checkA11y(page, `public page with the selection (${locale})`);
    } finally {
      await context.close();
    }
  }
});
