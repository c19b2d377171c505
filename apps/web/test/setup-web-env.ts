// Web unit tests run in Node (no DOM): the pages' logic is plain TypeScript. What a browser gives
// the modules under test and Node lacks is provided here, as the browser defines it.

/** The Web Storage API over a Map (the spec's semantics: string keys and values). */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(String(key)) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(String(key));
  }
  setItem(key: string, value: string): void {
    this.items.set(String(key), String(value));
  }
}

const g = globalThis as unknown as { localStorage?: Storage; sessionStorage?: Storage };
g.localStorage ??= new MemoryStorage();
g.sessionStorage ??= new MemoryStorage();
