/** The one stylesheet of every app view (inlined by the build). */
export const VIEW_STYLES = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif; }
body { margin: 0; padding: 12px; background: #fff; color: #1f2933; }
h1 { font-size: 16px; margin: 0 0 8px; }
.figures { display: flex; gap: 16px; flex-wrap: wrap; margin: 0 0 12px; }
.figure { border: 1px solid #e5e7eb; border-radius: 6px; padding: 6px 10px; }
.figure b { display: block; font-size: 18px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin-top: 12px; display: block; overflow-x: auto; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e5e7eb; }
th { cursor: pointer; user-select: none; background: #f9fafb; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
.passed { color: #16a34a; } .failed { color: #dc2626; } .skipped { color: #6b7280; }
p.warning { color: #92400e; background: #fffbeb; padding: 4px 8px; border-radius: 4px; }
ul.health { padding-left: 18px; font-size: 13px; } ul.health li { margin: 4px 0; } li.ok b { color: #16a34a; } li.warn b { color: #d97706; } li.critical b { color: #dc2626; } li.unknown b { color: #6b7280; }
p.meta { color: #6b7280; font-size: 11px; }
img.recording { max-width: 100%; border: 1px solid #e5e7eb; margin-top: 12px; }
`;
