// Plot marks carry no attributes of their own: after rendering, name what each mark element shows
// (data-subject-id, data-day, ...) for assistive tools and tests. Plot draws a mark's elements in data order.
export function nameMarks(svg, className, rows, attributes) {
  const elements = svg.querySelectorAll(`g.${className} > :is(rect, circle, path, text, line)`);
  if (elements.length !== rows.length) {
    console.warn(`TrialMonitor: ${className} drew ${elements.length} marks for ${rows.length} rows`);
  }
  elements.forEach((element, i) => {
    for (const [name, value] of Object.entries(attributes(rows[i]))) element.setAttribute(`data-${name}`, String(value));
  });
}

export const categoryColours = {
  COMPLETE: '#1b7837',
  PARTIAL: '#7fbf7b',
  MINOR: '#c2a5cf',
  MINIMAL: '#d9d9d9',
  NONE: '#bababa',
};
