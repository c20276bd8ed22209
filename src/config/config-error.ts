export type Env = Readonly<Record<string, string | undefined>>;

/** A configuration mistake, with a message that names the key and what is wrong. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}
