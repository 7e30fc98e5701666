import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tr-')), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = ctx.pages()[0];
await page.goto(process.argv[2] || 'http://127.0.0.1:8093/index.html');
await page.waitForTimeout(2500);
console.log(await page.evaluate((sel) => {
  const root = document.querySelector('article-widget').shadowRoot;
  const lines = [];
  const walk = (el, d) => { if (d > 4) return; lines.push(' '.repeat(d * 2) + el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + getComputedStyle(el).fontSize); const seen = new Set(); for (const c of el.children) { const k = c.tagName + c.className; if (seen.has(k)) continue; seen.add(k); walk(c, d + 1); } };
  for (const s of root.querySelectorAll(sel)) walk(s, 0);
  return lines.join('\n');
}, process.argv[3] || '.aw-aside'));
await ctx.close();
