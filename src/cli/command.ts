import { Command, type ErrorOptions } from 'commander';

/**
 * Commander's Command with Charter's conventions: an action returns its exit status, and a
 * usage error (unknown option or command, missing argument, bad value) exits 2 with a message
 * that names the command, followed by its usage.
 */
export class CharterCommand extends Command {
  /** The exit status the action that ran returned; kept on the top-level command. */
  status = 0;

  override createCommand(name?: string): CharterCommand {
    return new CharterCommand(name);
  }

  /** "charter requests approve": the words that run this command. */
  path(): string {
    const parent = this.parent as CharterCommand | null;
    return parent ? `${parent.path()} ${this.name()}` : this.name();
  }

  top(): CharterCommand {
    const parent = this.parent as CharterCommand | null;
    return parent ? parent.top() : this;
  }

  // Commander's own type lets a handler return nothing; Charter's return their exit status.
  override action(handler: (...args: never[]) => number | void | Promise<number | void>): this {
    const run = handler as (...args: unknown[]) => number | void | Promise<number | void>;
    return super.action(async (...args: unknown[]) => {
      this.top().status = (await run(...args)) ?? 0;
    });
  }

  /** Commander calls this for every usage error; actions call it for the ones only they can see. */
  override error(message: string, options: ErrorOptions = {}): never {
    // Commander's own messages start "error: " and quote with '…'; Charter's name the command and quote with "…".
    const text = message.startsWith('error: ') ? message.slice('error: '.length).replace(/'([^']*)'/g, '"$1"') : message;
    return super.error(`${this.path()}: ${text}`, { code: options.code ?? 'charter.usage', exitCode: 2 });
  }
}
