// In-process domain events. Kept behind this interface (not LISTEN/NOTIFY) so a later
// multi-process fan-out can replace it without touching publishers.
export interface DomainEvents {
  "response.created": { workspaceId: string; responseIds: string[]; source: string };
}

type Handler<K extends keyof DomainEvents> = (event: DomainEvents[K]) => void | Promise<void>;

export class EventBus {
  readonly #handlers = new Map<keyof DomainEvents, Handler<keyof DomainEvents>[]>();

  on<K extends keyof DomainEvents>(name: K, handler: Handler<K>): () => void {
    const list = this.#handlers.get(name) ?? [];
    list.push(handler as Handler<keyof DomainEvents>);
    this.#handlers.set(name, list);
    return () => list.splice(list.indexOf(handler as Handler<keyof DomainEvents>), 1);
  }

  /** Runs handlers after the publisher's work is committed; a failing handler never fails the publisher. */
  async emit<K extends keyof DomainEvents>(name: K, event: DomainEvents[K]): Promise<void> {
    for (const handler of this.#handlers.get(name) ?? []) {
      try {
        await handler(event);
      } catch (e) {
        console.error(`event handler for ${name} failed:`, e);
      }
    }
  }
}
