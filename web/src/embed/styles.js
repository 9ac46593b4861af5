// The figure's styles travel inside the module (a writer copies one .js and one .wasm), and are
// adopted as constructed style sheets: CSSOM, which a strict Content-Security-Policy allows where a
// <style> element would be refused.
//
// app.css and boundary.css are written for the app page, which owns its whole document. On a host
// page (a blog post) they must not restyle anything but the figures, so every rule is scoped here to
// the figure's root element `.algorhythm` before it is adopted:
//   :root, html, body      → .algorhythm          (custom properties, font and colour live on the figure)
//   page chrome            → dropped               (.page-header, .skip-link, h1, .lede, kbd… belong to the app page)
//   .algorhythm…, .layout-… → .algorhythm….        (selectors of the root element itself)
//   anything else          → .algorhythm <selector> (button, *, [hidden], .panel…)
import appCss from '../../static/app.css';
import boundaryCss from '../../static/boundary.css';

const adopted = new WeakSet();
const ROOT = '.algorhythm';
const PAGE_ONLY = /^(\.page-header|\.page-footer|\.skip-link|\.eyebrow|\.keys|\.lede|h1|kbd)\b/;

/** One selector of a rule, scoped to the figure; null when it only styles the app page. */
export function scopeSelector(selector) {
  const text = selector.trim();
  if (text === '') return null;
  if (PAGE_ONLY.test(text)) return null;
  const rootMatch = /^(:root|html|body)(?![\w-])(.*)$/.exec(text);
  if (rootMatch) return `${ROOT}${rootMatch[2]}`;
  if (text === ROOT || text.startsWith(`${ROOT} `) || text.startsWith(`${ROOT}.`) || text.startsWith(`${ROOT}:`)) return text;
  if (/^\.layout-[\w-]+/.test(text)) return `${ROOT}${text}`;
  return `${ROOT} ${text}`;
}

/** Splits a selector list at its top-level commas (not those inside :is(), :not(), [attr="a,b"]). */
function splitSelectors(list) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < list.length; i += 1) {
    const character = list[i];
    if (quote) { if (character === quote) quote = null; continue; }
    if (character === '"' || character === "'") quote = character;
    else if (character === '(' || character === '[') depth += 1;
    else if (character === ')' || character === ']') depth -= 1;
    else if (character === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

/** Rewrites every style rule of `rules` (recursing into @media and @supports) in place. */
function scopeRules(container) {
  for (let i = container.cssRules.length - 1; i >= 0; i -= 1) {
    const rule = container.cssRules[i];
    if (rule.selectorText !== undefined) {
      const scoped = splitSelectors(rule.selectorText).map(scopeSelector).filter(Boolean);
      if (scoped.length === 0) container.deleteRule(i);
      else rule.selectorText = scoped.join(', ');
    } else if (rule.cssRules) {
      scopeRules(rule);
    }
  }
}

export function adoptFigureStyles(document) {
  if (adopted.has(document)) return;
  adopted.add(document);
  const sheets = [appCss, boundaryCss].map((text) => {
    const sheet = new document.defaultView.CSSStyleSheet();
    sheet.replaceSync(text);
    scopeRules(sheet);
    return sheet;
  });
  // On a host page the figure lies on the page's own background (the app page paints --bg itself).
  sheets[0].insertRule(`${ROOT}.layout-figure { background: none; }`, sheets[0].cssRules.length);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}
