import { nodeGlobToRegExp } from '../../src/models/scripted/node-glob.js';

test.each([
  ['root', 'root', true],
  ['root', 'root.1', false],
  ['root.*', 'root.1', true],
  ['root.*', 'root.1.2', false],
  ['root.*', 'root', false],
  ['root.**', 'root', true],
  ['root.**', 'root.1.2', true],
  ['**', 'root.3.4', true],
  ['**.2', 'root.1.2', true],
  ['**.2', 'root.1.3', false],
  ['root.*.2', 'root.7.2', true],
  ['root.1*', 'root.12', true],
  ['root.1*', 'root.2', false],
])('%s matches %s: %s', (glob, node, expected) => {
  expect(nodeGlobToRegExp(glob).test(node)).toBe(expected);
});
