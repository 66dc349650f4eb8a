/**
 * What the accessibility tests read from the real page: Chromium's own accessibility tree (CDP),
 * axe-core run inside the page, computed colours turned into WCAG contrast ratios, and whether
 * content can be reached by scrolling as a person would (mouse wheel), not only by script.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface AxNode {
  role: string;
  ignored: boolean;
  live: string | null;
  name: string;
  /** The accessible description (aria-describedby), as a screen reader reads it after the name. */
  description: string;
  invalid: string | null;
}

/** The node Chromium's accessibility tree holds for the first element matching `selector`. */
export async function axNode(page: Page, selector: string): Promise<AxNode> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`${selector} is not in the page`);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const n = nodes[0]!;
    const prop = (name: string) => n.properties?.find((p) => p.name === name)?.value.value as string | undefined;
    return {
      role: String(n.role?.value ?? ''),
      ignored: n.ignored,
      live: prop('live') ?? null,
      name: String(n.name?.value ?? ''),
      description: String(n.description?.value ?? ''),
      invalid: prop('invalid') ?? null,
    };
  } finally {
    await cdp.detach();
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations for the page as it is now, one line each. The source is evaluated through
 * the DevTools protocol (no <script> tag), so the page's CSP stays as strict as in the app.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
  return violations;
}

type Rgba = [number, number, number, number];

function parseColor(css: string): Rgba {
  const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (!m) throw new Error(`cannot read colour ${css}`);
  const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

function over(fg: Rgba, bg: Rgba): Rgba {
  const a = fg[3];
  return [fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of a (possibly translucent) colour over an opaque background. */
export function contrastRatio(fgCss: string, bgCss: string): number {
  const bg = parseColor(bgCss);
  const fg = over(parseColor(fgCss), bg);
  const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface ControlColours {
  what: string;
  border: string;
  /** The control's own fill and the fill around it: a boundary must stand out from both. */
  inside: string;
  outside: string;
  placeholder: string | null;
}

/** Border, fill, surrounding fill and placeholder colour of every visible control matching `selector`. */
export function controlColours(page: Page, selector: string): Promise<ControlColours[]> {
  // No named inner functions: the test transpiler would wrap them in a helper the page lacks.
  return page.evaluate((sel) => {
    return [...document.querySelectorAll<HTMLElement>(sel)]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const [inside, outside] = [el, el.parentElement].map((start) => {
          for (let n = start; n; n = n.parentElement) {
            const c = getComputedStyle(n).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
          }
          return 'rgb(255, 255, 255)';
        });
        const input = el instanceof HTMLInputElement && el.placeholder !== '';
        return {
          what: `${el.tagName.toLowerCase()}#${el.id || el.textContent?.trim().slice(0, 20) || '?'}`,
          border: getComputedStyle(el).borderTopColor,
          inside: inside!,
          outside: outside!,
          placeholder: input ? getComputedStyle(el, '::placeholder').color : null,
        };
      });
  }, selector);
}

/**
 * The contrast rules for control boundaries and placeholders, for every visible control matching
 * `selector`: borders 3:1 against the control's fill and the fill around it (WCAG 1.4.11), and
 * placeholder text 4.5:1 on the field. Returns what was checked, for the caller's own assertions.
 */
export async function assertControlContrast(page: Page, selector: string): Promise<ControlColours[]> {
  const controls = await controlColours(page, selector);
  for (const c of controls) {
    for (const side of [c.inside, c.outside]) {
      const r = contrastRatio(c.border, side);
      assert.ok(r >= 3, `${c.what} border ${c.border} on ${side}: ${r.toFixed(2)}:1`);
    }
    if (c.placeholder) {
      const r = contrastRatio(c.placeholder, c.inside);
      assert.ok(r >= 4.5, `${c.what} placeholder ${c.placeholder} on ${c.inside}: ${r.toFixed(2)}:1`);
    }
  }
  return controls;
}

/**
 * Counts changes to the text inside `selector` from now on (a live region rewritten with the same
 * words is a change, and screen readers may speak it again). Read the count with liveChanges().
 */
export async function watchChanges(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __changes?: Record<string, number> };
    w.__changes ??= {};
    w.__changes[sel] = 0;
    new MutationObserver((records) => {
      w.__changes![sel]! += records.length;
    }).observe(document.querySelector(sel)!, { childList: true, characterData: true, subtree: true });
  }, selector);
}

