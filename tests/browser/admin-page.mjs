// The admin page in Chromium: without the key, 401 and the login form, no data; a wrong key, 401 again; the right key
// typed into the form, then the report with its chart, styled under the page's strict content security policy (no
// violations), and another period chosen without the key ever in the address. axe-core's WCAG rules run on the report
// in a second context that lets its script in (the page's own policy would refuse it).
import { deadline, inChromium, reportErrors, runAxe, screenshotPath, setting, step } from './support.mjs';

deadline(90);
const adminUrl = new URL('admin', setting('BOT_URL')).href;
const key = setting('ADMIN_KEY');
const secret = setting('LOGGED_MESSAGE');

async function logIn(page) {
  await page.fill('#key', key);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return response;
}

await inChromium('admin-page', async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = reportErrors(await context.newPage());
  const policyViolations = [];
  page.on('console', (message) => /Content Security Policy/i.test(message.text()) && policyViolations.push(message.text()));

  step('opening /admin without the key');
  const first = await page.goto(adminUrl, { waitUntil: 'load' });
  const withoutKey = { status: first.status(), hasLoginForm: (await page.locator('form[action="/admin/login"] #key').count()) === 1, leaked: (await page.content()).includes(secret) };
  await page.screenshot({ path: screenshotPath('admin-login.png') });

  step('a wrong key');
  await page.fill('#key', 'not-the-key-not-the-key-not-the-key');
  const [wrong] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const wrongKey = { status: wrong.status(), alert: (await page.getByRole('alert').innerText()).trim(), leaked: (await page.content()).includes(secret) };

  step('the right key');
  const loggedIn = await logIn(page);
  const chart = page.locator('svg[role=img]');
  await chart.waitFor();
  const report = {
    status: loggedIn.status(),
    url: page.url(),
    headings: await page.locator('h2').allInnerTexts(),
    showsMessage: (await page.content()).includes(secret),
    chartTitle: await chart.locator('title#rates-title').textContent(),
    chartLines: await chart.locator('polyline').count(),
    chartWidth: (await chart.boundingBox()).width,
    acceptButtons: await page.getByRole('button', { name: /^Accept / }).count(),
    headerBackground: await page.locator('header').evaluate((header) => getComputedStyle(header).backgroundColor),
    cookies: (await context.cookies()).map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite })),
  };
  await page.screenshot({ path: screenshotPath('admin-report.png'), fullPage: true });

  step('another period');
  await page.selectOption('#since', '30d');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
  const period = { url: page.url(), selected: await page.locator('#since').inputValue() };

  step('axe on the report');
  const axeContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const axePage = reportErrors(await axeContext.newPage());
  await axePage.goto(adminUrl, { waitUntil: 'load' });
  await logIn(axePage);
  await axePage.locator('svg[role=img]').waitFor();
  const axe = await runAxe(axePage);

  return { withoutKey, wrongKey, report, period, policyViolations, axe };
});
