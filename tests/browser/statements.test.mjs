// Common ground (issue 7), the acceptance test: 8 confirmed participants open their phone screens with their badge
// codes (separate browser contexts) in a statements round. Two of them write a statement (approved on the
// console), the facilitator adds the other ten. Everyone votes on the 12 statements one at a time, in an order
// of their own, without JavaScript help (each vote posts and redirects): two camps of four that each vote alike,
// with shared ground (statements 1–3 everyone agrees with). The projector shows two groups in the opinion map
// and exactly statements 1–3 as common ground, live; the facilitator makes statement 1 an agenda theme with one
// click; the online page for the community takes a statement. axe-core finds no WCAG 2.1 AA violation on the
// participant, console, projector, online and results screens.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, loginOrganiser, createSummit, addGroup, addRound,
  sampleSummit, grouped, drawCodes, devices, confirmedHall,
} from './lib.mjs';

const PEOPLE = 8;
const QUESTION = 'Waar staan we samen voor?';
// Statement n (1–12): "Stelling n: …". The camps' votes follow crates/opinion's two-camp test: 1–3 everyone
// agrees with, 4–6 camp one agrees with and camp two rejects, 7–9 the other way round, 10 everyone rejects,
// 11 camp one agrees with while camp two passes, 12 camp one rejects while camp two passes.
const TOPICS = [
  'Meer bomen in elke straat', 'Een buurthuis in elke wijk', 'Veilige fietspaden naar school',
  'Het centrum autovrij', 'Minder parkeerplaatsen', 'Een tolweg rond de stad',
  'Meer parkeerplaatsen in het centrum', 'Snelwegen verbreden', 'Gratis parkeren op zaterdag',
  'Alle speeltuinen sluiten', 'Een windmolen bij het meer', 'Een nieuw casino',
];
const text = (n) => `Stelling ${n}: ${TOPICS[n - 1]}`;
function campVote(campOne, n) {
  const [a, b] = n <= 3 ? ['agree', 'agree'] : n <= 6 ? ['agree', 'disagree'] : n <= 9 ? ['disagree', 'agree']
    : n === 10 ? ['disagree', 'disagree'] : n === 11 ? ['agree', 'pass'] : ['disagree', 'pass'];
  return campOne ? a : b;
}

let browser, organiser, console_, slug;
const contexts = [];
const { codes, text: codesTxt } = drawCodes(PEOPLE);
let badgeCodes = [];

