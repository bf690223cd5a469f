// Official Chinese working-day calendar from npm `chinese-days` → schemas/data/cn-workdays.csv
// Columns: date (YYYY-MM-DD), kind, name.
//   kind = holiday : a statutory day off (the holiday itself and the days off around it, including the
//                    weekend days and in-lieu days 调休 that fall in the holiday period)
//   kind = workday : a swapped working day (调休上班), always a Saturday or Sunday
//   name = the Chinese holiday name the package gives (e.g. 国庆节)
// Every year the package lists is written; the C# WorkingDayCalendar treats the years present as covered.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'));

// Package values look like "National Day,国庆节,3": English name, Chinese name, day count.
const chineseName = value => {
  const parts = value.split(',');
  if (parts.length < 3) throw new Error(`unexpected chinese-days entry '${value}'`);
  return parts[1];
};
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const rows = [];
for (const [kind, table] of [['holiday', data.holidays], ['workday', data.workdays]]) {
  for (const [date, value] of Object.entries(table)) {
    if (!isoDate.test(date)) throw new Error(`unexpected date '${date}' in chinese-days ${kind}s`);
    rows.push({ date, kind, name: chineseName(value) });
  }
}
const seen = new Map();
for (const r of rows) {
  if (seen.has(r.date)) throw new Error(`${r.date} is both ${seen.get(r.date)} and ${r.kind} in chinese-days`);
  seen.set(r.date, r.kind);
}
for (const r of rows.filter(r => r.kind === 'workday')) {
  const day = new Date(r.date + 'T00:00:00Z').getUTCDay();
  if (day !== 0 && day !== 6) throw new Error(`swapped workday ${r.date} is not on a weekend`);
}
rows.sort((a, b) => a.date.localeCompare(b.date));
const quote = s => /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
const lines = ['date,kind,name', ...rows.map(r => [r.date, r.kind, quote(r.name)].join(','))];
const out = process.argv[2];
writeFileSync(out, lines.join('\n') + '\n');
const years = [...new Set(rows.map(r => r.date.slice(0, 4)))];
console.log(`wrote ${rows.length} calendar days (${years[0]}–${years[years.length - 1]}) to ${out}`);
