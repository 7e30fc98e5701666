import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tr-')), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const page = ctx.pages()[0];
await page.goto(process.argv[2] || 'http://127.0.0.1:8093/index.html');
await page.waitForTimeout(2500);
const r = await page.evaluate(() => {
  const out = {};
  const walk = (root, where) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n;
    while ((n = w.nextNode())) {
      if (n.nodeType === 1 && n.shadowRoot) walk(n.shadowRoot, 'shadow');
      if (n.nodeType === 3 && n.data.trim()) {
        const s = getComputedStyle(n.parentElement);
        if (s.display === 'none' || n.parentElement.closest('[hidden]')) continue;
        const k = `${where} ${s.fontSize} ${s.fontWeight} ${s.fontStyle} ${s.fontFamily.slice(0, 12)}`;
        out[k] = (out[k] || 0) + 1;
      }
    }
  };
  walk(document.body, 'host');
  return out;
});
console.log(Object.entries(r).sort().map(([k, v]) => `${v}\t${k}`).join('\n'));
await ctx.close();
