// Web Chat's own feedback buttons on the demo page: ask two questions, press 👍 under the first answer and 👎 under
// the second, as a visitor would, and see the "did you mean" that 👎 brings; the .NET test then finds both ratings in
// the question log.
import { ask, deadline, expectAnswerAfter, inChromium, reportErrors, screenshotPath, setting, step } from './support.mjs';

deadline(90);
const botUrl = setting('BOT_URL');
const nudge = setting('NUDGE');
const [first, second] = [setting('QUESTION'), setting('SECOND_QUESTION')];

// The thumb buttons under the newest bot message: Web Chat draws them for an activity that offers Like and Dislike.
function thumbs(page, direction) {
  const buttons = page.locator('.webchat__thumb-button');
  const down = page.locator('.webchat__thumb-button__image--is-down');
  return (direction === 'down' ? buttons.filter({ has: down }) : buttons.filter({ hasNot: down })).last();
}

// Web Chat sends the vote a moment after the click: the scenario waits for what the vote brings (👎: the next-best
// answers) or for the next question, so the browser is not closed before the vote has left.
async function rate(page, direction) {
  const button = thumbs(page, direction);
  await button.waitFor();
  const label = await button.getAttribute('aria-label');
  const pressed = await button.elementHandle();
  if (direction === 'down') {
    await expectAnswerAfter(page, 'Did you mean', () => pressed.click());
  } else {
    await pressed.click();
  }

  await page.waitForFunction((element) => element.getAttribute('aria-pressed') === 'true', pressed, { timeout: 10_000 });
  return label;
}

await inChromium('feedback', async (browser) => {
  const page = reportErrors(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
  await page.goto(botUrl, { waitUntil: 'load' });

  step('first question, then 👍');
  await ask(page, first, nudge);
  const likeLabel = await rate(page, 'up');

  step('second question, then 👎');
  await ask(page, second, nudge);
  const dislikeLabel = await rate(page, 'down');
  await page.screenshot({ path: screenshotPath('feedback-rated.png') });

  return { likeLabel, dislikeLabel, thumbButtons: await page.locator('.webchat__thumb-button').count() };
});
