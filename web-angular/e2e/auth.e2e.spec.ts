import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, logIn, newContext, PASSWORD, screenshot, signUp, uniqueEmail } from './browser.ts';
import { useE2e } from './fixture.ts';

describe('sign up and log in', () => {
  const e2e = useE2e();

  it('shows errors inline, signs up, survives a reload, logs out and back in', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    const email = uniqueEmail('auth');

    await page.goto('/');
    await page.waitForURL('**/login');
    await expectAccessible(page, 'log in');
    await screenshot(page, 'login');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await expectAccessible(page, 'sign up with an error');
    await screenshot(page, 'signup');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/tasks/today');
    await page.getByRole('heading', { name: 'Today' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    assert.match(await page.locator('.email').innerText(), new RegExp(email.split('@')[0]!));

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();

    await logIn(page, email);
    await context.close();
  });

  it('refuses a second account with the same email, inline', async () => {
    const context = await newContext(e2e.browser, e2e.baseUrl);
    const page = await context.newPage();
    const email = uniqueEmail('dup');
    await signUp(page, email);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByText('An account with this email already exists.').waitFor();
    await context.close();
  });
});
