/**
 * Ends the current task and continues in a new one, so the page (input, rendering, its own
 * scripts) can run in between: `scheduler.yield()` where the browser has it (the continuation
 * keeps its place ahead of other queued work), else a zero-delay timer.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
