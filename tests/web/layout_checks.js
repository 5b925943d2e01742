// Layout checks evaluated in the page by tests/web/test_layout.py (a function expression).
// Returns what a reader would see as broken:
// - overlaps: two different pieces of text whose line boxes intersect (HTML text nodes, by
//   their Range client rects; SVG <text> by their boxes);
// - cut: text that runs outside an ancestor that clips it (overflow hidden/clip), and SVG
//   labels outside their chart's box (an inline <svg> clips what lies outside it);
// - scroll: the page is wider than the window (text pushed off the side).
// Text that is not rendered (display:none, hidden, closed <details>) is skipped.
() => {
  const SLACK_X = 2; // px of overlap tolerated (anti-aliasing, kerning across nodes)
  const SLACK_Y = 3;
  const describe = (el, text) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    else if (typeof el.className === "string" && el.className.trim())
      name += "." + el.className.trim().split(/\s+/).join(".");
    return name + " '" + text.trim().replace(/\s+/g, " ").slice(0, 50) + "'";
  };
  const clipper = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const hidden = (v) => v === "hidden" || v === "clip";
      if (hidden(s.overflowX) || hidden(s.overflowY)) return a;
      if (s.overflowX !== "visible" || s.overflowY !== "visible") return null; // scrolls
    }
    return null;
  };
  const items = [];
  const cut = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node;
  let n = 0;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || !node.nodeValue.trim() || el.closest("svg, script, style, noscript")) continue;
    // not rendered: hidden, transparent, or inside a closed <details> (whose content
    // Chromium lays out on demand under content-visibility: hidden, never painting it)
    const shown = el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    if (!shown) continue;
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 1 && r.height > 1);
    if (!rects.length) continue;
    n += 1;
    const clip = clipper(el);
    const box = clip ? clip.getBoundingClientRect() : null;
    for (const r of rects) {
      items.push({ id: n, el: el, text: node.nodeValue, r: r });
      if (box && (r.left < box.left - 1 || r.right > box.right + 1 ||
                  r.top < box.top - 1 || r.bottom > box.bottom + 1)) {
        cut.push(describe(el, node.nodeValue));
      }
    }
  }
  const svgOverlaps = [];
  document.querySelectorAll("svg").forEach((svg) => {
    if (!svg.checkVisibility({ visibilityProperty: true })) return;
    const frame = svg.getBoundingClientRect();
    if (frame.width < 1 || frame.height < 1) return;
    const labels = Array.from(svg.querySelectorAll("text"))
      .filter((t) => t.textContent.trim())
      .map((t) => ({ t: t, r: t.getBoundingClientRect() }))
      .filter((x) => x.r.width > 0);
    labels.forEach((x, i) => {
      if (x.r.left < frame.left - 1 || x.r.right > frame.right + 1 ||
          x.r.top < frame.top - 1 || x.r.bottom > frame.bottom + 1) {
        cut.push("svg " + describe(x.t, x.t.textContent));
      }
      for (let j = i + 1; j < labels.length; j++) {
        const y = labels[j];
        const w = Math.min(x.r.right, y.r.right) - Math.max(x.r.left, y.r.left);
        const h = Math.min(x.r.bottom, y.r.bottom) - Math.max(x.r.top, y.r.top);
        if (w > SLACK_X && h > SLACK_Y) {
          svgOverlaps.push(describe(x.t, x.t.textContent) + " × " + describe(y.t, y.t.textContent));
        }
      }
    });
  });
  items.sort((a, b) => a.r.top - b.r.top);
  const overlaps = [];
  for (let i = 0; i < items.length && overlaps.length < 20; i++) {
    const a = items[i];
    for (let j = i + 1; j < items.length && items[j].r.top < a.r.bottom - SLACK_Y; j++) {
      const b = items[j];
      if (a.id === b.id) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > SLACK_X && h > SLACK_Y) {
        overlaps.push(describe(a.el, a.text) + " × " + describe(b.el, b.text));
      }
    }
  }
  return {
    texts: n,
    overlaps: overlaps.concat(svgOverlaps).slice(0, 20),
    cut: cut.slice(0, 20),
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
  };
}
