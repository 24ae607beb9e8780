import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Reports which of the host's items became at least half visible, via IntersectionObserver (no
 * scroll listeners, no layout reads). Each item is reported once until `reset()`; deduplication
 * across re-renders is the connector's job (`ListEvents.seen`).
 *
 * @example
 * private impressions = new ImpressionController(this, (els) => this.events?.seen(els.map(toEntry)));
 */
export class ImpressionController implements ReactiveController {
  private _io: IntersectionObserver | undefined;
  private _observed = new WeakSet<Element>();

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _onSeen: (items: Element[]) => void,
    /** The items to watch; default: `[data-af-index]` in the shadow root. */
    private readonly _items: () => Iterable<Element> = () => this._host.shadowRoot?.querySelectorAll('[data-af-index]') ?? [],
  ) {
    this._host.addController(this);
  }

  hostUpdated(): void {
    this.observe();
  }

  /** Starts watching items not watched yet (call after changing the DOM outside a render). */
  observe(): void {
    if (typeof IntersectionObserver !== 'function') return;
    this._io ??= new IntersectionObserver(
      (entries) => {
        const seen = entries.filter((e) => e.isIntersecting).map((e) => e.target);
        for (const el of seen) this._io?.unobserve(el);
        if (seen.length) this._onSeen(seen);
      },
      { threshold: 0.5 },
    );
    for (const el of this._items()) {
      if (this._observed.has(el)) continue;
      this._observed.add(el);
      this._io.observe(el);
    }
  }

  /** Re-arms every item (a new list replaced the old one). */
  reset(): void {
    this._io?.disconnect();
    this._io = undefined;
    this._observed = new WeakSet();
  }

  hostDisconnected(): void {
    this.reset();
  }
}
