// A visitor on another site's page with the keyboard alone: Tab to the bubble, Enter opens the chat, type and Enter
// sends; Shift+Tab back to a suggested question, Enter chooses it and its answer arrives, and Web Chat's live region
// (what a screen reader announces) holds that answer; Escape closes the chat and the focus is back on the bubble.
import { deadline, expectAnswerAfter, inChromium, lastBotMessage, reportErrors, screenshotPath, setting, step } from './support.mjs';

deadline(90);
const sitePage = setting('SITE_URL');
const question = setting('QUESTION');
const nudge = setting('NUDGE');

await inChromium('keyboard', async (browser) => {
  const page = reportErrors(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
  await page.goto(sitePage, { waitUntil: 'load' });
  await page.locator('.cbw-launcher').waitFor();

  // Presses the key until the focused element matches the selector; returns how many presses it took, or 0.
  const pressUntil = async (key, selector, most) => {
    for (let presses = 1; presses <= most; presses++) {
      await page.keyboard.press(key);
      if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector)) {
        return presses;
      }
    }

    return 0;
  };

  step('tabbing to the bubble');
  const tabsToBubble = await pressUntil('Tab', '.cbw-launcher', 10);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('webchat__send-box-text-box__input'), null, { timeout: 30_000 });
  await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').first().waitFor({ timeout: 30_000 });

  step('typing and sending');
  await page.keyboard.type(question);
  await expectAnswerAfter(page, nudge, () => page.keyboard.press('Enter'));
  const answer = await lastBotMessage(page);
  await page.locator('.webchat__suggested-actions button').first().waitFor();

  step('choosing a suggested question');
  const tabsToSuggestion = await pressUntil('Shift+Tab', '.webchat__suggested-actions button', 15);
  const suggested = tabsToSuggestion ? (await page.evaluate(() => document.activeElement.innerText)).trim() : '';

  // Web Chat empties its live region a moment after announcing, so everything it is given is collected.
  await page.evaluate(() => {
    window.__announced = [];
    const region = document.querySelector('.webchat__live-region-transcript');
    new MutationObserver(() => window.__announced.push(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true });
  });
  await expectAnswerAfter(page, nudge, () => page.keyboard.press('Enter'));
  const suggestedAnswer = await lastBotMessage(page);
  const chosenShown = await page.locator('.webchat__bubble--from-user', { hasText: suggested }).count();
  await page.waitForFunction((start) => window.__announced.some((text) => text.includes(start)), suggestedAnswer.slice(0, 60), { timeout: 10_000 }).catch(() => {});
  const announced = await page.evaluate(() => window.__announced);
  await page.screenshot({ path: screenshotPath('keyboard-suggested-answer.png') });

  step('closing with Escape');
  const focusBeforeEscape = await page.evaluate(() => document.activeElement?.className ?? '');
  await page.keyboard.press('Escape');
  const closedWithEscape = await page.locator('.cbw-panel').isHidden();
  const focusBackOnBubble = await page.evaluate(() => document.activeElement?.classList.contains('cbw-launcher') ?? false);

  return { tabsToBubble, answer, tabsToSuggestion, suggested, suggestedAnswer, chosenShown, announced, focusBeforeEscape, closedWithEscape, focusBackOnBubble };
});