export function liveChanges(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => (window as unknown as { __changes: Record<string, number> }).__changes[sel] ?? 0, selector);
}

/**
 * The live regions (role alert or status, or aria-live) whose text now holds `text`, as
 * "#id role": what a screen reader would announce. Only regions Chromium keeps in the
 * accessibility tree count, so a region that is hidden does not.
 */
export async function liveRegionsSaying(page: Page, text: string): Promise<string[]> {
  const ids = await page.evaluate((t) => {
    return [...document.querySelectorAll<HTMLElement>('[role="alert"], [role="status"], [aria-live]')]
      .filter((el) => el.id !== '' && el.getAttribute('aria-live') !== 'off' && (el.textContent ?? '').includes(t))
      .map((el) => el.id);
  }, text);
  const found: string[] = [];
  for (const id of ids) {
    const node = await axNode(page, `#${id}`);
    if (!node.ignored && node.live) found.push(`#${id} ${node.role}`);
  }
  return found;
}

/**
 * Visible buttons with a word split across lines although it would fit on one line of the page
 * (what "wrap anything" does to a squeezed button: "E / di / t"). Words wider than the page's
 * content (a 60-character profile name at 320 px) must break, and are not counted.
 */
export function buttonsWithBrokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => b.getClientRects().length > 0 && b.firstChild?.nodeType === Node.TEXT_NODE)
      .filter((b) => {
        const text = b.firstChild as Text;
        const main = document.querySelector('main') ?? document.body;
        const st = getComputedStyle(main);
        const room = main.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
        return [...text.data.matchAll(/\S+/g)].some((m) => {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const width = rects.reduce((sum, r) => sum + r.width, 0);
          return new Set(rects.map((r) => Math.round(r.top))).size > 1 && width <= room;
        });
      })
      .map((b) => b.textContent.trim()),
  );
}

/** True when the page scrolls sideways (content wider than the viewport). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth > root.clientWidth + 1;
  });
}

/** The whole of `selector` is inside the viewport now, and no clipping ancestor cuts it. */
export function fullyInView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.top < -0.5 || r.left < -0.5 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return false;
    for (let n = el.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const st = getComputedStyle(n);
      if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
      const c = n.getBoundingClientRect();
      if (r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.right > c.right + 0.5) return false;
    }
    // Text cut inside the element itself (fixed height with hidden overflow).
    return el.scrollHeight <= el.clientHeight + 1 || getComputedStyle(el).overflowY !== 'hidden';
  }, selector);
}

/**
 * Scrolls with the mouse wheel, as a person would, until the whole of `selector` is inside the
 * viewport and not cut off by an ancestor that clips. False if it never gets there.
 */
export async function reachableByWheel(page: Page, selector: string): Promise<boolean> {
  const fullyShown = () => fullyInView(page, selector);
  const scrollY = () => page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollTop);
  await page.evaluate(() => window.scrollTo(0, 0));
  const vp = page.viewportSize()!;
  await page.mouse.move(vp.width / 2, vp.height / 2);
  for (let step = 0; step < 40; step++) {
    if (await fullyShown()) return true;
    const before = await scrollY();
    await page.mouse.wheel(0, 40);
    // Wheel scrolling is asynchronous: wait until it lands (or clearly did not move).
    let moved = false;
    for (let i = 0; i < 20 && !moved; i++) {
      await page.waitForTimeout(25);
      moved = (await scrollY()) !== before;
    }
    if (!moved) return fullyShown();
  }
  return fullyShown();
}

/** The focused control with its focus ring (2 px outline at 2 px offset) is inside the viewport. */
export function focusRingInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const r = el.getBoundingClientRect();
    const ring = 4;
    return r.top - ring >= -0.5 && r.left - ring >= -0.5 && r.bottom + ring <= innerHeight + 0.5 && r.right + ring <= innerWidth + 0.5;
  });
}
