// The demo page a visitor gets at GET /: the chat is open; ask a question, see the answer and the nudge, click a
// suggested question and see its answer. Screenshots of both.
import { ask, showLatest, deadline, expectAnswerAfter, fail, lastBotMessage, launchChromium, screenshotPath, setting, succeed } from './support.mjs';

deadline(90);
const botUrl = setting('BOT_URL');
const question = setting('QUESTION');
const nudge = setting('NUDGE');

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(botUrl, { waitUntil: 'load' });

  // The welcome shows, with the example questions as buttons, without the visitor doing anything.
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: 'I answer questions about deep pore cleansing' }).waitFor();
  const answerMs = await ask(page, question, nudge);
  const answer = await lastBotMessage(page);
  const echoed = await page.locator('.webchat__bubble--from-user', { hasText: question }).count();
  await showLatest(page);
  await page.screenshot({ path: screenshotPath('demo-page-answer.png') });

  const suggestion = page.locator('.webchat__suggested-actions button').first();
  await suggestion.waitFor();
  const suggested = (await suggestion.innerText()).trim();
  await expectAnswerAfter(page, nudge, () => suggestion.click());
  const suggestedAnswer = await lastBotMessage(page);
  await page.locator('.webchat__bubble--from-user', { hasText: suggested }).waitFor();
  const sendFailed = await page.getByText('Send failed').count();
  await showLatest(page);
  await page.screenshot({ path: screenshotPath('demo-page-suggested-action.png') });

  succeed({ answerMs, answer, echoed, suggested, suggestedAnswer, sendFailed });
} catch (error) {
  for (const [index, open] of browser.contexts().flatMap((context) => context.pages()).entries()) {
    await open.screenshot({ path: screenshotPath(`demo-page-failure-${index}.png`) }).catch(() => {});
  }

  fail(error.stack || String(error));
} finally {
  await browser.close();
}
