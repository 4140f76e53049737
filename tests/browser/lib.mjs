// Shared helpers for the browser tests: launching Debian's chromium through playwright-core, the axe-core check
// that every visited page must pass, and the organiser's log-in.

import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, devices } from 'playwright-core';

export { devices };

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');

/** The organiser every test logs in as; setup.test.mjs creates it on the first-run page. */
export const ORGANISER = {
  name: 'Olga Organiser',
  email: 'olga@example.org',
  password: 'a long enough passphrase',
};

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium not found: install Debian\'s package (apt-get install -y chromium) or set CHROMIUM');
  }
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A new browser context. CSP is bypassed only so that axe can be injected as an inline script; the app's own
 * scripts are external and would run under the real CSP too.
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', ...options });
  if (options.javaScriptEnabled === false) noScript.add(context);
  return context;
}

const noScript = new WeakSet();

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 200)}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Every page visited is checked: zero WCAG 2.0/2.1 A and AA violations. Works with JavaScript disabled too. */
export async function checkA11y(page, label) {
  let result;
  if (!noScript.has(page.context())) {
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
      await page.addScriptTag({ content: AXE_SOURCE });
    }
    result = await page.evaluate((tags) => window.axe.run(document, { runOnly: tags }), AXE_TAGS);
  } else {
    // A page whose own scripts are disabled: check the same HTML in a scripted page of a fresh context.
    const html = await page.content();
    const other = await page.context().browser().newContext({ bypassCSP: true });
    try {
      const p = await other.newPage();
      await p.setContent(html.replace('<head>', `<head><base href="${page.url()}">`), { waitUntil: 'load' });
      await p.addScriptTag({ content: AXE_SOURCE });
      result = await p.evaluate((tags) => window.axe.run(document, { runOnly: tags }), AXE_TAGS);
    } finally {
      await other.close();
    }
  }
  const { violations } = result;
  const where = `${label} (${page.url()})`;
  if (violations.length) {
    const msg = `axe found ${violations.length} WCAG 2.1 AA violation(s) on ${where}:\n${formatViolations(violations)}`;
    console.error(msg);
    assert.fail(msg);
  }
  checked.push(where);
}

/** The pages checked so far in this process, for the report at the end of a file. */
export const checked = [];

/** Log the organiser in within this context (the account must exist). */
export async function login(page, who = ORGANISER) {
  await page.goto(BASE_URL + '/login');
  await page.fill('#f-email', who.email);
  await page.fill('#f-password', who.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('main button[type=submit]')]);
}

/** Go to a path and check that it answered with the given status. */
export async function visit(page, path, status = 200) {
  const res = await page.goto(BASE_URL + path);
  assert.equal(res.status(), status, `GET ${path}`);
  return res;
}

/** Submit the form that contains `selector` and wait for the next document. */
export async function submit(page, selector = 'main form:not(.inline) button[type=submit]') {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click(selector),
  ]);
  return res;
}

/** Create a summit through the form; returns its slug. */
export async function createSummit(page, fields) {
  await visit(page, '/summits/new');
  await fillSummit(page, fields);
  await submit(page);
  const url = new URL(page.url());
  const m = url.pathname.match(/^\/manage\/([^/]+)$/);
  assert.ok(m, `after creating a summit we land on its dashboard, not ${url.pathname}`);
  return m[1];
}

export async function fillSummit(page, f) {
  for (const name of ['name', 'community', 'date', 'start_time', 'venue', 'capacity']) {
    if (f[name] !== undefined) await page.fill(`#f-${name}`, String(f[name]));
  }
  if (f.languages) {
    for (const box of await page.locator('input[name=languages]').all()) {
      const want = f.languages.includes(await box.getAttribute('value'));
      if (want !== (await box.isChecked())) await box.setChecked(want);
    }
  }
  if (f.description !== undefined) await page.fill('#f-description', f.description);
}

export async function addGroup(page, slug, g) {
  await visit(page, `/manage/${slug}/groups`);
  await page.fill('#f-name', g.name);
  await page.selectOption('#f-kind', g.kind);
  await page.fill('#f-seat_target', String(g.seat_target));
  await page.check(`input[name=join_method][value=${g.join_method}]`);
  await page.fill('#f-open_cap', g.open_cap === undefined ? '' : String(g.open_cap));
  await submit(page, 'form[action$="/groups"] button[type=submit]');
}

export async function addRound(page, slug, r) {
  await visit(page, `/manage/${slug}/programme`);
  await page.selectOption('#f-kind', r.kind);
  await page.fill('#f-question', r.question || '');
  await page.fill('#f-duration_min', String(r.duration_min));
  await page.fill('#f-table_size', r.table_size === undefined ? '' : String(r.table_size));
  await submit(page, 'form[action$="/programme"] button[type=submit]');
}

/** The summit and its set-up used by several tests. `suffix` keeps slugs apart between files. */
export function sampleSummit(suffix = '') {
  return {
    name: `G1000 Zeewolde${suffix}`,
    community: 'Zeewolde',
    date: '2027-03-20',
    start_time: '09:30',
    venue: 'Sporthal De Horst',
    capacity: 1000,
    languages: ['nl', 'en'],
    description: 'Een dag lang praten duizend inwoners over de toekomst van Zeewolde.',
  };
}

