/**
 * Leaflet puts a string given to bindTooltip, bindPopup, setContent or a divIcon's `html` into the
 * page as HTML, so a hotspot titled `<meta http-equiv="refresh" …>` would send everyone who hovers
 * it elsewhere. Content for Leaflet is built here, as DOM nodes holding text, and nowhere else (an
 * ESLint rule in eslint.config.js refuses any other argument to those calls).
 */

type Part = string | number;

/** An element of the given tag whose children are the parts, each a text node, never parsed as markup. */
export function textElement(tag: 'span' | 'div', ...parts: Part[]): HTMLElement {
  const element = document.createElement(tag);
  for (const part of parts) element.appendChild(document.createTextNode(String(part)));
  return element;
}

/** Tooltip or popup content: the parts in order, as plain text. */
export function textTooltip(...parts: Part[]): HTMLElement {
  return textElement('span', ...parts);
}
