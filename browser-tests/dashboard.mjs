// Drives the dashboard as a person would: paste a token, start a session, log an interruption,
// and check that the numbers change without a reload; then, while the test restarts the server,
// that the page reconnects by itself. Usage:
//   node dashboard.mjs <base-url> <api-token> <screenshot-dir>
// It prints "restart the server" and waits for a line on standard input once the server is back.
// Exit status 0 = every check passed; the last line printed says what happened.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const [base, token, shots] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const browser = await chromium.launch({ executablePath, args, timeout: 60000 });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });

  await page.goto(`${base}/dashboard`);
  await page.fill('#token-input', token);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#connection.on', { timeout: 15000 });
  const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

  check(await page.textContent('#today-interruptions') === '0', 'no interruptions at first');
  await page.click('#start-session');
  await page.waitForSelector('#end-session:not([hidden])', { timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('#focus-timer').textContent !== '--:--:--', null, { timeout: 15000 });
  const firstTimer = await page.textContent('#focus-timer');
  await page.waitForFunction((before) => document.querySelector('#focus-timer').textContent !== before, firstTimer, { timeout: 5000 });

  await page.selectOption('#log-type', 'phone');
  await page.fill('#log-ago', '0');
  await page.fill('#log-minutes', '2');
  await page.fill('#log-description', 'A call from the browser test');
  await page.click('#log-submit');
  await page.waitForFunction(() => document.querySelector('#today-interruptions').textContent === '1', null, { timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('#types li[data-type=phone] .muted').textContent.startsWith('1'), null, { timeout: 15000 });
  await page.waitForSelector('#focus-timer.paused', { timeout: 15000 });
  check(await page.evaluate(() => performance.getEntriesByType('navigation').length) === loads, 'the page was never reloaded');
  if (shots) await page.screenshot({ path: `${shots}/dashboard-desktop.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `no horizontal scrolling on a phone-sized screen (overflow ${overflow}px)`);
  if (shots) await page.screenshot({ path: `${shots}/dashboard-phone.png`, fullPage: true });

  console.log('restart the server');
  await page.waitForSelector('#connection.off', { timeout: 30000 });
  await lines.next();
  await page.waitForSelector('#connection.on', { timeout: 30000 });
  check(await page.textContent('#today-interruptions') === '1', 'the state after reconnecting is the same');

  await page.click('#end-session');
  await page.waitForSelector('#start-session:not([hidden])', { timeout: 15000 });
  check(problems.length === 0, problems.join('; '));
  console.log('dashboard: all checks passed');
} finally {
  await browser.close();
  process.stdin.destroy();
}
