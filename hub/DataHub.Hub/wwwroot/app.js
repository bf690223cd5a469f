// 医保漏保断保核查工单 — plain JS, no build step. Every state change sends the antiforgery token in X-CSRF-TOKEN.
"use strict";
const $ = (id) => document.getElementById(id);
const STATUS = { "new": "新建", "open": "已受理", "in-progress": "处理中", "resolved": "已办结", "auto-closed": "自动关闭" };
const KIND = { opened: "立案", changed: "变更", closed: "结案", note: "备注", contacted: "已联系", assigned: "分派" };
const ROLE = { officer: "经办人", supervisor: "主管", auditor: "审计员", admin: "管理员" };
const TRIGGER = { api: "接口（令牌）", schedule: "定时", demo: "演示", accuracy: "准确率核查" };
const RUN = { succeeded: "成功", failed: "失败", running: "运行中", cancelled: "已取消", "data-lost": "数据缺失" };
// A trigger is "api", "api:<admin>", "schedule"…, then the work id of the request when it went through the group.
const triggerText = (t) => { const word = t.split(" ")[0]; return TRIGGER[word] || (word.startsWith("api:") ? `管理员 ${word.slice(4)}` : t); };
let csrf = null, me = null, current = null, chart = null, trend = null;
let pageCursors = [null];

async function api(method, url, body) {
  const headers = { "Accept": "application/json" };
  if (method !== "GET") { headers["X-CSRF-TOKEN"] = csrf || ""; headers["Content-Type"] = "application/json"; }
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  let data = null;
  try { data = await res.json(); } catch { /* empty body */ }
  if (!res.ok) { const e = new Error((data && data.error) || ("HTTP " + res.status)); e.status = res.status; throw e; }
  return data;
}

function show(view) {
  for (const id of ["login-view", "list-view", "case-view", "audit-view", "users-view"]) $(id).hidden = id !== view;
}

function cell(tr, text) { const td = document.createElement("td"); td.textContent = text ?? ""; tr.appendChild(td); return td; }

async function start() {
  try {
    me = await api("GET", "/api/me");
    csrf = me.csrf;
  } catch (e) {
    csrf = (await api("GET", "/api/csrf")).token;
    $("who").hidden = true;
    show("login-view");
    return;
  }
  $("who").hidden = false;
  $("who-name").textContent = me.userName;
  $("who-role").textContent = ROLE[me.role] || me.role;
  $("who-region").textContent = me.region;
  if (me.role === "auditor") { show("audit-view"); return loadAudit(); }
  if (me.role === "admin") { show("users-view"); return loadAdmin(); }
  show("list-view");
  await loadList(true, true);
}

function filterQuery() {
  const p = new URLSearchParams();
  const add = (k, id) => { const v = $(id).value.trim(); if (v) p.set(k, v); };
  add("rule", "f-rule"); add("status", "f-status"); add("region", "f-region"); add("keyGroup", "f-keygroup");
  add("from", "f-from"); add("to", "f-to"); add("sort", "f-sort"); add("dir", "f-dir");
  return p;
}

// Counts and charts follow the filters, not the page: they are fetched when the filters or the cases change.
async function loadList(reset, withCounts) {
  if (reset) pageCursors = [null];
  const q = filterQuery();
  $("export-csv").href = "/api/cases/export.csv?" + q;
  $("export-xlsx").href = "/api/cases/export.xlsx?" + q;
  const after = pageCursors[pageCursors.length - 1];
  const pq = new URLSearchParams(q); pq.set("limit", "50"); if (after) pq.set("after", after);
  const [page, counts, runs] = await Promise.all([api("GET", "/api/cases?" + pq),
    withCounts ? api("GET", "/api/cases/counts?" + q) : null, withCounts ? api("GET", "/api/cases/trend") : null]);
  $("pick-all").checked = false;
  const body = $("cases").tBodies[0];
  body.replaceChildren();
  for (const c of page.cases) {
    const tr = document.createElement("tr");
    const box = document.createElement("input"); box.type = "checkbox"; box.className = "pick"; box.value = c.caseId;
    tr.appendChild(document.createElement("td")).appendChild(box);
    const link = document.createElement("a"); link.href = "#"; link.className = "case-link"; link.textContent = c.caseId;
    link.addEventListener("click", (ev) => { ev.preventDefault(); openCase(c.caseId); });
    tr.appendChild(document.createElement("td")).appendChild(link);
    cell(tr, c.person); cell(tr, c.rule); cell(tr, c.period); cell(tr, c.region); cell(tr, STATUS[c.status] || c.status);
    cell(tr, c.assignee); cell(tr, new Date(c.openedAt).toLocaleString("zh-CN"));
    body.appendChild(tr);
  }
  $("next-page").disabled = !page.next;
  $("next-page").dataset.next = page.next || "";
  if (!withCounts) return;
  $("counts").textContent = `共 ${counts.total} 件；` + Object.entries(counts.byStatus).map(([s, n]) => `${STATUS[s] || s} ${n}`).join("，");
  const rules = $("f-rule");
  for (const r of Object.keys(counts.byRule)) if (![...rules.options].some(o => o.value === r)) rules.add(new Option(r, r));
  drawChart(counts.activeByRuleAndRegion);
  drawTrend(runs);
}

