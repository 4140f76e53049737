// Reads the app's Fluent catalogues so the tests can check translated text without copying it. Only simple
// one-line messages are read (enough for headings and labels).

import { readFileSync } from 'node:fs';

function load(code) {
  const text = readFileSync(new URL(`../../crates/web/locales/${code}.ftl`, import.meta.url), 'utf8');
  const messages = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-z][a-z0-9_-]*)\s*=\s*(.+)$/);
    if (m) messages[m[1]] = m[2].trim();
  }
  return messages;
}

const catalogues = { nl: load('nl'), en: load('en') };

/** A message in one language, with `{ $var }` placeables filled from `args`. */
export function t(lang, id, args = {}) {
  const msg = catalogues[lang][id];
  if (msg === undefined) throw new Error(`no message ${id} in ${lang}.ftl`);
  return msg.replace(/\{\s*\$([a-z_]+)\s*\}/g, (_, k) => String(args[k]));
}
