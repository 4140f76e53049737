// The whole recruitment path with the real binaries, for a small town: `g1000 invite draw` draws 300 letters from a
// generated register; the organiser imports codes.txt; 60 people register through the form from their letters'
// links (40 in Dutch, 20 in English after switching the language in the page); the organiser selects 20 with the
// suggested quotas, publishes the commitment and enters the ticket; selected people confirm through the personal
// links in the outbox CSV export, one declines and a reserve replaces them (and confirms); people are checked in at
// the door; and `g1000 sortition verify` passes on the proof files downloaded from the public page. Every kind of
// page on the path is checked with axe-core (WCAG 2.1 AA), in both languages where people see it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_URL, launch, newContext, checkA11y, visit, submit, loginOrganiser, createSummit, addGroup, sampleSummit,
} from './lib.mjs';
import { t } from './catalogue.mjs';

const BIN = process.env.G1000_BIN;
const REGISTER_SIZE = 1200;
const LETTERS = 300;
const REGISTRANTS = 60;
const ENGLISH_FROM = 40; // registrants 40..59 use the form in English
const SEATS = 20;
const TICKET = 77;

let browser, organiser, admin, slug, work;
let letters = []; // { code, url, district } from the mail-merge CSV

/** A CSV parser for quoted fields with commas, quotes and line breaks (the outbox export and the mail-merge). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [head, ...rest] = rows.filter((r) => r.length > 1 || r[0]);
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** A fictional register: one person per row, with an address and a district. */
function register() {
  const first = ['Anna', 'Bas', 'Cor', 'Dirk', 'Eva', 'Fleur', 'Gert', 'Hind', 'Ids', 'Jan', 'Kim', 'Lieke'];
  const last = ['Jansen', 'de Wit', 'Bakker', 'Smit', 'Bos', 'Vos', 'Kok', 'Mol', 'Yildiz', 'Tran'];
  const lines = ['bsn_pseudo,first_name,last_name,street,house_number,postcode,district'];
  for (let i = 0; i < REGISTER_SIZE; i++) {
    const district = i % 5 < 3 ? 'Noord' : 'Zuid';
    lines.push([
      `P${String(i).padStart(5, '0')}`, first[i % first.length], last[(i * 7) % last.length],
      `${district}erweg`, String(1 + (i % 150)), `3${String(100 + (i % 800)).padStart(3, '0')} AB`, district,
    ].join(','));
  }
  return lines.join('\n') + '\n';
}

/** The personal links (`/c/TOKEN` paths) of the messages of `kind` in the outbox CSV export, by recipient. */
async function linksOf(kind) {
  const res = await admin.request.get(`${BASE_URL}/manage/${slug}/outbox.csv`);
  assert.equal(res.status(), 200);
  const out = new Map();
  for (const m of parseCsv(await res.text())) {
    if (m.kind !== kind) continue;
    const link = m.body.match(/\/c\/[0-9a-f]{64}/);
    assert.ok(link, `a personal link in the ${kind} message to ${m.recipient_id}`);
    out.set(m.recipient_id, { path: link[0], language: m.language });
  }
  return out;
}