function drawChart(rows) {
  if (typeof Chart === "undefined") return;
  const rules = [...new Set(rows.map(r => r.rule))].sort();
  const regions = [...new Set(rows.map(r => r.region))].sort();
  const datasets = regions.map(region => ({ label: region, data: rules.map(rule => (rows.find(r => r.rule === rule && r.region === region) || { count: 0 }).count) }));
  if (chart) chart.destroy();
  chart = new Chart($("chart"), { type: "bar", data: { labels: rules, datasets },
    options: { maintainAspectRatio: false, animation: false, plugins: { title: { display: true, text: "待处理工单（按规则、区划）" } }, scales: { x: { stacked: true }, y: { stacked: true } } } });
}

function drawTrend(points) {
  if (typeof Chart === "undefined") return;
  const rules = [...new Set(points.flatMap(p => Object.keys(p.byRule)))].sort();
  const labels = points.map(p => new Date(p.at).toLocaleString("zh-CN"));
  const datasets = [{ label: "合计", data: points.map(p => p.active), borderWidth: 3 }]
    .concat(rules.map(rule => ({ label: rule, data: points.map(p => p.byRule[rule] || 0), borderWidth: 1 })));
  if (trend) trend.destroy();
  trend = new Chart($("trend"), { type: "line", data: { labels, datasets },
    options: { maintainAspectRatio: false, animation: false, plugins: { title: { display: true, text: "历次核查后的待处理工单" } }, scales: { y: { beginAtZero: true } } } });
}

async function openCase(id) {
  const d = await api("GET", "/api/cases/" + encodeURIComponent(id));
  current = d.case;
  show("case-view");
  $("case-id").textContent = current.caseId;
  $("case-person").textContent = current.person;
  $("revealed").textContent = "";
  $("case-rule").textContent = current.rule; $("case-period").textContent = current.period; $("case-region").textContent = current.region;
  $("case-status").textContent = STATUS[current.status] || current.status;
  $("case-assignee").textContent = current.assignee || "（未分派）";
  $("case-summary").textContent = current.summary;
  $("action-error").textContent = "";
  const ev = $("evidence").tBodies[0]; ev.replaceChildren();
  for (const e of [...d.evidence].sort((a, b) => a.feed.localeCompare(b.feed))) {
    const tr = document.createElement("tr"); cell(tr, e.feed); cell(tr, e.source); cell(tr, e.line); cell(tr, e.date); cell(tr, e.note); ev.appendChild(tr);
  }
  const tl = $("timeline"); tl.replaceChildren();
  for (const h of d.history) {
    const li = document.createElement("li");
    li.textContent = `${new Date(h.at).toLocaleString("zh-CN")} ${h.by}：${KIND[h.kind] || h.kind} ${h.fromStatus ? (STATUS[h.fromStatus] || h.fromStatus) + " → " : ""}${STATUS[h.toStatus] || h.toStatus}${h.note ? "（" + h.note + "）" : ""}`;
    tl.appendChild(li);
  }
}

async function act(body) {
  try { await api("POST", `/api/cases/${encodeURIComponent(current.caseId)}/actions`, body); await openCase(current.caseId); }
  catch (e) { $("action-error").textContent = e.message; }
}

async function loadAudit() {
  const rows = await api("GET", "/api/audit?limit=200");
  const body = $("audit").tBodies[0]; body.replaceChildren();
  for (const a of rows) {
    const tr = document.createElement("tr");
    cell(tr, new Date(a.at).toLocaleString("zh-CN")); cell(tr, a.user); cell(tr, a.role); cell(tr, a.action); cell(tr, a.caseId); cell(tr, a.reason); cell(tr, a.detail);
    body.appendChild(tr);
  }
}

async function loadAdmin() {
  await Promise.all([loadHealth(), loadFeeds(), loadRuns(), loadUsers()]);
}

async function loadHealth() {
  const res = await fetch("/health/ready", { headers: { "Accept": "application/json" } });
  const report = await res.json();
  const list = $("health"); list.replaceChildren();
  const overall = document.createElement("li"); overall.id = "health-overall";
  overall.textContent = `总体：${report.status === "Healthy" ? "正常" : "异常"}（HTTP ${res.status}）`; list.appendChild(overall);
  for (const [part, p] of Object.entries(report.parts)) {
    const li = document.createElement("li"); li.dataset.part = part;
    li.textContent = `${part}：${p.status === "Healthy" ? "正常" : "异常"} — ${p.Description || ""}`; list.appendChild(li);
  }
}

