// The chat as visitors see it, on the demo page and on another site's page, each at desktop and phone sizes and in
// light and dark colour schemes, and on a site whose own colour pair cannot be read: after a conversation that shows a user message, an answer, suggested actions, a
// "did you mean" and a refusal, axe-core's WCAG 2.1 A and AA rules, and the contrast of user and bot message text
// against their bubbles and of the bot avatar's initials against the avatar, computed here because axe skips text it
// cannot place over one background (and saw the avatar only when it had been drawn by the time axe ran).
import { ask, deadline, inChromium, reportErrors, runAxe, screenshotPath, setting, step, textContrast } from './support.mjs';

deadline(240);
const botUrl = setting('BOT_URL');
const sitePage = setting('SITE_URL');
const question = setting('QUESTION');
const nudge = setting('NUDGE');

const desktop = { name: 'desktop', viewport: { width: 1280, height: 800 } };
const phone = { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const pages = [
  { name: 'demo', url: botUrl, opensItself: true, sizes: [desktop, phone] },
  { name: 'embedded', url: sitePage, opensItself: false, sizes: [desktop, phone] },
  { name: 'unreadable colours', url: setting('UNREADABLE_COLOURS_URL'), opensItself: false, sizes: [desktop] },
];
const schemes = ['light', 'dark'];

await inChromium('accessibility', async (browser) => {
  const results = [];
  for (const { name, url, opensItself, sizes } of pages) {
    for (const size of sizes) {
      for (const colorScheme of schemes) {
        const label = `${name.replace(' ', '-')}-${size.name}-${colorScheme}`;
        step(label);
        const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch, colorScheme });
        const page = reportErrors(await context.newPage());
        const warnings = [];
        page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
        await page.goto(url, { waitUntil: 'load' });
        if (!opensItself) {
          await page.locator('.cbw-launcher').click();
        }

        await ask(page, question, nudge);
        await ask(page, 'salicylic', 'Did you mean');
        await ask(page, 'what is the capital of France', 'find that in the deep pore cleansing guide');
        await page.locator('.webchat__suggested-actions button').first().waitFor();
        const axe = await runAxe(page);
        const user = await textContrast(page, '.webchat__bubble--from-user .webchat__bubble__content');
        const bot = await textContrast(page, '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
        const avatar = await textContrast(page, '.webchat__initialsAvatar:not(.webchat__initialsAvatar--fromUser) .webchat__initialsAvatar__initials');
        await page.screenshot({ path: screenshotPath(`accessibility-${label}.png`) });
        results.push({ page: name, size: size.name, colorScheme, axe, user, bot, avatar, warnings });
        await context.close();
      }
    }
  }

  return { results };
});