export const GROUPS = [
  { name: 'Gelote burgers', kind: 'citizens', seat_target: 800, join_method: 'lottery' },
  { name: 'Werkgevers', kind: 'employers', seat_target: 80, join_method: 'invitation' },
  { name: 'Overheid', kind: 'government', seat_target: 60, join_method: 'invitation' },
  { name: 'Vrijdenkers', kind: 'free_thinkers', seat_target: 60, join_method: 'open', open_cap: 60 },
];

export const ROUNDS = [
  { kind: 'welcome', question: '', duration_min: 30 },
  { kind: 'dialogue', question: 'Wat maakt Zeewolde een goede plek om te wonen?', duration_min: 60, table_size: 10 },
  { kind: 'agenda', question: 'Welke onderwerpen willen we vandaag uitwerken?', duration_min: 45, table_size: 10 },
  { kind: 'closing', question: '', duration_min: 20 },
];

/**
 * Make sure the organiser account exists and log in: on a fresh database (this file run on its own) sign up on
 * the first-run page, otherwise log in.
 */
export async function loginOrganiser(page) {
  await page.goto(BASE_URL + '/setup');
  if (new URL(page.url()).pathname === '/setup') {
    await page.fill('#f-name', ORGANISER.name);
    await page.fill('#f-email', ORGANISER.email);
    await page.fill('#f-password', ORGANISER.password);
    await page.fill('#f-confirm', ORGANISER.password);
    await submit(page);
  } else {
    await login(page);
  }
  assert.equal(new URL(page.url()).pathname, '/account', 'logged in');
}

/** A published summit with its groups and programme, set up through the forms; returns its slug. */
export async function publishedSummit(page, suffix) {
  const slug = await createSummit(page, sampleSummit(suffix));
  for (const g of GROUPS) await addGroup(page, slug, g);
  for (const r of ROUNDS) await addRound(page, slug, r);
  await visit(page, `/manage/${slug}`);
  await submit(page, `form[action="/manage/${slug}/publish"] button`);
  return slug;
}

// The invitation code format of crates/invite (code.rs): 13 random characters and a check character.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function makeCode() {
  const v = Array.from({ length: 13 }, () => randomInt(31));
  const sum = v.reduce((s, x, i) => s + (i + 1) * x, 0);
  v.push((((31 - (sum % 31)) % 31) * 20) % 31);
  return v.map((x) => CODE_ALPHABET[x]).join('');
}

/** A code as printed on a letter: groups of four. */
export const grouped = (c) => c.match(/.{1,4}/g).join('-');

/** `n` codes and the codes.txt of their draw (only salted SHA-256 hashes). */
export function drawCodes(n) {
  const codes = Array.from({ length: n }, makeCode);
  const salt = randomBytes(32);
  const hashes = codes.map((c) => createHash('sha256').update(salt).update(c, 'ascii').digest('hex')).sort();
  const text = `# test draw\nsalt: ${salt.toString('hex')}\ncount: ${n}\n${hashes.join('\n')}\n`;
  return { codes, text };
}

/**
 * A hall of confirmed people for a published summit whose lottery group takes them all: the invitation codes are
 * imported, each person registers through their letter link (names and e-mails from `person(i)`), the organiser
 * admits everyone, and everyone confirms through their personal link from the outbox.
 */
export async function confirmedHall(browser, page, slug, { codes, text }, person) {
  await visit(page, `/manage/${slug}/invitations`);
  await page.setInputFiles('#f-codes', { name: 'codes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await submit(page, 'form[action$="/invitations"] button[type=submit]');
  const helper = await newContext(browser);
  try {
    const p = await helper.newPage();
    for (const [i, code] of codes.entries()) {
      const { name, email } = person(i);
      await visit(p, `/r/${grouped(code)}`);
      await p.fill('#f-name', name);
      await p.fill('#f-email', email);
      await p.check('input[name=attend][value=yes]');
      await p.check('input[name=consent]');
      await submit(p, 'form.register button[type=submit]');
    }
    await visit(page, `/manage/${slug}/selection`);
    await submit(page, '#run');
    await visit(page, `/manage/${slug}/selection`);
    await submit(page, '#admit-everyone');
    // Everyone confirms through their personal link (a person's messages may carry the same link twice).
    const res = await page.request.get(`${BASE_URL}/manage/${slug}/outbox.csv`);
    const links = [...new Set((await res.text()).match(/https?:\/\/[^\s",]*\/c\/[0-9a-f]{64}/g))];
    assert.ok(links.length >= codes.length, 'a personal link per person');
    for (const link of links) {
      await visit(p, new URL(link).pathname);
      if (await p.locator('button[name=answer][value=confirm]').count()) {
        await submit(p, 'button[name=answer][value=confirm]');
      }
    }
  } finally {
    await helper.close();
  }
}
