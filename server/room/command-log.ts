/**
 * The acks of a room's recent facilitator commands by `commandId`, so a command sent again (socket.io-client
 * resends an emit whose ack was lost, also across a reconnect) is answered with its first ack and applied once.
 */
import type { Ack } from "../../lib/protocol";

/**
 * How many commands a room remembers. A retry follows its command within the client's retry window (20 tries,
 * 8 s apart); a facilitator clicks far fewer commands than this in that time.
 */
export const COMMAND_LOG_SIZE = 256;

export class CommandLog {
  /** In insertion order, so the oldest is dropped first. */
  private readonly acks = new Map<string, Promise<Ack<unknown>>>();

  constructor(private readonly size = COMMAND_LOG_SIZE) {}

  /**
   * The ack of the command with this id: the remembered one (also while the first is still running, so two
   * copies arriving together apply once), or the one `run` gives. A command that failed with an exception (the
   * store was unreachable) is forgotten: it changed nothing, and sending it again should try again.
   */
  run<T>(commandId: string | undefined, run: () => Promise<Ack<T>>): Promise<Ack<T>> {
    if (commandId === undefined) return run();
    const known = this.acks.get(commandId);
    if (known) return known as Promise<Ack<T>>;
    const ack = run();
    this.acks.set(commandId, ack);
    ack.catch(() => this.acks.delete(commandId));
    if (this.acks.size > this.size) {
      const oldest = this.acks.keys().next().value;
      if (oldest !== undefined) this.acks.delete(oldest);
    }
    return ack;
  }
}
