import { useEffect, useRef, useState } from 'preact/hooks';

/** The width of an element, followed as the layout changes (charts are drawn to fit it). */
export const useWidth = <T extends HTMLElement>(fallback = 640) => {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(240, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
};

/**
 * Observable Plot labels each mark's <g> with aria-label; inside an SVG that is one role="img" with
 * its own summary those labels are prohibited (axe: aria-prohibited-attr) and say nothing useful.
 */
export const withoutGroupLabels = (svg: Element): void => {
  for (const group of svg.querySelectorAll('g[aria-label]')) group.removeAttribute('aria-label');
};
