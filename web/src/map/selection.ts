export type Selection =
  | { kind: "statement"; id: string }
  | { kind: "link"; from: string; to: string }
  | null;

export const linkKey = (from: string, to: string) => `link:${from}>${to}`;
