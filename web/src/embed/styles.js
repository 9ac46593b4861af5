// The figure's styles travel inside the module (a writer copies one .js and one .wasm), and are
// adopted as constructed style sheets: CSSOM, which a strict Content-Security-Policy allows where a
// <style> element would be refused.
import appCss from '../../static/app.css';
import boundaryCss from '../../static/boundary.css';

const adopted = new WeakSet();

export function adoptFigureStyles(document) {
  if (adopted.has(document)) return;
  adopted.add(document);
  const sheets = [appCss, boundaryCss].map((text) => {
    const sheet = new document.defaultView.CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}
