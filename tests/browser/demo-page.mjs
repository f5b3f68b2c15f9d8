// The demo page a visitor gets at GET /: the chat is open; ask a question, see the answer and the nudge, click a
// suggested question and see its answer. Screenshots of both.
import { ask, deadline, expectAnswerAfter, inChromium, lastBotMessage, reportErrors, screenshotPath, setting, showLatest } from './support.mjs';

deadline(90);
const botUrl = setting('BOT_URL');
const question = setting('QUESTION');
const nudge = setting('NUDGE');

await inChromium('demo-page', async (browser) => {
  const page = reportErrors(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
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

  return { answerMs, answer, echoed, suggested, suggestedAnswer, sendFailed };
});
