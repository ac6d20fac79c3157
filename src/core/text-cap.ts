/** Keeps the head and the tail of a long text and says how much was cut, so the model knows output is missing. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (cut: number) => `\n... [${cut} characters cut] ...\n`;
  const budget = Math.max(0, maxChars - marker(text.length).length);
  const head = Math.ceil(budget * 0.6);
  const tail = budget - head;
  const cut = text.length - head - tail;
  return text.slice(0, head) + marker(cut) + (tail > 0 ? text.slice(text.length - tail) : '');
}
