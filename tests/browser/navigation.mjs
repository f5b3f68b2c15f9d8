// The conversation follows the visitor across another site's pages: ask, go to another page of the site, and the
// chat is open again with the question and its answer; follow-ups there are answered in that same conversation. A
// conversation the service does not know (forgotten, or never started) gives way quietly to a new one with the welcome.
import { ask, deadline, inChromium, reportErrors, screenshotPath, setting, showLatest, step } from './support.mjs';

deadline(120);
const sitePage = setting('SITE_URL');
const secondPage = setting('SECOND_PAGE_URL');
const botUrl = setting('BOT_URL');
const nudge = setting('NUDGE');

await inChromium('navigation', async (browser) => {
  const page = reportErrors(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
  const kept = () => page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('cleansebot-widget:'));
    return key ? JSON.parse(sessionStorage.getItem(key)) : null;
  });
  const texts = (selector) => page.locator(selector).allInnerTexts();
  const userMessages = () => texts('.webchat__bubble--from-user .webchat__bubble__content');
  const botMessages = () => texts('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');

  step('asking on the first page');
  await page.goto(sitePage, { waitUntil: 'load' });
  await page.locator('.cbw-launcher').click();
  await ask(page, 'what is sebum', nudge);
  const before = await kept();

  step('on the next page');
  await page.goto(secondPage, { waitUntil: 'load' });
  const openedItself = await page.locator('.cbw-panel').isVisible();
  await page.locator('.webchat__bubble--from-user', { hasText: 'what is sebum' }).waitFor({ timeout: 30_000 });
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: nudge }).waitFor();
  const history = { user: await userMessages(), bot: await botMessages() };
  await page.screenshot({ path: screenshotPath('navigation-history.png') });

  step('following up');
  await ask(page, 'tell me more', nudge);
  await ask(page, 'and for sensitive skin?', nudge);
  const after = { user: await userMessages(), bot: await botMessages() };
  const afterFollowUps = await kept();
  await showLatest(page);
  await page.screenshot({ path: screenshotPath('navigation-follow-up.png') });

  step('with a conversation the service does not know');
  const stranger = await page.evaluate(async (botUrl) => {
    const domain = new URL('v3/directline', botUrl).href;
    const response = await fetch(`${domain}/tokens/generate`, { method: 'POST' });
    const { conversationId, token } = await response.json();
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('cleansebot-widget:'));
    sessionStorage.setItem(key, JSON.stringify({ conversationId, token, domain, expiresAt: Date.now() + 600_000, open: true }));
    return conversationId;
  }, botUrl);
  await page.reload({ waitUntil: 'load' });
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: 'I answer questions about deep pore cleansing' }).waitFor({ timeout: 30_000 });
  await page.locator('.webchat__suggested-actions button').first().waitFor();
  const afresh = {
    user: await userMessages(),
    bot: await botMessages(),
    alerts: await page.locator('.cbw [role=alert], .webchat__toaster').allInnerTexts(),
    kept: await kept(),
    stranger,
  };

  return { before, openedItself, history, after, afterFollowUps, afresh };
});