before(async () => {
  browser = await launch();
  organiser = await newContext(browser);
  console_ = await organiser.newPage();
  await loginOrganiser(console_);
  slug = await createSummit(console_, sampleSummit(' stellingen'));
  await addGroup(console_, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: 10, join_method: 'lottery' });
  await addRound(console_, slug, { kind: 'statements', question: QUESTION, duration_min: 30, table_size: 4 });
  await visit(console_, `/manage/${slug}`);
  await submit(console_, `form[action="/manage/${slug}/publish"] button`);
  await confirmedHall(browser, console_, slug, { codes, text: codesTxt }, (i) => ({ name: `Stemmer ${i}`, email: `stel${i}@example.org` }));
  await visit(console_, `/manage/${slug}/badges`);
  badgeCodes = (await console_.locator('td code').allTextContents()).filter((c) => /^[0-9A-Z-]{10,}$/.test(c));
  assert.equal(badgeCodes.length, PEOPLE, 'a badge code per confirmed person');
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

/** The statement number of the one a phone offers now, or null when none is left. */
async function offered(page) {
  if (!(await page.locator('#st-current').count())) return null;
  const m = (await page.locator('#st-current').textContent()).match(/^Stelling (\d+):/);
  assert.ok(m, 'a statement is shown');
  return Number(m[1]);
}

test('two camps: the projector shows two groups and exactly the shared statements as common ground', async () => {
  // The facilitator starts the programme: the statements round.
  await visit(console_, `/s/${slug}/console`);
  await submit(console_, '#round-next');
  // Eight phones (the last two in English).
  const phones = [];
  for (let i = 0; i < PEOPLE; i++) {
    const context = await newContext(browser, { ...devices['Pixel 5'], locale: i >= 6 ? 'en-GB' : 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    await visit(page, `/s/${slug}/day/start`);
    await page.fill('#f-code', badgeCodes[i]);
    await submit(page, '#day-start-form button[type=submit]');
    await submit(page, '#day-statements a');
    assert.equal(new URL(page.url()).pathname, `/s/${slug}/statements`);
    phones.push(page);
  }
  const screenContext = await newContext(browser, { viewport: { width: 1600, height: 900 } });
  contexts.push(screenContext);
  const screen = await screenContext.newPage();
  await visit(screen, `/s/${slug}/screen`);
  await screen.waitForFunction(() => document.documentElement.getAttribute('data-live-ready') === '1', null, { timeout: 5000 });
  assert.ok(await screen.locator('#opinion-empty').count(), 'no votes yet');
  await checkA11y(phones[0], 'participant, statements round before any statement (nl)');

  // Statement 1 from a camp-one phone, statement 2 from a camp-two phone; both approved on the console.
  for (const [i, n] of [[0, 1], [4, 2]]) {
    await phones[i].fill('#f-text', text(n));
    await submit(phones[i], '#st-form button[type=submit]');
    assert.ok(await phones[i].locator('#st-saved').isVisible(), 'the phone says the statement arrived');
  }
  await visit(console_, `/s/${slug}/console/statements`);
  await checkA11y(console_, 'statements console with statements waiting (nl)');
  for (let k = 0; k < 2; k++) {
    await submit(console_, '#st-moderation button[value=approve]');
  }
  assert.equal(await console_.locator('#count-approved').textContent(), '2');
  // The facilitator adds the other ten.
  for (let n = 3; n <= 12; n++) {
    await console_.fill('#st-add-form #f-text', text(n));
    await submit(console_, '#st-add-form button[type=submit]');
  }
  assert.equal(await console_.locator('#count-approved').textContent(), '12');

  // Everyone votes until nothing is left: one statement at a time, each vote a form post.
  const orders = [];
  for (const [i, page] of phones.entries()) {
    await visit(page, `/s/${slug}/statements`);
    const order = [];
    for (;;) {
      const n = await offered(page);
      if (n === null) break;
      assert.ok(!order.includes(n), `statement ${n} offered twice`);
      order.push(n);
      if (i === 1 && order.length === 1) await checkA11y(page, 'participant voting on a statement (nl)');
      await submit(page, `#st-${campVote(i < 4, n)}`);
      assert.ok(await page.locator('#st-voted').isVisible(), 'the phone says the vote was counted');
    }
    assert.ok(await page.locator('#st-done').isVisible());
    // Authors are not asked about their own statement (it counts as agreed with).
    const own = i === 0 ? 1 : i === 4 ? 2 : null;
    const expected = Array.from({ length: 12 }, (_, k) => k + 1).filter((n) => n !== own);
    assert.deepEqual([...order].sort((a, b) => a - b), expected, `phone ${i} saw every other statement once`);
    orders.push(order.join(','));
  }
  const distinct = new Set(orders).size;
  console.log(`vote orders: ${distinct} distinct of ${PEOPLE}`);
  assert.ok(distinct >= PEOPLE - 1, 'each participant has an order of their own');

  // A participant changes a vote (and back to the camp's vote, so that the camps stay alike).
  const p7 = phones[7];
  const firstVote = p7.locator('#st-votes-list li').first();
  const n7 = Number((await firstVote.textContent()).match(/Stelling (\d+):/)[1]);
  await Promise.all([p7.waitForNavigation(), firstVote.locator('a').click()]);
  assert.equal(await offered(p7), n7);
  assert.ok(await p7.locator('#st-your-vote').isVisible(), 'the phone shows the vote now');
  await checkA11y(p7, 'participant changing a vote (en)');
  await submit(p7, '#st-pass');
  const again = p7.locator('#st-votes-list li', { hasText: `Stelling ${n7}:` });
  assert.match(await again.textContent(), /Pass/);
  await Promise.all([p7.waitForNavigation(), again.locator('a').click()]);
  await submit(p7, `#st-${campVote(false, n7)}`);
  const names = { agree: 'Agree', disagree: 'Disagree', pass: 'Pass / unsure' };
  assert.equal(await p7.locator('#st-votes-list li', { hasText: `Stelling ${n7}:` }).locator('strong').textContent(), names[campVote(false, n7)]);

  // The projector follows live: two groups of four in the map, exactly statements 1–3 as common ground.
  await screen.waitForFunction(() => document.querySelectorAll('#opinion-groups li').length === 2
    && document.querySelectorAll('#common-list > li').length === 3, null, { timeout: 5000 });
  const groups = await screen.locator('#opinion-groups li').allTextContents();
  console.log(`projector groups: ${groups.join(' | ')}`);
  for (const g of groups) assert.match(g, /4 deelnemers/);
  assert.equal(await screen.locator('svg.opinion-map .participant.group-0').count(), 4);
  assert.equal(await screen.locator('svg.opinion-map .participant.group-1').count(), 4);
  const common = (await screen.locator('#common-list .cg-text').allTextContents()).map((t) => t.trim()).sort();
  console.log(`common ground on the projector: ${common.join(' | ')}`);
  assert.deepEqual(common, [text(1), text(2), text(3)].sort());
  assert.equal(await screen.locator('#common-list form').count(), 0, 'the projector has no forms');
  await checkA11y(screen, 'projector with the opinion map and common ground (nl)');

  // The console shows the same with counts; one click makes statement 1 an agenda theme.
  await visit(console_, `/s/${slug}/console/statements`);
  assert.equal(await console_.locator('#count-groups').textContent(), '2');
  assert.equal(await console_.locator('#count-voters').textContent(), '8');
  await checkA11y(console_, 'statements console with the map and common ground (nl)');
  const first = console_.locator('#common-list > li', { hasText: text(1) });
  await Promise.all([console_.waitForNavigation(), first.locator('button[type=submit]').click()]);
  assert.ok(await console_.locator('#common-list > li', { hasText: text(1) }).locator('p.notice').isVisible());
  await visit(console_, `/s/${slug}/console`);
  assert.ok(await console_.locator('#day-themes > li', { hasText: 'Stelling 1' }).count(), 'the theme is on the console');
  await checkA11y(console_, 'facilitator console with the carried theme (nl)');

  // Online before (or besides) the day: the organisers open the community's page; a browser without a badge
  // writes a statement there (it waits for a facilitator).
  await visit(console_, `/s/${slug}/console/statements`);
  await submit(console_, '#online-open');
  const webContext = await newContext(browser, { ...devices['Pixel 5'] });
  contexts.push(webContext);
  const web = await webContext.newPage();
  await visit(web, `/s/${slug}/ideas`);
  assert.ok(await web.locator('#st-online-lead').isVisible());
  await web.fill('#f-text', 'Stelling online: een markt op zondag');
  await submit(web, '#st-form button[type=submit]');
  assert.ok(await web.locator('#st-saved').isVisible(), 'the online page says the statement arrived');
  await checkA11y(web, 'online statements page (nl)');

  // The public results page keeps the map and the common ground.
  await visit(screen, `/s/${slug}/common-ground`);
  assert.equal(await screen.locator('#common-list > li').count(), 3);
  await checkA11y(screen, 'public common-ground results (nl)');
});
