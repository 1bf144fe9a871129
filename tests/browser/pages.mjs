// The web pages in Debian's headless Chromium, driven by puppeteer-core
// (no browser of its own), against a running `ehcp serve` and the same
// database the `ehcp` command reads: every figure a page shows is checked
// against the command's CSV for the same options, every page against
// axe-core's WCAG 2.2 A and AA rules, and one form is filled in with the
// keyboard alone.
//
//   node pages.mjs   with BASE (the server), EHCP (the command), DB (its
//   database), AS_OF (the demo's day), TMP (a scratch folder) and, to
//   write the README's screenshots, SHOTS (a folder).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const { BASE, EHCP, DB, AS_OF, TMP, SHOTS } = process.env;
const PASSWORD = (role) => `password-${role}-123456`;

let checks = 0, failures = 0;
function check(what, ok, detail) {
	checks++;
	if (!ok) {
		failures++;
		console.log(`FAIL: ${what}${detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
	}
}
function checkEq(what, got, want) {
	const g = JSON.stringify(got), w = JSON.stringify(want);
	check(what, g === w, `got ${g.slice(0, 600)}, expected ${w.slice(0, 600)}`);
}

// The command, as a team lead would run it.
function ehcp(...args) {
	return execFileSync(EHCP, ['--db', DB, ...args], { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
}
function ehcpFails(...args) {
	const r = spawnSync(EHCP, ['--db', DB, ...args], { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
	return { status: r.status, stderr: r.stderr.trim() };
}
// CSV as the command writes it (quoted fields with commas or quotes).
function csv(text) {
	const rows = [];
	for (const line of text.split('\n')) {
		if (!line) continue;
		const cells = [];
		let cur = '', q = false;
		for (let i = 0; i < line.length; i++) {
			const ch = line[i];
			if (q) {
				if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
				else if (ch === '"') q = false;
				else cur += ch;
			} else if (ch === '"') q = true;
			else if (ch === ',') { cells.push(cur); cur = ''; }
			else cur += ch;
		}
		cells.push(cur);
		rows.push(cells);
	}
	const [head, ...body] = rows;
	return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
	'November', 'December'];
// A CSV value as the pages show it: dates in British words, yes/no.
function shown(v) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
	if (v === 'true') return 'Yes';
	if (v === 'false') return 'No';
	return v;
}

const browser = await puppeteer.launch({
	executablePath: '/usr/bin/chromium',
	headless: true,
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync',
		`--user-data-dir=${mkdtempSync(path.join(TMP, 'chrome-'))}`],
});

// Nothing is fetched from any other host.
const foreign = [];
async function newPage(context) {
	const page = await context.newPage();
	await page.setViewport({ width: 1280, height: 900 });
	page.on('request', (r) => { if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) foreign.push(r.url()); });
	return page;
}

async function signIn(role) {
	const context = await browser.createBrowserContext();
	const page = await newPage(context);
	// a page other than /cases, where / goes anyway
	await page.goto(`${BASE}/reviews`);
	check(`${role}: the pages send whoever is not signed in to sign in`, page.url().startsWith(`${BASE}/signin`), page.url());
	if (role === 'reader') await axe(page, 'the sign-in page');
	await page.type('#name', `u${role}`);
	await page.type('#password', PASSWORD(role));
	await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
	const who = await page.$eval('.account', (e) => e.textContent).catch(() => '');
	check(`${role}: signed in`, who.includes(`Signed in as u${role} (${role})`), who);
	checkEq(`${role}: back to the page asked for`, page.url(), `${BASE}/reviews`);
	return { context, page };
}

// What the browser would get for a link, with its cookies (the pages'
// policy lets no script of theirs fetch anything).
async function fetchAs(page, url) {
	const cookies = (await page.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	return (await fetch(new URL(url, BASE), { headers: { Cookie: cookies } })).text();
}

// axe-core in the page: no WCAG 2.2 A or AA violation.
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axed = [];
async function axe(page, what) {
	// through the debugger, which the pages' script policy does not stop
	await page.evaluate(axeSource);
	const result = await page.evaluate(async (tags) => {
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
		return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
	}, axeTags);
	axed.push(what);
	checkEq(`axe: ${what} has no WCAG 2.2 A/AA violation`, result, []);
}

// A table's body as { key, cells{data-col or heading: text} } rows.
async function tableRows(page, selector) {
	return page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => {
		const heads = [...tr.closest('table').querySelectorAll('thead th')].map((th) => {
			const c = th.cloneNode(true);
			c.querySelectorAll('.visually-hidden').forEach((x) => x.remove());
			return c.textContent.trim();
		});
		const cells = {};
		[...tr.children].forEach((td, i) => {
			const c = td.cloneNode(true);
			c.querySelectorAll('.visually-hidden').forEach((x) => x.remove());
			cells[td.dataset.col || heads[i]] = c.textContent.trim();
		});
		return { key: tr.dataset.case || tr.dataset.plan || tr.dataset.period, cells };
	}));
}

try {
	// ---- signing in, as each role ----
	const reader = await signIn('reader');
	const writer = await signIn('writer');
	const admin = await signIn('admin');
	check('reader: no link to the admin page', !(await reader.page.$('a[href="/admin"]')));
	check('admin: a link to the admin page', !!(await admin.page.$('a[href="/admin"]')));

	// ---- the case list: filtered and sorted, the same rows as `ehcp cases` ----
	const lead = writer.page;
	const all = csv(ehcp('cases', '--as-of', AS_OF, '--format', 'csv'));
	const cw = all.find((r) => r.caseworker).caseworker;
	await lead.goto(`${BASE}/cases`);
	await lead.type('#as-of', AS_OF);
	await lead.type('#caseworker', cw);
	await lead.click('input[name=status][value=overdue]');
	await lead.click('input[name=status][value=nearing]');
	await Promise.all([lead.waitForNavigation(), lead.click('form.filters button[type=submit]')]);
	let want = csv(ehcp('cases', '--as-of', AS_OF, '--caseworker', cw, '--status', 'overdue,nearing', '--format', 'csv'));
	let got = await tableRows(lead, '#cases');
	check('case list: some rows to compare', want.length > 1, want.length);
	checkEq('case list filtered: the rows of ehcp cases, in its order', got.map((r) => r.key), want.map((r) => r.case_ref));
	checkEq('case list filtered: days left', got.map((r) => r.cells['Days left']), want.map((r) => r.days_left));
	checkEq('case list filtered: due dates', got.map((r) => r.cells.Due), want.map((r) => shown(r.due_date)));
	checkEq('case list filtered: status in words', got.map((r) => r.cells.Status),
		want.map((r) => ({ overdue: 'Overdue', nearing: 'Nearing', on_track: 'On track' })[r.status]));
	// sorted by a heading's link: days left, then again for descending (ties keep the list's order)
	await Promise.all([lead.waitForNavigation(), lead.click('#cases thead a[href*="sort=days_left"]')]);
	got = await tableRows(lead, '#cases');
	const byDays = want.map((r, i) => [r, i]).sort((a, b) => Number(a[0].days_left) - Number(b[0].days_left) || a[1] - b[1]).map((x) => x[0]);
	checkEq('case list sorted by days left', got.map((r) => r.key), byDays.map((r) => r.case_ref));
	await Promise.all([lead.waitForNavigation(), lead.click('#cases thead a[href*="sort=days_left"]')]);
	got = await tableRows(lead, '#cases');
	const byDaysDesc = want.map((r, i) => [r, i]).sort((a, b) => Number(b[0].days_left) - Number(a[0].days_left) || a[1] - b[1]).map((x) => x[0]);
	checkEq('case list sorted by days left, descending', got.map((r) => r.key), byDaysDesc.map((r) => r.case_ref));
	check('the sorted heading says so', (await lead.$eval('#cases th[aria-sort]', (th) => th.getAttribute('aria-sort'))) === 'descending');
	// the view as CSV: the command's bytes
	const csvHref = await lead.$eval('a.csv', (a) => a.href);
	const viaPage = await fetchAs(lead, csvHref);
	checkEq('download this view as CSV: the bytes of ehcp cases --format csv',
		viaPage, ehcp('cases', '--as-of', AS_OF, '--caseworker', cw, '--status', 'overdue,nearing', '--format', 'csv'));
	// caseloads: each a link into its caseworker's list
	const loads = csv(ehcp('cases', '--as-of', AS_OF, '--by', 'caseworker', '--format', 'csv'));
	await lead.goto(`${BASE}/cases?as-of=${AS_OF}`);
	const loadRows = await tableRows(lead, '#caseloads');
	checkEq('caseloads: open cases by caseworker as ehcp cases --by caseworker',
		loadRows.map((r) => [r.cells.Caseworker, r.cells.Open, r.cells.Overdue]),
		loads.map((r) => [r.caseworker || '(no caseworker)', r.open, r.overdue]));
	await axe(lead, 'the case list');
	if (SHOTS) await lead.screenshot({ path: path.join(SHOTS, 'case-list.png') });
	await Promise.all([lead.waitForNavigation(), lead.click(`#caseloads a[href*="caseworker="]`)]);
	check('a caseload links into the caseworker\'s list', new URL(lead.url()).searchParams.get('caseworker') !== null, lead.url());
	// zoomed to 400%: 1280 CSS pixels become 320, and only a wide table
	// scrolls sideways (in its own region), never the page (WCAG 1.4.10)
	await lead.setViewport({ width: 320, height: 640 });
	for (const p of [`/cases?as-of=${AS_OF}`, `/reports/plans?from=2025-01&to=2025-12&as-of=${AS_OF}`, '/me']) {
		await lead.goto(`${BASE}${p}`);
		const wide = await lead.evaluate(() => document.documentElement.scrollWidth);
		check(`at 400% (320 px) ${p} needs no sideways scrolling`, wide <= 320, wide);
	}
	await lead.setViewport({ width: 1280, height: 900 });

	// a bad filter: the command's message beside the field
	await lead.goto(`${BASE}/cases?due-within=soon`);
	const filterMsg = await lead.$eval('#due-within-error', (e) => e.textContent.replace(/^Error: /, '')).catch(() => '');
	checkEq('a bad filter: the command\'s message beside the field', filterMsg,
		ehcpFails('cases', '--due-within', 'soon').stderr.split('\n')[0].replace(/^ehcp: /, ''));
	await axe(lead, 'the case list with an error');

	// ---- a case: record a milestone, see it in the history and the feed ----
	const draftServed = csv(ehcp('cases', '--as-of', AS_OF, '--stage', 'draft_served', '--format', 'csv'));
	const target = draftServed.find((r) => r.caseworker) || draftServed[0];
	const ref = target.case_ref;
	const feedUrl = ehcp('feed', 'add', '--caseworker', target.caseworker, '--base-url', BASE).trim();
	const etag = async () => (await fetch(feedUrl)).headers.get('etag');
	const etagBefore = await etag();
	check('the feed answers with an ETag', !!etagBefore, etagBefore);
	await lead.goto(`${BASE}/cases?as-of=${AS_OF}&stage=draft_served`);
	await Promise.all([lead.waitForNavigation(), lead.click(`a[href^="/cases/${encodeURIComponent(ref)}?"]`)]);
	check('a case page from its row', lead.url().startsWith(`${BASE}/cases/`), lead.url());
	const version = await lead.$eval('input[name=version]', (e) => e.value);
	await axe(lead, 'a case page with its form');
	if (SHOTS) await lead.screenshot({ path: path.join(SHOTS, 'case-page.png') });

	// a bad date: the message beside the field, the command's words, nothing changed
	await lead.select('#milestone', 'final');
	await lead.type('#date', '31/04/2026');
	await Promise.all([lead.waitForNavigation(), lead.click('form[action^="/cases/"] button[type=submit]')]);
	const dateMsg = await lead.$eval('#date-error', (e) => e.textContent.replace(/^Error: /, '')).catch(() => '');
	const cliMsg = ehcpFails('case', 'record', ref, 'final', '31/04/2026');
	check('the command refuses the same date', cliMsg.status !== 0, cliMsg);
	checkEq('a bad date: the command\'s message beside the date', dateMsg, cliMsg.stderr.replace(/^ehcp: /, ''));
	check('a bad date: the summary links to the field', !!(await lead.$('.error-summary a[href="#date"]')));
	checkEq('a bad date: the date typed is kept', await lead.$eval('#date', (e) => e.value), '31/04/2026');
	checkEq('a bad date: nothing changed (the same version)', await lead.$eval('input[name=version]', (e) => e.value), version);
	await axe(lead, 'a case page with a refused date');

	// a stale edit: a second tab records first
	const other = await newPage(writer.context);
	await other.goto(lead.url().split('?')[0]);
	const recorded = AS_OF;
	// (a tab in the background takes no clicks)
	await lead.bringToFront();
	await lead.goto(lead.url().split('?')[0]);
	await lead.select('#milestone', 'final');
	await lead.type('#date', recorded);
	await Promise.all([lead.waitForNavigation(), lead.click('form[action^="/cases/"] button[type=submit]')]);
	checkEq('recorded: the notice', await lead.$eval('.notice', (e) => e.textContent).catch(() => ''), 'Saved: final');
	const hist = await tableRows(lead, '#history');
	const last = hist[hist.length - 1].cells;
	checkEq('recorded: in the history, by whom', [last.Action, last.Field, last.Now, last.Who.split(' (')[0]],
		['recorded', 'final_plan_date', recorded, 'uwriter']);
	check('recorded: the feed has a new ETag', (await etag()) !== etagBefore);
	await other.bringToFront();
	await other.select('#milestone', 'draft');
	await other.type('#date', recorded);
	const [resp] = await Promise.all([other.waitForNavigation(), other.click('form[action^="/cases/"] button[type=submit]')]);
	checkEq('a stale edit: refused with 409', resp.status(), 409);
	const stale = await other.$eval('.error-summary li', (e) => e.textContent).catch(() => '');
	const cliStale = ehcpFails('case', 'correct', ref, 'draft', recorded, '--expect-version', version);
	checkEq('a stale edit: the command\'s message', stale, cliStale.stderr.replace(/^ehcp: /, ''));
	await other.close();

	// a reader sees no form, and a reader's post is refused
	await reader.page.goto(`${BASE}/cases/${encodeURIComponent(ref)}`);
	check('reader: no form on a case', !(await reader.page.$('form[action^="/cases/"]')));
	await axe(reader.page, 'a case page for a reader');

	// the keyboard alone: from the skip link to the form, filled in and sent
	const kb = writer.page;
	await kb.bringToFront();
	const plain = csv(ehcp('cases', '--as-of', AS_OF, '--stage', 'awaiting_decision', '--format', 'csv'))[0].case_ref;
	await kb.goto(`${BASE}/cases/${encodeURIComponent(plain)}`);
	const focused = () => kb.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.textContent.trim()));
	await kb.keyboard.press('Tab');
	checkEq('keyboard: the skip link comes first', await focused(), 'Skip to main content');
	const ring = await kb.evaluate(() => getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).backgroundColor);
	check('keyboard: focus is visible', !ring.startsWith('none rgba(0, 0, 0, 0)'), ring);
	let steps = 0;
	while ((await focused()) !== 'milestone' && steps++ < 200) await kb.keyboard.press('Tab');
	checkEq('keyboard: tabbed to the form', await focused(), 'milestone');
	// a select moves with the arrows: to "Decision whether to assess" (the first), so nothing to move
	await kb.keyboard.press('Tab'); // record (the radio already chosen)
	await kb.keyboard.press('Tab');
	checkEq('keyboard: the code after the radios', await focused(), 'code');
	await kb.keyboard.type('assess');
	await kb.keyboard.press('Tab');
	checkEq('keyboard: then the date', await focused(), 'date');
	await kb.keyboard.type(AS_OF);
	await kb.keyboard.press('Tab');
	await kb.keyboard.press('Tab');
	checkEq('keyboard: then the button', await focused(), 'Save the milestone');
	await Promise.all([kb.waitForNavigation(), kb.keyboard.press('Enter')]);
	checkEq('keyboard: the form was sent and saved', await kb.$eval('.notice', (e) => e.textContent).catch(() => ''), 'Saved: decision');
	const shownCase = ehcp('case', 'show', plain);
	check('keyboard: the command sees the decision', shownCase.includes('(assess)'), shownCase);

	// ---- a plan ----
	const plans = csv(ehcp('reviews', '--as-of', AS_OF, '--format', 'csv'));
	await lead.goto(`${BASE}/reviews?as-of=${AS_OF}`);
	got = await tableRows(lead, '#reviews');
	checkEq('review list: the rows of ehcp reviews', got.map((r) => r.key), plans.map((r) => r.plan_ref));
	checkEq('review list: days left', got.map((r) => r.cells['Days left']), plans.map((r) => r.days_left));
	await axe(lead, 'the review list');
	checkEq('the review list as CSV: the bytes of ehcp reviews --format csv',
		await fetchAs(lead, await lead.$eval('a.csv', (a) => a.href)), ehcp('reviews', '--as-of', AS_OF, '--format', 'csv'));
	await lead.goto(`${BASE}/plans/${encodeURIComponent(plans[0].plan_ref)}?as-of=${AS_OF}`);
	check('a plan page', (await lead.title()).startsWith(`Plan ${plans[0].plan_ref}`), await lead.title());
	await axe(lead, 'a plan page with its form');

	// ---- reports: every figure the command's, each a link to its cases ----
	const range = ['--from', '2025-01', '--to', '2025-12', '--as-of', AS_OF];
	const q = `from=2025-01&to=2025-12&as-of=${AS_OF}`;
	for (const measure of ['plans', 'cohort', 'decisions', 'advice', 'backlog', 'reviews', 'sen2']) {
		for (const by of measure === 'sen2' ? ['year'] : ['quarter', 'year']) {
			const wantRows = csv(ehcp('report', measure, ...range, '--by', by, '--format', 'csv'));
			await lead.goto(`${BASE}/reports/${measure}?${q}&by=${by}`);
			const rows = await tableRows(lead, '#report');
			checkEq(`report ${measure} by ${by}: every figure as the command's CSV`, rows.map((r) => r.cells),
				wantRows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, shown(v)]))));
		}
	}
	await lead.goto(`${BASE}/reports/plans?${q}&by=quarter`);
	await axe(lead, 'the reports page');
	if (SHOTS) await lead.screenshot({ path: path.join(SHOTS, 'reports.png') });
	const figure = await lead.$eval('#report td a.figure-link', (a) => a.getAttribute('href'));
	await lead.goto(`${BASE}${figure}`);
	const u = new URL(lead.url());
	const casesWant = csv(ehcp('report', 'plans', '--from', u.searchParams.get('from'), '--to', u.searchParams.get('to'),
		'--as-of', AS_OF, '--by', 'quarter', '--cases', '--format', 'csv'));
	const casesGot = await tableRows(lead, '#report');
	checkEq('a figure\'s link: the cases of ehcp report --cases', casesGot.length, casesWant.length);
	await axe(lead, 'the cases behind a figure');
	const reportCsv = await fetchAs(lead, `/reports/plans?${q}&by=quarter&format=csv`);
	checkEq('a report as CSV: the command\'s bytes', reportCsv, ehcp('report', 'plans', ...range, '--by', 'quarter', '--format', 'csv'));

	// ---- the board, admin, my work ----
	await lead.goto(`${BASE}/board?from=2025-01&to=2025-12&as-of=${AS_OF}`);
	await axe(lead, 'the board page');
	const boardHtml = await fetchAs(lead, `/board/view?from=2025-01&to=2025-12&as-of=${AS_OF}`);
	ehcp('report', 'board', '--from', '2025-01', '--to', '2025-12', '--as-of', AS_OF, '-o', path.join(TMP, 'board.html'));
	checkEq('the board framed: the bytes of ehcp report board', boardHtml, readFileSync(path.join(TMP, 'board.html'), 'utf8'));
	await admin.page.goto(`${BASE}/admin`);
	check('admin: the users', (await admin.page.$$eval('#users tbody tr', (t) => t.length)) >= 3);
	await axe(admin.page, 'the admin page');
	// a role changed on the page: the user's own select, then its button
	const roleSelect = (name) => admin.page.$$eval('#users tbody tr', (rows, n) => {
		const r = rows.find((t) => t.querySelector('th').textContent === n);
		return r && r.querySelector('select[name=role]') ? r.querySelector('select[name=role]').id : '';
	}, name);
	const roleIn = (name) => (csv(ehcp('user', 'list', '--format', 'csv')).find((r) => r.name === name) || {}).role;
	const changeRole = async (name, role) => {
		const id = await roleSelect(name);
		check(`admin: a role to choose for ${name}`, !!id);
		await admin.page.select(`#${id}`, role);
		const [resp] = await Promise.all([admin.page.waitForNavigation(), admin.page.click(`#${id} ~ button`)]);
		return resp.status();
	};
	checkEq('admin: a new role, answered', await changeRole('uother', 'writer'), 200);
	check('admin: a new role, said', (await admin.page.content()).includes('uother is now a writer'));
	checkEq('admin: a new role, stored', roleIn('uother'), 'writer');
	checkEq('admin: the only admin keeps the role, refused', await changeRole('uadmin', 'reader'), 409);
	check('admin: the only admin, why', (await admin.page.content()).includes('uadmin is the only admin'));
	checkEq('admin: the only admin, unchanged', roleIn('uadmin'), 'admin');
	await axe(admin.page, 'the admin page, a change refused');
	await writer.page.goto(`${BASE}/me`);
	check('my page: subscribing in Outlook', (await writer.page.content()).includes('Outlook'));
	await axe(writer.page, 'my work and calendar');
	await Promise.all([writer.page.waitForNavigation(), writer.page.click('form[action="/me"] button')]);
	const mine = await writer.page.$eval('#new-feed-url', (e) => e.textContent).catch(() => '');
	check('my page: a new feed address, once', /\/feeds\/[A-Za-z0-9_-]{43}\.ics$/.test(mine), mine);
	const feedResp = await fetch(mine.replace(/^https?:\/\/[^/]+/, BASE));
	checkEq('my page: the new feed works', feedResp.status, 200);
	await writer.page.goto(`${BASE}/admin`);
	check('a writer does not manage users', (await writer.page.title()).startsWith('Only admins'));
	checkEq('nothing fetched from another host', foreign, []);
	// signing out ends the session: the pages ask to sign in again
	await Promise.all([reader.page.waitForNavigation(), reader.page.click('.account button[type=submit]')]);
	check('signed out: to the sign-in page', reader.page.url().startsWith(`${BASE}/signin`), reader.page.url());
	await reader.page.goto(`${BASE}/cases`);
	check('signed out: the pages ask to sign in again', reader.page.url().startsWith(`${BASE}/signin`), reader.page.url());
} catch (e) {
	check('the run finished', false, e.stack);
} finally {
	await browser.close();
}
console.log(`pages in the browser: ${checks} checks, ${failures} failed (axe-core on: ${axed.join('; ')})`);
process.exit(failures ? 1 : 0);
