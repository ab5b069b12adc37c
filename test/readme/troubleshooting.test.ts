/**
 * The README's troubleshooting section quotes the library's messages as the library writes them (issue #24).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { ServerlessFunction } from '../../src';
import { errorOf, inlineCode } from '../helpers';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Troubleshooting'), README.indexOf('## Stability'));

describe('README troubleshooting', () => {
  test('BP-F3: the quoted memorySize error is the one the library raises, up to its fix', () => {
    const stack = new Stack(new App(), 'Orders');
    const message = errorOf(() => new ServerlessFunction(stack, 'GetOrder', { code: inlineCode(), memorySize: 64 }));
    const quoted = /\*\*`(\[F3\][^`]*?)Fix: …`\*\*/.exec(section)?.[1];
    expect(quoted).toBeDefined();
    expect(message.startsWith(quoted!)).toBe(true);
  });

  test('the CLI pin it gives is the one this repository uses', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const pin = /aws-cdk@(\^[\d.]+)/.exec(section)?.[1];
    expect(pin).toBeDefined();
    expect(pkg.devDependencies['aws-cdk']).toBe(pin);
  });
});
