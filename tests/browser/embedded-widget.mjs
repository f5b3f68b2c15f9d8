// A site owner's page on another origin that embeds widget.js: only widget.js loads with the page; the visitor opens
// the bubble with the keyboard, asks, and sees the answer. Then the same on a phone-sized screen. Screenshots of both.
import { ask, countTransfers, deadline, inChromium, lastBotMessage, reportErrors, screenshotPath, setting, showLatest, step } from './support.mjs';

deadline(120);
const botOrigin = new URL(setting('BOT_URL')).origin;
const sitePage = setting('SITE_URL');
const question = setting('QUESTION');
const nudge = setting('NUDGE');

await inChromium('embedded-widget', async (browser) => {
  const page = reportErrors(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
  const transfers = countTransfers(page);
  step(`opening ${sitePage}`);
  await page.goto(sitePage, { waitUntil: 'load' });

  const launcher = page.locator('.cbw-launcher');
  await launcher.waitFor();
  await page.waitForLoadState('networkidle');
  const bytesBeforeOpen = await transfers.bytesFrom(botOrigin);
  const webChatBeforeOpen = await page.evaluate(() => typeof window.WebChat !== 'undefined');
  const teaser = await page.locator('.cbw-teaser').innerText();
  await page.screenshot({ path: screenshotPath('embedded-widget-closed.png') });

  step('opening the chat with the keyboard');
  await launcher.focus();
  await page.keyboard.press('Enter');
  const expanded = await launcher.getAttribute('aria-expanded');
  const sendBoxFocused = await page
    .waitForFunction(() => document.activeElement?.classList.contains('webchat__send-box-text-box__input'), null, { timeout: 15_000 })
    .then(() => true, () => false);
  step('asking');
  const answerMs = await ask(page, question, nudge);
  step('answered');
  const answer = await lastBotMessage(page);
  await page.waitForLoadState('networkidle');
  const bytesAfterAnswer = await transfers.bytesFrom(botOrigin);
  const title = await page.locator('.cbw-title').innerText();
  await showLatest(page);
  await page.screenshot({ path: screenshotPath('embedded-widget-answer.png') });

  await page.keyboard.press('Escape');
  const closedWithEscape = await page.locator('.cbw-panel').isHidden();
  const focusBackOnLauncher = await launcher.evaluate((element) => element === document.activeElement);

  step('on a phone');
  const phone = await browser.newPage({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  await phone.goto(sitePage, { waitUntil: 'load' });
  await phone.locator('.cbw-launcher').tap();
  const phoneAnswerMs = await ask(phone, question, nudge);
  const panel = await phone.locator('.cbw-panel').boundingBox();
  await showLatest(phone);
  await phone.screenshot({ path: screenshotPath('embedded-widget-phone.png') });

  return {
    bytesBeforeOpen,
    bytesAfterAnswer,
    webChatBeforeOpen,
    teaser,
    title,
    expanded,
    sendBoxFocused,
    answerMs,
    answer,
    closedWithEscape,
    focusBackOnLauncher,
    phoneAnswerMs,
    phonePanel: panel,
  };
});
