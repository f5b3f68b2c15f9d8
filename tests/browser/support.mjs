// Shared by the scenarios: settings from the environment, Debian's Chromium, results for the .NET test that runs them.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** A setting the .NET test passes in the environment; a missing one is a usage error. */
export function setting(name) {
  const value = process.env[name];
  if (!value) {
    fail(`${name} is not set; these scripts are run by tests/CleanseBot.Tests (DirectLine), which sets it.`);
  }

  return value;
}

/** Ends the scenario with its result as the last line of standard output. */
export function succeed(result) {
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

export function fail(message) {
  console.error(message);
  process.exit(1);
}

const started = Date.now();

/** Notes a step on standard error, which the .NET test shows when the scenario fails. */
export function step(what) {
  console.error(`${((Date.now() - started) / 1000).toFixed(2)} s: ${what}`);
}

/** Stops a scenario that hangs, so the .NET test reports it rather than waiting forever. */
export function deadline(seconds) {
  setTimeout(() => fail(`The scenario did not finish within ${seconds} s.`), seconds * 1000).unref();
}

/**
 * Debian's Chromium, headless, with a new empty profile (playwright-core makes one per launch). The flags keep it
 * from calling Google's services, which this machine's closed network refuses; playwright-core never downloads a browser.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where screenshots go: a git-ignored folder the .NET test names. */
export function screenshotPath(name) {
  const folder = setting('ARTIFACTS');
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}

/**
 * Bytes the page received over the network, by origin: each response's headers plus its body as sent (compressed),
 * which is what Chromium's "transferred" column shows. Cache hits count nothing.
 */
export function countTransfers(page) {
  const byOrigin = new Map();
  const pending = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then(
        (sizes) => {
          const origin = new URL(request.url()).origin;
          byOrigin.set(origin, (byOrigin.get(origin) || 0) + sizes.responseHeadersSize + sizes.responseBodySize);
        },
        () => {},
      ),
    );
  });
  return {
    async bytesFrom(origin) {
      await Promise.all(pending);
      return byOrigin.get(origin) || 0;
    },
  };
}

/**
 * Sends a question from Web Chat's send box with the keyboard and waits for a bot message that contains the text
 * every answer ends with. Returns the milliseconds from the Enter key to that message showing, measured in the page.
 */
export async function ask(page, question, answerMarker) {
  // The welcome shows once Web Chat has connected; asking before that raced the connection on a loaded machine.
  await page.waitForSelector('.webchat__bubble:not(.webchat__bubble--from-user)', { timeout: 30_000 });
  const input = page.locator('.webchat__send-box-text-box__input');
  await input.click();
  step('typing the question');
  await input.fill(question);
  await expectAnswerAfter(page, answerMarker, () => input.press('Enter'));
  return page.evaluate(() => window.__cleanseBotTiming.answeredAt - window.__cleanseBotTiming.sentAt);
}

/** Runs the action that sends a message and waits for the next bot message containing the marker. */
export async function expectAnswerAfter(page, answerMarker, send) {
  await page.evaluate((marker) => {
    const answers = () =>
      [...document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)')].filter((bubble) =>
        bubble.textContent.includes(marker),
      ).length;
    const before = answers();
    const timing = { sentAt: 0, answeredAt: 0 };
    window.__cleanseBotTiming = timing;
    const sent = () => {
      if (!timing.sentAt) {
        timing.sentAt = performance.now();
      }
    };
    document.addEventListener('keydown', (event) => event.key === 'Enter' && sent(), { capture: true, once: true });
    document.addEventListener('click', sent, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (answers() > before) {
        timing.answeredAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, answerMarker);
  await send();
  step('sent; waiting for the answer');
  await page.waitForFunction(() => window.__cleanseBotTiming.answeredAt > 0, null, { timeout: 30_000 });
}

/**
 * Waits until Web Chat has scrolled its newest bot message into view, as a visitor would see it, so that a
 * screenshot shows the answer rather than the moment before the scroll. Gives up quietly after 5 s.
 */
export async function showLatest(page) {
  await page
    .waitForFunction(
      () => {
        const bubbles = document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)');
        const latest = bubbles[bubbles.length - 1]?.getBoundingClientRect();
        const view = document.querySelector('.webchat__basic-transcript__scrollable')?.getBoundingClientRect();
        return !latest || !view || (latest.top < view.bottom && latest.bottom > view.top);
      },
      null,
      { timeout: 5_000 },
    )
    .catch(() => {});
}

/** The text of the newest bot message, for the .NET test to check. */
export function lastBotMessage(page) {
  return page
    .locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')
    .last()
    .innerText();
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the whole page, as it is now. Returns each violation's rule, impact and the
 * first few elements it found.
 */
export async function runAxe(page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.length,
      targets: violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
    }));
  });
  return violations;
}

/**
 * The WCAG contrast ratio of the text in the last element matching the selector against what is behind it: its
 * colour, and the backgrounds of it and its ancestors laid over each other, as the browser paints them (any CSS
 * colour syntax, read back through a canvas). Returns the ratio and both colours.
 */
export function textContrast(page, selector) {
  return page.evaluate((selector) => {
    const elements = document.querySelectorAll(selector);
    const container = elements[elements.length - 1];
    if (!container) {
      throw new Error(`No element matches ${selector}.`);
    }

    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, (node) =>
      node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
    );
    const text = walker.nextNode()?.parentElement ?? container;
    const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    const rgba = (colour) => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = colour;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
      return { r, g, b, a: a / 255 };
    };
    const over = (top, below) => ({
      r: top.r * top.a + below.r * (1 - top.a),
      g: top.g * top.a + below.g * (1 - top.a),
      b: top.b * top.a + below.b * (1 - top.a),
      a: 1,
    });

    const layers = [];
    for (let element = text; element; element = element.parentElement) {
      layers.push(rgba(getComputedStyle(element).backgroundColor));
    }

    const background = layers.reduceRight((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
    const foreground = over(rgba(getComputedStyle(text).color), background);
    const luminance = ({ r, g, b }) => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const [lighter, darker] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
    const css = ({ r, g, b }) => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
    return { ratio: Math.round(((lighter + 0.05) / (darker + 0.05)) * 100) / 100, text: css(foreground), background: css(background) };
  }, selector);
}

/**
 * Runs a scenario in Debian's Chromium: the body gets the browser and returns the result for the .NET test. When it
 * throws, every open page is saved as a screenshot (NAME-failure-N.png) and the scenario fails with the error.
 */
export async function inChromium(name, body) {
  const browser = await launchChromium();
  let result;
  try {
    result = await body(browser);
  } catch (error) {
    for (const [index, open] of browser.contexts().flatMap((context) => context.pages()).entries()) {
      await open.screenshot({ path: screenshotPath(`${name}-failure-${index}.png`) }).catch(() => {});
    }

    await browser.close();
    fail(error.stack || String(error));
  }

  await browser.close();
  succeed(result);
}

/** Passes the page's own uncaught errors on to standard error, which the .NET test shows when it fails. */
export function reportErrors(page) {
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}
