/*
 * The source sentence of each figure of the report as a tooltip (fiscalbook.build.sphinx_theme).
 * A figure is a span.fact or span.derived with tabindex="0" and the sentence in its title; a
 * citation of the law (fiscalbook.data.law.cite) is a span.law with the article's words there.
 * Each gets a tooltip element (role="tooltip", the figure's aria-describedby), shown while
 * the figure is hovered or has focus, by mouse or keyboard, hidden by Escape; the title is
 * moved into the tooltip so the browser's own tooltip does not show it a second time.
 * Without JavaScript the title remains.
 */
"use strict";
(() => {
  const GAP = 6;  // px between the figure and its tooltip
  let shown = null;

  const place = (figure, tip) => {
    const box = figure.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const left = Math.max(GAP, Math.min(box.left, width - tip.offsetWidth - GAP));
    const below = box.bottom + GAP + tip.offsetHeight <= window.innerHeight;
    const top = below ? box.bottom + GAP : box.top - GAP - tip.offsetHeight;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${Math.max(0, top + window.scrollY)}px`;
  };
  const show = (figure) => {
    const tip = document.getElementById(figure.getAttribute("aria-describedby"));
    if (shown && shown !== tip) shown.hidden = true;
    tip.hidden = false;
    place(figure, tip);
    shown = tip;
  };
  const hide = (figure) => {
    const tip = document.getElementById(figure.getAttribute("aria-describedby"));
    if (figure.matches(":hover") || document.activeElement === figure) return;
    tip.hidden = true;
    if (shown === tip) shown = null;
  };

  const setUp = () => {
    const figures = document.querySelectorAll("span.fact[title], span.derived[title], span.law[title]");
    figures.forEach((figure, number) => {
      const tip = document.createElement("div");
      tip.id = `fact-source-${number + 1}`;
      tip.className = figure.matches("span.law") ? "fact-tip law-tip" : "fact-tip";
      tip.setAttribute("role", "tooltip");
      tip.textContent = figure.title;
      tip.hidden = true;
      document.body.appendChild(tip);
      figure.removeAttribute("title");
      figure.setAttribute("aria-describedby", tip.id);
      figure.addEventListener("mouseenter", () => show(figure));
      figure.addEventListener("focus", () => show(figure));
      figure.addEventListener("mouseleave", () => setTimeout(() => hide(figure), 0));
      figure.addEventListener("blur", () => hide(figure));
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && shown) {
        shown.hidden = true;
        shown = null;
      }
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
