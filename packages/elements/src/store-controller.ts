import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Subscribes a Lit element to a nanostore while the element is connected and re-renders it on
 * every change. The store can be swapped (`controller.store = $other`) when an attribute that
 * selects it changes; the old subscription ends at once.
 *
 * @example
 * class MyEl extends LitElement {
 *   private profile = new StoreController(this, runtime.profile.$profile);
 *   render() { return html`${this.profile.value?.lifecycle}`; }
 * }
 */
export class StoreController<T> implements ReactiveController {
  /** The store's current value (`undefined` until a store is set). */
  value: T | undefined;
  private _store: ReadableAtom<T> | undefined;
  private _stop: (() => void) | undefined;
  private _connected = false;

  constructor(
    private readonly _host: ReactiveControllerHost,
    store?: ReadableAtom<T>,
  ) {
    this._host.addController(this);
    this._store = store;
  }

  get store(): ReadableAtom<T> | undefined {
    return this._store;
  }

  set store(store: ReadableAtom<T> | undefined) {
    if (store === this._store) return;
    this._unsubscribe();
    this._store = store;
    this.value = undefined;
    if (this._connected) this._subscribe();
    this._host.requestUpdate();
  }

  hostConnected(): void {
    this._connected = true;
    this._subscribe();
  }

  hostDisconnected(): void {
    this._connected = false;
    this._unsubscribe();
  }

  private _subscribe() {
    this._stop = this._store?.subscribe((v) => {
      this.value = v;
      this._host.requestUpdate();
    });
  }

  private _unsubscribe() {
    this._stop?.();
    this._stop = undefined;
  }
}
