/** One scrape of a Prometheus text exposition, read by series. */
export class Scrape {
  private constructor(private readonly samples: ReadonlyMap<string, number>) {}

  static async of(url: string): Promise<Scrape> {
    const response = await fetch(url);
    if (response.status !== 200) {
      throw new Error(`scrape of ${url} answered ${response.status}`);
    }
    const samples = new Map<string, number>();
    for (const line of (await response.text()).split("\n")) {
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
      if (match) {
        samples.set(seriesKey(match[1] ?? "", parseLabels(match[2] ?? "")), Number(match[3]));
      }
    }
    return new Scrape(samples);
  }

  /** The sample of `name` with exactly these labels; 0 when the series does not exist yet. */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.samples.get(seriesKey(name, labels)) ?? 0;
  }

  /** How much a series moved from `before` to this scrape. */
  since(before: Scrape, name: string, labels: Record<string, string> = {}): number {
    return this.value(name, labels) - before.value(name, labels);
  }
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    labels[name ?? ""] = value ?? "";
  }
  return labels;
}

function seriesKey(name: string, labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`);
  return `${name}{${sorted.join(",")}}`;
}
