/**
 * A minimal MCP Apps host for tests: a page in headless Chromium that embeds a view (the built
 * ui:// resource) in a sandboxed iframe and drives it through the ext-apps AppBridge, as Claude or
 * VS Code would: tool input, then the real tool result; resource reads go to the real MCP client.
 */
import { build } from 'esbuild';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CHROMIUM_ARGS, findChromium } from '../../src/testr/engine/browser.js';

const BRIDGE_ENTRY = `
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
window.showView = async (html, toolArguments, toolResult) => {
  for (const old of document.querySelectorAll('iframe')) old.remove();
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.style.cssText = 'width:520px;height:1100px;border:0';
  document.body.append(iframe);
  const bridge = new AppBridge(null, { name: 'test-host', version: '1.0.0' }, { serverResources: {} });
  bridge.onreadresource = (params) => window.readServerResource(params.uri);
  const initialized = new Promise((resolve) => { bridge.oninitialized = resolve; });
  // Listening before the page loads: the view says ui/initialize as soon as its script runs.
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
  iframe.srcdoc = html;
  await initialized;
  await bridge.sendToolInput({ arguments: toolArguments });
  await bridge.sendToolResult(toolResult);
};
`;

let bundled: Promise<string> | undefined;
const bridgeScript = () =>
  (bundled ??= build({ stdin: { contents: BRIDGE_ENTRY, resolveDir: process.cwd(), loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', write: false }).then(
    (result) => result.outputFiles[0]!.text,
  ));

export interface AppHost {
  page: Page;
  /** Shows the view with a tool result; resolves with the view's frame once it has rendered `ready`. */
  show(html: string, args: Record<string, unknown>, result: CallToolResult, ready: string): Promise<Frame>;
  close(): Promise<void>;
}

export async function startAppHost(client: Client): Promise<AppHost> {
  const browser: Browser = await chromium.launch({ executablePath: findChromium(process.env.CHROMIUM_PATH), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 560, height: 1200 } });
  await page.exposeFunction('readServerResource', (uri: string) => client.readResource({ uri }));
  await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: await bridgeScript() });
  return {
    page,
    show: async (html, args, result, ready) => {
      await page.evaluate(([h, a, r]) => (window as unknown as { showView(...x: unknown[]): Promise<void> }).showView(h, a, r), [html, args, result] as const);
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && !candidate.isDetached());
      if (!frame) throw new Error('the view frame did not appear');
      await frame.waitForSelector(ready, { timeout: 15_000 });
      return frame;
    },
    close: () => browser.close(),
  };
}