async function loadFeeds() {
  const feeds = await api("GET", "/api/feeds");
  const body = $("feeds").tBodies[0]; body.replaceChildren();
  for (const f of feeds) {
    const tr = document.createElement("tr"); cell(tr, f.name); cell(tr, f.topic); cell(tr, f.schedule || "（手动）");
    const run = document.createElement("button"); run.type = "button"; run.className = "run-feed"; run.textContent = "立即运行";
    run.addEventListener("click", async () => {
      run.disabled = true; $("feed-result").textContent = `${f.name} 运行中…`;
      try { const r = await api("POST", `/api/feeds/${encodeURIComponent(f.name)}/runs`); $("feed-result").textContent = `${f.name} 第 ${r.runId} 次运行：读取 ${r.read}，发布 ${r.published}，拒收 ${r.deadLettered}`; }
      catch (e) { $("feed-result").textContent = e.message; }
      run.disabled = false; loadRuns();
    });
    tr.appendChild(document.createElement("td")).appendChild(run);
    body.appendChild(tr);
  }
}

async function loadRuns() {
  const runs = await api("GET", "/api/feeds/runs?limit=50");
  const body = $("runs").tBodies[0]; body.replaceChildren();
  const when = (t) => t ? new Date(t).toLocaleString("zh-CN") : "";
  for (const r of runs) {
    const tr = document.createElement("tr");
    cell(tr, r.id); cell(tr, r.feed); cell(tr, triggerText(r.trigger)); cell(tr, when(r.startedAt)); cell(tr, when(r.finishedAt));
    cell(tr, RUN[r.status] || r.status); cell(tr, r.read); cell(tr, r.published); cell(tr, r.rejected); cell(tr, r.error);
    body.appendChild(tr);
  }
}

async function loadUsers() {
  const rows = await api("GET", "/api/users");
  const body = $("users").tBodies[0]; body.replaceChildren();
  for (const u of rows) { const tr = document.createElement("tr"); cell(tr, u.userName); cell(tr, ROLE[u.role] || u.role); cell(tr, u.region); body.appendChild(tr); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("login-error").textContent = "";
    try { await api("POST", "/api/login", { userName: $("username").value, password: $("password").value }); await start(); }
    catch (e) { $("login-error").textContent = e.message; csrf = (await api("GET", "/api/csrf")).token; }
  });
  $("logout").addEventListener("click", async () => { await api("POST", "/api/logout"); location.reload(); });
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadList(true, true); });
  $("next-page").addEventListener("click", () => { pageCursors.push($("next-page").dataset.next); loadList(false, false); });
  $("first-page").addEventListener("click", () => loadList(true, false));
  $("back").addEventListener("click", () => { show("list-view"); loadList(false, true); });
  $("pick-all").addEventListener("change", () => { for (const b of document.querySelectorAll("input.pick")) b.checked = $("pick-all").checked; });
  $("act-note-btn").addEventListener("click", () => act({ action: "note", note: $("act-note").value }));
  $("act-contacted-btn").addEventListener("click", () => act({ action: "contacted", note: $("act-note").value }));
  $("act-assign-btn").addEventListener("click", () => act({ action: "assign", assignee: $("act-assignee").value }));
  $("resolve-btn").addEventListener("click", () => act({ action: "resolve", reason: $("resolve-reason").value }));
  $("reopen-btn").addEventListener("click", () => act({ action: "reopen", note: $("act-note").value }));
  $("reveal-btn").addEventListener("click", () => { $("reveal-error").textContent = ""; $("reveal-dialog").showModal(); });
  $("reveal-form").addEventListener("submit", async (ev) => {
    if (ev.submitter && ev.submitter.value === "cancel") return;
    ev.preventDefault();
    try {
      const r = await api("POST", `/api/cases/${encodeURIComponent(current.caseId)}/reveal`, { reason: $("reveal-reason").value });
      $("revealed").textContent = r.person + (r.name ? "（" + r.name + "）" : "");
      $("reveal-dialog").close();
    } catch (e) { $("reveal-error").textContent = e.message; }
  });
  $("bulk-btn").addEventListener("click", async () => {
    const ids = [...document.querySelectorAll("input.pick:checked")].map(b => b.value);
    if (ids.length === 0) { $("bulk-result").textContent = "请先勾选工单"; return; }
    const text = $("bulk-note").value.trim();
    try {
      const r = await api("POST", "/api/cases/actions", { ids, action: $("bulk-action").value, note: text || "批量处理", reason: text, assignee: $("bulk-assignee").value.trim() });
      const failed = r.results.filter(x => x.error);
      $("bulk-result").textContent = `已处理 ${r.done} / ${ids.length}` + (failed.length ? `；未处理：${failed[0].error}` : "");
    } catch (e) { $("bulk-result").textContent = e.message; }
    loadList(false, true);
  });
  $("user-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await api("POST", "/api/users", { userName: $("u-name").value, role: $("u-role").value, region: $("u-region").value, password: $("u-password").value });
      $("user-result").textContent = "已保存"; loadUsers();
    } catch (e) { $("user-result").textContent = e.message; }
  });
  start();
});