before(async () => {
  assert.ok(BIN, 'G1000_BIN names the g1000 binary (tests/browser/run.sh sets it)');
  work = mkdtempSync(join(tmpdir(), 'g1000-recruitment-'));
  browser = await launch();
  organiser = await newContext(browser);
  admin = await organiser.newPage();
  await loginOrganiser(admin);
  slug = await createSummit(admin, sampleSummit(' werving'));
  await addGroup(admin, slug, { name: 'Gelote burgers', kind: 'citizens', seat_target: SEATS, join_method: 'lottery' });
  for (const [name, bands] of [['Leeftijd', '16-39; 45\n40+; 55'], ['Wijk', 'Noord; 60\nZuid; 40']]) {
    await visit(admin, `/manage/${slug}/attributes`);
    await admin.fill('#f-name', name);
    await admin.fill('#f-bands', bands);
    await submit(admin, 'form[action$="/attributes"] button[type=submit]');
  }
  await visit(admin, `/manage/${slug}`);
  await submit(admin, `form[action="/manage/${slug}/publish"] button`);
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('stage 1: g1000 invite draw makes 300 letters and the organiser imports codes.txt', async () => {
  writeFileSync(join(work, 'register.csv'), register());
  const out = join(work, 'draw');
  execFileSync(BIN, [
    'invite', 'draw', '--register', join(work, 'register.csv'), '--count', String(LETTERS), '--stratify-by', 'district',
    '--seed', 'werving 2027', '--out-dir', out, '--base-url', BASE_URL, '--no-letters',
  ], { stdio: 'pipe' });
  letters = parseCsv(readFileSync(join(out, 'mail-merge.csv'), 'utf8'));
  assert.equal(letters.length, LETTERS);
  // Anyone with the register re-runs the draw from the public proof.
  execFileSync(BIN, ['invite', 'verify', '--register', join(work, 'register.csv'), '--proof', join(out, 'draw-proof.json')],
    { stdio: 'pipe' });

  await visit(admin, `/manage/${slug}/invitations`);
  await checkA11y(admin, 'invitations (nl)');
  await admin.setInputFiles('#f-codes', { name: 'codes.txt', mimeType: 'text/plain', buffer: readFileSync(join(out, 'codes.txt')) });
  await submit(admin, 'form[action$="/invitations"] button[type=submit]');
  assert.equal(await admin.locator('p.notice[role=status]').textContent(), t('nl', 'import-done', { added: LETTERS, already: 0 }));
  await checkA11y(admin, 'invitations after the import (nl)');
});

test('60 people register through the form, in Dutch and in English', async () => {
  const nl = await newContext(browser, { locale: 'nl-NL' });
  const en = await newContext(browser, { locale: 'nl-NL' });
  try {
    const pages = { nl: await nl.newPage(), en: await en.newPage() };
    for (let i = 0; i < REGISTRANTS; i++) {
      const lang = i < ENGLISH_FROM ? 'nl' : 'en';
      const page = pages[lang];
      const letter = letters[i * 4]; // not simply the first rows
      await page.goto(letter.url);
      assert.equal(new URL(page.url()).pathname.startsWith(`/s/${slug}/register/`), true, letter.url);
      if (i === ENGLISH_FROM) {
        // The first English speaker switches the language in the page; the choice is kept for the next ones.
        await Promise.all([page.waitForNavigation(), page.click('nav.langs a[hreflang=en]')]);
      }
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const first = i === 0 || i === ENGLISH_FROM;
      if (first) await checkA11y(page, `registration form (${lang})`);
      await page.fill('#f-name', `${letter.first_name} ${letter.last_name} ${i}`);
      await page.fill('#f-email', `person${i}@example.org`);
      const age = i % 9 < 4 ? '16-39' : '40+';
      await page.check(`fieldset:has(legend:text-is("Leeftijd")) input[value="${age}"]`);
      await page.check(`fieldset:has(legend:text-is("Wijk")) input[value="${letter.district}"]`);
      await page.check('input[name=attend][value=yes]');
      await page.check('input[name=consent]');
      const res = await submit(page, 'form.register button[type=submit]');
      assert.equal(res.status(), 200, `registration ${i}`);
      assert.equal(await page.locator('h1').textContent(), t(lang, 'registered-title'));
      if (first) await checkA11y(page, `registered (${lang})`);
    }
  } finally {
    await nl.close();
    await en.close();
  }
  await visit(admin, `/manage/${slug}/registrations`);
  await checkA11y(admin, 'registrations (nl)');
});

test('the organiser selects 20 with quotas, publishes the commitment and enters the ticket', async () => {
  await visit(admin, `/manage/${slug}/selection`);
  await checkA11y(admin, 'selection (nl)');
  await submit(admin, '#save-quotas');
  await submit(admin, '#run');
  for (let i = 0; i < 180 && !(await admin.locator('#commit').count()); i++) {
    await admin.waitForTimeout(1000);
    if (i % 5 === 4) await admin.reload();
  }
  assert.ok(await admin.locator('#commit').count(), 'the run finished');
  await checkA11y(admin, 'fairness report (nl)');
  await submit(admin, '#commit');
  assert.ok(await admin.locator('#commitment-hash').isVisible());
  await checkA11y(admin, 'commitment published (nl)');
  await admin.fill('#f-ticket', String(TICKET));
  await submit(admin, '#enter-ticket');
  assert.equal(await admin.locator('#panel tbody tr').count(), SEATS);
  assert.equal(await admin.locator('#count-waiting').textContent(), String(SEATS));
  await checkA11y(admin, 'panel, reserves and confirmations (nl)');
});

test('selected people confirm through their links; one declines and a reserve takes the seat', async () => {
  await visit(admin, `/manage/${slug}/outbox`);
  await checkA11y(admin, 'outbox (nl)');
  const selected = [...(await linksOf('selected')).entries()];
  assert.equal(selected.length, SEATS);
  // Each person opens their link in a browser set to the language they registered in.
  const people = { nl: await newContext(browser, { locale: 'nl-NL' }), en: await newContext(browser, { locale: 'en-GB' }) };
  try {
    const seen = new Set();
    for (const [i, [, link]] of selected.entries()) {
      const page = await people[link.language].newPage();
      await visit(page, link.path);
      assert.equal(await page.locator('html').getAttribute('lang'), link.language);
      if (!seen.has(link.language)) await checkA11y(page, `personal page, selected (${link.language})`);
      const answer = i === 0 ? 'decline' : 'confirm';
      await submit(page, `button[name=answer][value=${answer}]`);
      assert.match(page.url(), new RegExp(`answered=${answer === 'decline' ? 'declined' : 'confirmed'}`));
      if (!seen.has(link.language)) await checkA11y(page, `personal page, ${answer}d (${link.language})`);
      seen.add(link.language);
      await page.close();
    }
    // The decline invited the first reserve who keeps every quota; they confirm too.
    const replacement = [...(await linksOf('replacement')).values()];
    assert.equal(replacement.length, 1, 'one replacement message');
    const page = await people[replacement[0].language].newPage();
    await visit(page, replacement[0].path);
    await checkA11y(page, `personal page, replacement (${replacement[0].language})`);
    await submit(page, 'button[name=answer][value=confirm]');
  } finally {
    await people.nl.close();
    await people.en.close();
  }
  await visit(admin, `/manage/${slug}/selection`);
  assert.equal(await admin.locator('#count-confirmed').textContent(), String(SEATS));
  assert.equal(await admin.locator('#count-declined').textContent(), '1');
  assert.equal(await admin.locator('#count-replaced').textContent(), '1');
  assert.equal(await admin.locator('#count-waiting').textContent(), '0');
  await checkA11y(admin, 'confirmations after the replacement (nl)');
});

test('confirmed people are checked in at the door', async () => {
  await visit(admin, `/manage/${slug}/badges`);
  await checkA11y(admin, 'badges (nl)');
  const codes = await admin.locator('#badges tbody tr td:nth-child(3) code').allTextContents();
  assert.equal(codes.length, SEATS, 'a badge for each confirmed person');
  for (const [i, code] of codes.slice(0, 5).entries()) {
    await visit(admin, `/s/${slug}/door`);
    if (i === 0) await checkA11y(admin, 'door (nl)');
    await admin.fill('#f-code', code);
    await submit(admin, '#door-form button[type=submit]');
    assert.ok(await admin.locator('#door-done').isVisible(), `checked in: ${code}`);
    if (i === 0) await checkA11y(admin, 'door after a check-in (nl)');
  }
  assert.match(await admin.locator('#attendance-total').textContent(), /5/);
});

test('g1000 sortition verify passes on the files the public page publishes', async () => {
  const dir = join(work, 'proof');
  let poolPublic;
  execFileSync('mkdir', ['-p', dir]);
  for (const locale of ['nl-NL', 'en-GB']) {
    const context = await newContext(browser, { locale });
    try {
      const page = await context.newPage();
      await visit(page, `/s/${slug}`);
      assert.match(await page.locator('#public-ticket').textContent(), new RegExp(String(TICKET)));
      await checkA11y(page, `public page with the proof (${locale})`);
      if (locale !== 'nl-NL') continue;
      const links = await page.locator('#selection ~ ul.files a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const href of links) {
        const res = await page.request.get(BASE_URL + href);
        assert.equal(res.status(), 200, href);
        writeFileSync(join(dir, href.split('/').pop()), await res.body());
      }
      // The pool file is public only when every combination of bands holds at least five people; otherwise the
      // page says so, the public gets 403 and the organisers download it (for the auditors).
      const poolHref = `/s/${slug}/selection/people.csv`;
      if (!links.includes(poolHref)) {
        assert.ok(await page.locator('#selection-pool-private').isVisible(), 'the page says why the pool is not public');
        assert.equal((await page.request.get(BASE_URL + poolHref)).status(), 403);
        const res = await admin.request.get(BASE_URL + poolHref);
        assert.equal(res.status(), 200);
        writeFileSync(join(dir, 'people.csv'), await res.body());
      }
      poolPublic = links.includes(poolHref);
    } finally {
      await context.close();
    }
  }
  const out = execFileSync(BIN, [
    'sortition', 'verify', '--features', 'features.csv', '--people', 'people.csv', '--distribution', 'distribution.json',
    '--lottery', 'lottery.json',
  ], { cwd: dir, encoding: 'utf8' });
  assert.ok(out.length > 0);
  // The people file holds 60 pseudonyms and no name from the register.
  const people = readFileSync(join(dir, 'people.csv'), 'utf8');
  const combinations = new Map();
  for (const line of people.trim().split('\n').slice(1)) {
    const bands = line.split(',').slice(1).join(',');
    combinations.set(bands, (combinations.get(bands) ?? 0) + 1);
  }
  assert.equal(poolPublic, Math.min(...combinations.values()) >= 5, `public iff every combination holds 5: ${[...combinations]}`);
  assert.equal(people.trim().split('\n').length, REGISTRANTS + 1);
  assert.doesNotMatch(people, /Jansen|Bakker|@example/);
});
