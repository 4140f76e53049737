// The vote of the day (issue 6, part B) in real Chromium: the organiser writes and publishes proposals and
// opens a vote; three participants, each in their own browser context, open their phone screen with their
// badge code and vote secretly (one changes their vote); the organiser closes the vote and the result appears,
// equal to an independent recount of the published ballots. Every page on the way passes axe-core.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, loginOrganiser, createSummit, addGroup,
  sampleSummit, grouped, drawCodes,
} from './lib.mjs';

const PEOPLE = 3;
let browser, organiser, admin, slug;
const { codes, text: codesTxt } = drawCodes(PEOPLE);
const badges = [];

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  admin = await organiser.newPage();
  await loginOrganiser(admin);
  slug = await createSummit(admin, sampleSummit(' stemming'));
  await addGroup(admin, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: 10, join_method: 'lottery' });
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
      await page.fill('#f-name', `Stemmer ${i}`);
      await page.fill('#f-email', `stemmer${i}@example.org`);
      await page.check('input[name=attend][value=yes]');
      await page.check('input[name=consent]');
      await submit(page, 'form.register button[type=submit]');
    }
    await visit(admin, `/manage/${slug}/selection`);
    await submit(admin, '#run');
    await visit(admin, `/manage/${slug}/selection`);
    await submit(admin, '#admit-everyone');
    // Everyone confirms through their personal link.
    const res = await admin.request.get(`${BASE_URL}/manage/${slug}/outbox.csv`);
    const links = [...(await res.text()).matchAll(/https?:\/\/[^\s",]*\/c\/[0-9a-f]{64}/g)].map((m) => new URL(m[0]).pathname);
    assert.ok(links.length >= PEOPLE, 'a personal link for everyone');
    for (const path of new Set(links)) {
      await visit(page, path);
      const confirm = page.locator('button[name=answer][value=confirm]');
      if (await confirm.count()) await submit(page, 'button[name=answer][value=confirm]');
    }
  } finally {
    await context.close();
  }
  // The badge codes.
  await visit(admin, `/manage/${slug}/badges`);
  for (const code of await admin.locator('main table td code').allTextContents()) badges.push(code.trim());
  assert.equal(badges.length, PEOPLE);
  // One table for the proposals.
  await visit(admin, `/manage/${slug}/seating`);
  await admin.fill('#f-count', '1');
  await admin.fill('#f-capacity', '8');
  await submit(admin, '#seating-add');
});

after(async () => {
  await browser?.close();
});

