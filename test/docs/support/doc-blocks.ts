/**
 * Code blocks of a docs page picked by the `<!-- test: name -->` comment right
 * before them (invisible on GitHub), so a test runs exactly what the page shows.
 */
import { readFileSync } from 'node:fs';

export interface DocBlock {
  lang: string;
  code: string;
}

export function docBlocks(file: string): Map<string, DocBlock> {
  const text = readFileSync(file, 'utf8');
  const blocks = new Map<string, DocBlock>();
  // test/docs/examples.test.ts's skip mark may sit between the name and the fence.
  const pattern =
    /<!-- test: ([\w-]+) -->\s*\n(?:<!-- example not run by test\/docs: .* -->\s*\n)?```(\w+)\n([\s\S]*?)\n```/g;
  for (const match of text.matchAll(pattern)) {
    blocks.set(match[1] ?? '', { lang: match[2] ?? '', code: match[3] ?? '' });
  }
  return blocks;
}

export function docBlock(blocks: Map<string, DocBlock>, name: string): DocBlock {
  const block = blocks.get(name);
  if (block === undefined) throw new Error(`no <!-- test: ${name} --> block`);
  return block;
}
