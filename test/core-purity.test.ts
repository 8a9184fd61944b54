/**
 * src/core must stay free of browser, UI and Node APIs so the panel, the CLI and the tests share
 * it. The lint rule and the no-DOM tsconfig enforce that; this proves the lint rule bites.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function lintAsCore(code: string) {
  const [result] = await eslint.lintText(code, { filePath: 'src/core/example.ts' });
  return result!.messages.map((m) => m.ruleId);
}

describe('the src/core boundary', () => {
  it('rejects browser, UI and Node imports', async () => {
    expect(await lintAsCore("import { h } from 'preact';\nexport const x = h;\n")).toContain('no-restricted-imports');
    expect(await lintAsCore("import browser from 'webextension-polyfill';\nexport const x = browser;\n")).toContain('no-restricted-imports');
    expect(await lintAsCore("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await lintAsCore("import { x } from '../panel/app';\nexport const y = x;\n")).toContain('no-restricted-imports');
  });

  it('rejects browser globals', async () => {
    expect(await lintAsCore('export const title = document.title;\n')).toContain('no-restricted-globals');
    expect(await lintAsCore('export const get = () => fetch("/");\n')).toContain('no-restricted-globals');
  });

  it('accepts plain TypeScript', async () => {
    expect(await lintAsCore('export const double = (n: number): number => n * 2;\n')).toEqual([]);
  });
});

async function lintAt(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId);
}

describe('the shell boundaries', () => {
  it('only src/devtools imports the browser extension API', async () => {
    const code = "import browser from 'webextension-polyfill';\nexport const x = browser;\n";
    expect(await lintAt('src/panel/components/Example.tsx', code)).toContain('no-restricted-imports');
    expect(await lintAt('src/cli/example.ts', code)).toContain('no-restricted-imports');
    expect(await lintAt('src/devtools/example.ts', code)).toEqual([]);
  });

  it('nothing captured leaves the panel: network APIs only in the replay sender', async () => {
    expect(await lintAt('src/panel/components/Example.tsx', 'export const send = (b: string) => fetch("https://example.test", { method: "POST", body: b });\n')).toContain('no-restricted-globals');
    expect(await lintAt('src/devtools/example.ts', 'export const ws = () => new WebSocket("wss://example.test");\n')).toContain('no-restricted-globals');
    expect(await lintAt('src/panel/store-example.ts', 'export const beacon = (b: string) => navigator.sendBeacon("/x", b);\n')).toContain('no-restricted-properties');
    expect(await lintAt('src/panel/replay-fetch.ts', 'export const send = () => fetch("https://example.test");\n')).toEqual([]);
  });
});