test('proposals are written, published and voted on secretly; the result equals a recount', async () => {
  // Three proposals, published.
  for (const title of ['Meer bomen', 'Bankjes op het plein', 'Een fietspad']) {
    await visit(admin, `/s/${slug}/proposals`);
    await admin.fill('#f-title', title);
    await admin.fill('#f-what', `${title}: zo snel mogelijk`);
    await admin.fill('#f-why', 'Voor iedereen');
    await submit(admin, `form[action="/s/${slug}/proposals"] button[type=submit]`);
    assert.match(await admin.locator('.live-status').textContent(), /opgeslagen/);
  }
  await checkA11y(admin, 'proposals (nl)');
  while (await admin.locator('form[action$="/publish"] input[name=publish][value="1"]').count()) {
    await submit(admin, 'form[action$="/publish"]:has(input[name=publish][value="1"]) button');
  }
  await visit(admin, `/s/${slug}/plans`);
  assert.equal(await admin.locator('article.proposal').count(), 3);
  await checkA11y(admin, 'published proposals (nl)');

  // A vote: tick one, one place, results hidden until the close.
  await visit(admin, `/s/${slug}/votes`);
  await admin.fill('#f-title', 'Wat gaan we doen?');
  await admin.selectOption('#f-method', 'approval');
  await admin.fill('#f-max_choices', '1');
  await admin.fill('#f-seats', '1');
  await checkA11y(admin, 'new vote (nl)');
  await submit(admin, `form[action="/s/${slug}/votes"] button[type=submit]`);
  const votePath = new URL(admin.url()).pathname;
  const voteId = votePath.split('/').pop();
  await submit(admin, '#open-vote');
  await checkA11y(admin, 'vote console, open (nl)');

  // Three phones vote: two for option 2, one for option 1 who first chose 3 and then changes.
  const plan = [['2'], ['2'], ['3', '1']];
  for (const [i, choices] of plan.entries()) {
    const phone = await newContext(browser, { locale: i === 2 ? 'en-GB' : 'nl-NL' });
    try {
      const page = await phone.newPage();
      await visit(page, `/s/${slug}/day/start`);
      await page.fill('#f-code', badges[i]);
      await submit(page, '#day-start-form button[type=submit]');
      await visit(page, `/s/${slug}/ballot`);
      await checkA11y(page, `votes list, phone ${i}`);
      await visit(page, `/s/${slug}/ballot/${voteId}`);
      await checkA11y(page, `ballot, phone ${i}`);
      for (const [k, choice] of choices.entries()) {
        await page.locator('input[name=option]').evaluateAll((boxes) => boxes.forEach((b) => { b.checked = false; }));
        await page.check(`#option-${choice}`);
        await submit(page, '#cast');
        const status = await page.locator('.live-status').textContent();
        assert.match(status, k === 0 ? /(opgeslagen|saved)/ : /(gewijzigd|changed)/, status);
        assert.ok(await page.locator(`#option-${choice}`).isChecked(), 'the ballot is shown as stored');
      }
      await checkA11y(page, `ballot saved, phone ${i}`);
    } finally {
      await phone.close();
    }
  }

  // Hidden until the close: the projector shows the counter only.
  const projector = await newContext(browser);
  try {
    const screen = await projector.newPage();
    await visit(screen, `/s/${slug}/results/${voteId}`);
    assert.match(await screen.locator('#turnout').textContent(), /3/);
    assert.equal(await screen.locator('#chosen').count(), 0);
    await checkA11y(screen, 'projector, vote open');
    await screen.waitForFunction(() => document.documentElement.getAttribute('data-live-ready') === '1');

    await visit(admin, votePath);
    await submit(admin, '#close-vote');
    // The projector follows the close on its own.
    await screen.waitForSelector('#chosen li', { timeout: 5000 });
    const shown = await screen.locator('#chosen li').allTextContents();
    await checkA11y(screen, 'projector, result');

    // An independent recount of the published ballots.
    const res = await admin.request.get(`${BASE_URL}/s/${slug}/results/${voteId}/ballots.json`);
    const data = await res.json();
    assert.equal(data.ballots.length, 3);
    const counts = new Map(data.options.map((o) => [o.position, 0]));
    for (const b of data.ballots) for (const p of b.split(',')) counts.set(Number(p), counts.get(Number(p)) + 1);
    const ranked = data.options
      .map((o) => ({ title: o.title, n: counts.get(o.position), pos: o.position }))
      .sort((a, b) => b.n - a.n || a.pos - b.pos);
    assert.deepEqual(shown, ranked.slice(0, data.vote.seats).map((o) => o.title));
    assert.deepEqual(shown, ['Bankjes op het plein']);
    assert.deepEqual([...data.ballots].sort(), ['1', '2', '2']);
  } finally {
    await projector.close();
  }
  await visit(admin, votePath);
  assert.ok(await admin.locator('.explanation li').count() >= 2, 'an explanation step by step');
  await checkA11y(admin, 'vote console, closed (nl)');

  // Action groups for the chosen proposal; a participant signs up.
  await visit(admin, `/s/${slug}/actions`);
  await submit(admin, `form[action="/s/${slug}/actions"] button[type=submit]`);
  await checkA11y(admin, 'action groups (nl)');
  const phone = await newContext(browser);
  try {
    const page = await phone.newPage();
    await visit(page, `/s/${slug}/day/start`);
    await page.fill('#f-code', badges[0]);
    await submit(page, '#day-start-form button[type=submit]');
    await visit(page, `/s/${slug}/commit`);
    await page.check('input[name=share_contact]');
    await submit(page, `form[action="/s/${slug}/commit"] button.large`);
    assert.match(await page.locator('.live-status').textContent(), /opgeslagen/);
    await checkA11y(page, 'action-group sign-up (nl)');
  } finally {
    await phone.close();
  }
});
